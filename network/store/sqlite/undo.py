"""Undo in the SQLite store: the :class:`~network.store.undo.UndoWork` of one open transaction.

The rules (what may be undone, dependents, cascade, redo) are in :mod:`network.store.undo`;
this module only reads and puts back one record's state with SQL on the store's connection,
inside the transaction :meth:`SQLiteStore.undo` opened.

Examples
--------
>>> from network.model import Org
>>> from network.store.base import ChangeSet
>>> from network.store.sqlite import SQLiteStore
>>> store = SQLiteStore(":memory:")
>>> _ = store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary")]))
>>> with store.transaction() as c:
...     SQLiteUndo(c, user="admin", batch="undo:x", now="2026-12-02T00:00:00+00:00").current("org", "a", None)["name"]
'れんぷく'
"""

from __future__ import annotations

import json
import sqlite3

from network.errors import StoreError
from network.model import ORG_FIELDS, TIE_FIELDS
from network.store.sqlite.codec import dump
from network.store.undo import SKIP

__all__ = ["SQLiteUndo"]

_LATER_TIES = """
    SELECT t.id, t.source, t.target, a.user, a.at,
           COALESCE(s.name, t.source) AS source_name, COALESCE(g.name, t.target) AS target_name
    FROM ties t
    JOIN audit a ON a.id = (SELECT MAX(id) FROM audit WHERE entity = 'tie' AND entity_id = t.id)
    LEFT JOIN orgs s ON s.id = t.source LEFT JOIN orgs g ON g.id = t.target
    WHERE (t.source = ? OR t.target = ?) AND a.id > ?
    ORDER BY t.id"""
_LATER_PARTICIPATIONS = """
    SELECT p.org, p.activity, p.role, p.date, a.user, a.at, COALESCE(o.name, p.org) AS org_name
    FROM participations p
    JOIN audit a ON a.id = (SELECT MAX(id) FROM audit
                            WHERE entity = 'participation' AND entity_id = p.org || '@' || p.activity)
    LEFT JOIN orgs o ON o.id = p.org
    WHERE {column} = ? AND a.id > ?
    ORDER BY p.org, p.activity, p.role, p.date"""
_PARTICIPATION = "org = ? AND activity = ? AND role = ? AND date = ?"


class SQLiteUndo:
    """Reads and writes of one undo, on the open transaction ``c``."""

    def __init__(self, c: sqlite3.Connection, *, user: str, batch: str, now: str) -> None:
        self.c, self.user, self.batch, self.now = c, user, batch, now

    def already_undone(self, name: str) -> bool:
        return self.c.execute("SELECT 1 FROM audit WHERE batch = ? LIMIT 1", (name,)).fetchone() is not None

    def entries(self, *, audit_id: int | None, batch: str | None) -> list[dict]:
        if audit_id is not None:
            rows = self.c.execute("SELECT * FROM audit WHERE id = ?", (int(audit_id),)).fetchall()
        else:
            rows = self.c.execute("SELECT * FROM audit WHERE batch = ? ORDER BY id DESC", (batch,)).fetchall()
        return [
            {
                "id": r["id"],
                "entity": r["entity"],
                "entity_id": r["entity_id"],
                "before": json.loads(r["before"]) if r["before"] else None,
                "after": json.loads(r["after"]) if r["after"] else None,
            }
            for r in rows
        ]

    def current(self, entity: str, key: str, target: dict | None) -> dict | None:
        c = self.c
        if entity == "org":
            row = c.execute("SELECT * FROM orgs WHERE id = ?", (key,)).fetchone()
            if row is None:
                return None
            d = {k: row[k] for k in ORG_FIELDS if k not in SKIP}
            d["aliases"], d["tags"] = json.loads(d["aliases"]), json.loads(d["tags"])
            d["custom"] = json.loads(d["custom"])
            d["deleted"] = bool(row["deleted"])
            return d
        if entity == "tie":
            row = c.execute("SELECT * FROM ties WHERE id = ?", (key,)).fetchone()
            if row is None:
                return None
            d = {k: row[k] for k in TIE_FIELDS if k not in SKIP}
            d["directed"] = bool(d["directed"])
            d["custom"] = json.loads(d["custom"])
            return d
        if entity == "activity":
            row = c.execute("SELECT * FROM activities WHERE id = ?", (key,)).fetchone()
            return None if row is None else dict(row)
        if entity == "participation":
            p = target or {}
            org, _, activity = key.partition("@")
            row = c.execute(
                f"SELECT * FROM participations WHERE {_PARTICIPATION}",
                (p.get("org", org), p.get("activity", activity), p.get("role", ""), p.get("date") or ""),
            ).fetchone()
            if row is None:
                return None
            return {"org": row["org"], "activity": row["activity"], "role": row["role"], "date": row["date"] or None}
        raise StoreError(f"changes to {entity!r} cannot be undone")

    def put(self, entity: str, key: str, current: dict | None, target: dict | None) -> None:
        c, now = self.c, self.now
        if entity == "org":
            if target is None:  # undo a create: hide, never erase
                c.execute("UPDATE orgs SET deleted = 1, updated_at = ? WHERE id = ?", (now, key))
                return
            vals = {k: target.get(k, "") for k in ORG_FIELDS if k not in SKIP}
            vals["aliases"] = json.dumps(list(target.get("aliases") or []), ensure_ascii=False)
            vals["tags"] = json.dumps(list(target.get("tags") or []), ensure_ascii=False)
            vals["custom"] = json.dumps(dict(target.get("custom") or {}), ensure_ascii=False, sort_keys=True)
            deleted = target.get("deleted", current.get("deleted", False) if current else False)
            self._upsert("orgs", vals, {"deleted": int(bool(deleted))}, current is None)
        elif entity == "tie":
            if target is None:
                c.execute("DELETE FROM ties WHERE id = ?", (key,))
                return
            vals = {k: target.get(k) for k in TIE_FIELDS if k not in SKIP}
            vals["directed"] = int(bool(vals["directed"]))
            vals["custom"] = json.dumps(dict(vals.get("custom") or {}), ensure_ascii=False, sort_keys=True)
            self._upsert("ties", vals, {}, current is None)
        elif entity == "activity":
            if target is None:
                c.execute("DELETE FROM activities WHERE id = ?", (key,))
                return
            vals = {k: target.get(k) for k in ("id", "name", "kind", "start", "end", "note")}
            if current is None:
                c.execute(
                    'INSERT INTO activities (id, name, kind, start, "end", note) VALUES (?,?,?,?,?,?)',
                    tuple(vals.values()),
                )
            else:
                c.execute(
                    'UPDATE activities SET name=?, kind=?, start=?, "end"=?, note=? WHERE id=?',
                    (vals["name"], vals["kind"], vals["start"], vals["end"], vals["note"], key),
                )
        elif entity == "participation":
            p = target or current or {}
            params = (p["org"], p["activity"], p.get("role") or "", p.get("date") or "")
            if target is None:
                c.execute(f"DELETE FROM participations WHERE {_PARTICIPATION}", params)
            else:
                c.execute("INSERT OR IGNORE INTO participations (org, activity, role, date) VALUES (?,?,?,?)", params)

    def _upsert(self, table: str, vals: dict, extra: dict, insert: bool) -> None:
        cols = list(vals) + list(extra)
        values = list(vals.values()) + list(extra.values())
        if insert:
            cols += ["created_at", "updated_at"]
            values += [self.now, self.now]
            quoted = ",".join(f'"{col}"' for col in cols)
            self.c.execute(f"INSERT INTO {table} ({quoted}) VALUES ({','.join('?' * len(cols))})", values)
        else:
            sets = ",".join(f'"{col}" = ?' for col in cols if col != "id") + ", updated_at = ?"
            self.c.execute(
                f"UPDATE {table} SET {sets} WHERE id = ?",
                [v for col, v in zip(cols, values, strict=True) if col != "id"] + [self.now, vals["id"]],
            )

    def dependents(self, entity: str, key: str, since: int) -> list[dict]:
        found: list[dict] = []
        if entity == "org":
            for r in self.c.execute(_LATER_TIES, (key, key, since)):
                found.append(
                    {
                        "entity": "tie",
                        "id": r["id"],
                        "source": r["source"],
                        "target": r["target"],
                        "source_name": r["source_name"],
                        "target_name": r["target_name"],
                        "user": r["user"],
                        "at": r["at"],
                    }
                )
        column = "p.org" if entity == "org" else "p.activity"
        for r in self.c.execute(_LATER_PARTICIPATIONS.format(column=column), (key, since)):
            found.append(
                {
                    "entity": "participation",
                    "id": f"{r['org']}@{r['activity']}",
                    "org": r["org"],
                    "org_name": r["org_name"],
                    "activity": r["activity"],
                    "role": r["role"],
                    "date": r["date"] or None,
                    "user": r["user"],
                    "at": r["at"],
                }
            )
        return found

    def remove(self, dependent: dict) -> dict | None:
        d = dependent
        if d["entity"] == "tie":
            state = self.current("tie", d["id"], None)
            self.c.execute("DELETE FROM ties WHERE id = ?", (d["id"],))
            return state
        state = {"org": d["org"], "activity": d["activity"], "role": d["role"], "date": d["date"]}
        self.c.execute(
            f"DELETE FROM participations WHERE {_PARTICIPATION}",
            (d["org"], d["activity"], d["role"] or "", d["date"] or ""),
        )
        return state

    def record(self, action: str, entity: str, key: str, before: dict | None, after: dict | None) -> None:
        self.c.execute(
            "INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) VALUES (?,?,?,?,?,?,?,?)",
            (self.now, self.user, action, entity, key, dump(before), dump(after), self.batch),
        )
