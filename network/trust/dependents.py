"""Dependent records: what an undo would hide that others wrote later (issue 9 item 12).

Undoing the creation of an organisation hides it, and with it every tie and
participation naming it (``load_graph`` and the lists leave them out).  A tie or
participation whose latest audit entry is newer than the change being undone is
*dependent*: :func:`network.trust.undo.apply_undo` refuses with
:class:`DependentRecords` listing them, or with ``cascade`` removes them, each
recorded as action ``cascade`` with its state (so undoing the undo restores it).
Undoing an activity's creation checks its later participations the same way.
"""

from __future__ import annotations

import json
import sqlite3

from network.errors import ConflictError

__all__ = ["DependentRecords", "describe_dependent", "hides", "dependents", "remove_dependent", "refusal"]


class DependentRecords(ConflictError):
    """An undo would hide records others added or changed later; ``dependents`` lists them."""

    def __init__(self, message: str, dependents: list[dict]) -> None:
        super().__init__(message)
        self.dependents = dependents


def describe_dependent(d: dict) -> str:
    """One line for a dependent record.

    >>> describe_dependent({"entity": "tie", "id": "t9", "source_name": "甲", "target_name": "乙",
    ...                     "user": "kato", "at": "2026-12-01T10:00:00+00:00"})
    'tie t9 (甲 → 乙; kato, 2026-12-01T10:00:00+00:00)'
    """
    from network.export.text import shown

    if d["entity"] == "tie":
        what = f"{d['source_name']} → {d['target_name']}"
    else:
        what = f"{d.get('org_name') or d.get('org')} @ {d.get('activity')}"
    return shown(f"{d['entity']} {d['id']} ({what}; {d['user']}, {d['at']})")


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


def hides(entity: str, current: dict | None, target: dict | None) -> bool:
    """True when putting ``target`` back hides (or removes) a record that is visible now."""
    if entity == "org":
        visible = current is not None and not current.get("deleted", False)
        return visible and (target is None or bool(target.get("deleted", False)))
    return entity == "activity" and current is not None and target is None


def dependents(c: sqlite3.Connection, entity: str, key: str, since: int) -> list[dict]:
    """Ties and participations naming ``key`` that were written after audit entry ``since``."""
    found: list[dict] = []
    if entity == "org":
        for r in c.execute(_LATER_TIES, (key, key, since)):
            found.append({"entity": "tie", "id": r["id"], "source": r["source"], "target": r["target"],
                          "source_name": r["source_name"], "target_name": r["target_name"],
                          "user": r["user"], "at": r["at"]})
    column = "p.org" if entity == "org" else "p.activity"
    for r in c.execute(_LATER_PARTICIPATIONS.format(column=column), (key, since)):
        found.append({"entity": "participation", "id": f"{r['org']}@{r['activity']}", "org": r["org"],
                      "org_name": r["org_name"], "activity": r["activity"], "role": r["role"],
                      "date": r["date"] or None, "user": r["user"], "at": r["at"]})
    return found


def remove_dependent(c: sqlite3.Connection, d: dict, state: dict | None, user: str, batch: str,
                     now: str) -> None:
    """Remove one dependent record, its ``state`` kept in an audit entry (action ``cascade``)."""
    if d["entity"] == "tie":
        c.execute("DELETE FROM ties WHERE id = ?", (d["id"],))
    else:
        state = {"org": d["org"], "activity": d["activity"], "role": d["role"], "date": d["date"]}
        c.execute("DELETE FROM participations WHERE org = ? AND activity = ? AND role = ? AND date = ?",
                  (d["org"], d["activity"], d["role"] or "", d["date"] or ""))
    c.execute("INSERT INTO audit (at, user, action, entity, entity_id, before, after, batch) "
              "VALUES (?,?,?,?,?,?,?,?)",
              (now, user, "cascade", d["entity"], d["id"], json.dumps(state, ensure_ascii=False, sort_keys=True),
               None, batch))


def refusal(found: list[dict]) -> DependentRecords:
    shown_ = [describe_dependent(d) for d in found[:20]]
    more = f"; … and {len(found) - 20} more" if len(found) > 20 else ""
    return DependentRecords(
        f"undo would hide {len(found)} record(s) added or changed later: {'; '.join(shown_)}{more}. "
        "Undo those first, or run again with --cascade to remove them too / "
        "後から追加・変更された記録があります。先にそれらを取り消すか、--cascade で一緒に取り消してください",
        found)
