"""Organisations 団体: a searchable list and one profile per organisation."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from renkei.ui.parts.common import empty_store, graph, sector_label, store, tr
from renkei.ui.parts.profile import show_profile

st.title(tr("orgs"))
if not empty_store():
    query = st.text_input(tr("search"), key="orgs_search")
    orgs = store().orgs(search=query.strip() or None)
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
    st.dataframe(table, hide_index=True, height=min(420, 38 + 35 * max(len(orgs), 1)))
    ids = [o.id for o in orgs]
    names = {o.id: o.name for o in orgs}
    wanted = st.query_params.get("org")
    index = ids.index(wanted) if wanted in ids else None
    pick = st.selectbox(
        tr("profile"), ids, index=index, format_func=names.get, key="orgs_pick", placeholder=tr("choose_org")
    )
    if pick:
        show_profile(pick, key="orgs_profile")
