"""Writes of the Neo4j store: upserts by id, soft delete, ended ties and undo, each audited.

:class:`Writes` is the half of :class:`network.store.neo4j.store.Neo4jStore` that changes data (the
other half connects, reads and makes the schema), as :class:`network.store.sqlite.write.Writes` is
for SQLite.  Every method is one managed write transaction of the store (``Neo4jStore._write``,
retried on a racing ``MERGE``) that first takes the writer lock (the audit counter node) and ends by
appending its audit entries (who, when, action, before/after).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import neo4j

from network.errors import NotFound
from network.model import Org, Tie
from network.store.base import ChangeSet, WriteResult, chunks
from network.store.neo4j import cypher as Q
from network.store.neo4j.tx import WriteWork, content, find_ties, org_from_props, tie_props
from network.store.neo4j.undo import Neo4jUndo
from network.store.undo import UndoCount, run_undo, undo_batch_name

__all__ = ["Writes"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Writes:
    """Create, update, end, delete, restore and undo records (mixed into ``Neo4jStore``)."""

    def write(
        self,
        changes: ChangeSet,
        *,
        user: str = "system",
        batch: str | None = None,
        progress: Callable[[int, int], object] | None = None,
    ) -> WriteResult:
        """Create or update every record of ``changes`` in one transaction.

        Records equal to what is stored (ignoring timestamps) are counted as
        ``unchanged`` and not rewritten.  ``progress(done, total)`` is called
        after each batch; if it raises, the whole write is rolled back.
        """
        batch_id = batch or uuid.uuid4().hex[:12]
        total = len(changes)
        ties = [tie_props(t) for t in changes.ties]  # refuse bad ties before touching the server

        def work(tx: neo4j.ManagedTransaction) -> WriteResult:
            w = WriteWork(tx, user, _now(), self.batch_size, WriteResult(batch=batch_id))
            w.lock()
            done = 0
            steps: list[tuple[list, Callable[[list], None]]] = [
                (changes.orgs, w.upsert_orgs),
                (changes.activities, w.upsert_activities),
                (ties, w.upsert_ties),
                (changes.participations, w.insert_participations),
            ]
            for records, step in steps:
                for part in chunks(records, self.batch_size):
                    step(part)
                    done += len(part)
                    if progress is not None:
                        progress(done, total)
                if step == w.upsert_orgs:
                    w.check_corporate_numbers(sorted({o.corporate_number for o in records if o.corporate_number}))
            w.append_audit()
            return w.result

        return self._write(work)

    def _set(self, entity: str, key: str, action: str, user: str, mutate: Callable[[dict], None]) -> dict:
        """Change one org's ``deleted`` flag or one tie's end, audited, in one transaction."""

        def work(tx: neo4j.ManagedTransaction) -> dict:
            w = WriteWork(tx, user, _now(), self.batch_size, WriteResult(batch=uuid.uuid4().hex[:12]))
            w.lock()
            if entity == "org":
                rec = tx.run(Q.GET_ORG, id=key).single()
                if rec is None:
                    raise NotFound(f"no org with id {key!r}")
                before_deleted = bool(rec["p"].get("deleted", False))
                before = org_from_props(rec["p"]).to_dict()
            else:
                found = find_ties(tx.run, [key])
                if key not in found:
                    raise NotFound(f"no tie with id {key!r}")
                before_deleted, before = False, found[key].to_dict()
            after = dict(before)
            mutate(after)
            deleted = after.pop("deleted", before_deleted)
            after["updated_at"] = w.now
            if entity == "org":
                tx.run(Q.SET_ORG_DELETED, id=key, deleted=bool(deleted), now=w.now).consume()
                if not deleted and after["corporate_number"]:
                    w.check_corporate_numbers([after["corporate_number"]])
                b, a = content(before) | {"deleted": before_deleted}, content(after) | {"deleted": deleted}
            else:
                tie_props(Tie(**after))  # end before start is refused
                tx.run(Q.SET_TIE_END[after["type"]], ids=[key], end=after["end"], now=w.now).consume()
                b, a = content(before), content(after)
            w.audit.append((w.now, user, action, entity, key, b, a))
            w.append_audit()
            return after

        return self._write(work)

    def end_tie(self, tie_id: str, end: str, *, user: str = "system") -> Tie:
        """Set the end date of a tie (ties are ended, never deleted)."""
        return Tie(**self._set("tie", tie_id, "end", user, lambda d: d.update(end=end)))

    def delete_org(self, org_id: str, *, user: str = "system") -> Org:
        """Hide an organisation and its ties; recorded and restorable."""
        return Org(**self._set("org", org_id, "delete", user, lambda d: d.update(deleted=True)))

    def restore_org(self, org_id: str, *, user: str = "system") -> Org:
        """Bring back a deleted organisation."""
        return Org(**self._set("org", org_id, "restore", user, lambda d: d.update(deleted=False)))

    def undo(
        self,
        *,
        audit_id: int | None = None,
        batch: str | None = None,
        user: str,
        force: bool = False,
        cascade: bool = False,
    ) -> UndoCount:
        """Undo one recorded change or a whole batch, in one transaction (rules: :mod:`network.store.undo`)."""
        if (audit_id is None) == (batch is None):
            raise ValueError("give exactly one of audit_id or batch")
        name = undo_batch_name(audit_id=audit_id, batch=batch)

        def work(tx: neo4j.ManagedTransaction) -> UndoCount:
            w = Neo4jUndo(tx, user=user, batch=name, now=_now(), batch_size=self.batch_size)
            n = run_undo(w, audit_id=audit_id, batch=batch, force=force, cascade=cascade)
            w.flush()
            return n

        return self._write(work)
