"""Bulk reads of the SQLite store: the network as arrays (``load_arrays``) and as a graph (``load_graph``).

Both read each table once with plain tuples (no ``sqlite3.Row``): :func:`load_arrays` maps the
tie ends to organisation positions with one dictionary (no join: three times faster than letting
SQLite look each end up) and keeps NumPy arrays, no Python object per tie; :func:`load_graph` fills the
``MultiDiGraph`` adjacency directly, one attribute dict per tie (the graph's own contract).

Examples
--------
>>> from network.model import Org, Tie
>>> from network.store.base import ChangeSet
>>> from network.store.sqlite import SQLiteStore
>>> store = SQLiteStore(":memory:")
>>> _ = store.write(ChangeSet(orgs=[Org("a", "A", "npo"), Org("b", "B", "company")],
...                           ties=[Tie("t1", "b", "a", "funding", directed=True, strength=4)]))
>>> T = load_arrays(store)
>>> T.ids, T.source.tolist(), T.target.tolist(), T.types, T.strength.tolist()
(['a', 'b'], [1], [0], ['funding'], [4])
>>> load_graph(store).edges["b", "a", "t1"]["strength"]
4
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from network.errors import StoreError
from network.model import as_of_label, as_of_period
from network.store.base import ORG_COLUMNS, GraphArrays

if TYPE_CHECKING:
    from network.store.sqlite.store import SQLiteStore

__all__ = ["load_arrays", "load_graph"]

#: a tie runs at some time in [first, last] (parameters: last, first), as ``network.model.tie_active``
ACTIVE_SQL = (
    "(t.start IS NULL OR t.start = '' OR substr(t.start, 1, 10) <= ?) "
    'AND (t."end" IS NULL OR t."end" = \'\' OR substr(t."end", 1, 10) >= ?)'
)
_ORG_TEXT = (
    "name",
    "sector",
    "kind",
    "prefecture",
    "city",
    "district",
    "corporate_number",
    "url",
    "note",
    "source",
    "created_at",
    "updated_at",
)
_JSON = ("aliases", "tags", "custom")
_CHUNK = 100_000  # tie rows fetched at a time


def _cursor(store: SQLiteStore) -> sqlite3.Cursor:
    cur = store._conn().cursor()
    cur.row_factory = None  # plain tuples: several times faster than sqlite3.Row
    return cur


def _period(as_of: str | int | None) -> tuple[str, tuple]:
    first, last = as_of_period(as_of)
    return ("", ()) if first is None else (" WHERE " + ACTIVE_SQL, (last, first))


def load_arrays(
    store: SQLiteStore, as_of: str | int | None = None, columns: Iterable[str] = ORG_COLUMNS
) -> GraphArrays:
    """The live organisations and their ties (active on ``as_of`` when given) as a :class:`GraphArrays`.

    Organisations come in the order :func:`load_graph` gives them; ``columns`` are the
    organisation columns kept (text columns of ``orgs``; ``aliases``/``tags`` as lists).
    """
    cols = list(dict.fromkeys(columns))
    bad = [c for c in cols if c not in _ORG_TEXT and c not in _JSON]
    if bad:
        raise StoreError(f"unknown organisation column(s): {', '.join(bad)}")
    where, params = _period(as_of)
    select = ", ".join(["id", *(f'"{c}"' for c in cols)])
    try:
        cur = _cursor(store)
        rows = cur.execute(f"SELECT {select} FROM orgs WHERE deleted = 0").fetchall()  # noqa: S608 - fixed names
        ids = [r[0] for r in rows]
        orgs = {c: [r[1 + k] for r in rows] for k, c in enumerate(cols)}
        del rows
        for c in cols:
            if c in ("aliases", "tags"):
                orgs[c] = [[] if x == "[]" else json.loads(x) for x in orgs[c]]
        index = {v: i for i, v in enumerate(ids)}.get
        # no join: a dictionary maps the ends (a deleted organisation is not in it) — 3x faster
        cur.execute("SELECT t.source, t.target, t.type, t.directed, t.strength, t.weight FROM ties t" + where, params)
        parts = []
        codes: dict[str, int] = {}
        while True:
            chunk = cur.fetchmany(_CHUNK)
            if not chunk:
                break
            s_, t_, ty, di, st, w = zip(*chunk, strict=True)
            del chunk
            k = len(s_)
            src = np.fromiter((index(x, -1) for x in s_), np.int64, k)
            dst = np.fromiter((index(x, -1) for x in t_), np.int64, k)
            live = (src >= 0) & (dst >= 0)
            parts.append(
                tuple(
                    x[live]
                    for x in (
                        src,
                        dst,
                        np.fromiter((codes.setdefault(x, len(codes)) for x in ty), np.int16, k),
                        np.array(di, bool),
                        np.array(st, np.int8),
                        np.array(w, np.float64),
                    )
                )
            )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read store {store.path}: {exc}") from exc
    if parts:
        src, dst, ty, di, st, w = (np.concatenate(x) for x in zip(*parts, strict=True))
    else:
        src, dst, w = np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
        ty, di, st = np.empty(0, np.int16), np.empty(0, bool), np.empty(0, np.int8)
    del parts
    return GraphArrays(ids, orgs, src, dst, ty, list(codes), di, st, w, as_of_label(as_of))


def load_graph(store: SQLiteStore, as_of: str | int | None = None) -> nx.MultiDiGraph:
    """The whole network as a MultiDiGraph (conventions in :mod:`network.store.base`)."""
    where, params = _period(as_of)
    G = nx.MultiDiGraph(as_of=as_of_label(as_of))
    try:
        cur = _cursor(store)
        cur.execute("SELECT * FROM orgs WHERE deleted = 0")
        names = [d[0] for d in cur.description]
        i_id, i_del = names.index("id"), names.index("deleted")
        keep = [i for i in range(len(names)) if i not in (i_id, i_del)]
        keys = [names[i] for i in keep]
        loads = json.loads
        jcols = [k for k in keys if k in _JSON]
        node = G._node
        adj_s, adj_p = G._succ, G._pred
        for row in cur:
            d = dict(zip(keys, [row[i] for i in keep], strict=True))
            for k in jcols:
                x = d[k]
                # most organisations have no aliases, tags or custom fields: no parser for those
                d[k] = [] if x == "[]" else {} if x == "{}" else loads(x)
            v = row[i_id]
            node[v] = d
            adj_s[v] = {}
            adj_p[v] = {}
        cur.execute("SELECT t.* FROM ties t" + where, params)  # ends checked against the live orgs below
        names = [d[0] for d in cur.description]
        i_id, i_s, i_t = (names.index(n) for n in ("id", "source", "target"))
        keep = [i for i in range(len(names)) if i not in (i_id, i_s, i_t)]
        keys = [names[i] for i in keep]
        from operator import itemgetter

        get = itemgetter(*keep)
        factory = G.edge_key_dict_factory
        while True:
            chunk = cur.fetchmany(_CHUNK)
            if not chunk:
                break
            for row in chunk:
                u, v = row[i_s], row[i_t]
                if u not in node or v not in node:
                    continue  # a tie of a deleted organisation
                d = dict(zip(keys, get(row), strict=True))
                d["directed"] = bool(d["directed"])
                c = d["custom"]
                d["custom"] = {} if c == "{}" else loads(c)
                ks = adj_s[u].get(v)
                if ks is None:
                    ks = adj_s[u][v] = adj_p[v][u] = factory()
                ks[row[i_id]] = d
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read store {store.path}: {exc}") from exc
    return G
