"""Add 追加: forms to add or edit an organisation, and to add, edit or end a tie.

The forms go through the same validation as a file import (``ingest.validate``)
and the same name matching (``ingest.resolve``): a new name that normalises
like an existing organisation gets a "did you mean" warning before it is
saved; one that only folds like it (みやぎ/ミヤギ, 髙/高, 前株/後株: ``ingest.fold``) too, with a
button to open the stored organisation and one to add the typed name as its alias.  Form values live in ``st.session_state`` so nothing typed is lost on a
validation error.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st
from renkei.ui.parts.auth import require_role, user_name
from renkei.ui.parts.common import (
    empty_store,
    md,
    org_names,
    sector_label,
    show_error,
    store,
    strength_label,
    tr,
    type_label,
)
from renkei.ui.parts.pickers import org_picker, tie_picker

from ingest.forms import FORM_FILE, check_form_fields, similar_orgs, validate_org_form, validate_tie_form
from ingest.normalise import normalise_name
from ingest.report import RowError
from ingest.validate import validate_org_row
from network.model import Sector, TieType, org_id_for
from network.store.base import ChangeSet

ORG_FIELDS = [
    "name",
    "sector",
    "kind",
    "prefecture",
    "city",
    "district",
    "corporate_number",
    "aliases",
    "tags",
    "url",
    "note",
]
TIE_TEXT = ["project", "evidence", "note"]


def _errors_table(errors: list) -> None:
    st.error(tr("invalid"))
    st.dataframe(
        pd.DataFrame([{tr("column"): e.column, tr("value"): e.value, tr("reason"): e.reason} for e in errors]),
        hide_index=True,
    )


# ----------------------------------------------------------------------------- organisations
def _prefill_org() -> None:
    oid = st.session_state.get("org_edit")
    if not oid:
        return
    org = store().get_org(oid)
    for f in ORG_FIELDS:
        value = getattr(org, f)
        if isinstance(value, list):
            value = "|".join(value)
        elif f == "sector":
            value = value or None
        st.session_state[f"org_{f}"] = value


def _save_org(names: dict[str, str]) -> None:
    ss = st.session_state
    values = {f: ss.get(f"org_{f}") or "" for f in ORG_FIELDS}
    s = store()
    edit = ss.get("org_edit")
    if edit:
        errors = check_form_fields(values)
        draft, row_errors = validate_org_row(values, file=FORM_FILE, row=0, source=FORM_FILE)
        errors += row_errors
        if errors:
            _errors_table(errors)
            return
        old = s.get_org(edit)
        org = replace(
            old,
            **{f: getattr(draft.org, f) for f in ORG_FIELDS if f != "sector"},
            sector=draft.org.sector or old.sector,
        )
        hints: list[str] = []
    else:
        org, errors, hints = validate_org_form(values, s, allow_similar=bool(ss.get("org_force")))
        duplicate = [e for e in errors if e.code in ("duplicate", "ambiguous_org", "possible_duplicate")]
        if duplicate and not ss.get("org_force"):
            st.warning(tr("did_you_mean", names="、".join(map(md, hints or [duplicate[0].value]))))
            if duplicate[0].code == "possible_duplicate":  # buttons under the form: open it, or add an alias
                ss["org_similar"] = [o.id for o in similar_orgs(values, s)]
                ss["org_typed"] = values["name"].strip()
            if not ss.get("org_need_force"):
                st.checkbox(tr("save_anyway"), key="org_force")  # shown at once, in the form
            ss["org_need_force"] = True
            return
        if duplicate:  # the user confirmed: a distinct organisation that happens to share the name
            draft, errors = validate_org_row(values, file=FORM_FILE, row=0, source=FORM_FILE)
            if draft is not None and not draft.org.sector:
                errors = [RowError(FORM_FILE, 0, "sector", "", tr("sector_required"), "no_sector")]
            if errors or draft is None:
                _errors_table(errors)
                return
            org = replace(draft.org, id=org_id_for(normalise_name(draft.org.name) + "\x1f" + uuid.uuid4().hex))
        elif errors:
            _errors_table(errors)
            return
    s.write(ChangeSet(orgs=[org]), user=user_name())
    ss["org_need_force"] = False
    ss["org_similar"] = []
    st.success(tr("saved_org", name=md(org.name)))
    if hints:
        st.info(tr("similar", names="、".join(map(md, hints))))


def _open_similar(oid: str) -> None:
    """Button: edit the stored organisation instead (the form filled with it)."""
    ss = st.session_state
    ss["org_edit"], ss["org_similar"], ss["org_need_force"] = oid, [], False
    _prefill_org()


def _alias_similar(oid: str, typed: str) -> None:
    """Button: the typed name is another spelling of the stored organisation (kept as its alias)."""
    ss = st.session_state
    org = store().get_org(oid)
    if typed and typed != org.name and typed not in org.aliases:
        store().write(ChangeSet(orgs=[replace(org, aliases=[*org.aliases, typed])]), user=user_name())
    ss["org_similar"], ss["org_need_force"] = [], False
    ss["org_flash"] = tr("alias_added", typed=md(typed), name=md(org.name))


def similar_buttons() -> None:
    """Under the form: for each stored organisation the typed name folds like, open it or add an alias."""
    ss = st.session_state
    if ss.get("org_flash"):
        st.success(ss.pop("org_flash"))
    typed = ss.get("org_typed", "")
    for oid in ss.get("org_similar") or []:
        try:
            org = store().get_org(oid)
        except Exception:  # noqa: BLE001 - deleted meanwhile: no button
            continue
        c1, c2 = st.columns(2)
        c1.button(tr("open_org", name=md(org.name)), key=f"org_open_{oid}", on_click=_open_similar, args=(oid,))
        c2.button(
            tr("add_alias", typed=md(typed), name=md(org.name)),
            key=f"org_alias_{oid}",
            on_click=_alias_similar,
            args=(oid, typed),
        )


def org_form(names: dict[str, str]) -> None:
    st.subheader(tr("add_org"))
    org_picker(
        st,
        tr("edit_existing"),
        names,
        "org_edit",
        on_change=_prefill_org,
        placeholder=tr("new"),
        search_for=tr("org_to_edit"),
    )
    with st.form("org_form"):
        st.text_input(tr("name") + " *", key="org_name")
        c1, c2 = st.columns(2)
        c1.selectbox(
            tr("sector"),
            [s.value for s in Sector],
            index=None,
            format_func=sector_label,
            key="org_sector",
            placeholder=tr("choose"),
        )
        c2.text_input(tr("kind"), key="org_kind", placeholder="NPO法人, 自治会, 株式会社…")
        c1, c2, c3 = st.columns(3)
        c1.text_input(tr("prefecture"), key="org_prefecture")
        c2.text_input(tr("city"), key="org_city")
        c3.text_input(tr("district"), key="org_district")
        c1, c2 = st.columns(2)
        c1.text_input(tr("corporate_number"), key="org_corporate_number", max_chars=20)
        c2.text_input(tr("url"), key="org_url")
        c1.text_input(tr("aliases"), key="org_aliases")
        c2.text_input(tr("tags"), key="org_tags")
        st.text_area(tr("note"), key="org_note", height=68)
        if st.session_state.get("org_need_force"):
            st.checkbox(tr("save_anyway"), key="org_force")
        if st.form_submit_button(tr("save"), type="primary"):
            try:
                _save_org(names)
            except Exception as exc:  # noqa: BLE001 - shown, form values kept
                show_error(exc)
    similar_buttons()


# ----------------------------------------------------------------------------- ties
def _prefill_tie() -> None:
    tid = st.session_state.get("tie_edit")
    if not tid:
        return
    t = store().get_tie(tid)
    ss = st.session_state
    ss["tie_source"], ss["tie_target"], ss["tie_type"] = t.source, t.target, t.type
    ss["tie_direction"] = "directed" if t.directed else "undirected"
    ss["tie_strength"] = int(t.strength)
    ss["tie_start"] = date.fromisoformat(t.start) if t.start else None
    ss["tie_end"] = date.fromisoformat(t.end) if t.end else None
    for f in TIE_TEXT:
        ss[f"tie_{f}"] = getattr(t, f) or ""


def _save_tie(names: dict[str, str]) -> None:
    ss = st.session_state
    src, tgt = ss.get("tie_source"), ss.get("tie_target")
    if not src or not tgt:
        st.error(tr("pick_two"))
        return
    if src == tgt:
        st.error(tr("same_org"))
        return
    direction = ss.get("tie_direction", "default")
    values = {
        "source": src,
        "target": tgt,
        "type": ss.get("tie_type") or "",
        "strength": ss.get("tie_strength", 3),
        "directed": "" if direction == "default" else ("yes" if direction == "directed" else "no"),
        "start": ss.get("tie_start").isoformat() if ss.get("tie_start") else "",
        "end": ss.get("tie_end").isoformat() if ss.get("tie_end") else "",
        **{f: ss.get(f"tie_{f}") or "" for f in TIE_TEXT},
    }
    tie, errors, _ = validate_tie_form(values, store())
    if errors or tie is None:
        _errors_table(errors)
        return
    edit = ss.get("tie_edit")
    if edit:
        tie = replace(tie, id=edit)
    store().write(ChangeSet(ties=[tie]), user=user_name())
    st.success(tr("saved_tie", a=md(names.get(src, src)), b=md(names.get(tgt, tgt))))


def tie_form(names: dict[str, str]) -> None:
    st.subheader(tr("add_tie"))
    tie_picker(tr("edit_tie"), names, "tie_edit", on_change=_prefill_tie, placeholder=tr("new"))
    c1, c2 = st.columns(2)  # outside the form: above 1,000 organisations each has a search box that reruns
    org_picker(c1, tr("source_org"), names, "tie_source", placeholder=tr("search_org"), search_for=tr("source_org"))
    org_picker(c2, tr("target_org"), names, "tie_target", placeholder=tr("search_org"), search_for=tr("target_org"))
    with st.form("tie_form"):
        c1, c2, c3 = st.columns(3)
        c1.selectbox(tr("tie_type"), [x.value for x in TieType], format_func=type_label, key="tie_type")
        c2.radio(
            tr("direction"),
            ["default", "directed", "undirected"],
            key="tie_direction",
            horizontal=True,
            format_func=lambda d: {"default": tr("dir_default"), "directed": tr("directed"), "undirected": tr("both")}[
                d
            ],
        )
        c3.select_slider(tr("strength"), [1, 2, 3, 4, 5], value=3, format_func=strength_label, key="tie_strength")
        c1, c2 = st.columns(2)
        c1.date_input(tr("start"), value=None, key="tie_start", min_value=date(1950, 1, 1))
        c2.date_input(tr("end"), value=None, key="tie_end", min_value=date(1950, 1, 1))
        c1.text_input(tr("project"), key="tie_project")
        c2.text_input(tr("evidence"), key="tie_evidence", placeholder="協定書, 会議, 調査, 委託…")
        st.text_area(tr("note"), key="tie_note", height=68)
        if st.form_submit_button(tr("save"), type="primary"):
            try:
                _save_tie(names)
            except Exception as exc:  # noqa: BLE001
                show_error(exc)


def end_form(names: dict[str, str]) -> None:
    st.subheader(tr("end_tie"))
    tid = tie_picker(tr("tie"), names, "end_tie_id", open_only=True, placeholder=tr("choose"))
    with st.form("end_form"):
        day = st.date_input(tr("end_date"), value=date.today(), key="end_tie_date")
        if st.form_submit_button(tr("save")):
            if not tid:
                st.error(tr("invalid"))
            else:
                try:
                    store().end_tie(tid, day.isoformat(), user=user_name())
                    st.success(tr("ended", date=day.isoformat()))
                except Exception as exc:  # noqa: BLE001
                    show_error(exc)


st.title(tr("add"))
if not require_role("editor", key="add_signin"):
    st.stop()
if empty_store():
    st.divider()
org_form(org_names())
st.divider()
names = org_names()
if names:
    tie_form(names)
    st.divider()
    end_form(names)
