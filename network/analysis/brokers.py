"""Brokers: betweenness, Burt's constraint and effective size, Gould–Fernandez roles.

Definitions are pinned in DESIGN.md ("Analysis conventions"):

* betweenness — NetworkX's definition and normalisation; exact up to
  ``exact_threshold`` nodes, above it estimated from ``k`` sampled sources
  (seed stated in the output): by default with leaves folded into their
  partner (unbiased, lower variance), or exactly as
  ``nx.betweenness_centrality(G, k=k, seed=seed)`` with
  ``estimator="networkx"``.  Computed by igraph.
* constraint and effective size — ``nx.constraint`` / ``nx.effective_size`` on
  the undirected view (unweighted unless asked; isolates ``nan``), computed
  with SciPy sparse products evaluated only at existing ties.
* brokerage roles — raw counts exactly as R's ``sna::brokerage`` on the
  directed view, computed with sparse products (three masked products
  whatever the number of groups).

Examples
--------
>>> import networkx as nx
>>> G = nx.path_graph(["a", "b", "c"])
>>> betweenness(G)["values"]
{'a': 0.0, 'b': 1.0, 'c': 0.0}
>>> D = nx.DiGraph([("a", "b"), ("b", "c")])
>>> nx.set_node_attributes(D, {"a": "npo", "b": "npo", "c": "company"}, "sector")
>>> brokerage_roles(D)["b"]["representative"]
1
"""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import scipy.sparse as sp

from network.analysis.brokerage import ROLES, brokerage_arrays, brokerage_roles  # defined there, named here too
from network.analysis.engine import Indexed, masked_matmul

__all__ = [
    "ROLES",
    "EXACT_THRESHOLD",
    "SAMPLE_K",
    "sample_size",
    "betweenness",
    "constraint",
    "effective_size",
    "brokerage_roles",
    "brokerage_arrays",
    "cut_points",
]

#: Largest network whose betweenness is computed exactly by default.
EXACT_THRESHOLD = 5000
#: Most sampled source nodes above the threshold (fewer on large networks, see :func:`sample_size`).
SAMPLE_K = 2048
#: Fewest sampled source nodes.
MIN_K = 256
#: Work budget of the sample: sources × (nodes + edges).
SAMPLE_BUDGET = 250_000_000


def sample_size(n: int, m: int, *, k_max: int = SAMPLE_K, budget: int = SAMPLE_BUDGET) -> int:
    """Sampled sources for a network of ``n`` nodes and ``m`` edges.

    ``k_max`` (2,048) while ``k_max × (n + m)`` fits the budget — up to about
    25,000 organisations at average degree 8 — then fewer, never under
    :data:`MIN_K` (256).

    Parameters
    ----------
    n : int
        Number of nodes.
    m : int
        Number of edges.
    k_max : int, optional
        Most sources (default :data:`SAMPLE_K`).
    budget : int, optional
        Work allowed: sources × (nodes + edges) (default :data:`SAMPLE_BUDGET`).

    Returns
    -------
    int
        ``min(k_max, max(MIN_K, budget // (n + m)))``.

    See Also
    --------
    betweenness : Uses this many sources when it samples and ``k`` is not given.

    Examples
    --------
    >>> sample_size(10_000, 40_000), sample_size(100_000, 400_000), sample_size(200_000, 800_000)
    (2048, 500, 256)
    """
    return int(min(k_max, max(MIN_K, budget // max(n + m, 1))))


def _as_indexed(G: nx.Graph | Indexed) -> Indexed:
    return G if isinstance(G, Indexed) else Indexed(G)


def betweenness(
    G: nx.Graph | Indexed,
    *,
    exact_threshold: int = EXACT_THRESHOLD,
    k: int | None = None,
    seed: int = 0,
    engine: str = "igraph",
    estimator: str = "folded",
) -> dict:
    """Normalised betweenness centrality of every node, exact or sampled.

    Parameters
    ----------
    G : Graph, DiGraph or Indexed
        The network (or an :class:`~network.analysis.engine.Indexed` of one); shortest paths
        are unweighted, and directed on a DiGraph.
    exact_threshold : int, optional
        Exact when ``G`` has at most this many nodes (default :data:`EXACT_THRESHOLD`).
    k : int or None, optional
        Sampled source nodes above the threshold (``None``: :func:`sample_size`).
    seed : int, optional
        Seed of the sample (``random.Random(seed).sample(...)``), default 0.
    engine : {"igraph", "networkx"}, optional
        Which library counts the shortest paths (default ``"igraph"``).
    estimator : {"folded", "networkx"}, optional
        The sampled estimate (default ``"folded"``; a DiGraph always uses ``"networkx"``).

    Returns
    -------
    dict
        ``values`` (node → betweenness), ``method`` (``"exact"``/``"sampled"``),
        ``k``, ``seed`` and ``estimator`` (``None`` when exact), ``engine``.

    Raises
    ------
    ValueError
        For an unknown ``engine`` or ``estimator``.

    See Also
    --------
    sample_size : The default number of sampled sources.
    network.analysis.centrality.centralization : How far the network leans on one broker.

    Notes
    -----
    Betweenness is Freeman's [1]_: the share of the shortest paths between two other nodes
    that pass through a node, normalised by the number of such pairs; counted with Brandes'
    algorithm [2]_ (in igraph) and, above the threshold, from ``k`` sampled sources [3]_.

    Exact: equal to ``nx.betweenness_centrality(G, normalized=True)``.

    Sampled, ``estimator="networkx"``: equal to
    ``nx.betweenness_centrality(G, k=k, seed=seed)`` (same sources, NetworkX
    3.5+ rescaling: sources by ``1/((k-1)(n-2))``, the rest by ``1/(k(n-2))``).

    Sampled, ``estimator="folded"`` (default): a leaf ``s`` (one partner
    ``p``) contributes exactly ``|C| - 2`` to ``p`` and ``δ_p(w)`` elsewhere,
    so leaves are folded into their partner — the exact leaf part is added and
    ``k`` sources are drawn among the other nodes, each weighted by
    ``1 + (its leaves)``, scaled by ``(non-leaves)/k``.  Unbiased, exact when
    ``k`` covers every non-leaf, and free of the largest source of variance
    (a hub's leaves).

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35–41.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
       Mathematical Sociology* 25(2), 163–177.
    .. [3] Brandes, U. and Pich, C. (2007). Centrality estimation in large networks.
       *International Journal of Bifurcation and Chaos* 17(7), 2303–2318.

    Examples
    --------
    >>> import networkx as nx
    >>> r = betweenness(nx.star_graph(3))
    >>> r["values"][0], r["method"]
    (1.0, 'exact')
    """
    X = _as_indexed(G)
    n = X.n
    if k is None:
        k = sample_size(n, len(X.src))
    if estimator not in ("folded", "networkx"):
        raise ValueError(f"unknown estimator: {estimator!r}")
    if X.directed:
        estimator = "networkx"
    sampled = n > exact_threshold and k < n
    if engine == "networkx":
        exact = nx.betweenness_centrality(X.G, k=k if sampled else None, seed=seed)
        return _result(exact, sampled, k, seed, engine, "networkx")
    if engine != "igraph":
        raise ValueError(f"unknown engine: {engine!r}")
    if n <= 2 or len(X.src) == 0:
        return _result(dict.fromkeys(X.nodes, 0.0), sampled, k, seed, engine, estimator)
    g = X.igraph
    norm = 1.0 / ((n - 1) * (n - 2))
    if not sampled:
        raw = np.asarray(g.betweenness(directed=X.directed))
        vals = raw * (norm if X.directed else 2 * norm)
    elif estimator == "networkx":
        sources = [X.index[s] for s in random.Random(seed).sample(X.nodes, k)]
        raw = np.asarray(g.betweenness(directed=X.directed, sources=sources))
        raw = raw if X.directed else 2 * raw  # ordered (s, t) pairs, as NetworkX counts
        src = np.zeros(n, dtype=bool)
        src[sources] = True
        vals = raw * np.where(src, 1.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan, 1.0 / (k * (n - 2)))
    else:
        vals = _folded(X, k, seed) * norm
    return _result(dict(zip(X.nodes, vals.tolist(), strict=True)), sampled, k, seed, engine, estimator)


def _folded(X: Indexed, k: int, seed: int) -> np.ndarray:
    """Raw (ordered-pair) betweenness estimated with leaves folded into their partner."""
    n, A, deg = X.n, X.A, X.degree
    leaf = deg == 1
    first = A.indices[np.minimum(A.indptr[:-1], max(len(A.indices) - 1, 0))]
    leaves_of = np.bincount(first[leaf], minlength=n)
    comp = np.asarray(X.igraph.connected_components().membership)
    comp_size = np.bincount(comp)[comp]
    raw = (leaves_of * np.maximum(comp_size - 2, 0)).astype(float)  # leaf sources → partner
    pool = np.flatnonzero(deg >= 2)
    if len(pool) == 0:
        return raw
    kk = min(k, len(pool))
    picked: list[int] = random.Random(seed).sample(pool.tolist(), kk) if kk < len(pool) else pool.tolist()
    chosen = np.asarray(picked)
    mult = 1 + leaves_of[chosen]
    acc = np.zeros(n)
    for m in np.unique(mult):
        acc += m * np.asarray(X.igraph.betweenness(directed=False, sources=chosen[mult == m].tolist()))
    return raw + 2.0 * acc * (len(pool) / kk)


def _result(vals: dict, sampled: bool, k: int, seed: int, engine: str, estimator: str) -> dict:
    return {
        "values": vals,
        "method": "sampled" if sampled else "exact",
        "k": k if sampled else None,
        "seed": seed if sampled else None,
        "estimator": estimator if sampled else None,
        "engine": engine,
    }


def _undirected(G: nx.Graph | Indexed) -> Indexed:
    X = _as_indexed(G)
    if X.directed:
        X = Indexed(X.G.to_undirected(as_view=False))
    return X


def constraint(G: nx.Graph | Indexed, *, weight: bool = False) -> dict:
    """Burt's constraint of every node, as ``nx.constraint`` on an undirected graph.

    ``c(i) = sum_{j in N(i)} (p_ij + sum_q p_iq p_qj)^2`` with ``p_ij`` the
    share of ``i``'s (weighted) ties that go to ``j``.  Isolates: ``nan``.

    Parameters
    ----------
    G : Graph, DiGraph or Indexed
        The network; a DiGraph is symmetrised first (one tie per pair of neighbours).
    weight : bool, optional
        Use the edge ``weight`` attribute (NetworkX: ``weight="weight"``); default
        ``False``, every tie counts 1.

    Returns
    -------
    dict
        Node → constraint (from near 0, many unconnected partners, to 1 and above,
        one partner or partners all tied to each other); ``nan`` for an isolate.

    See Also
    --------
    effective_size : Burt's other measure of structural holes.

    Notes
    -----
    Constraint [1]_ measures how much a node's ties lead to partners who are tied to each
    other: a broker spanning a structural hole has low constraint.  Computed with SciPy
    sparse products evaluated only at existing ties; equal to ``nx.constraint``.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> constraint(nx.star_graph(2))[0]
    0.5
    >>> constraint(nx.path_graph(3))
    {0: 1.0, 1: 0.5, 2: 1.0}
    """
    X = _undirected(G)
    w = X.weight if weight else np.ones(len(X.src))
    rows = np.concatenate([X.src, X.dst])
    cols = np.concatenate([X.dst, X.src])
    ww = np.concatenate([w, w])
    s = np.bincount(rows, weights=ww, minlength=X.n)
    with np.errstate(divide="ignore"):
        inv = np.where(s > 0, 1.0 / np.where(s > 0, s, 1.0), 0.0)
    P = sp.csr_matrix((ww * inv[rows], (rows, cols)), shape=(X.n, X.n))
    local = ww * inv[rows] + masked_matmul(P, P, rows, cols)
    c = np.bincount(rows, weights=local**2, minlength=X.n).astype(float)
    c[s == 0] = np.nan
    return dict(zip(X.nodes, c.tolist(), strict=True))


def effective_size(G: nx.Graph | Indexed) -> dict:
    """Burt's effective size, as ``nx.effective_size(G)`` on an undirected graph.

    Unweighted (Borgatti's form): ``n - 2t/n`` with ``n`` the number of
    neighbours and ``t`` the ties among them.  Isolates: ``nan``.

    Parameters
    ----------
    G : Graph, DiGraph or Indexed
        The network; a DiGraph is symmetrised first.  Ties are unweighted.

    Returns
    -------
    dict
        Node → effective size (its number of partners less their redundancy); ``nan``
        for an isolate.

    See Also
    --------
    constraint : Burt's other measure of structural holes.

    Notes
    -----
    Effective size [1]_ counts a node's partners less the redundancy among them; the
    unweighted, undirected form is Borgatti's simplification [2]_.

    NetworkX's general (weighted/directed) branch differs from Burt's
    definition (NetworkX PR #8906) and returns ``nan`` for nodes with only
    in-ties (issue #2661); the analysis uses the undirected, unweighted form.

    References
    ----------
    .. [1] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
       Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
       *Connections* 20(1), 35–38.

    Examples
    --------
    >>> import networkx as nx
    >>> effective_size(nx.complete_graph(3))[0]
    1.0
    >>> effective_size(nx.star_graph(3))[0]
    3.0
    """
    X = _undirected(G)
    deg = X.degree.astype(float)
    rows = np.concatenate([X.src, X.dst])
    cols = np.concatenate([X.dst, X.src])
    # 2 × ties among neighbours = Σ over a node's ties of the partners they share
    tri2 = np.bincount(rows, weights=masked_matmul(X.A, X.A, rows, cols), minlength=X.n)
    with np.errstate(divide="ignore", invalid="ignore"):
        es = deg - tri2 / deg
    es[deg == 0] = np.nan
    return dict(zip(X.nodes, es.tolist(), strict=True))


def cut_points(G: nx.Graph | Indexed) -> list:
    """Cut points (articulation points) of the undirected view, in node order.

    Parameters
    ----------
    G : Graph, DiGraph or Indexed
        The network; a DiGraph is symmetrised first.

    Returns
    -------
    list
        The nodes whose removal splits their component, in the node order of ``G``
        (empty for an empty network).

    Notes
    -----
    Same set as ``nx.articulation_points(G)``; computed by igraph with the depth-first
    search of Hopcroft and Tarjan [1]_.

    References
    ----------
    .. [1] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
       manipulation. *Communications of the ACM* 16(6), 372–378.

    Examples
    --------
    >>> import networkx as nx
    >>> cut_points(nx.path_graph(4))
    [1, 2]
    """
    X = _undirected(G)
    if X.n == 0:
        return []
    aps = sorted(X.igraph.articulation_points())
    return [X.nodes[i] for i in aps]
