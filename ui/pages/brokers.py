"""Brokers 仲介者: brokerage roles (Gould–Fernandez) by sector or by area, ranked; with trust and value
as seen by partners once a survey round has been applied."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import streamlit as st
from renkei.ui.parts.common import Filters, analysis, csv_bytes, empty_store, graph, lang, store, tr
from renkei.ui.parts.filters import filter_widgets
from renkei.ui.parts.survey_scores import add_score_columns, applied_section, score_caption, scores

from network.explain import explain, label
from network.present.report import org_rows, to_markdown
from network.store import default_store_url

ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
TOP = 20


@st.cache_data(show_spinner=False, max_entries=8)
def _tables(url: str, revision: int, f: Filters, attr: str, lang_: str, score_key: str) -> tuple:
    """``(table, shown, csv, markdown)``: the ranked tables (codes; words), the CSV and the Markdown report,
    made once per store revision, filters, grouping, language and survey figures — at 50,000 organisations
    building them took seconds on every click."""
    result = analysis(f, attr=attr)
    table = pd.DataFrame(org_rows(result))
    if table.empty:
        return table, table, b"", b""
    order = table.sort_values(["total", "betweenness"], ascending=False).index
    table = table.loc[order]
    shown = pd.DataFrame(org_rows(result, lang=lang_)).loc[order]
    by_org = json.loads(score_key)
    table = add_score_columns(table, list(table["id"]), by_org)
    shown = add_score_columns(shown, list(table["id"]), by_org)
    return table, shown, csv_bytes(table), to_markdown(result, lang=lang_).encode("utf-8")


st.title(tr("brokers"))
st.markdown(tr("brokers_intro"))
if not empty_store():
    f = filter_widgets(graph(), "brokers")
    attr = st.radio(
        tr("group_by"),
        ["sector", "district"],
        horizontal=True,
        key="brokers_by",
        format_func=lambda a: tr("by_sector") if a == "sector" else tr("by_area"),
    )
    by_org = scores()  # trust and value as seen by partners, once a survey round is applied
    table, shown, csv, md = _tables(
        default_store_url(), store().revision(), f, attr, lang(), json.dumps(by_org, sort_keys=True, default=str)
    )
    if table.empty:
        st.caption(tr("nothing"))
    else:
        st.markdown(f"#### {tr('top_n', n=TOP)}")
        top = table.head(TOP)
        long = top.melt(id_vars=["id", "name"], value_vars=ROLES, var_name="role", value_name="count")
        long["role"] = [label(r, lang()) for r in long["role"]]
        names = list(top["name"])  # ranked by total, largest first
        chart = (
            alt.Chart(long)
            .mark_bar()
            .encode(
                x=alt.X("sum(count):Q", title=tr("brokers")),
                y=alt.Y("name:N", sort=names, title=None, axis=alt.Axis(labelLimit=320)),
                color=alt.Color("role:N", title=None),
                tooltip=["name:N", "role:N", "count:Q"],
            )
        )
        st.altair_chart(chart, width="stretch")
        st.dataframe(shown, hide_index=True)
        score_caption(applied_section() if by_org else None)
        with st.expander("ℹ️ " + tr("roles")):
            for role in ROLES + ["betweenness", "constraint"]:
                st.markdown(f"- {explain(role, lang())}")
        c1, c2 = st.columns(2)
        c1.download_button(tr("download_csv"), csv, file_name="renkei-brokers.csv", mime="text/csv")
        c2.download_button(
            tr("download_md"),
            md,
            file_name="renkei-report.md",
            mime="text/markdown",
        )
