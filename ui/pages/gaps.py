"""Gaps ギャップ: density and centralization, the sector gap heatmap and the sector pairs with no
tie, E–I index, communities (by their labels), fragile points, introductions; once a survey round has
been applied, its response rate, reciprocity and mean trust and value, and the trust and value of the
cut points and introducers as seen by their partners."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd
import streamlit as st
from renkei.ui.parts.common import analysis, csv_bytes, empty_store, graph, lang, report_markdown, sector_label, tr
from renkei.ui.parts.filters import filter_widgets
from renkei.ui.parts.survey_scores import add_score_columns, applied_section, scores, survey_metrics

from network.explain import explain, label
from network.model import Sector


def _section(title: str, intro: str, df: pd.DataFrame, name: str) -> None:
    st.markdown(f"### {title}")
    st.caption(intro)
    if df.empty:
        st.caption(tr("nothing"))
        return
    st.dataframe(df, hide_index=True)
    st.download_button(
        tr("download_csv"), csv_bytes(df), file_name=f"renkei-{name}.csv", mime="text/csv", key=f"dl_{name}"
    )


def _fmt(x: float | None, digits: int) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


def _overview(g: dict) -> None:
    """Density and Freeman centralization, each with its one-sentence meaning."""
    L = lang()
    cen = g.get("centralization") or {}
    st.markdown(f"### {tr('overview_title')}")
    c1, c2, c3 = st.columns(3)
    c1.metric(label("density", L), _fmt(g.get("density"), 3))
    c2.metric(label("centralization_degree", L), _fmt(cen.get("degree"), 2))
    c3.metric(label("centralization_betweenness", L), _fmt(cen.get("betweenness"), 2))
    st.caption(explain("density", L) + " " + explain("centralization", L))


def _cells(result: dict, directed: bool) -> pd.DataFrame:
    """One row per heatmap cell: both orders of a pair for the undirected view."""
    rows = []
    if directed:
        for r in result.get("sector_mixing") or []:
            rows.append(
                {
                    "row": sector_label(r["from"]),
                    "col": sector_label(r["to"]),
                    "ties": r["present"],
                    "possible": r["possible"],
                    "density": r["density"],
                    "ratio": r["ratio"],
                }
            )
    else:
        for r in result.get("sector_gaps") or []:
            cell = {"ties": r["ties"], "possible": r["possible"], "density": r["density"], "ratio": r["ratio"]}
            rows.append({"row": sector_label(r["a"]), "col": sector_label(r["b"]), **cell})
            if r["a"] != r["b"]:
                rows.append({"row": sector_label(r["b"]), "col": sector_label(r["a"]), **cell})
    df = pd.DataFrame(rows)
    if not df.empty:
        df["text"] = [
            f"{_fmt(x, 2)} ({t})" if p else "–" for x, t, p in zip(df["ratio"], df["ties"], df["possible"], strict=True)
        ]
    return df


def _heatmap(result: dict) -> None:
    st.markdown(f"### {tr('mixing_title')}")
    view = st.radio(
        tr("gaps_view"),
        ["pairs", "arcs"],
        horizontal=True,
        key="gaps_view",
        format_func=lambda v: tr("gaps_view_pairs") if v == "pairs" else tr("gaps_view_arcs"),
    )
    directed = view == "arcs"
    st.caption(
        tr("arcs_heat_intro" if directed else "gaps_heat_intro")
        + " "
        + explain("sector_mixing" if directed else "sector_gaps", lang())
    )
    df = _cells(result, directed)
    if df.empty:
        st.caption(tr("nothing"))
        return
    shown = set(df["row"]) | set(df["col"])
    order = [x for x in (sector_label(c.value) for c in Sector) if x in shown] + sorted(
        shown - {sector_label(c.value) for c in Sector}
    )  # the sectors in their usual order
    x_title, y_title = (tr("to_sector"), tr("from_sector")) if directed else (tr("sector"), tr("sector"))
    base = alt.Chart(df).encode(
        x=alt.X("col:N", title=x_title, sort=order, axis=alt.Axis(labelLimit=0, labelAngle=-40, labelOverlap=False)),
        y=alt.Y("row:N", title=y_title, sort=order, axis=alt.Axis(labelLimit=0, labelOverlap=False)),
    )
    heat = base.mark_rect().encode(
        # diverging at 1 (the overall density), clamped at 2 so that the cells near 1 stay apart
        color=alt.Color(
            "ratio:Q", title=tr("ratio"), scale=alt.Scale(scheme="blueorange", domain=[0, 2], domainMid=1, clamp=True)
        ),
        tooltip=[
            alt.Tooltip("row:N", title=y_title),
            alt.Tooltip("col:N", title=x_title),
            alt.Tooltip("ties:Q", title=tr("tied_pairs") if not directed else tr("ties")),
            alt.Tooltip("possible:Q", title=tr("possible_pairs")),
            alt.Tooltip("density:Q", title=label("density", lang()), format=".3f"),
            alt.Tooltip("ratio:Q", title=tr("ratio"), format=".2f"),
        ],
    )
    text = base.mark_text(fontSize=11).encode(
        text="text:N",
        color=alt.condition("datum.ratio < 0.35 || datum.ratio > 1.7", alt.value("white"), alt.value("black")),
    )
    st.altair_chart((heat + text).properties(height=46 * len(order) + 40), width="stretch")
    if directed:
        return
    table = pd.DataFrame(
        [
            {
                tr("sector_1"): sector_label(r["a"]),
                tr("sector_2"): sector_label(r["b"]),
                tr("tied_pairs"): r["ties"],
                tr("possible_pairs"): r["possible"],
                label("density", lang()): r["density"],
                tr("ratio"): r["ratio"],
            }
            for r in _in_sector_order(result.get("sector_gaps") or [])
        ]
    )
    st.dataframe(table, hide_index=True)
    st.download_button(
        tr("download_csv"), csv_bytes(table), file_name="renkei-sector-gaps.csv", mime="text/csv", key="dl_sector_gaps"
    )
    _no_tie(result)


def _in_sector_order(rows: list[dict]) -> list[dict]:
    rank = {c.value: i for i, c in enumerate(Sector)}
    return sorted(rows, key=lambda r: (rank.get(r["a"], 99), rank.get(r["b"], 99), r["a"], r["b"]))


def _no_tie(result: dict) -> None:
    """The plain list: sector pairs with no tie, each with the introductions that would close it."""
    empty = [r for r in _in_sector_order(result.get("sector_gaps") or []) if r["ties"] == 0 and r["possible"]]
    st.markdown(f"#### {tr('no_tie_title')}")
    if not empty:
        st.caption(tr("nothing"))
        return
    st.caption(tr("no_tie_intro"))
    sep, (lb, rb) = ("、", "（）") if lang() == "ja" else ("; ", "()")
    rows = []
    for r in empty:
        intro = sep.join(
            f"{i['a_name']} × {i['b_name']} {lb}{tr('introduced_by')}: {i['introducer_name']}{rb}"
            for i in r.get("introductions") or []
        )
        rows.append(
            {
                tr("sector_1"): sector_label(r["a"]),
                tr("sector_2"): sector_label(r["b"]),
                tr("possible_pairs"): r["possible"],
                tr("intro_title"): intro or tr("no_introducer"),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def _communities(result: dict) -> None:
    L = lang()
    comms = result.get("communities") or []
    labels = {c["id"]: (c.get("label") or {}).get(L, str(c["id"])) for c in comms}
    sep = "、" if L == "ja" else ", "
    table = pd.DataFrame(
        [
            {
                tr("community"): labels[c["id"]],
                tr("community_members"): c["size"],
                tr("community_sectors"): sep.join(f"{sector_label(k)} {v}" for k, v in list(c["sectors"].items())[:4]),
                tr("community_districts"): sep.join(f"{k} {v}" for k, v in list(c["districts"].items())[:4]),
                tr("community_connectors"): sep.join(x["name"] for x in c.get("connectors", [])[:3]),
            }
            for c in comms
            if c["size"] >= 2
        ]
    )
    _section(tr("communities_title"), tr("communities_intro") + " " + explain("community", L), table, "communities")
    names = {o["id"]: o["name"] for o in result["orgs"]}
    shown = {c["id"] for c in comms if c["size"] >= 2}
    pairs = sorted(
        (r for r in result.get("community_ties") or [] if r["a"] != r["b"] and r["a"] in shown and r["b"] in shown),
        key=lambda r: (r["ties"], r["a"], r["b"]),
    )
    if pairs:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("community_1"): labels[r["a"]],
                        tr("community_2"): labels[r["b"]],
                        tr("ties"): r["ties"],
                        tr("between_orgs"): sep.join(
                            f"{names.get(a, a)} – {names.get(b, b)}"
                            for a, b in zip(r.get("a_orgs", [])[:3], r.get("b_orgs", [])[:3], strict=False)
                        ),
                    }
                    for r in pairs[:50]
                ]
            ),
            hide_index=True,
        )


st.title(tr("gaps"))
if not empty_store():
    f = filter_widgets(graph(), "gaps")
    result = analysis(f)
    names = {o["id"]: o["name"] for o in result["orgs"]}
    nm = lambda v: names.get(v, str(v))  # noqa: E731

    _overview(result["graph"])
    by_org = scores()  # trust and value as seen by partners, once a survey round is applied
    survey_metrics(applied_section() if by_org else None)
    _heatmap(result)

    ei = result.get("ei_index") or {}
    _section(
        tr("ei_title"),
        tr("ei_intro"),
        pd.DataFrame([{tr("sector"): sector_label(k), "E–I": v} for k, v in (ei.get("by_group") or {}).items()]),
        "ei-index",
    )

    _communities(result)

    frag = [
        {
            tr("name"): nm(c["id"]),
            tr("depends"): c["cut_off_count"],
            tr("partner"): ", ".join(nm(x) for x in c.get("cut_off", [])[:10]),
        }
        for c in result.get("cut_points", [])
    ]
    frag += [
        {
            tr("name"): f"{nm(b['a'])} – {nm(b['b'])}",
            tr("depends"): b["cut_off_count"],
            tr("partner"): ", ".join(nm(x) for x in b.get("cut_off", [])[:10]),
        }
        for b in result.get("bridges", [])
    ]
    cut_ids = [c["id"] for c in result.get("cut_points", [])]
    frag_df = pd.DataFrame(frag)
    if by_org and cut_ids:  # the scores of the cut points (a bridge row is a pair: no score)
        frag_df = add_score_columns(frag_df, cut_ids + [None] * (len(frag) - len(cut_ids)), by_org)
    _section(tr("fragile_title"), tr("fragile_intro") + " " + explain("cut_point", lang()), frag_df, "fragile")

    intro = [
        {
            "A": i.get("a_name") or nm(i["a"]),
            "B": i.get("b_name") or nm(i["b"]),
            tr("introducer"): i.get("introducer_name") or nm(i.get("introducer")),
            tr("score"): round(i.get("score") or 0, 2),
            tr("reason"): (i.get("reason") or {}).get(lang(), "")
            if isinstance(i.get("reason"), dict)
            else str(i.get("reason") or ""),
        }
        for i in result.get("introductions", [])
    ]
    intro_df = pd.DataFrame(intro)
    if by_org and not intro_df.empty:
        intro_df[tr("sv_col_introducer_trust")] = [
            (lambda x: None if x is None else round(x, 2))(by_org.get(i.get("introducer"), {}).get("trust"))
            for i in result.get("introductions", [])
        ]
    _section(tr("intro_title"), tr("intro_intro"), intro_df, "introductions")

    st.download_button(
        tr("download_md"),
        report_markdown(f),
        file_name="renkei-report.md",
        mime="text/markdown",
        key="dl_report",
    )
