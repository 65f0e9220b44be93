"""Changes 変化: compare the network at two dates or fiscal years."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from network.analysis.change import compare
from ui.common import empty_store, graph, sector_label, store, tr
from ui.filters import latest_start_fy, when_widget


@st.cache_data(show_spinner=False, max_entries=16)
def _compare(revision: int, before: object, after: object) -> dict:
    return compare(graph(), before, after)


st.title(tr("changes"))
st.markdown(tr("changes_intro"))
if not empty_store():
    G = graph()
    latest = latest_start_fy(G)  # by default: the newest year with new ties against the year before
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
        m1, m2, m3 = st.columns(3)
        m1.metric(tr("orgs"), r["orgs"]["after"], r["orgs"]["after"] - r["orgs"]["before"])
        m2.metric(tr("new_ties"), len(r["ties"]["added"]))
        m3.metric(tr("ended_ties"), len(r["ties"]["ended"]))
        for key, title in (("added", "new_ties"), ("ended", "ended_ties")):
            st.markdown(f"#### {tr(title)}")
            rows = [{"A": names.get(x["a"], x["a"]), "B": names.get(x["b"], x["b"]), tr("strength"): x.get("strength")}
                    for x in r["ties"][key]]
            st.dataframe(pd.DataFrame(rows), hide_index=True) if rows else st.caption(tr("nothing"))
        st.markdown(f"#### {tr('brokers')}")
        st.write({"+": [names.get(v, v) for v in r["brokers"]["became"]],
                  "−": [names.get(v, v) for v in r["brokers"]["stopped"]]})
        mix = pd.DataFrame(r["mixing"])
        if not mix.empty:
            st.markdown(f"#### {tr('mixing_title')}")
            mix["from"] = mix["from"].map(sector_label)
            mix["to"] = mix["to"].map(sector_label)
            st.dataframe(mix[mix["change"] != 0], hide_index=True)
