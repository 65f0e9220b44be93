"""Organisations 団体: a searchable list and one profile per organisation."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from renkei.ui.parts.common import empty_store, graph, lang, sector_label, store, tr
from renkei.ui.parts.pickers import MATCHES, PICKER_LIMIT
from renkei.ui.parts.profile import show_profile

from network.store import default_store_url


@st.cache_data(show_spinner=False, max_entries=16)
def _listing(url: str, revision: int, query: str, lang_: str) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """``(table, ids, names)`` of the organisations matching ``query``, cached per store revision and language:
    at 50,000 organisations reading them and counting their partners took seconds on every click."""
    orgs = store().orgs(search=query or None)
    degree = dict(graph().to_undirected(as_view=True).degree())
    table = pd.DataFrame(
        [
            {
                tr("name"): o.name,
                tr("sector"): sector_label(o.sector),
                tr("kind"): o.kind,
                tr("city"): o.city,
                tr("district"): o.district,
                tr("degree"): degree.get(o.id, 0),
                "id": o.id,
            }
            for o in orgs
        ]
    )
    return table, [o.id for o in orgs], {o.id: o.name for o in orgs}


st.title(tr("orgs"))
if not empty_store():
    query = st.text_input(tr("search"), key="orgs_search").strip()
    table, ids, names = _listing(default_store_url(), store().revision(), query, lang())
    st.dataframe(table, hide_index=True, height=min(420, 38 + 35 * max(len(ids), 1)))
    wanted = st.query_params.get("org")
    shown = ids
    if len(ids) > PICKER_LIMIT:  # a list of every organisation costs the browser seconds a click
        shown = ids[:MATCHES]
        for v in (st.session_state.get("orgs_pick"), wanted):
            if v in names and v not in shown:  # a choice (or a profile link's) stays in the list
                shown = [v, *shown]
        st.caption(tr("org_search_more", shown=MATCHES, n=len(ids)))
    index = shown.index(wanted) if wanted in shown else None
    pick = st.selectbox(
        tr("profile"), shown, index=index, format_func=names.get, key="orgs_pick", placeholder=tr("choose_org")
    )
    if pick:
        show_profile(pick, key="orgs_profile")
