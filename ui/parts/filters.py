"""The filter widgets shared by the map and the analysis pages.

Sector, area (district), tie type, minimum strength, a point in time (all
time, a date or a fiscal year 年度) and, when organisations have custom fields
(columns Renkei does not know, issue 12), one custom field and its values.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import streamlit as st
from renkei.ui.parts.common import Filters, menu_years, sector_label, strength_label, tr, type_label

from network.analysis.selection import fiscal_years, latest_start_fy  # noqa: F401 - pages import them here
from network.model import Sector, TieType

__all__ = ["filter_widgets", "fiscal_years", "custom_fields", "custom_widget"]


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

    ``G`` is the stored network (its fiscal years are the menu's, :func:`~renkei.ui.parts.common.menu_years`);
    ``fy_default`` starts on that fiscal year instead of "all time".
    """
    modes = ["all", "fy", "date"]
    names = {"all": tr("when_all"), "fy": tr("when_fy"), "date": tr("when_date")}
    k = f"{key}_mode"
    default = {} if _restore(k) else {"index": 0 if fy_default is None else 1}
    mode = _remember(k, st.radio(label or tr("when"), modes, format_func=names.get, key=k, horizontal=True, **default))
    if mode == "fy":
        years = menu_years()  # of the stored network, read once per revision
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


def custom_fields(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """The custom field names of the organisations in ``G`` and each one's distinct values, sorted.

    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from([("a", {"custom": {"分野": "防災", "電話": "022"}}), ("b", {"custom": {"分野": "子ども"}}), "c"])
    >>> custom_fields(M)
    {'分野': ['子ども', '防災'], '電話': ['022']}
    """
    found: dict[str, set[str]] = {}
    for _, d in G.nodes(data=True):
        for name, value in (d.get("custom") or {}).items():
            if str(value).strip():
                found.setdefault(str(name), set()).add(str(value))
    return {name: sorted(values) for name, values in sorted(found.items())}


def custom_widget(G: nx.MultiDiGraph, key: str) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """A custom field to filter by and its values to keep, as :attr:`Filters.custom` (nothing drawn
    when no organisation has custom fields)."""
    fields = custom_fields(G)
    if not fields:
        return None
    kf, kv = f"{key}_custom_field", f"{key}_custom_values"
    if _restore(kf) and st.session_state[kf] not in fields:
        st.session_state[kf] = None
    field = _remember(
        kf,
        st.selectbox(
            tr("custom_filter"),
            list(fields),
            index=None,
            key=kf,
            placeholder=tr("custom_filter_none"),
            help=tr("custom_filter_help"),
        ),
    )
    if field is None:
        return None
    options = fields[field]
    if _restore(kv) and any(v not in options for v in st.session_state[kv]):
        st.session_state[kv] = [v for v in st.session_state[kv] if v in options]
    values = _remember(
        kv,
        st.multiselect(
            tr("custom_values"),
            options,
            key=kv,
            placeholder=tr("custom_values_all"),
            help=tr("custom_values_help"),
        ),
    )
    return ((str(field), tuple(values)),) if values else None


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
            custom = custom_widget(G, key)
    return Filters(
        as_of=when,
        types=tuple(types) or None,
        sectors=tuple(sectors) or None,
        districts=tuple(areas) or None,
        min_strength=int(minimum),
        custom=custom,
    )
