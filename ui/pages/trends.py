"""Trends 推移: measures per fiscal year, dependence on the centre, funding, what-if, the annual report."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd
import streamlit as st
from renkei.ui.parts.centre import (
    annual_data,
    centre_picker,
    fy_format,
    fy_name,
    measure,
    pdf_bytes,
    trend_rows,
)
from renkei.ui.parts.common import csv_bytes, empty_store, graph, lang, stored_years, tr

from network.analysis.trend import trend_columns
from network.analysis.whatif import what_if
from network.analysis.years import year_view
from network.present.annual import annual_to_markdown
from network.present.report_labels import sector_text

SHARES = {"cross_sector", "dep_pairs", "dep_cross"}
CHARTS = [
    ("pl_chart_size", ["orgs", "active_orgs", "pairs"]),
    ("density", ["density"]),
    ("pl_chart_fragility", ["cut_points", "components", "isolates"]),
    ("cross_sector", ["cross_sector"]),
    ("dependence", ["dep_pairs", "dep_cross"]),
    ("pl_chart_gaps", ["dep_cut_off", "districts_no_centre", "sector_pairs_no_tie"]),
]


def _flat(rows: list[dict]) -> pd.DataFrame:
    out = []
    for r in rows:
        c = r.get("centre") or {}
        out.append(
            {k: r[k] for k in trend_columns}
            | {
                "dep_cut_off": c.get("cut_off_count"),
                "dep_pairs": c.get("pairs_through"),
                "dep_cross": c.get("cross_sector"),
                "top_brokers": "、".join(b["name"] for b in r["top_brokers"]),
            }
        )
    return pd.DataFrame(out)


def _chart(df: pd.DataFrame, title_key: str, keys: list[str]) -> None:
    long = df.melt(id_vars=["fy"], value_vars=keys, var_name="key", value_name="value").dropna()
    long[tr("pl_measure")] = long["key"].map(measure)
    share = all(k in SHARES for k in keys)
    title = tr(title_key) if title_key.startswith("pl_") else measure(title_key)
    chart = (
        alt.Chart(long, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("fy:O", title=tr("pl_year"), axis=alt.Axis(labelAngle=0, labelOverlap=True)),
            y=alt.Y(
                "value:Q",
                title=tr("pl_share") if share else tr("pl_value"),
                axis=alt.Axis(format="%") if share else alt.Axis(),
            ),
            color=alt.Color(f"{tr('pl_measure')}:N", legend=alt.Legend(orient="bottom", columns=1, labelLimit=0)),
            tooltip=["fy", tr("pl_measure"), alt.Tooltip("value:Q", format=".3~f")],
        )
    )
    st.altair_chart(chart, width="stretch")


def _table(df: pd.DataFrame) -> pd.DataFrame:
    shown = df.copy()
    shown["fy"] = shown["fy"].map(fy_name)
    for k in SHARES & set(shown.columns):
        shown[k] = shown[k].map(
            lambda x: None if x is None or (isinstance(x, float) and math.isnan(x)) else round(100 * x, 1)
        )
    shown = shown.rename(columns={c: measure(c) + (" (%)" if c in SHARES else "") for c in shown.columns})
    return shown


def _funding(data: dict) -> None:
    rows = data["funding"]["centre"]
    st.markdown(f"### {measure('funding')}")
    st.caption(tr("pl_funding_intro"))
    if rows:
        last = rows[-1]
        gov = last["shares"].get("government", 0.0) if last["ties"] else None
        prev = rows[-2]["shares"].get("government", 0.0) if len(rows) > 1 and rows[-2]["ties"] else None
        st.metric(
            tr("pl_funding_gov", fy=fy_name(last["fy"])),
            "–" if gov is None else f"{100 * gov:.0f}%",
            None if gov is None or prev is None else f"{100 * (gov - prev):+.0f} pt",
            delta_color="inverse",
        )
        long = pd.DataFrame(
            [
                {"fy": r["fy"], tr("sector"): sector_text(s, lang()), "share": v}
                for r in rows
                for s, v in r["shares"].items()
            ]
        )
        if not long.empty:
            st.altair_chart(
                alt.Chart(long)
                .mark_bar()
                .encode(
                    x=alt.X("fy:O", title=tr("pl_year"), axis=alt.Axis(labelAngle=0, labelOverlap=True)),
                    y=alt.Y("share:Q", title=tr("pl_share"), axis=alt.Axis(format="%"), stack="zero"),
                    color=alt.Color(f"{tr('sector')}:N", legend=alt.Legend(orient="bottom", labelLimit=0)),
                    tooltip=["fy", tr("sector"), alt.Tooltip("share:Q", format=".0%")],
                ),
                width="stretch",
            )
    orgs = pd.DataFrame(
        [
            {
                measure("name"): o["name"],
                measure("funding_ties"): o["ties"],
                **{sector_text(s, lang()): round(100 * v) for s, v in o["shares"].items()},
            }
            for o in data["funding"]["orgs"]
        ]
    ).fillna(0)
    st.markdown(f"#### {tr('pl_funded', fy=fy_name(data['year']))}")
    if orgs.empty:
        st.caption(tr("nothing"))
    else:
        st.dataframe(orgs, hide_index=True)


def _whatif(G, years: list[int]) -> None:  # type: ignore[no-untyped-def]
    st.markdown(f"### {measure('whatif')}")
    st.caption(tr("pl_whatif_intro"))
    names = {v: str(d.get("name") or v) for v, d in G.nodes(data=True)}
    c1, c2 = st.columns([3, 1])
    with c1:
        picked = st.multiselect(
            tr("pl_whatif_pick"),
            sorted(G, key=lambda v: names[v]),
            format_func=names.get,
            key="pl_whatif_ids",
            placeholder=tr("pl_whatif_pick"),
        )
    with c2:
        fy = st.selectbox(tr("pl_year"), years[::-1], format_func=fy_format(), key="pl_whatif_fy") if years else None
    if not picked:
        return
    U = year_view(G, fy) if fy is not None else None
    if U is None:
        from network.analysis.views import undirected_view

        U = undirected_view(G)
    picked = [v for v in picked if v in U]
    if not picked:
        st.caption(tr("nothing"))
        return
    r = what_if(U, picked)
    b, a = r["before"], r["after"]
    keys = ["orgs", "pairs", "density", "components", "isolates", "largest", "cut_points"]
    table = [{measure("indicator"): measure(k), measure("before"): b[k], measure("after"): a[k]} for k in keys]
    table.append(
        {
            measure("indicator"): measure("top_brokers"),
            measure("before"): "、".join(x["name"] for x in b["top_brokers"]),
            measure("after"): "、".join(x["name"] for x in a["top_brokers"]),
        }
    )
    st.metric(measure("cut_off"), r["cut_off_count"])
    st.dataframe(pd.DataFrame(table).astype(str), hide_index=True)
    if r["cut_off"]:
        st.dataframe(pd.DataFrame({measure("cut_off"): [names.get(v, str(v)) for v in r["cut_off"]]}), hide_index=True)


def _report(years: list[int], centre: object) -> None:
    st.markdown(f"### {measure('report_title')}")
    st.caption(tr("pl_report_intro"))
    fy = st.selectbox(tr("pl_year"), years[::-1], format_func=fy_format(), key="pl_report_fy")
    data = annual_data(fy, centre)
    c1, c2 = st.columns(2)
    with c1:
        if st.button(tr("pl_report_make"), key="pl_report_make"):
            st.session_state["pl_pdf_for"] = (fy, centre, lang())
        if st.session_state.get("pl_pdf_for") == (fy, centre, lang()):
            st.download_button(
                tr("pl_report_download"),
                pdf_bytes(fy, centre),
                file_name=f"renkei-{fy}.pdf",
                mime="application/pdf",
                key="pl_report_pdf",
            )
    with c2:
        st.download_button(
            tr("pl_report_md"),
            annual_to_markdown(data, lang=lang()).encode("utf-8"),
            file_name=f"renkei-{fy}.md",
            mime="text/markdown",
            key="pl_report_mdfile",
        )
    _funding(data)


st.title(tr("trends"))
st.caption(tr("pl_trends_intro"))
if not empty_store():
    G = graph()
    years = stored_years()
    centre = centre_picker(G)
    if not years:
        st.info(tr("pl_no_dates"))
    else:
        first, last = st.select_slider(
            tr("pl_years"), options=years, value=(years[0], years[-1]), format_func=fy_format(), key="pl_years"
        )
        df = _flat(trend_rows(first, last, centre))
        st.markdown(f"### {tr('pl_table')}")
        shown = _table(df)
        st.dataframe(shown, hide_index=True)
        st.download_button(
            tr("download_csv"), csv_bytes(shown), file_name="renkei-trend.csv", mime="text/csv", key="pl_dl_trend"
        )
        st.markdown(f"### {tr('pl_charts')}")
        for i in range(0, len(CHARTS), 2):
            cols = st.columns(2)
            for col, (title, keys) in zip(cols, CHARTS[i : i + 2]):
                with col:
                    _chart(df, title, keys)
        st.markdown(f"### {measure('dependence')}")
        st.caption(tr("pl_dependence_intro"))
        dep = df[["fy", "dep_cut_off", "dep_pairs", "dep_cross"]]
        st.dataframe(_table(dep), hide_index=True)
        if centre is not None:
            _report(years, centre)
    _whatif(G, years)
