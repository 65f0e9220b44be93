"""Fast kernels' plumbing: NetworkX views as index arrays, SciPy matrices, igraph.

NetworkX stays the graph API of the project; the heavy measures run on
compiled engines (python-igraph for shortest paths and communities, SciPy
sparse matrices for local measures).  :class:`Indexed` converts a view once
and keeps the node order, so every kernel returns arrays aligned with
``Indexed.nodes``.

Examples
--------
>>> import networkx as nx
>>> X = Indexed(nx.path_graph(["a", "b", "c"]))
>>> X.nodes, X.degree.tolist()
(['a', 'b', 'c'], [1, 2, 1])
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from typing import Protocol

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = [
    "Indexed",
    "NodeColumns",
    "indexed_views",
    "indexed_views_from_arrays",
    "masked_matmul",
    "heavy_sum",
    "seeded_igraph",
    "HEAVY_COST",
]

#: A middle node whose 2-paths number more than this is handled apart (see :func:`masked_matmul`).
HEAVY_COST = 90_000
#: 2-paths one chunk of :func:`masked_matmul`'s product expands (bounds its memory).
_MATMUL_WORK = 2_000_000


class Indexed:
    """A simple graph (``Graph`` or ``DiGraph``) with integer node indices.

    Attributes
    ----------
    nodes : list of node keys, in ``G``'s order.
    index : dict node → position.
    src, dst : int arrays of the edges (each undirected edge once).
    weight : float array of the edges' ``weight`` attribute (1.0 if absent).
    """

    def __init__(self, G: nx.Graph | None = None) -> None:
        if G is None:  # filled in by a factory (indexed_views)
            return
        self._G: nx.Graph | None = G
        self.node_data: Mapping = G.nodes
        self.directed = G.is_directed()
        self.nodes = list(G)
        self.n = len(self.nodes)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        idx = self.index
        m = G.number_of_edges()
        src = np.empty(m, dtype=np.int64)
        dst = np.empty(m, dtype=np.int64)
        w = np.empty(m, dtype=np.float64)
        st = np.empty(m, dtype=np.float64)
        e = 0
        for u, nbrs in G._adj.items():  # type: ignore[attr-defined]  # networkx's own dict (not in its stubs)
            iu = idx[u]
            for v, d in nbrs.items():
                iv = idx[v]
                if not self.directed and iv < iu:
                    continue
                if iu == iv:
                    continue
                src[e], dst[e], w[e], st[e] = iu, iv, d.get("weight", 1.0), d.get("strength", 1)
                e += 1
        self.src, self.dst, self.weight, self.strength = src[:e], dst[:e], w[:e], st[:e]

    @cached_property
    def G(self) -> nx.Graph:
        """The NetworkX graph (built from the arrays when the index came from them)."""
        if getattr(self, "_G", None) is not None:
            return self._G  # type: ignore[return-value]  # not None: checked on the line above
        G: nx.Graph = nx.DiGraph() if self.directed else nx.Graph()
        G.add_nodes_from((v, self.node_data[v]) for v in self.nodes)
        G.add_edges_from(
            (self.nodes[a], self.nodes[b], {"weight": w, "strength": int(s)})
            for a, b, w, s in zip(
                self.src.tolist(), self.dst.tolist(), self.weight.tolist(), self.strength.tolist(), strict=True
            )
        )
        return G

    @cached_property
    def S(self) -> sp.csr_matrix:
        """Strength matrix (strongest tie of each pair)."""
        return self._matrix(self.strength)

    @cached_property
    def A(self) -> sp.csr_matrix:
        """Binary adjacency matrix (symmetric when undirected), float64 CSR."""
        return self._matrix(np.ones(len(self.src)))

    @cached_property
    def W(self) -> sp.csr_matrix:
        """Weighted adjacency matrix (edge ``weight``)."""
        return self._matrix(self.weight)

    def _matrix(self, values: np.ndarray) -> sp.csr_matrix:
        n = self.n
        if self.directed:
            M = sp.csr_matrix((values, (self.src, self.dst)), shape=(n, n))
        else:
            M = sp.csr_matrix(
                (
                    np.concatenate([values, values]),
                    (np.concatenate([self.src, self.dst]), np.concatenate([self.dst, self.src])),
                ),
                shape=(n, n),
            )
        M.sum_duplicates()
        return M

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of neighbours (undirected) or of out+in arcs (directed)."""
        A = self.A
        if self.directed:
            return np.asarray(A.sum(axis=1)).ravel().astype(np.int64) + np.asarray(A.sum(axis=0)).ravel().astype(
                np.int64
            )
        return np.diff(A.indptr).astype(np.int64)

    @cached_property
    def igraph(self):  # type: ignore[no-untyped-def]
        """The same graph as an ``igraph.Graph`` (vertex i = ``nodes[i]``)."""
        import igraph as ig

        edges = np.column_stack([self.src, self.dst]) if len(self.src) else np.empty((0, 2), int)
        return ig.Graph(n=self.n, edges=edges.tolist(), directed=self.directed)

    def labels(self, attr: str, default: str = "") -> list[str]:
        """Node attribute ``attr`` in node order (missing/empty → ``default``)."""
        nd = self.node_data
        if isinstance(nd, NodeColumns):
            return [str(x or default) for x in nd.column(attr)]
        return [str(nd[v].get(attr) or default) for v in self.nodes]

    def codes(self, attr: str, default: str = "") -> tuple[np.ndarray, list[str]]:
        """Integer group codes of ``attr`` and the group labels (sorted)."""
        labels = self.labels(attr, default)
        groups = sorted(set(labels))
        pos = {g: i for i, g in enumerate(groups)}
        return np.fromiter((pos[x] for x in labels), dtype=np.int64, count=self.n), groups


class NodeColumns(Mapping):
    """Node attributes kept as columns: ``nd[v]`` is a small dict made on demand.

    Stands in for ``G.nodes`` when the views come from arrays (no NetworkX graph).

    >>> nd = NodeColumns(["a", "b"], {"name": ["A", "B"]})
    >>> nd["b"], nd.column("name"), nd.column("sector")
    ({'name': 'B'}, ['A', 'B'], [None, None])
    """

    def __init__(self, nodes: list, columns: dict[str, list], index: dict | None = None) -> None:
        self._nodes = nodes
        self._columns = columns
        self._index = index if index is not None else {v: i for i, v in enumerate(nodes)}

    def __getitem__(self, v: object) -> dict:
        i = self._index[v]
        return {k: col[i] for k, col in self._columns.items()}

    def __iter__(self) -> Iterator:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def column(self, attr: str) -> list:
        """The attribute of every node in node order (``None`` when the column is absent)."""
        col = self._columns.get(attr)
        return list(col) if col is not None else [None] * len(self._nodes)


def _aggregate(n: int, a: np.ndarray, b: np.ndarray, w: np.ndarray, s: np.ndarray):  # type: ignore[no-untyped-def]
    key = a * n + b
    order = np.argsort(key, kind="stable")
    key, w, s = key[order], w[order], s[order]
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.empty(0, np.int64)
    uk = key[first]
    return (
        uk // n,
        uk % n,
        np.add.reduceat(w, first) if len(key) else w,
        np.maximum.reduceat(s, first) if len(key) else s,
    )


def indexed_views(H: nx.MultiDiGraph, *, weight: str | None = "strength") -> tuple[Indexed, Indexed]:
    """The undirected and directed views of a stored graph as :class:`Indexed`, built with NumPy.

    Same edges, ``weight`` and ``strength`` as ``Indexed(undirected_view(H))`` and
    ``Indexed(directed_view(H))`` but without building NetworkX views (the
    large-network path of :func:`network.report.analyze`).
    """
    from network.model import TieType

    nodes = list(H)
    idx = {v: i for i, v in enumerate(nodes)}
    default: dict[str | None, bool] = {t.value: t.default_directed for t in TieType}
    m = H.number_of_edges()
    u_, v_ = np.empty(m, np.int64), np.empty(m, np.int64)
    w_, s_ = np.empty(m), np.empty(m)
    dir_ = np.empty(m, dtype=bool)
    e = 0
    for u, v, d in H.edges(data=True):
        if u == v:
            continue
        st = d.get("strength") or 3
        w = d.get(weight) if weight else 1.0
        w = float(st if w is None else w)
        directed = d.get("directed")
        if directed is None:
            directed = default.get(d.get("type"), False)
        u_[e], v_[e], w_[e], s_[e], dir_[e] = idx[u], idx[v], w if w == w else 1.0, st, directed
        e += 1
    return _build_views(nodes, H.nodes, idx, u_[:e], v_[:e], w_[:e], s_[:e], dir_[:e])


def _build_views(
    nodes: list,
    node_data: Mapping,
    idx: dict,
    u_: np.ndarray,
    v_: np.ndarray,
    w_: np.ndarray,
    s_: np.ndarray,
    dir_: np.ndarray,
) -> tuple[Indexed, Indexed]:
    n = len(nodes)
    out = []
    for directed in (False, True):
        if directed:
            und = ~dir_
            a = np.concatenate([u_, v_[und]])
            b = np.concatenate([v_, u_[und]])
            w, s = np.concatenate([w_, w_[und]]), np.concatenate([s_, s_[und]])
        else:
            a, b, w, s = np.minimum(u_, v_), np.maximum(u_, v_), w_, s_
        X = Indexed()
        X._G = None
        X.node_data, X.directed, X.nodes, X.n, X.index = node_data, directed, nodes, n, idx
        X.src, X.dst, X.weight, X.strength = _aggregate(n, a, b, w, s)
        del a, b, w, s
        out.append(X)
    return out[0], out[1]


class ArraysLike(Protocol):
    """What :func:`indexed_views_from_arrays` reads (``network.store.base.GraphArrays`` has it)."""

    ids: list
    orgs: dict[str, list]
    source: np.ndarray
    target: np.ndarray
    type: np.ndarray
    types: list[str]
    directed: np.ndarray
    strength: np.ndarray
    weight: np.ndarray


def indexed_views_from_arrays(
    T: ArraysLike,
    *,
    types: Iterable[str] | None = None,
    sectors: Iterable[str] | None = None,
    district: Iterable[str] | None = None,
    min_strength: int = 1,
    weight: str | None = "strength",
) -> tuple[Indexed, Indexed]:
    """The two views of a network given as arrays (a store's ``load_arrays()``), without NetworkX.

    ``T`` has ``ids``, ``orgs`` (columns), ``source``, ``target``, ``type``/``types``,
    ``directed``, ``strength`` and ``weight`` (:class:`network.store.base.GraphArrays`).  The
    filters are those of :func:`network.analysis.views.filter_graph` (organisations outside
    ``sectors``/``district`` are left out with their ties) and ``min_strength`` the rule of
    :func:`network.analysis.selection.min_strength_graph`.  Equal to
    ``indexed_views(filter_graph(load_graph(), …))``.

    >>> from types import SimpleNamespace as NS
    >>> T = NS(ids=["a", "b", "c"], orgs={"sector": ["npo", "npo", "company"]},
    ...        source=np.array([0, 2]), target=np.array([1, 1]), type=np.array([0, 1]),
    ...        types=["collaboration", "funding"], directed=np.array([False, True]),
    ...        strength=np.array([3, 5]), weight=np.array([1.0, 1.0]))
    >>> XU, XD = indexed_views_from_arrays(T)
    >>> len(XU.src), len(XD.src), XD.node_data["c"]["sector"]
    (2, 3, 'company')
    >>> XU, _ = indexed_views_from_arrays(T, sectors=["npo"])
    >>> XU.nodes, XU.labels("sector")
    (['a', 'b'], ['npo', 'npo'])
    """
    src, dst = np.asarray(T.source, np.int64), np.asarray(T.target, np.int64)
    st = np.asarray(T.strength).astype(np.float64)
    st[~(st > 0)] = 3  # a missing strength counts as 3, as in the views
    keep = src != dst
    if types is not None:
        wanted = {getattr(t, "value", t) for t in ([types] if isinstance(types, str) else types)}
        ok = np.array([t in wanted for t in T.types], dtype=np.bool_)
        keep &= ok[np.asarray(T.type, np.int64)] if len(ok) else False
    if min_strength > 1:
        keep &= st >= min_strength
    ids, columns = T.ids, T.orgs
    node_keep = None
    for attr, values in (("sector", sectors), ("district", district)):
        if values is None:
            continue
        wanted = {getattr(v, "value", v) for v in ([values] if isinstance(values, str) else values)}
        col = columns.get(attr) or [None] * len(ids)
        mask = np.fromiter((x in wanted for x in col), dtype=bool, count=len(ids))
        node_keep = mask if node_keep is None else node_keep & mask
    if node_keep is not None:
        pos = np.cumsum(node_keep) - 1
        keep &= node_keep[src] & node_keep[dst]
        sel = np.flatnonzero(node_keep).tolist()
        ids = [ids[i] for i in sel]
        columns = {c: [col[i] for i in sel] for c, col in columns.items()}
        src, dst = pos[src], pos[dst]
    nodes = list(ids)
    idx = {v: i for i, v in enumerate(nodes)}
    s_ = st[keep]
    w_ = (
        s_.copy()
        if weight == "strength"
        else (np.ones(len(s_)) if not weight else np.asarray(T.weight, np.float64)[keep])
    )
    w_[np.isnan(w_)] = 1.0
    return _build_views(
        nodes,
        NodeColumns(nodes, columns, idx),
        idx,
        src[keep],
        dst[keep],
        w_,
        s_,
        np.asarray(T.directed, np.bool_)[keep],
    )


def masked_matmul(
    L: sp.csr_matrix, R: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, *, heavy_cost: int | None = None
) -> np.ndarray:
    """``(L @ R)[rows[e], cols[e]]`` for every pair ``e``, without the full product.

    A middle index ``q`` whose ``nnz(L[:, q]) × nnz(R[q, :])`` exceeds
    ``heavy_cost`` (a hub, whose neighbours would all pair up) is summed pair
    by pair; the others go through one sparse product.  Exact either way.

    >>> import scipy.sparse as sp, numpy as np
    >>> A = sp.csr_matrix(np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]], float))
    >>> masked_matmul(A, A, np.array([0, 1]), np.array([1, 2]), heavy_cost=0).tolist()
    [1.0, 1.0]
    """
    heavy_cost = HEAVY_COST if heavy_cost is None else heavy_cost
    Lc, R = L.tocsc(), R.tocsr()
    r_nnz = np.diff(R.indptr).astype(np.int64)
    cost = np.diff(Lc.indptr).astype(np.int64) * r_nnz
    heavy = np.flatnonzero(cost > heavy_cost)
    out = np.zeros(len(rows))
    if len(rows) == 0:
        return out
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    Lr = L.tocsr()
    if len(heavy):
        keep = np.ones(L.shape[1])
        keep[heavy] = 0.0
        Lr = (Lr @ sp.diags(keep)).tocsr()
        Lr.eliminate_zeros()
    # the product in chunks of rows, each of bounded work (2-paths expanded), looked up at its pairs
    work = np.cumsum(Lr @ r_nnz.astype(float))
    order = np.argsort(rows, kind="stable")
    by_row = rows[order]
    n_cols = R.shape[1]
    start, n_rows = 0, Lr.shape[0]
    while start < n_rows:
        stop = int(np.searchsorted(work, (work[start - 1] if start else 0.0) + _MATMUL_WORK, side="right"))
        stop = min(max(stop, start + 1), n_rows)
        lo, hi = np.searchsorted(by_row, [start, stop])
        if hi > lo:
            sel = order[lo:hi]
            P = (Lr[start:stop] @ R).tocsr()
            P.sort_indices()
            key_p = np.repeat(np.arange(P.shape[0], dtype=np.int64), np.diff(P.indptr)) * n_cols + P.indices
            if len(key_p):
                key_e = (rows[sel] - start) * n_cols + cols[sel]
                pos = np.minimum(np.searchsorted(key_p, key_e), len(key_p) - 1)
                hit = key_p[pos] == key_e
                out[sel[hit]] = P.data[pos[hit]]
            del P, key_p
        start = stop
    if len(heavy):
        out += heavy_sum(Lc, R, heavy, rows, cols)
    return out


def heavy_sum(L: sp.csc_matrix, R: sp.csr_matrix, middle: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``Σ_{q ∈ middle} L[rows[e], q] · R[q, cols[e]]`` for every pair ``e``, one ``q`` at a time.

    For each ``q`` only the pairs whose row is in ``L[:, q]`` are visited (pairs grouped by
    row once), so the cost is the number of pairs those rows have — no fancy indexing of the
    matrices by the pairs.

    >>> import scipy.sparse as sp, numpy as np
    >>> A = sp.csr_matrix(np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]], float))
    >>> heavy_sum(A.tocsc(), A, np.array([2]), np.array([0, 1, 0]), np.array([1, 0, 2])).tolist()
    [1.0, 1.0, 0.0]
    """
    L, R = L.tocsc(), R.tocsr()
    out = np.zeros(len(rows))
    if len(rows) == 0 or len(middle) == 0:
        return out
    order = np.argsort(rows, kind="stable")
    ptr = np.searchsorted(rows[order], np.arange(L.shape[0] + 1))
    dense = np.zeros(R.shape[1])
    for q in np.asarray(middle).tolist():
        li = L.indices[L.indptr[q] : L.indptr[q + 1]]
        lv = L.data[L.indptr[q] : L.indptr[q + 1]]
        starts = ptr[li]
        counts = ptr[li + 1] - starts
        total = int(counts.sum())
        if total == 0:
            continue
        rj = R.indices[R.indptr[q] : R.indptr[q + 1]]
        dense[rj] = R.data[R.indptr[q] : R.indptr[q + 1]]
        at = order[np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)]
        out[at] += np.repeat(lv, counts) * dense[cols[at]]
        dense[rj] = 0.0
    return out


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph's randomised routines with ``random.Random(seed)``, then restore.

    python-igraph draws from a Python RNG object; this swaps in a private one
    so results are reproducible and the global ``random`` state is untouched.
    """
    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
