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
import numpy as np

from network.model import Activity, Org, Participation, Tie, TieType

__all__ = ["ChangeSet", "WriteResult", "AuditEntry", "Store", "GraphArrays", "ORG_COLUMNS", "arrays_from_graph"]

#: Organisation columns :class:`GraphArrays` carries by default (what the analysis shows and groups by).
ORG_COLUMNS = ("name", "sector", "kind", "prefecture", "city", "district")


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


@dataclass
class GraphArrays:
    """The stored network as columns and edge arrays: what ``load_arrays()`` returns.

    The same organisations (in the same order) and ties as :meth:`Store.load_graph`, without one
    Python object per tie: ``ids[i]`` is organisation ``i``, ``orgs[col][i]`` its column ``col``;
    tie ``e`` runs ``source[e] → target[e]`` (positions in ``ids``), of type
    ``types[type[e]]``, ``directed[e]``, ``strength[e]`` (1–5) and ``weight[e]``.

    >>> a = GraphArrays(["a", "b"], {"name": ["A", "B"]}, np.array([0]), np.array([1]),
    ...                 np.array([0], np.int8), ["funding"], np.array([True]), np.array([4], np.int8),
    ...                 np.array([1.0]))
    >>> a.n, a.m, a.types[a.type[0]]
    (2, 1, 'funding')
    """

    ids: list[str]
    orgs: dict[str, list]
    source: np.ndarray
    target: np.ndarray
    type: np.ndarray
    types: list[str]
    directed: np.ndarray
    strength: np.ndarray
    weight: np.ndarray
    as_of: str | None = None

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def m(self) -> int:
        return len(self.source)


def arrays_from_graph(G: nx.MultiDiGraph, columns: Iterable[str] = ORG_COLUMNS) -> GraphArrays:
    """A :class:`GraphArrays` built from a ``load_graph()`` graph (the fallback of any store).

    A missing ``directed`` takes the type's default direction, a missing ``strength`` is 3 and a
    missing ``weight`` 1.0, as the analysis views read them.

    >>> G = nx.MultiDiGraph([("a", "b")])
    >>> arrays_from_graph(G).strength.tolist(), arrays_from_graph(G).types
    ([3], [''])
    """
    ids = list(G)
    idx = {v: i for i, v in enumerate(ids)}
    nd = G.nodes
    orgs = {c: [nd[v].get(c) for v in ids] for c in columns}
    m = G.number_of_edges()
    src, dst = np.empty(m, np.int64), np.empty(m, np.int64)
    code, direc = np.empty(m, np.int16), np.empty(m, bool)
    st, w = np.empty(m, np.int8), np.empty(m, np.float64)
    types: dict[str, int] = {}
    default = {t.value: t.default_directed for t in TieType}
    for e, (u, v, d) in enumerate(G.edges(data=True)):
        t = d.get("type") or ""
        directed = d.get("directed")
        src[e], dst[e] = idx[u], idx[v]
        code[e] = types.setdefault(t, len(types))
        direc[e] = default.get(t, False) if directed is None else bool(directed)
        try:
            st[e] = int(d.get("strength") or 3)
        except (TypeError, ValueError):
            st[e] = 3
        weight = d.get("weight")
        w[e] = 1.0 if weight is None else float(weight)
    return GraphArrays(ids, orgs, src, dst, code, list(types), direc, st, w, G.graph.get("as_of"))


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
