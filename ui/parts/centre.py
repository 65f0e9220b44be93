"""What the planner's pages (Trends, Districts) share: the centre setting, cached measures, plain text.

The centre (the organisation's own id) is chosen once and kept in ``st.session_state["centre"]``
across pages; it starts from ``RENKEI_CENTRE`` when that names an organisation, else from the
intermediary with the most partners (:func:`network.analysis.dependence.guess_centre`).
"""

from __future__ import annotations

import os

import networkx as nx
import streamlit as st
from renkei.ui.parts.common import graph, lang, store, tr
from renkei.ui.parts.pickers import MATCHES, PICKER_LIMIT, search_ids

from network.analysis.dependence import guess_centre
from network.analysis.views import undirected_view
from network.present.report_labels import lab
from network.store import default_store_url

__all__ = ["plain", "centre_picker", "measure", "trend_rows", "annual_data", "pdf_bytes", "fy_name", "fy_format"]


def plain(text: object) -> str:
    """``text`` as Markdown that shows exactly its text (:func:`renkei.ui.parts.common.md`: escapes, no autolinks)."""
    from renkei.ui.parts.common import md

    return md(text).replace("\n", " ")


def measure(key: str) -> str:
    """A measure's name, the same word as in the printed report (:mod:`network.present.report_labels`)."""
    return lab(key, lang())


def fy_name(fy: int | None) -> str:
    """``2024年度`` / ``FY2024`` in the page's language."""
    return fy_format()(fy)


def fy_format():  # noqa: ANN201 - a format_func
    """A widget ``format_func`` for fiscal years with the language bound now (AppTest calls it later,
    outside the script run, where the session's language cannot be read)."""
    from network.present.report_labels import fy_text

    L = lang()
    return lambda fy: fy_text(fy, L)


@st.cache_resource(show_spinner=False, max_entries=4)
def _choices(url: str, revision: int) -> tuple[object | None, dict]:
    """``(guessed centre, id → name with intermediaries first then by name)`` of the stored network, once
    per store revision (at 50,000 organisations the guess alone reads a 250,000-tie view; read-only)."""
    G = graph()
    names = {v: str(d.get("name") or v) for v, d in G.nodes(data=True)}
    ids = sorted(G, key=lambda v: (G.nodes[v].get("sector") != "intermediary", names[v]))
    return guess_centre(undirected_view(G)), {v: names[v] for v in ids}


def _default_centre(G: nx.MultiDiGraph) -> object | None:
    env = os.environ.get("RENKEI_CENTRE")
    if env and env in G:
        return env
    return _choices(default_store_url(), store().revision())[0]


def centre_picker(G: nx.MultiDiGraph) -> object | None:
    """The centre selectbox (kept in session state across pages); returns the chosen id.

    Above :data:`~renkei.ui.parts.pickers.PICKER_LIMIT` organisations a search box comes first and the list
    holds the chosen centre and the first :data:`~renkei.ui.parts.pickers.MATCHES` matches (intermediaries
    first; with no search, the first intermediaries)."""
    ss = st.session_state
    if ss.get("centre") not in G:
        ss["centre"] = _default_centre(G)
    if ss["centre"] is None:
        st.caption(tr("pl_no_centre"))
        return None
    names = _choices(default_store_url(), store().revision())[1]
    ids = list(names)
    if len(ids) > PICKER_LIMIT:  # with no search: the first intermediaries
        hits = search_ids(st, names, "pl_centre_q", search_for=tr("pl_centre"), default=ids)
        ids = [ss["centre"], *(v for v in hits[:MATCHES] if v != ss["centre"])]
    ss["pl_centre_w"] = ss["centre"]

    def keep() -> None:
        ss["centre"] = ss["pl_centre_w"]

    st.selectbox(
        tr("pl_centre"),
        ids,
        format_func=lambda v: names.get(v, str(v)),
        key="pl_centre_w",
        on_change=keep,
        help=tr("pl_centre_help"),
    )
    return ss["centre"]


@st.cache_data(show_spinner=False, max_entries=16)
def _trend(revision: int, first: int, last: int, centre: object) -> list[dict]:
    from network.analysis.trend import trend

    return trend(graph(), first, last, centre=centre)


def trend_rows(first: int, last: int, centre: object) -> list[dict]:
    """:func:`network.analysis.trend.trend` of the stored network, cached per store revision."""
    return _trend(store().revision(), first, last, centre)


@st.cache_data(show_spinner=False, max_entries=8)
def _annual(revision: int, year: int, centre: object) -> dict:
    from renkei.ui.parts.survey_scores import applied_section

    from network.present.annual import annual_report

    return annual_report(graph(), year=year, centre=centre, survey=applied_section(up_to=year))


def annual_data(year: int, centre: object) -> dict:
    """:func:`network.present.annual.annual_report`, cached per store revision."""
    return _annual(store().revision(), year, centre)


@st.cache_data(show_spinner=False, max_entries=8)
def _pdf(revision: int, year: int, centre: object, lang_: str) -> bytes:
    from network.present.pdf_report import render_pdf

    return render_pdf(_annual(revision, year, centre), lang=lang_)


def pdf_bytes(year: int, centre: object) -> bytes:
    """The annual report PDF in the page's language, cached per store revision."""
    return _pdf(store().revision(), year, centre, lang())
