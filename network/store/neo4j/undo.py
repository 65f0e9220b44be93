"""Undo in the Neo4j store: the :class:`~network.store.undo.UndoWork` of one managed transaction.

The rules (what may be undone, dependents, cascade, redo) are in :mod:`network.store.undo`,
shared with the SQLite store; this module reads and puts back one record's state with the
queries of :mod:`network.store.neo4j.cypher`.  The undo's audit entries are collected and
written at the end of the transaction with ids from the audit counter, like every other write
(:class:`network.store.neo4j.tx.WriteWork`).
"""

from __future__ import annotations

import json
from typing import Any

from network.errors import StoreError
from network.model import Activity, Org, Tie
from network.store.base import WriteResult
from network.store.neo4j import cypher as Q
from network.store.neo4j.tx import WriteWork, content, custom_prop, find_ties, org_from_props, tie_props

__all__ = ["Neo4jUndo"]

_ACTIVITY_FIELDS = ("id", "name", "kind", "start", "end", "note")


class Neo4jUndo:
    """Reads and writes of one undo, on the managed transaction ``tx`` (writers locked out)."""

    def __init__(self, tx: Any, *, user: str, batch: str, now: str, batch_size: int) -> None:
        self.tx, self.now = tx, now
        self.work = WriteWork(tx, user, now, batch_size, WriteResult(batch=batch))
        self.work.lock()

    def already_undone(self, name: str) -> bool:
        return self.tx.run(Q.UNDONE, batch=name).single() is not None

    def entries(self, *, audit_id: int | None, batch: str | None) -> list[dict]:
        if audit_id is not None:
            found = [r["p"] for r in self.tx.run(Q.AUDIT_ENTRY, id=int(audit_id))]
        else:
            found = [r["p"] for r in self.tx.run(Q.AUDIT, entity_id=None, batch=batch)]
        return [
            {
                "id": p["id"],
                "entity": p["entity"],
                "entity_id": p["entity_id"],
                "before": json.loads(p["before"]) if p.get("before") else None,
                "after": json.loads(p["after"]) if p.get("after") else None,
            }
            for p in sorted(found, key=lambda p: -int(p["id"]))
        ]

    def current(self, entity: str, key: str, target: dict | None) -> dict | None:
        if entity == "org":
            rec = self.tx.run(Q.GET_ORG, id=key).single()
            if rec is None:
                return None
            return content(org_from_props(rec["p"]).to_dict()) | {"deleted": bool(rec["p"].get("deleted", False))}
        if entity == "tie":
            tie = find_ties(self.tx.run, [key]).get(key)
            return None if tie is None else content(tie.to_dict())
        if entity == "activity":
            found = [r["p"] for r in self.tx.run(Q.GET_ACTIVITIES, ids=[key])]
            return None if not found else {k: found[0].get(k) for k in _ACTIVITY_FIELDS}
        if entity == "participation":
            p = target or {}
            org, _, activity = key.partition("@")
            rec = self.tx.run(
                Q.GET_PARTICIPATION,
                org=p.get("org", org),
                activity=p.get("activity", activity),
                role=p.get("role") or "",
                date=p.get("date") or "",
            ).single()
            if rec is None:
                return None
            return {"org": rec["org"], "activity": rec["activity"], "role": rec["role"], "date": rec["date"] or None}
        raise StoreError(f"changes to {entity!r} cannot be undone")

    def put(self, entity: str, key: str, current: dict | None, target: dict | None) -> None:
        run, now = self.tx.run, self.now
        if entity == "org":
            if target is None:  # undo a create: hide, never erase
                run(Q.SET_ORG_DELETED, id=key, deleted=True, now=now).consume()
                return
            props = content(Org.from_dict({k: v for k, v in target.items() if k != "deleted"}).to_dict())
            props["aliases"], props["tags"] = list(props["aliases"] or []), list(props["tags"] or [])
            props["custom"] = custom_prop(props["custom"])
            props["deleted"] = bool(target.get("deleted", current.get("deleted", False) if current else False))
            props["updated_at"] = now
            if current is None:
                props["created_at"] = now
            run(Q.MERGE_ORGS, rows=[{"id": key, "props": props}]).consume()
        elif entity == "tie":
            old = find_ties(run, [key]).get(key)
            if old is not None and (
                target is None
                or (old.type, old.source, old.target)
                != (target.get("type"), target.get("source"), target.get("target"))
            ):
                run(Q.DELETE_TIES[old.type], ids=[key]).consume()
            if target is None:
                return
            new = tie_props(Tie.from_dict(target))
            new["created_at"] = old.created_at if old is not None and old.created_at else now
            new["updated_at"] = now
            run(
                Q.MERGE_TIE[new["type"]],
                rows=[
                    {
                        "id": key,
                        "source": new["source"],
                        "target": new["target"],
                        "props": dict(new, custom=custom_prop(new["custom"])),
                    }
                ],
            ).consume()
        elif entity == "activity":
            if target is None:
                run(Q.DELETE_ACTIVITY, id=key).consume()
                return
            props = Activity(**{k: target.get(k) for k in _ACTIVITY_FIELDS if target.get(k) is not None}).to_dict()
            run(Q.MERGE_ACTIVITIES, rows=[{"id": key, "props": props}]).consume()
        elif entity == "participation":
            p = target or current or {}
            row = {"org": p["org"], "activity": p["activity"], "role": p.get("role") or "", "date": p.get("date") or ""}
            if target is None:
                run(Q.DELETE_PARTICIPATION, **row).consume()
            else:
                run(Q.MERGE_PARTICIPATIONS, rows=[row]).consume()

    def _latest(self, entity: str, ids: list[str]) -> dict[str, dict]:
        latest: dict[str, dict] = {}
        for r in self.tx.run(Q.LATEST_AUDIT, ids=ids, entity=entity):
            if r["id"] not in latest or r["n"] > latest[r["id"]]["n"]:
                latest[r["id"]] = {"n": r["n"], "user": r["user"], "at": r["at"]}
        return latest

    def dependents(self, entity: str, key: str, since: int) -> list[dict]:
        found: list[dict] = []
        if entity == "org":
            ties = {r["id"]: r for q in (Q.TIES_FROM, Q.TIES_TO) for r in self.tx.run(q, id=key)}
            latest = self._latest("tie", sorted(ties))
            for tie_id in sorted(ties):
                a, r = latest.get(tie_id), ties[tie_id]
                if a is not None and a["n"] > since:
                    found.append(
                        {
                            "entity": "tie",
                            "id": tie_id,
                            "source": r["source"],
                            "target": r["target"],
                            "source_name": r["source_name"] or r["source"],
                            "target_name": r["target_name"] or r["target"],
                            "user": a["user"],
                            "at": a["at"],
                        }
                    )
        query = Q.PARTICIPATIONS_OF_ORG if entity == "org" else Q.PARTICIPATIONS_IN
        parts = sorted(
            (r["org"], r["activity"], r["role"] or "", r["date"] or "", r["org_name"])
            for r in self.tx.run(query, id=key)
        )
        latest = self._latest("participation", sorted({f"{p[0]}@{p[1]}" for p in parts}))
        for org, activity, role, date, org_name in parts:
            a = latest.get(f"{org}@{activity}")
            if a is not None and a["n"] > since:
                found.append(
                    {
                        "entity": "participation",
                        "id": f"{org}@{activity}",
                        "org": org,
                        "org_name": org_name or org,
                        "activity": activity,
                        "role": role,
                        "date": date or None,
                        "user": a["user"],
                        "at": a["at"],
                    }
                )
        return found

    def remove(self, dependent: dict) -> dict | None:
        d = dependent
        if d["entity"] == "tie":
            state = self.current("tie", d["id"], None)
            if state is not None:
                self.tx.run(Q.DELETE_TIES[state["type"]], ids=[d["id"]]).consume()
            return state
        state = {"org": d["org"], "activity": d["activity"], "role": d["role"], "date": d["date"]}
        self.tx.run(
            Q.DELETE_PARTICIPATION, org=d["org"], activity=d["activity"], role=d["role"] or "", date=d["date"] or ""
        ).consume()
        return state

    def record(self, action: str, entity: str, key: str, before: dict | None, after: dict | None) -> None:
        self.work.audit.append((self.now, self.work.user, action, entity, key, before, after))

    def flush(self) -> None:
        """Write the undo's audit entries (ids from the audit counter), in this transaction."""
        self.work.append_audit()
