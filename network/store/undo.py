"""Undo recorded changes, the same way in every store.

Every write to a store leaves audit entries (who, when, what, before/after).
Undoing an entry puts its ``before`` state back; undoing a batch undoes every
entry of the batch, newest first, in one transaction.  The undo itself is
recorded (action ``undo``, batch ``undo:#ID`` or ``undo:BATCH``), with the state
it replaced as ``before``, so an undo can be undone in turn (redo), and
nothing disappears without a trace.

Undo never hides other users' work (docs/trust.md, "Undo never hides other
users' work").  Undoing the creation of an organisation hides it, and with it
every tie and participation that names it; when one of those was added or changed
*after* the change being undone, it is a *dependent* record: the undo is refused
with a :class:`DependentRecords` error that lists them, or, with ``cascade=True``,
the dependents are removed in the same transaction and recorded as action
``cascade`` in the undo's batch (their state kept, so a redo brings them back).
The same holds for an activity whose later participations would be orphaned.

The rules are written once, in :func:`run_undo`, against :class:`UndoWork`: the
few reads and writes a store does inside its own open transaction
(:mod:`network.store.sqlite.undo`, :mod:`network.store.neo4j.undo`).  Both stores'
``undo`` method call it, and one contract test (``tests/network/undo_contract.py``)
runs against both.

Examples
--------
>>> from network.model import Org
>>> from network.store.sqlite import SQLiteStore
>>> from network.store.base import ChangeSet
>>> store = SQLiteStore(":memory:")
>>> r = store.write(ChangeSet(orgs=[Org("a", "れんぷく", "intermediary")]), user="sato")
>>> store.undo(batch=r.batch, user="admin")
1
>>> [o.id for o in store.orgs()], store.audit(limit=1)[0].batch.startswith("undo:")
([], True)
"""

from __future__ import annotations

import json
from typing import Protocol

from network.errors import ConflictError, NotFound

__all__ = [
    "UndoWork",
    "run_undo",
    "UndoCount",
    "undo_batch_name",
    "DependentRecords",
    "describe_dependent",
    "UNDOABLE",
    "SKIP",
]

#: timestamps: never part of what an undo compares or puts back
SKIP = frozenset({"created_at", "updated_at"})
#: the entities whose changes can be undone (accounts and restores cannot)
UNDOABLE = frozenset({"org", "tie", "activity", "participation"})


class UndoCount(int):
    """The number of changes undone (an ``int``), with ``cascaded``: the dependent
    records removed with them (dicts as :func:`describe_dependent` reads them)."""

    cascaded: list[dict]

    def __new__(cls, n: int, cascaded: list[dict] | None = None) -> UndoCount:
        obj = super().__new__(cls, n)
        obj.cascaded = list(cascaded or [])
        return obj


class DependentRecords(ConflictError):
    """An undo would hide records others added or changed later; ``dependents`` lists them."""

    def __init__(self, message: str, dependents: list[dict]) -> None:
        super().__init__(message)
        self.dependents = dependents


class UndoWork(Protocol):
    """What :func:`run_undo` needs from a store, inside one open write transaction.

    States are dicts in the audit log's shape (every field but the timestamps; organisations
    with ``deleted``); ``None`` is "not there".
    """

    def already_undone(self, name: str) -> bool:
        """True when an undo was recorded under batch ``name``."""

    def entries(self, *, audit_id: int | None, batch: str | None) -> list[dict]:
        """The audit entries to undo, newest first: ``id``, ``entity``, ``entity_id``, ``before``, ``after``."""

    def current(self, entity: str, key: str, target: dict | None) -> dict | None:
        """The stored state of one record (``target`` names a participation's role and date)."""

    def put(self, entity: str, key: str, current: dict | None, target: dict | None) -> None:
        """Make the record's state ``target`` (``None``: hide an organisation, remove anything else)."""

    def dependents(self, entity: str, key: str, since: int) -> list[dict]:
        """Ties and participations naming ``key`` whose latest audit entry is newer than ``since``."""

    def remove(self, dependent: dict) -> dict | None:
        """Remove one dependent record; its state before (for the ``cascade`` audit entry)."""

    def record(self, action: str, entity: str, key: str, before: dict | None, after: dict | None) -> None:
        """Add one audit entry in the undo's batch."""


def undo_batch_name(*, audit_id: int | None = None, batch: str | None = None) -> str:
    """The batch an undo is recorded under: ``undo:#42`` or ``undo:<batch>``.

    >>> undo_batch_name(audit_id=42), undo_batch_name(batch="b1")
    ('undo:#42', 'undo:b1')
    """
    return f"undo:#{audit_id}" if audit_id is not None else f"undo:{batch}"


def describe_dependent(d: dict) -> str:
    """One line for a dependent record (raw text: escape it where it is shown).

    >>> describe_dependent({"entity": "tie", "id": "t9", "source_name": "甲", "target_name": "乙",
    ...                     "user": "kato", "at": "2026-12-01T10:00:00+00:00"})
    'tie t9 (甲 → 乙; kato, 2026-12-01T10:00:00+00:00)'
    """
    if d["entity"] == "tie":
        what = f"{d['source_name']} → {d['target_name']}"
    else:
        what = f"{d.get('org_name') or d.get('org')} @ {d.get('activity')}"
    return f"{d['entity']} {d['id']} ({what}; {d['user']}, {d['at']})"


def norm(d: dict | None) -> dict | None:
    """JSON round trip (tuples → lists), timestamps dropped.

    >>> norm({"aliases": ("a",), "updated_at": "x"})
    {'aliases': ['a']}
    """
    if d is None:
        return None
    return {k: v for k, v in json.loads(json.dumps(d, ensure_ascii=False)).items() if k not in SKIP}


def matches(current: dict | None, expected: dict | None) -> bool:
    """True when ``current`` still holds the state an entry left behind.

    >>> matches({"name": "甲", "deleted": False}, {"name": "甲"}), matches(None, {"name": "甲"})
    (True, False)
    """
    if expected is None:
        return current is None or current.get("deleted") is True
    if current is None:
        return False
    cur = norm(current) or {}
    return all(cur.get(k) == v for k, v in expected.items() if k != "deleted") and (
        "deleted" not in expected or cur.get("deleted", False) == expected["deleted"]
    )


def hides(entity: str, current: dict | None, target: dict | None) -> bool:
    """True when putting ``target`` back hides (or removes) a record that is visible now.

    >>> hides("org", {"deleted": False}, None), hides("tie", {"id": "t"}, None)
    (True, False)
    """
    if entity == "org":
        visible = current is not None and not current.get("deleted", False)
        return visible and (target is None or bool(target.get("deleted", False)))
    return entity == "activity" and current is not None and target is None


def refusal(found: list[dict]) -> DependentRecords:
    """The error that lists the dependent records (the first 20)."""
    listed = [describe_dependent(d) for d in found[:20]]
    more = f"; … and {len(found) - 20} more" if len(found) > 20 else ""
    return DependentRecords(
        f"undo would hide {len(found)} record(s) added or changed later: {'; '.join(listed)}{more}. "
        "Undo those first, or run again with --cascade to remove them too / "
        "後から追加・変更された記録があります。先にそれらを取り消すか、--cascade で一緒に取り消してください",
        found,
    )


def run_undo(
    work: UndoWork, *, audit_id: int | None, batch: str | None, force: bool = False, cascade: bool = False
) -> UndoCount:
    """Undo an audit entry or a batch through ``work`` (one open transaction of a store).

    Raises ``ConflictError`` when the change was already undone or a record changed since (unless
    ``force``), :class:`DependentRecords` when it would hide later records (unless ``cascade``), and
    ``NotFound`` for an unknown entry or batch.  On any error the caller rolls the transaction back.
    """
    name = undo_batch_name(audit_id=audit_id, batch=batch)
    if work.already_undone(name):
        raise ConflictError(f"{name[5:]} was already undone (batch {name}); undo that batch to redo / 取り消し済み")
    rows = work.entries(audit_id=audit_id, batch=batch)
    if not rows:
        what = f"audit entry #{audit_id}" if audit_id is not None else f"batch {batch!r}"
        raise NotFound(f"no {what} in the history / 履歴にありません")
    done, cascaded, blocked = 0, [], []
    for row in rows:
        entity, key = row["entity"], row["entity_id"]
        if entity not in UNDOABLE:
            raise ConflictError(f"changes to {entity} (#{row['id']}) cannot be undone / 取り消せない変更です")
        before, after = row["before"], row["after"]
        current = work.current(entity, key, before or after)
        if not force and not matches(current, after):
            raise ConflictError(
                f"{entity} {key} changed after #{row['id']}: undo the later change first, or force / "
                "後から変更されています"
            )
        if hides(entity, current, before):
            deps = work.dependents(entity, key, int(row["id"]))
            if deps and not cascade:
                blocked += deps
                continue  # keep looking, so that the refusal lists every dependent record
            for d in deps:
                work.record("cascade", d["entity"], d["id"], work.remove(d), None)
            cascaded += deps
        if blocked:
            continue
        work.put(entity, key, current, before)
        work.record("undo", entity, key, current, work.current(entity, key, before or after))
        done += 1
    if blocked:
        raise refusal(blocked)  # the caller's transaction rolls back: nothing is written
    return UndoCount(done, cascaded)
