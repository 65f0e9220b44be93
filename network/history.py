"""The history (audit log) as rows for a table: who changed what, when, field by field.

Read through the store Protocol's ``audit`` and ``orgs`` only, so the CLI (``renkei history``) and
the History page show the same rows from either store.  Undo itself is part of the store
(:meth:`Store.undo`, rules in :mod:`network.store.undo`).

Examples
--------
>>> from network.model import Org
>>> from network.store.base import ChangeSet
>>> from network.store.sqlite import SQLiteStore
>>> store = SQLiteStore(":memory:")
>>> _ = store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary")]), user="sato")
>>> _ = store.write(ChangeSet(orgs=[Org("a", "連福", "intermediary")]), user="kato")
>>> row = history_rows(store)[0]
>>> row["user"], row["action"], row["changes"]
('kato', 'update', 'name: れんぷく → 連福')
"""

from __future__ import annotations

import json

from network.store.undo import SKIP

__all__ = ["diff", "history_rows", "HISTORY_COLUMNS"]

HISTORY_COLUMNS = ["id", "at", "user", "action", "entity", "entity_id", "name", "changes", "batch"]


def diff(before: dict | None, after: dict | None) -> dict[str, tuple]:
    """Fields that differ: ``{field: (old, new)}`` (timestamps ignored).

    >>> diff({"name": "甲", "city": "仙台市"}, {"name": "乙", "city": "仙台市"})
    {'name': ('甲', '乙')}
    """
    b, a = before or {}, after or {}
    keys = [k for k in dict.fromkeys([*b, *a]) if k not in SKIP]
    return {
        k: (b.get(k), a.get(k)) for k in keys if b.get(k) != a.get(k) and not (_empty(b.get(k)) and _empty(a.get(k)))
    }


def _empty(v: object) -> bool:
    return v is None or v == "" or v == [] or v == {}


def _short(v: object) -> str:
    s = "∅" if v is None or v == "" else json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else str(v)
    return s if len(s) <= 60 else s[:57] + "…"


def _names(store: object) -> dict[str, str]:
    """Organisation id → name, deleted ones included where the store can."""
    try:
        orgs = store.orgs(include_deleted=True)  # type: ignore[attr-defined]
    except TypeError:
        orgs = store.orgs()  # type: ignore[attr-defined]
    return {o.id: o.name for o in orgs}


def history_rows(
    store: object,
    *,
    limit: int | None = 200,
    entity_id: str | None = None,
    batch: str | None = None,
    user: str | None = None,
    action: str | None = None,
) -> list[dict]:
    """The audit log as flat rows for a table (newest first): ``HISTORY_COLUMNS`` plus ``before``/``after``.

    ``changes`` reads ``field: old → new`` for each changed field; ``name`` is the
    organisation's name, or ``source → target`` names for a tie.
    """
    entries = store.audit(entity_id=entity_id or None, batch=batch or None, limit=None if (user or action) else limit)
    names = _names(store) if entries else {}
    rows = []
    for e in entries:
        if (user and e.user != user) or (action and e.action != action):
            continue
        state = e.after or e.before or {}
        d = {k: v for k, v in diff(e.before, e.after).items() if k != "id"}
        if e.entity == "tie" and state.get("source"):
            name = f"{names.get(state['source'], state['source'])} → {names.get(state['target'], state['target'])}"
        else:
            name = str(state.get("name", "") or names.get(e.entity_id, ""))
        rows.append(
            {
                "id": e.id,
                "at": e.at,
                "user": e.user,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "name": name,
                "changes": "; ".join(f"{k}: {_short(o)} → {_short(n)}" for k, (o, n) in d.items()),
                "batch": e.batch,
                "before": e.before,
                "after": e.after,
            }
        )
        if limit and len(rows) >= limit:
            break
    return rows
