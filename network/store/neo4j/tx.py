"""The transaction work of the Neo4j store: upserts, checks and audit rows inside one write.

:class:`WriteWork` runs inside a managed transaction (``session.execute_write``)
opened by :class:`network.store.neo4j.Neo4jStore`; every statement is a constant
of :mod:`network.store.neo4j.cypher`.  It mirrors the SQLite store's rules: upsert by
id, records equal to the stored ones (timestamps aside) are ``unchanged`` and
not rewritten, the SQLite CHECK and foreign-key rules are checked here and
raise :class:`~network.errors.ConflictError`, and every change gets an audit
row numbered from ``(:Counter {name: 'audit'})`` in the same transaction.

>>> tie_props(Tie("t", "a", "b", "funding", strength="4"))["strength"]
4
>>> content({"id": "a", "created_at": "x", "updated_at": "y"})
{'id': 'a'}
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from network.errors import ConflictError
from network.model import Activity, Org, Participation, Tie
from network.store.base import WriteResult, chunks
from network.store.neo4j import cypher as Q

__all__ = [
    "WriteWork",
    "content",
    "org_from_props",
    "tie_from_props",
    "find_ties",
    "tie_props",
    "custom_prop",
    "custom_from_prop",
]

_CONTENT_SKIP = {"created_at", "updated_at"}


def _dump(d: dict | None) -> str | None:
    """JSON text of an audit before/after state, as the SQLite store writes it."""
    return None if d is None else json.dumps(d, ensure_ascii=False, sort_keys=True)


def content(d: dict) -> dict:
    """A record without its timestamps: what decides unchanged and what the audit shows."""
    return {k: v for k, v in d.items() if k not in _CONTENT_SKIP}


def custom_from_prop(value: object) -> dict[str, str]:
    """Custom fields from their stored form: JSON text (Neo4j has no map-valued properties).

    >>> custom_from_prop('{"担当者": "佐藤"}'), custom_from_prop(None)
    ({'担当者': '佐藤'}, {})
    """
    if not value:
        return {}
    return dict(json.loads(value)) if isinstance(value, str) else dict(value)  # type: ignore[call-overload]


def custom_prop(fields: dict[str, str] | None) -> str:
    """Custom fields as stored: JSON text, keys sorted.

    >>> custom_prop({"b": "2", "a": "1"})
    '{"a": "1", "b": "2"}'
    """
    return json.dumps(dict(fields or {}), ensure_ascii=False, sort_keys=True)


def org_from_props(p: dict) -> Org:
    """An :class:`Org` from an ``Organization`` node's properties (``deleted`` dropped)."""
    d = {k: v for k, v in p.items() if k != "deleted"}
    for key in ("aliases", "tags"):
        d[key] = list(d.get(key) or [])
    d["custom"] = custom_from_prop(d.get("custom"))
    return Org.from_dict(d)


def tie_from_props(source: str, target: str, p: dict) -> Tie:
    """A :class:`Tie` from a tie relationship's properties and its end nodes' ids."""
    d = dict(p, source=source, target=target)
    d["directed"] = bool(d.get("directed", False))
    d["custom"] = custom_from_prop(d.get("custom"))
    return Tie.from_dict(d)


def find_ties(run: Callable[..., Any], ids: list[str]) -> dict[str, Tie]:
    """Ties by id, one index lookup per relationship type (``run`` = ``tx.run`` or a read)."""
    found: dict[str, Tie] = {}
    for query in Q.GET_TIES.values():
        for r in run(query, ids=ids):
            found[r["p"]["id"]] = tie_from_props(r["source"], r["target"], r["p"])
    return found


def tie_props(t: Tie) -> dict:
    """A tie's properties as stored, checked like the SQLite store's CHECK constraints."""
    d = t.to_dict()
    if d["type"] not in Q.REL_TYPES:
        raise ConflictError(f"tie {t.id}: unknown tie type {d['type']!r}")
    try:
        d["strength"] = int(d["strength"])
        d["weight"] = float(d["weight"])
    except (TypeError, ValueError) as exc:
        raise ConflictError(f"tie {t.id}: strength and weight must be numbers") from exc
    if not 1 <= d["strength"] <= 5:
        raise ConflictError(f"tie {t.id}: strength {d['strength']} is not between 1 and 5")
    if d["source"] == d["target"]:
        raise ConflictError(f"tie {t.id}: source and target are the same organisation")
    if d["start"] and d["end"] and d["end"] < d["start"]:
        raise ConflictError(f"tie {t.id}: end {d['end']} is before start {d['start']}")
    d["directed"] = bool(d["directed"])
    d["custom"] = dict(d["custom"] or {})
    return d


@dataclass
class WriteWork:
    """One write transaction's state: the open transaction, who, when, counts and audit rows."""

    tx: Any
    user: str
    now: str
    batch_size: int
    result: WriteResult
    audit: list[tuple] = field(default_factory=list)

    def lock(self) -> None:
        """Serialise with every other writer (see :data:`network.store.neo4j.cypher.LOCK`)."""
        self.tx.run(Q.LOCK, token=uuid.uuid4().hex).consume()

    def upsert_orgs(self, records: list[Org]) -> None:
        """Create or update organisations (``MERGE`` by id; ``deleted`` false on create)."""
        existing = {r["p"]["id"]: org_from_props(r["p"]) for r in self.tx.run(Q.GET_ORGS, ids=[o.id for o in records])}
        rows = []
        for rec in records:
            if rec.name is None:
                raise ConflictError(f"organisation {rec.id}: a name is required")
            old, new = existing.get(rec.id), rec.to_dict()
            new["aliases"], new["tags"] = list(new["aliases"] or []), list(new["tags"] or [])
            if old is None:
                new["created_at"] = new["created_at"] or self.now
                new["updated_at"] = self.now
                self.audit.append((self.now, self.user, "create", "org", rec.id, None, content(new)))
                self.result.created += 1
            else:
                olddict = old.to_dict()
                if content(olddict) == content(new):
                    self.result.unchanged += 1
                    continue
                new["created_at"], new["updated_at"] = olddict["created_at"], self.now
                self.audit.append((self.now, self.user, "update", "org", rec.id, content(olddict), content(new)))
                self.result.updated += 1
            existing[rec.id] = Org(**new)
            rows.append({"id": rec.id, "props": dict(new, custom=custom_prop(new["custom"]))})
        if rows:
            self.tx.run(Q.MERGE_ORGS, rows=rows).consume()

    def check_corporate_numbers(self, numbers: list[str]) -> None:
        """Refuse two live organisations with one 法人番号 (the SQLite partial unique index)."""
        for part in chunks(numbers, self.batch_size):
            dup = self.tx.run(Q.DUPLICATE_CORPORATE_NUMBERS, numbers=part).data()
            if dup:
                raise ConflictError(
                    f"法人番号 {dup[0]['cn']} is already used by another organisation (duplicate corporate number)"
                )

    def upsert_activities(self, records: list[Activity]) -> None:
        """Create or update activities."""
        existing = {r["p"]["id"]: r["p"] for r in self.tx.run(Q.GET_ACTIVITIES, ids=[a.id for a in records])}
        rows = []
        for a in records:
            new = a.to_dict()
            old = existing.get(a.id)
            old = None if old is None else Activity(**{k: old.get(k) for k in new}).to_dict()
            if old == new:
                self.result.unchanged += 1
                continue
            action = "create" if old is None else "update"
            self.audit.append((self.now, self.user, action, "activity", a.id, old, new))
            self.result.created += old is None
            self.result.updated += old is not None
            existing[a.id] = new
            rows.append({"id": a.id, "props": new})
        if rows:
            self.tx.run(Q.MERGE_ACTIVITIES, rows=rows).consume()

    def upsert_ties(self, records: list[dict]) -> None:
        """Create or update ties (rows from :func:`tie_props`); a changed type or end moves the relationship."""
        ids = [r["id"] for r in records]
        existing = find_ties(self.tx.run, ids)
        ends = {r["source"] for r in records} | {r["target"] for r in records}
        found = {r["id"] for r in self.tx.run(Q.EXISTING_ORG_IDS, ids=sorted(ends))}
        if ends - found:
            missing = sorted(ends - found)[0]
            raise ConflictError(f"a tie names organisation {missing!r}, which is not in the store")
        merges: dict[str, list[dict]] = {}
        drops: dict[str, list[str]] = {}
        for rec in records:
            new = dict(rec)  # the transaction function may run again: keep the input as it was
            old = existing.get(new["id"])
            if old is None:
                new["created_at"] = new["created_at"] or self.now
                new["updated_at"] = self.now
                self.audit.append((self.now, self.user, "create", "tie", new["id"], None, content(new)))
                self.result.created += 1
            else:
                olddict = old.to_dict()
                if content(olddict) == content(new):
                    self.result.unchanged += 1
                    continue
                new["created_at"], new["updated_at"] = olddict["created_at"], self.now
                self.audit.append((self.now, self.user, "update", "tie", new["id"], content(olddict), content(new)))
                self.result.updated += 1
                if (old.type, old.source, old.target) != (new["type"], new["source"], new["target"]):
                    drops.setdefault(old.type, []).append(old.id)
            existing[new["id"]] = Tie(**new)
            merges.setdefault(new["type"], []).append(
                {
                    "id": new["id"],
                    "source": new["source"],
                    "target": new["target"],
                    "props": dict(new, custom=custom_prop(new["custom"])),
                }
            )
        for type_, tie_ids in drops.items():
            self.tx.run(Q.DELETE_TIES[type_], ids=tie_ids).consume()
        for type_, rows in merges.items():
            self.tx.run(Q.MERGE_TIE[type_], rows=rows).consume()

    def insert_participations(self, records: list[Participation]) -> None:
        """Add participations not there yet (key: org, activity, role, date)."""
        rows, seen = [], set()
        for p in records:
            key = (p.org, p.activity, p.role or "", p.date or "")
            if key not in seen:
                seen.add(key)
                rows.append(dict(zip(("org", "activity", "role", "date"), key, strict=True)))
        orgs = {r["id"] for r in self.tx.run(Q.EXISTING_ORG_IDS, ids=sorted({r["org"] for r in rows}))}
        acts = {r["id"] for r in self.tx.run(Q.EXISTING_ACTIVITY_IDS, ids=sorted({r["activity"] for r in rows}))}
        for r in rows:
            if r["org"] not in orgs or r["activity"] not in acts:
                raise ConflictError(
                    f"participation {r['org']}@{r['activity']} names a missing organisation or activity"
                )
        there = {tuple(r.values()) for r in self.tx.run(Q.GET_PARTICIPATIONS, rows=rows).data()}
        new_rows = [r for r in rows if tuple(r.values()) not in there]
        self.result.unchanged += len(records) - len(new_rows)
        self.result.created += len(new_rows)
        for r, p in ((r, Participation(r["org"], r["activity"], r["role"], r["date"] or None)) for r in new_rows):
            self.audit.append(
                (self.now, self.user, "create", "participation", f"{r['org']}@{r['activity']}", None, p.to_dict())
            )
        if new_rows:
            self.tx.run(Q.MERGE_PARTICIPATIONS, rows=new_rows).consume()

    def append_audit(self) -> None:
        """Write the collected audit rows with ids from the counter, in this transaction."""
        audit, self.audit = self.audit, []
        if not audit:
            return
        last = self.tx.run(Q.NEXT_AUDIT_ID, n=len(audit)).single()["last"]
        first = last - len(audit) + 1
        rows = [
            {
                "id": first + i,
                "at": at,
                "user": u,
                "action": action,
                "entity": entity,
                "entity_id": key,
                "before": _dump(before),
                "after": _dump(after),
                "batch": self.result.batch,
            }
            for i, (at, u, action, entity, key, before, after) in enumerate(audit)
        ]
        for part in chunks(rows, self.batch_size):
            self.tx.run(Q.ADD_AUDIT, rows=part).consume()
