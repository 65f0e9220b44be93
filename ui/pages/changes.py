"""Changes 変化: compare the network at two dates or fiscal years."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from renkei.ui.parts.common import empty_store, graph, latest_fy, sector_label, store, strength_label, tr
from renkei.ui.parts.filters import when_widget

from network.analysis.change import compare


@st.cache_data(show_spinner=False, max_entries=16)
def _compare(revision: int, before: object, after: object) -> dict:
    return compare(graph(), before, after)


def _table(rows: list[dict]) -> None:
    """A table, or "nothing found" (never a bare expression: Streamlit's magic would print it)."""
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True)
    else:
        st.caption(tr("nothing"))


st.title(tr("changes"))
st.markdown(tr("changes_intro"))
if not empty_store():
    G = graph()
    latest = latest_fy()  # by default: the newest year with new ties against the year before
    c1, c2 = st.columns(2)
    with c1:
        before = when_widget(G, "chg_before", tr("before"), fy_default=latest - 1 if latest else None)
    with c2:
        after = when_widget(G, "chg_after", tr("after"), fy_default=latest)
    if before is None or after is None:
        st.caption(tr("when_fy") + " / " + tr("when_date"))
    else:
        r = _compare(store().revision(), before, after)
        names = {v: str(d.get("name") or v) for v, d in G.nodes(data=True)}
        sectors = {v: d.get("sector") for v, d in G.nodes(data=True)}
        active = r["active_orgs"]
        m1, m2, m3 = st.columns(3)
        m1.metric(tr("active_orgs"), active["after"], active["after"] - active["before"], help=tr("active_orgs_help"))
        m2.metric(tr("new_ties"), len(r["ties"]["added"]))
        m3.metric(tr("ended_ties"), len(r["ties"]["ended"]))
        for key, title in (("added", "new_ties"), ("ended", "ended_ties")):
            st.markdown(f"#### {tr(title)}")
            _table(
                [
                    {
                        tr("name"): names.get(x["a"], x["a"]),
                        tr("partner"): names.get(x["b"], x["b"]),
                        tr("strength"): strength_label(x.get("strength")),
                    }
                    for x in r["ties"][key]
                ]
            )
        st.markdown(f"#### {tr('brokers')}")
        _table(
            [
                {tr("name"): names.get(v, v), tr("sector"): sector_label(sectors.get(v)), tr("broker_change"): tr(word)}
                for word, ids in (
                    ("became_broker", r["brokers"]["became"]),
                    ("stopped_broker", r["brokers"]["stopped"]),
                )
                for v in ids
            ]
        )
        pairs = [g for g in r.get("gaps", []) if g["ties_before"] != g["ties_after"]]
        st.markdown(f"#### {tr('gaps_change_title')}")
        _table(
            [
                {
                    tr("sector_1"): sector_label(g["a"]),
                    tr("sector_2"): sector_label(g["b"]),
                    tr("tied_before"): g["ties_before"],
                    tr("tied_after"): g["ties_after"],
                    tr("density_before"): round(g["before"], 3),
                    tr("density_after"): round(g["after"], 3),
                }
                for g in sorted(pairs, key=lambda g: -abs(g["ties_after"] - g["ties_before"]))
            ]
        )
        moved = [m for m in r["mixing"] if m["change"] == m["change"] and m["change"] != 0]
        if moved:
            st.markdown(f"#### {tr('mixing_change_title')}")
            _table(
                [
                    {
                        tr("from_sector"): sector_label(m["from"]),
                        tr("to_sector"): sector_label(m["to"]),
                        tr("density_before"): round(m["before"], 3),
                        tr("density_after"): round(m["after"], 3),
                        tr("change"): round(m["change"], 3),
                    }
                    for m in sorted(moved, key=lambda m: -abs(m["change"]))
                ]
            )
