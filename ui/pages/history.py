"""History 履歴: every recorded change (who, when, what, before/after); admins can undo.

Wire into ``app.py`` as ``("ui/pages/history.py", "history", "🕘")``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from renkei.ui.parts.auth import current_user, require_role, require_view
from renkei.ui.parts.common import md, safe, store, tr

from network.errors import RenkeiError
from network.history import HISTORY_COLUMNS, history_rows
from network.labels import LABELS

_ACTIONS = [
    "",
    "create",
    "update",
    "delete",
    "restore",
    "end",
    "undo",
    "cascade",
    "survey_create",
    "survey_close",
    "survey_links",
    "survey_import",
    "survey_copy",
    "survey_apply",
]


def _t(key: str, **fmt: object) -> str:
    return tr(f"hist_{key}", **fmt)


def code_label(kind: str, code: object) -> str:
    """An audit code (``kind``: ``action`` or ``entity``) in the chosen language; an unknown code as it is."""
    key = f"{kind}_{code}"
    return tr(key) if key in LABELS else str(code or "")


def _shown(row: dict, key: str) -> object:
    return code_label(key, row[key]) if key in ("action", "entity") else row[key]


def _undo_box(row: dict) -> None:
    st.subheader(_t("undo_title"))
    acc = current_user()
    if acc is None or acc.role != "admin":
        st.caption(_t("admin_only"))
        return
    if not require_role("admin", key="history_signin"):
        return
    if row["entity"] in ("user", "store"):
        st.caption(_t("not_undoable"))
        return
    with st.form("history_undo"):
        choices = ["one"] + (["batch"] if row["batch"] else [])
        scope = st.radio(
            _t("action"),
            choices,
            horizontal=True,
            format_func=lambda c: _t("undo_one") if c == "one" else _t("undo_batch", batch=md(row["batch"])),
        )
        force = st.checkbox(_t("force"))
        sure = st.checkbox(_t("confirm"))
        go = st.form_submit_button(_t("do_undo"), disabled=False)
    if go and sure:
        try:
            n = store().undo(
                audit_id=row["id"] if scope == "one" else None,
                batch=row["batch"] if scope == "batch" else None,
                user=acc.name,
                force=force,
            )
        except RenkeiError as exc:
            st.error(md(exc))
            return
        st.success(_t("undone", n=n))


def page() -> None:
    st.title(_t("title"))
    if not require_view(key="history_view"):
        return
    c1, c2, c3, c4, c5 = st.columns([3, 2, 2, 2, 1])
    entity = c1.text_input(_t("entity"), key="history_entity", max_chars=200).strip()
    batch = c2.text_input(_t("batch"), key="history_batch", max_chars=200).strip()
    by = c3.text_input(_t("by"), key="history_by", max_chars=64).strip()
    action = c4.selectbox(
        _t("action"),
        _ACTIONS,
        key="history_action",
        format_func=lambda a: code_label("action", a) if a else _t("all_actions"),
    )
    limit = c5.number_input(_t("limit"), 10, 5000, 200, step=50, key="history_limit")
    rows = history_rows(
        store(), limit=int(limit), entity_id=entity or None, batch=batch or None, user=by or None, action=action or None
    )
    if not rows:
        st.info(_t("none"))
        return
    st.dataframe(
        pd.DataFrame([{_t(f"col_{k}"): _shown(r, k) for k in HISTORY_COLUMNS} for r in rows]),
        hide_index=True,
        height=min(480, 38 + 35 * len(rows)),
    )
    by_id = {r["id"]: r for r in rows}
    pick = st.selectbox(
        _t("pick"),
        list(by_id),
        key="history_pick",
        format_func=lambda i: (
            f"#{i} {_shown(by_id[i], 'action')} {_shown(by_id[i], 'entity')} {by_id[i]['name'] or by_id[i]['entity_id']}"
        ),
    )
    row = by_id[pick]
    left, right = st.columns(2)
    left.caption(_t("before"))
    left.json(row["before"] or {})
    right.caption(_t("after"))
    right.json(row["after"] or {})
    _undo_box(row)


safe(page)
