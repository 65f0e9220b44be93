"""The store Protocol every implementation (SQLite, Neo4j) satisfies.

A store keeps organisations, ties, activities and participations, writes each
change set in one transaction, and records every change in an audit log.  The
contract tests (``tests/network/store_contract.py`` for data, audit and accounts,
``tests/network/undo_contract.py`` for undo) run unchanged against every implementation.

>>> from network.store.sqlite import SQLiteStore
>>> isinstance(SQLiteStore(":memory:"), Store)
True

Graph conventions of :meth:`Store.load_graph`
---------------------------------------------
A ``networkx.MultiDiGraph``; node key = organisation id, node attributes = every
:class:`~network.model.Org` field except ``id`` (``aliases`` and ``tags`` as
lists).  One edge per tie, ``source → target``, edge key = tie id, attributes =
every :class:`~network.model.Tie` field except ``id``, ``source``, ``target``
(``directed`` is a bool; an undirected tie is stored once and analysis views
add the reverse arc).  ``G.graph`` holds ``as_of`` (the day, ``first/last`` of a fiscal year, or ``None``) and
``activities``/``participations`` are not in the graph (see
:meth:`Store.participations`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, Self, runtime_checkable

import networkx as nx

from network.arrays import ORG_COLUMNS, GraphArrays, arrays_from_graph  # here for the stores and callers
from network.model import Activity, Org, Participation, Tie

__all__ = ["ChangeSet", "WriteResult", "AuditEntry", "Store", "GraphArrays", "ORG_COLUMNS", "arrays_from_graph"]


@dataclass
class ChangeSet:
    """Records to create or update in one transaction (upsert by id)."""

    orgs: list[Org] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.orgs) + len(self.ties) + len(self.activities) + len(self.participations)


@dataclass
class WriteResult:
    """What a write did: counts per action, and the batch id it was recorded under."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    batch: str = ""

    @property
    def changed(self) -> int:
        return self.created + self.updated


@dataclass
class AuditEntry:
    """One recorded change."""

    id: int
    at: str
    user: str
    action: str  # create | update | delete | restore | end | undo
    entity: str  # org | tie | activity | participation | user
    entity_id: str
    before: dict | None
    after: dict | None
    batch: str = ""


@runtime_checkable
class Store(Protocol):
    """A partnership network store."""

    url: str

    # writes — each one transaction, each change audited
    def write(
        self,
        changes: ChangeSet,
        *,
        user: str = "system",
        batch: str | None = None,
        progress: Callable[[int, int], object] | None = None,
    ) -> WriteResult: ...
    def end_tie(self, tie_id: str, end: str, *, user: str = "system") -> Tie: ...
    def delete_org(self, org_id: str, *, user: str = "system") -> Org: ...
    def restore_org(self, org_id: str, *, user: str = "system") -> Org: ...

    # reads
    def get_org(self, org_id: str) -> Org: ...
    def get_tie(self, tie_id: str) -> Tie: ...
    def orgs(
        self,
        *,
        sector: str | None = None,
        district: str | None = None,
        city: str | None = None,
        search: str | None = None,
    ) -> list[Org]: ...
    def ties(
        self,
        *,
        org: str | None = None,
        type: str | None = None,
        sector: str | None = None,
        district: str | None = None,
        as_of: str | int | None = None,
    ) -> list[Tie]: ...
    def activities(self) -> list[Activity]: ...
    def participations(self) -> list[Participation]: ...
    def audit(
        self, *, entity_id: str | None = None, batch: str | None = None, limit: int | None = None
    ) -> list[AuditEntry]: ...
    def revision(self) -> int: ...
    def counts(self) -> dict[str, int]: ...
    def load_graph(self, as_of: str | int | None = None) -> nx.MultiDiGraph: ...

    # optional: ``load_arrays(as_of=None, columns=ORG_COLUMNS) -> GraphArrays`` (SQLite has it;
    # :func:`load_arrays` falls back to ``arrays_from_graph(load_graph())``)

    # undo — one transaction; rules in network.store.undo (returns an UndoCount, an int)
    def undo(
        self,
        *,
        audit_id: int | None = None,
        batch: str | None = None,
        user: str,
        force: bool = False,
        cascade: bool = False,
    ) -> int: ...

    # accounts (users, roles, sign-in attempts) and survey rounds kept in the same store
    def accounts(self) -> object: ...
    def survey(self) -> object: ...

    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...


def chunks(items: list, size: int) -> Iterable[list]:
    """Split ``items`` into lists of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def load_arrays(store: Store, as_of: str | int | None = None, columns: Iterable[str] = ORG_COLUMNS) -> GraphArrays:
    """``store.load_arrays(as_of, columns)`` when the store has it, else built from ``load_graph``."""
    own = getattr(store, "load_arrays", None)
    if own is not None:
        return own(as_of, columns=columns)
    return arrays_from_graph(store.load_graph(as_of=as_of), columns)
