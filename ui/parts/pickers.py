"""Pickers that stay quick at any size: organisations and ties.

A selectbox sends every option to the browser on every run: 20,000 names cost ~2-3 s a run, 250,000 ties
tens of seconds (measured, issue 14).  Above :data:`PICKER_LIMIT` organisations a search box comes first and
the selectbox lists only the names matching it; above :data:`PICKER_LIMIT` ties an organisation is chosen
first and the selectbox lists its ties.  Small networks keep one plain list.

Search boxes rerun the page as they are typed in, so a picker is drawn outside any ``st.form``.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from renkei.ui.parts.common import get_store, store, tr, type_label

from network.model import Tie
from network.store import default_store_url

__all__ = ["PICKER_LIMIT", "MATCHES", "org_picker", "search_ids", "tie_picker", "tie_label"]

#: above this many organisations (or ties) a picker narrows the list first: a selectbox holding every
#: organisation costs the browser seconds on every run (20,000 names: ~2-3 s each, measured)
PICKER_LIMIT = 1000
#: the most matches a search picker lists
MATCHES = 100


def search_ids(
    box,  # noqa: ANN001 - a Streamlit container (st, a column)
    names: dict[str, str],
    key: str,
    *,
    search_for: str | None = None,
    default: list | None = None,
) -> list:
    """The search box of a large picker (state key ``key``): the ids of ``names`` (in its order) whose name or
    id contains the text typed, or ``default`` (none) while it is empty; says when there are more than
    :data:`MATCHES` or none."""
    q = (
        box.text_input(
            tr("org_search_for", what=search_for) if search_for else tr("org_search_q"),
            key=key,
            max_chars=200,
            placeholder=tr("org_search_q_placeholder"),
            help=tr("org_search_q_help", n=len(names)),
        )
        .strip()
        .casefold()
    )
    if not q:
        hits = list(default or [])
    else:
        hits = [v for v, name in names.items() if q in name.casefold() or q in str(v).casefold()]
        if not hits:
            box.caption(tr("org_search_none"))
    if len(hits) > MATCHES:
        box.caption(tr("org_search_more", shown=MATCHES, n=len(hits)))
    return hits


def org_picker(
    box,  # noqa: ANN001 - a Streamlit container (st, a column)
    label: str,
    names: dict[str, str],
    key: str,
    *,
    placeholder: str,
    help: str | None = None,  # noqa: A002 - Streamlit's name
    on_change: Callable[[], None] | None = None,
    search_for: str | None = None,
) -> str | None:
    """A selectbox of organisations (``names``: id → name, in order); above :data:`PICKER_LIMIT` a search box
    comes first and the selectbox lists only the names (or ids) containing its text, at most :data:`MATCHES`
    (the one chosen stays listed while the search changes).  ``search_for``: the search box says what it
    finds (「連携元」を名前で探す), for pages with several."""
    if len(names) <= PICKER_LIMIT:
        return box.selectbox(
            label,
            list(names),
            index=None,
            key=key,
            format_func=names.get,
            placeholder=placeholder,
            help=help,
            on_change=on_change,
        )
    shown = search_ids(box, names, f"{key}_q", search_for=search_for)[:MATCHES]
    chosen = st.session_state.get(key)
    if chosen in names and chosen not in shown:  # the choice stays while the search changes
        shown.insert(0, chosen)
    typed = bool(st.session_state.get(f"{key}_q", "").strip())
    return box.selectbox(
        label,
        shown,
        index=None,
        key=key,
        format_func=lambda v: names.get(v, str(v)),
        placeholder=placeholder if typed or shown else tr("org_search_type"),
        help=help,
        on_change=on_change,
    )


def tie_label(t: Tie, names: dict[str, str]) -> str:
    """``A → B (type 2020-04-01〜)``: a tie in words for a picker (a selectbox shows it as text)."""
    arrow = "→" if t.directed else "–"
    span = f" {t.start or ''}〜{t.end or ''}" if (t.start or t.end) else ""
    return f"{names.get(t.source, t.source)} {arrow} {names.get(t.target, t.target)} ({type_label(t.type)}{span})"


@st.cache_resource(show_spinner=False, max_entries=2)
def _small_ties(url: str, revision: int) -> dict[str, Tie]:
    """Every tie of a store holding at most :data:`PICKER_LIMIT` (read once per revision; read-only)."""
    return {t.id: t for t in get_store(url).ties()}


def tie_picker(
    label: str,
    names: dict[str, str],
    key: str,
    *,
    placeholder: str,
    open_only: bool = False,
    on_change: Callable[[], None] | None = None,
) -> str | None:
    """A selectbox of ties (``open_only``: those not ended), shown as :func:`tie_label`.

    Up to :data:`PICKER_LIMIT` ties it lists them all; above, an organisation is chosen first
    (:func:`org_picker`, key ``{key}_org``) and the list holds its ties only, read from the store."""
    s = store()
    if s.counts().get("ties", 0) <= PICKER_LIMIT:
        ties = _small_ties(default_store_url(), s.revision())
    else:
        org = org_picker(
            st,
            tr("tie_org"),
            names,
            f"{key}_org",
            placeholder=tr("choose_org"),
            help=tr("tie_org_help"),
            search_for=tr("tie_org"),
        )
        ties = {t.id: t for t in s.ties(org=org)} if org else {}
        if org and not ties:
            st.caption(tr("tie_org_none"))
    if open_only:
        ties = {i: t for i, t in ties.items() if not t.end}
    return st.selectbox(
        label,
        list(ties),
        index=None,
        key=key,
        on_change=on_change,
        format_func=lambda i: tie_label(ties[i], names) if i in ties else str(i),
        placeholder=placeholder,
    )
