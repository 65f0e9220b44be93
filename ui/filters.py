"""The filter widgets shared by the map and the analysis pages.

Sector, area (district), tie type, minimum strength and a point in time (all
time, a date or a fiscal year 年度).
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import streamlit as st

from network.model import Sector, TieType, fiscal_year
from ui.common import Filters, sector_label, strength_label, tr, type_label

__all__ = ["filter_widgets", "fiscal_years"]


def fiscal_years(G: nx.MultiDiGraph) -> list[int]:
    """Fiscal years the ties' dates touch, newest first (this year when there are none)."""
    years = set()
    for _, _, d in G.edges(data=True):
        for key in ("start", "end"):
            if d.get(key):
                try:
                    years.add(fiscal_year(date.fromisoformat(str(d[key])[:10])))
                except ValueError:
                    pass
    if years:
        years = set(range(min(years), max(years) + 1))
    years.add(fiscal_year(date.today()))
    return sorted(years, reverse=True)


def latest_start_fy(G: nx.MultiDiGraph) -> int | None:
    """The newest fiscal year in which some tie started (``None`` without dated ties)."""
    starts = [str(d["start"])[:10] for _, _, d in G.edges(data=True) if d.get("start")]
    try:
        return fiscal_year(date.fromisoformat(max(starts))) if starts else None
    except ValueError:
        return None


def fy_label(fy: int) -> str:
    return f"{fy}年度" if st.session_state.get("lang", "ja") == "ja" else f"FY{fy}"


def when_widget(G: nx.MultiDiGraph, key: str, label: str | None = None, *,
                fy_default: int | None = None) -> str | int | None:
    """All time, a date or a fiscal year: ``None``, an ISO date or an ``int`` fiscal year.

    ``fy_default`` starts on that fiscal year instead of "all time".
    """
    modes = ["all", "fy", "date"]
    names = {"all": tr("when_all"), "fy": tr("when_fy"), "date": tr("when_date")}
    mode = st.radio(label or tr("when"), modes, format_func=names.get, key=f"{key}_mode", horizontal=True,
                    index=0 if fy_default is None else 1)
    if mode == "fy":
        years = fiscal_years(G)
        start = years.index(fy_default) if fy_default in years else 0
        return st.selectbox(tr("when_fy"), years, format_func=fy_label, key=f"{key}_fy", index=start)
    if mode == "date":
        day = st.date_input(tr("when_date"), value=date.today(), key=f"{key}_date")
        return day.isoformat() if day else None
    return None


def filter_widgets(G: nx.MultiDiGraph, key: str = "f") -> Filters:
    """Draw the filters in an expander and return what they chose."""
    districts = sorted({str(d.get("district")) for _, d in G.nodes(data=True) if d.get("district")})
    with st.expander(tr("filters"), expanded=False):
        c1, c2 = st.columns(2)
        with c1:
            sectors = st.multiselect(tr("sector"), [s.value for s in Sector], format_func=sector_label,
                                     key=f"{key}_sector", placeholder=tr("when_all_sectors"))
            areas = st.multiselect(tr("area"), districts, key=f"{key}_area", placeholder=tr("when_all_areas"))
            types = st.multiselect(tr("tie_type"), [x.value for x in TieType], format_func=type_label,
                                   key=f"{key}_type", placeholder=tr("when_all_types"))
        with c2:
            minimum = st.select_slider(tr("min_strength"), options=[1, 2, 3, 4, 5], value=1,
                                       format_func=strength_label, key=f"{key}_strength")
            when = when_widget(G, key)
    return Filters(as_of=when, types=tuple(types) or None, sectors=tuple(sectors) or None,
                   districts=tuple(areas) or None, min_strength=int(minimum))
