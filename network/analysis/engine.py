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
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = ["Indexed", "indexed_views", "masked_matmul", "seeded_igraph", "HEAVY_COST"]

#: A middle node whose 2-paths number more than this is handled apart (see :func:`masked_matmul`).
HEAVY_COST = 90_000


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
        self.node_data = G.nodes
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
            for a, b, w, s in zip(self.src.tolist(), self.dst.tolist(), self.weight.tolist(),
                                  self.strength.tolist(), strict=True))
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
                (np.concatenate([values, values]),
                 (np.concatenate([self.src, self.dst]), np.concatenate([self.dst, self.src]))),
                shape=(n, n))
        M.sum_duplicates()
        return M

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of neighbours (undirected) or of out+in arcs (directed)."""
        A = self.A
        if self.directed:
            return np.asarray(A.sum(axis=1)).ravel().astype(np.int64) + np.asarray(
                A.sum(axis=0)).ravel().astype(np.int64)
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
        return [str(nd[v].get(attr) or default) for v in self.nodes]

    def codes(self, attr: str, default: str = "") -> tuple[np.ndarray, list[str]]:
        """Integer group codes of ``attr`` and the group labels (sorted)."""
        labels = self.labels(attr, default)
        groups = sorted(set(labels))
        pos = {g: i for i, g in enumerate(groups)}
        return np.fromiter((pos[x] for x in labels), dtype=np.int64, count=self.n), groups


def _aggregate(n: int, a: np.ndarray, b: np.ndarray, w: np.ndarray, s: np.ndarray):  # type: ignore[no-untyped-def]
    key = a * n + b
    order = np.argsort(key, kind="stable")
    key, w, s = key[order], w[order], s[order]
    first = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.empty(0, np.int64)
    uk = key[first]
    return (uk // n, uk % n, np.add.reduceat(w, first) if len(key) else w,
            np.maximum.reduceat(s, first) if len(key) else s)


def indexed_views(H: nx.MultiDiGraph, *, weight: str | None = "strength") -> tuple[Indexed, Indexed]:
    """The undirected and directed views of a stored graph as :class:`Indexed`, built with NumPy.

    Same edges, ``weight`` and ``strength`` as ``Indexed(undirected_view(H))`` and
    ``Indexed(directed_view(H))`` but without building NetworkX views (the
    large-network path of :func:`network.report.analyze`).
    """
    from network.model import TieType

    nodes = list(H)
    n = len(nodes)
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
    u_, v_, w_, s_, dir_ = u_[:e], v_[:e], w_[:e], s_[:e], dir_[:e]
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
        X.node_data, X.directed, X.nodes, X.n, X.index = H.nodes, directed, nodes, n, idx
        X.src, X.dst, X.weight, X.strength = _aggregate(n, a, b, w, s)
        out.append(X)
    return out[0], out[1]


def masked_matmul(L: sp.csr_matrix, R: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray,
                  *, heavy_cost: int | None = None) -> np.ndarray:
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
    L, R = L.tocsc(), R.tocsr()
    cost = np.diff(L.indptr).astype(np.int64) * np.diff(R.indptr).astype(np.int64)
    heavy = np.flatnonzero(cost > heavy_cost)
    out = np.zeros(len(rows))
    if len(rows) == 0:
        return out
    keep = np.ones(L.shape[1])
    keep[heavy] = 0.0
    P = (L @ sp.diags(keep) @ R).tocsr() if len(heavy) else (L @ R).tocsr()
    P.sort_indices()
    n_cols = P.shape[1]
    key_p = np.repeat(np.arange(P.shape[0]), np.diff(P.indptr)) * n_cols + P.indices
    key_e = rows.astype(np.int64) * n_cols + cols
    if len(key_p):
        pos = np.minimum(np.searchsorted(key_p, key_e), len(key_p) - 1)
        hit = key_p[pos] == key_e
        out[hit] = P.data[pos[hit]]
    if len(heavy):
        Lh = L[:, heavy].tocsr()
        Rh = R[heavy, :].T.tocsr()
        out += np.asarray(Lh[rows].multiply(Rh[cols]).sum(axis=1)).ravel()
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
