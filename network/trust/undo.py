"""Undo recorded changes, and read the history (audit log) as table rows.

Every write to a store leaves audit entries (who, when, what, before/after).
Undoing an entry puts its ``before`` state back; undoing a batch undoes every
entry of the batch, newest first, in one transaction.  The undo itself is
recorded (action ``undo``, batch ``undo:#ID`` or ``undo:BATCH``), with the state
it replaced as ``before`` — so an undo can be undone in turn (redo), and
nothing disappears without a trace.

:func:`apply_undo` is the SQLite implementation behind
``SQLiteStore.undo``; :func:`undo` is what the CLI and the app call.

Examples
--------
>>> from network.model import Org
>>> from network.store.sqlite import SQLiteStore
>>> from network.store.base import ChangeSet
>>> store = SQLiteStore(":memory:")
>>> r = store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary")]), user="sato")
>>> undo(store, batch=r.batch, user="admin")
1
>>> [o.id for o in store.orgs()], history_rows(store)[0]["action"]
([], 'undo')
"""

from __future__ import annotations

import json
import sqlite3

from network.errors import ConflictError, NotFound, StoreError
from network.model import ORG_FIELDS, TIE_FIELDS

__all__ = ["apply_undo", "undo", "undo_batch_name", "diff", "history_rows", "HISTORY_COLUMNS"]

_SKIP = {"created_at", "updated_at"}
_UNDOABLE = {"org", "tie", "activity", "participation"}
HISTORY_COLUMNS = ["id", "at", "user", "action", "entity", "entity_id", "name", "changes", "batch"]


def undo_batch_name(*, audit_id: int | None = None, batch: str | None = None) -> str:
    """The batch an undo is recorded under: ``undo:#42`` or ``undo:<batch>``.

    >>> undo_batch_name(audit_id=42), undo_batch_name(batch="b1")
    ('undo:#42', 'undo:b1')
    """
    return f"undo:#{audit_id}" if audit_id is not None else f"undo:{batch}"


def _norm(d: dict | None) -> dict | None:
    """JSON round trip (tuples → lists), timestamps dropped."""
    if d is None:
        return None
    return {k: v for k, v in json.loads(json.dumps(d, ensure_ascii=False)).items() if k not in _SKIP}


def _dump(d: dict | None) -> str | None:
    return None if d is None else json.dumps(d, ensure_ascii=False, sort_keys=True)


# --------------------------------------------------------------------------- current state
def _current(c: sqlite3.Connection, entity: str, key: str, target: dict | None) -> dict | None:
    """The stored state of one record, in the shape the audit log uses."""
    if entity == "org":
        row = c.execute("SELECT * FROM orgs WHERE id = ?", (key,)).fetchone()
        if row is None:
            return None
        d = {k: row[k] for k in ORG_FIELDS if k not in _SKIP}
        d["aliases"], d["tags"] = json.loads(d["aliases"]), json.loads(d["tags"])
        d["custom"] = json.loads(d["custom"])
        d["deleted"] = bool(row["deleted"])
        return d
    if entity == "tie":
        row = c.execute("SELECT * FROM ties WHERE id = ?", (key,)).fetchone()
        if row is None:
            return None
        d = {k: row[k] for k in TIE_FIELDS if k not in _SKIP}
        d["directed"] = bool(d["directed"])
        d["custom"] = json.loads(d["custom"])
        return d
    if entity == "activity":
        row = c.execute("SELECT * FROM activities WHERE id = ?", (key,)).fetchone()
        return None if row is None else dict(row)
    if entity == "participation":
        p = target or {}
        org, _, activity = key.partition("@")
        row = c.execute("SELECT * FROM participations WHERE org = ? AND activity = ? AND role = ? AND date = ?",
                        (p.get("org", org), p.get("activity", activity), p.get("role", ""),
                         p.get("date") or "")).fetchone()
        if row is None:
            return None
        return {"org": row["org"], "activity": row["activity"], "role": row["role"], "date": row["date"] or None}
    raise StoreError(f"changes to {entity!r} cannot be undone")


def _matches(current: dict | None, expected: dict | None) -> bool:
    """True when ``current`` still holds the state an entry left behind."""
    if expected is None:
        return current is None or current.get("deleted") is True
    if current is None:
        return False
    cur = _norm(current) or {}
    return all(cur.get(k) == v for k, v in expected.items() if k != "deleted") and (
        "deleted" not in expected or cur.get("deleted", False) == expected["deleted"])


# --------------------------------------------------------------------------- put a state back
def _put(c: sqlite3.Connection, entity: str, key: str, current: dict | None, target: dict | None,
         now: str) -> None:
    if entity == "org":
        if target is None:  # undo a create: hide, never erase
            c.execute("UPDATE orgs SET deleted = 1, updated_at = ? WHERE id = ?", (now, key))
            return
        vals = {k: target.get(k, "") for k in ORG_FIELDS if k not in _SKIP}
        vals["aliases"] = json.dumps(list(target.get("aliases") or []), ensure_ascii=False)
        vals["tags"] = json.dumps(list(target.get("tags") or []), ensure_ascii=False)
        vals["custom"] = json.dumps(dict(target.get("custom") or {}), ensure_ascii=False, sort_keys=True)
        deleted = target.get("deleted", current.get("deleted", False) if current else False)
        _upsert(c, "orgs", vals, now, {"deleted": int(bool(deleted))}, current is None)
    elif entity == "tie":
        if target is None:
            c.execute("DELETE FROM ties WHERE id = ?", (key,))
            return
        vals = {k: target.get(k) for k in TIE_FIELDS if k not in _SKIP}
        vals["directed"] = int(bool(vals["directed"]))
        vals["custom"] = json.dumps(dict(vals.get("custom") or {}), ensure_ascii=False, sort_keys=True)
        _upsert(c, "ties", vals, now, {}, current is None)
    elif entity == "activity":
        if target is None:
            c.execute("DELETE FROM activities WHERE id = ?", (key,))
            return
        vals = {k: target.get(k) for k in ("id", "name", "kind", "start", "end", "note")}
        if current is None:
            c.execute('INSERT INTO activities (id, name, kind, start, "end", note) VALUES (?,?,?,?,?,?)',
                      tuple(vals.values()))
        else:
            c.execute('UPDATE activities SET name=?, kind=?, start=?, "end"=?, note=? WHERE id=?',
                      (vals["name"], vals["kind"], vals["start"], vals["end"], vals["note"], key))
    elif entity == "participation":
        p = target or current or {}
        params = (p["org"], p["activity"], p.get("role") or "", p.get("date") or "")
        if target is None:
            c.execute("DELETE FROM participations WHERE org = ? AND activity = ? AND role = ? AND date = ?",
                      params)
        else:
            c.execute("INSERT OR IGNORE INTO participations (org, activity, role, date) VALUES (?,?,?,?)",
                      params)


def _upsert(c: sqlite3.Connection, table: str, vals: dict, now: str, extra: dict, insert: bool) -> None:
    cols = list(vals) + list(extra)
    values = list(vals.values()) + list(extra.values())
    if insert:
        cols += ["created_at", "updated_at"]
        values += [now, now]
        quoted = ",".join(f'"{col}"' for col in cols)
        c.execute(f"INSERT INTO {table} ({quoted}) VALUES ({','.join('?' * len(cols))})", values)
    else:
        sets = ",".join(f'"{col}" = ?' for col in cols if col != "id") + ", updated_at = ?"
        c.execute(f"UPDATE {table} SET {sets} WHERE id = ?",
                  [v for col, v in zip(cols, values, strict=True) if col != "id"] + [now, vals["id"]])


def apply_undo(c: sqlite3.Connection, *, audit_id: int | None, batch: str | None, user: str,
               force: bool, now: str) -> int:
    """Undo inside an open SQLite transaction ``c`` (see ``SQLiteStore.undo``)."""
    name = undo_batch_name(audit_id=audit_id, batch=batch)
    if c.execute("SELECT 1 FROM audit WHERE batch = ? LIMIT 1", (name,)).fetchone():
        raise ConflictError(f"{name[5:]} was already undone (batch {name}); undo that batch to redo / 取り消し済み")
    if audit_id is not None:
        rows = c.execute("SELECT * FROM audit WHERE id = ?", (int(audit_id),)).fetchall()
        what = f"audit entry #{audit_id}"
    else:
        rows = c.execute("SELECT * FROM audit WHERE batch = ? ORDER BY id DESC", (batch,)).fetchall()
        what = f"batch {batch!r}"
    if not rows:
        raise NotFound(f"no {what} in the history / 履歴にありません")
    done = 0
    for row in rows:
        entity, key = row["entity"], row["entity_id"]
        if entity not in _UNDOABLE:
            raise ConflictError(f"changes to {entity} (#{row['id']}) cannot be undone / 取り消せない変更です")
        before = json.loads(row["before"]) if row["before"] else None
        after = json.loads(row["after"]) if row["after"] else None
        current = _current(c, entity, key, before or after)
        if not force and not _matches(current, after):
            raise ConflictError(
                f"{entity} {key} changed after #{row['id']}: undo the later change first, or force / "
                "後から変更されています")
        _put(c, entity, key, current, before, now)
        c.execute("INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
                  "VALUES (?,?,?,?,?,?,?,?)",
                  (now, user, "undo", entity, key, _dump(current), _dump(_current(c, entity, key, before or after)),
                   name))
        done += 1
    return done


# --------------------------------------------------------------------------- front ends
def undo(store: object, *, audit_id: int | None = None, batch: str | None = None, user: str,
         force: bool = False) -> int:
    """Undo an audit entry or a batch in ``store``; the number of changes undone.

    Raises ``StoreError`` when the store cannot undo (a store without ``undo``).
    """
    fn = getattr(store, "undo", None)
    if fn is None:
        raise StoreError(f"this store ({getattr(store, 'url', '?')}) cannot undo changes")
    return fn(audit_id=audit_id, batch=batch, user=user, force=force)


def diff(before: dict | None, after: dict | None) -> dict[str, tuple]:
    """Fields that differ: ``{field: (old, new)}`` (timestamps ignored).

    >>> diff({"name": "甲", "city": "仙台市"}, {"name": "乙", "city": "仙台市"})
    {'name': ('甲', '乙')}
    """
    b, a = before or {}, after or {}
    keys = [k for k in dict.fromkeys([*b, *a]) if k not in _SKIP]
    return {k: (b.get(k), a.get(k)) for k in keys
            if b.get(k) != a.get(k) and not (_empty(b.get(k)) and _empty(a.get(k)))}


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


def history_rows(store: object, *, limit: int | None = 200, entity_id: str | None = None,
                 batch: str | None = None, user: str | None = None, action: str | None = None) -> list[dict]:
    """The audit log as flat rows for a table (newest first): ``HISTORY_COLUMNS`` plus ``before``/``after``.

    ``changes`` reads ``field: old → new`` for each changed field; ``name`` is the
    organisation's name, or ``source → target`` names for a tie.
    """
    entries = store.audit(entity_id=entity_id or None, batch=batch or None,
                          limit=None if (user or action) else limit)
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
        rows.append({
            "id": e.id, "at": e.at, "user": e.user, "action": e.action, "entity": e.entity,
            "entity_id": e.entity_id, "name": name,
            "changes": "; ".join(f"{k}: {_short(o)} → {_short(n)}" for k, (o, n) in d.items()),
            "batch": e.batch, "before": e.before, "after": e.after,
        })
        if limit and len(rows) >= limit:
            break
    return rows
