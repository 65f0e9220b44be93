"""The questionnaire a personal link opens: ``/survey?token=…`` — no sign-in, nothing else of the app.

``app.py`` calls :func:`is_survey_request` before it builds the sidebar or the
navigation; when it is true it runs :func:`run` and stops, so the page has no
sidebar, no other page, and shows nothing of the network but the names on the
round's list (the token's :class:`~network.survey.rounds.LinkSession` is all it
reads).  Every change is written to the store at once (widget callbacks), so a
reload or a lost connection loses nothing; on a new visit the widgets are filled
from the store.  Every name, note and comment is shown as text (``st.text`` or a
widget value), never as Markdown or HTML.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import streamlit as st

from network.errors import RenkeiError
from network.labels import LANGS, t
from network.model import STRENGTH_LABELS, TieType
from network.survey.model import CONTRIBUTIONS, FREQUENCIES, ITEMS, LIMITS, SCALE, SURVEY_TYPES, Answer
from network.survey.rounds import LinkSession, open_link
from network.survey.search import find, search_key

__all__ = ["is_survey_request", "run"]

_FIELDS = ("frequency", "strength", "types", *(i.key for i in ITEMS), "note")


def _lang() -> str:
    return "en" if st.session_state.get("lang") == "en" else "ja"


def tr(key: str, **fmt: object) -> str:
    return t(key, _lang(), **fmt)


def is_survey_request() -> bool:
    """True when this run is a questionnaire link (``/survey?token=…``)."""
    if "token" not in st.query_params:
        return False
    url = getattr(st.context, "url", None) or ""
    return not url or urlsplit(url).path.rstrip("/").endswith("/survey")  # AppTest runs have no URL


def _plain(text: object) -> str:
    """Text for an element that renders Markdown (:func:`renkei.ui.parts.common.md`: escapes, no autolinks)."""
    from renkei.ui.parts.common import md

    return md(text).replace("\n", " ")


def _wkey(pk: str, field: str) -> str:
    return "sv_" + hashlib.sha1(pk.encode("utf-8")).hexdigest()[:12] + "_" + field


def _lab(table: dict, code: object) -> str:
    ja, en, *_ = table[code]
    return ja if _lang() == "ja" else en


def _fail(exc: BaseException) -> None:
    st.session_state["sv_error"] = str(exc)


def _save_answer(session: LinkSession, pk: str, partner: str, partner_name: str) -> None:
    s = st.session_state
    values = {f: s.get(_wkey(pk, f)) for f in _FIELDS}
    try:
        session.save(
            Answer(
                "",
                "",
                partner=partner,
                partner_name=partner_name,
                frequency=values["frequency"] or "",
                strength=values["strength"],
                types=list(values["types"] or []),
                note=values["note"] or "",
                **{i.key: values[i.key] for i in ITEMS},
            )
        )
        s["sv_saved"] = True
    except RenkeiError as exc:
        _fail(exc)


def _add(session: LinkSession, partner: str, partner_name: str, existing: set[str]) -> None:
    try:
        a = Answer("", "", partner=partner, partner_name=partner_name)
        if partner_name and not partner:  # a typed name that is exactly a list name is that organisation
            same = [i for i, n in session.partners() if search_key(n) == search_key(partner_name)]
            if len(same) == 1:
                a = Answer("", "", partner=same[0])
        if a.partner_key not in existing:
            session.save(a)
        st.session_state["sv_pick"] = None
        st.session_state["sv_other"] = ""
        st.session_state["sv_q"] = ""  # the search is done: an empty box, not "not on the list"
    except RenkeiError as exc:
        _fail(exc)


def _remove(session: LinkSession, pk: str) -> None:
    try:
        session.remove(pk)
        for f in _FIELDS:
            st.session_state.pop(_wkey(pk, f), None)
    except RenkeiError as exc:
        _fail(exc)


def _save_self(session: LinkSession, submit: bool | None = None) -> None:
    s = st.session_state
    try:
        session.save_response(list(s.get("sv_contributions") or []), s.get("sv_comment") or "", submit=submit)
        s["sv_saved"] = True
    except RenkeiError as exc:
        _fail(exc)


def _init(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _partner_block(session: LinkSession, a: Answer, names: dict[str, str]) -> None:
    pk = a.partner_key
    for f in _FIELDS:
        _init(_wkey(pk, f), getattr(a, f) if f != "types" else list(a.types))
    args = (session, pk, a.partner, a.partner_name)
    with st.container(border=True):
        st.text(names.get(a.partner, a.partner_name) + ("" if a.partner else " " + tr("sv_not_listed")))
        st.radio(
            tr("sv_frequency"),
            list(FREQUENCIES),
            format_func=lambda c: _lab(FREQUENCIES, c),
            key=_wkey(pk, "frequency"),
            on_change=_save_answer,
            args=args,
            horizontal=True,
            index=None,
        )
        st.radio(
            tr("sv_strength"),
            list(STRENGTH_LABELS),
            key=_wkey(pk, "strength"),
            on_change=_save_answer,
            args=args,
            horizontal=True,
            index=None,
            format_func=lambda n: f"{n} {STRENGTH_LABELS[n][0 if _lang() == 'ja' else 1]}",
        )
        st.pills(
            tr("sv_types"),
            list(SURVEY_TYPES),
            selection_mode="multi",
            key=_wkey(pk, "types"),
            format_func=lambda c: TieType(c).label(_lang()),
            on_change=_save_answer,
            args=args,
        )
        st.caption(tr("sv_items"))
        for item in ITEMS:
            st.radio(
                item.ja if _lang() == "ja" else item.en,
                list(SCALE),
                key=_wkey(pk, item.key),
                index=None,
                format_func=lambda n: f"{n} {SCALE[n][0 if _lang() == 'ja' else 1]}",
                horizontal=True,
                on_change=_save_answer,
                args=args,
            )
        st.text_area(
            tr("sv_note"), key=_wkey(pk, "note"), max_chars=LIMITS.note, height=68, on_change=_save_answer, args=args
        )
        st.button(tr("sv_remove"), key=_wkey(pk, "remove"), on_click=_remove, args=(session, pk))


def _choose(session: LinkSession, answers: list[Answer]) -> None:
    chosen = {a.partner_key for a in answers}
    options = [(i, n) for i, n in session.partners() if i not in chosen]
    query = st.text_input(tr("sv_search"), key="sv_q", max_chars=LIMITS.name)
    hits = find(options, query)
    names = dict(options)
    if query and not hits:
        st.info(tr("sv_no_match"))
    st.selectbox(
        tr("sv_pick"),
        [i for i, _ in hits],
        key="sv_pick",
        index=None,
        placeholder=tr("sv_pick_none"),
        format_func=lambda i: names.get(i, i),
    )
    pick = st.session_state.get("sv_pick")
    st.button(
        tr("sv_add"),
        key="sv_add",
        disabled=pick is None,
        type="primary",
        on_click=_add,
        args=(session, pick or "", "", chosen),
    )
    other = st.text_input(tr("sv_other"), key="sv_other", max_chars=LIMITS.name)
    st.button(
        tr("sv_add_other"),
        key="sv_add_other",
        disabled=not (other or "").strip(),
        on_click=_add,
        args=(session, "", (other or "").strip(), chosen),
    )


#: No sidebar and no app header (nothing else of the app); on a phone, the page starts at the top and the
#: choices of a question sit closer together, so the 1–4 scale fits one line at 390 px.
_STYLE = (
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
    "[data-testid='stHeader']{display:none}"
    "[data-testid='stMainBlockContainer']{padding-top:1.5rem}"
    "[data-testid='stRadio'] [role='radiogroup']{column-gap:.3rem;row-gap:.4rem}"
    "[data-testid='stRadio'] [role='radiogroup'] label{padding-right:0}</style>"
)


def run() -> None:
    """Render the questionnaire of the token in the URL (or say the link does not work)."""
    st.set_page_config(page_title="連携調査 Renkei", layout="centered", initial_sidebar_state="collapsed")
    st.html(_STYLE)
    if "lang" not in st.session_state:
        st.session_state["lang"] = "ja"
    st.radio(
        tr("language"), list(LANGS), format_func=LANGS.get, key="lang", horizontal=True, label_visibility="collapsed"
    )
    from renkei.ui.parts.common import store

    try:
        session = open_link(store(), st.query_params.get("token", ""))
    except RenkeiError:
        session = None
    if session is None:
        st.error(tr("sv_invalid"))
        return
    st.caption(tr("survey"))
    st.header(_plain(session.round), anchor=False)  # the round's name, as text
    st.text(tr("sv_for", org=session.org_name))
    st.caption(tr("sv_deadline", date=session.close_date) if session.close_date else tr("sv_no_deadline"))
    error = st.session_state.pop("sv_error", None)
    if error:
        st.error(_plain(error))
    response = session.response()
    if response.submitted_at:
        st.success(tr("sv_submitted", at=response.submitted_at[:16].replace("T", " ")))
    else:
        st.info(tr("sv_intro"))
    answers = session.answers()
    names = dict(session.partners())

    st.subheader(tr("sv_step_partners"))
    _choose(session, answers)
    st.caption(tr("sv_chosen", n=len(answers)) if answers else tr("sv_none_yet"))
    for a in answers:
        _partner_block(session, a, names)

    st.subheader(tr("sv_step_self"))
    _init("sv_contributions", list(response.contributions))
    _init("sv_comment", response.comment)
    st.pills(
        tr("sv_contributions"),
        list(CONTRIBUTIONS),
        selection_mode="multi",
        key="sv_contributions",
        format_func=lambda c: _lab(CONTRIBUTIONS, c),
        on_change=_save_self,
        args=(session,),
    )
    st.text_area(tr("sv_comment"), key="sv_comment", max_chars=LIMITS.comment, on_change=_save_self, args=(session,))

    st.subheader(tr("sv_step_submit"))
    if response.submitted_at:
        st.success(tr("sv_submitted", at=response.submitted_at[:16].replace("T", " ")))
    else:
        st.warning(tr("sv_not_submitted"))
        st.button(tr("sv_submit"), key="sv_submit", type="primary", on_click=_save_self, args=(session, True))
