"""Brokers 仲介者: brokerage roles (Gould–Fernandez) by sector or by area, ranked; with trust and value
as seen by partners once a survey round has been applied."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from renkei.ui.parts.common import analysis, csv_bytes, empty_store, graph, lang, tr
from renkei.ui.parts.filters import filter_widgets
from renkei.ui.parts.survey_scores import add_score_columns, applied_section, score_caption, scores

from network.explain import explain, label
from network.present.report import org_rows, to_markdown

ROLES = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
TOP = 20

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
    result = analysis(f, attr=attr)
    table = pd.DataFrame(org_rows(result))
    if table.empty:
        st.caption(tr("nothing"))
    else:
        order = table.sort_values(["total", "betweenness"], ascending=False).index
        table = table.loc[order]
        shown = pd.DataFrame(org_rows(result, lang=lang())).loc[order]
        by_org = scores()  # trust and value as seen by partners, once a survey round is applied
        table = add_score_columns(table, list(table["id"]), by_org)
        shown = add_score_columns(shown, list(table["id"]), by_org)
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
        c1.download_button(tr("download_csv"), csv_bytes(table), file_name="renkei-brokers.csv", mime="text/csv")
        c2.download_button(
            tr("download_md"),
            to_markdown(result, lang=lang()).encode("utf-8"),
            file_name="renkei-report.md",
            mime="text/markdown",
        )
