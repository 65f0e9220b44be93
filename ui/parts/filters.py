"""The filter widgets shared by the map and the analysis pages.

Sector, area (district), tie type, minimum strength and a point in time (all
time, a date or a fiscal year 年度).
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import streamlit as st
from renkei.ui.parts.common import Filters, sector_label, strength_label, tr, type_label

from network.analysis.selection import fiscal_years, latest_start_fy  # noqa: F401 - pages import them here
from network.model import Sector, TieType

__all__ = ["filter_widgets", "fiscal_years"]


def _restore(key: str) -> bool:
    """Give widget ``key`` back the value it had before the user visited another page.

    Streamlit forgets the state of widgets that a run does not draw, so a trip to an
    organisation's profile would reset the map's filters; every filter widget's value is
    kept under a second key and put back when the widget is drawn again.  Returns whether a
    value was restored (the widget is then drawn without a default, which would conflict).
    """
    kept = f"_kept_{key}"
    if key not in st.session_state and kept in st.session_state:
        st.session_state[key] = st.session_state[kept]
        return True
    return key in st.session_state


def _remember(key: str, value: object) -> object:
    st.session_state[f"_kept_{key}"] = value
    return value


def fy_label(fy: int) -> str:
    return f"{fy}年度" if st.session_state.get("lang", "ja") == "ja" else f"FY{fy}"


def when_widget(
    G: nx.MultiDiGraph, key: str, label: str | None = None, *, fy_default: int | None = None
) -> str | int | None:
    """All time, a date or a fiscal year: ``None``, an ISO date or an ``int`` fiscal year.

    ``fy_default`` starts on that fiscal year instead of "all time".
    """
    modes = ["all", "fy", "date"]
    names = {"all": tr("when_all"), "fy": tr("when_fy"), "date": tr("when_date")}
    k = f"{key}_mode"
    default = {} if _restore(k) else {"index": 0 if fy_default is None else 1}
    mode = _remember(k, st.radio(label or tr("when"), modes, format_func=names.get, key=k, horizontal=True, **default))
    if mode == "fy":
        years = fiscal_years(G)
        k = f"{key}_fy"
        if _restore(k) and st.session_state[k] not in years:
            del st.session_state[k]
        start = years.index(fy_default) if fy_default in years else 0
        default = {} if k in st.session_state else {"index": start}
        return _remember(k, st.selectbox(tr("when_fy"), years, format_func=fy_label, key=k, **default))
    if mode == "date":
        k = f"{key}_date"
        default = {} if _restore(k) else {"value": date.today()}
        day = _remember(k, st.date_input(tr("when_date"), key=k, **default))
        return day.isoformat() if day else None
    return None


def filter_widgets(G: nx.MultiDiGraph, key: str = "f") -> Filters:
    """Draw the filters in an expander and return what they chose."""
    districts = sorted({str(d.get("district")) for _, d in G.nodes(data=True) if d.get("district")})
    with st.expander(tr("filters"), expanded=False):
        c1, c2 = st.columns(2)
        with c1:
            for k in (f"{key}_sector", f"{key}_area", f"{key}_type"):
                _restore(k)
            if any(a not in districts for a in st.session_state.get(f"{key}_area", [])):
                st.session_state[f"{key}_area"] = [a for a in st.session_state[f"{key}_area"] if a in districts]
            sectors = _remember(
                f"{key}_sector",
                st.multiselect(
                    tr("sector"),
                    [s.value for s in Sector],
                    format_func=sector_label,
                    key=f"{key}_sector",
                    placeholder=tr("when_all_sectors"),
                ),
            )
            areas = _remember(
                f"{key}_area",
                st.multiselect(tr("area"), districts, key=f"{key}_area", placeholder=tr("when_all_areas")),
            )
            types = _remember(
                f"{key}_type",
                st.multiselect(
                    tr("tie_type"),
                    [x.value for x in TieType],
                    format_func=type_label,
                    key=f"{key}_type",
                    placeholder=tr("when_all_types"),
                ),
            )
        with c2:
            k = f"{key}_strength"
            default = {} if _restore(k) else {"value": 1}
            minimum = _remember(
                k,
                st.select_slider(
                    tr("min_strength"), options=[1, 2, 3, 4, 5], format_func=strength_label, key=k, **default
                ),
            )
            when = when_widget(G, key)
    return Filters(
        as_of=when,
        types=tuple(types) or None,
        sectors=tuple(sectors) or None,
        districts=tuple(areas) or None,
        min_strength=int(minimum),
    )
