"""Closeness and centralization: how near each organisation is to all others, and how much
the whole network leans on its most central member.

* :func:`closeness` — harmonic closeness on the undirected view,
  ``Σ_{j≠i} 1/d(i, j) / (n − 1)`` (an unreachable organisation adds 0), equal to
  ``igraph.Graph.harmonic_centrality(normalized=True)`` and to
  ``nx.harmonic_centrality(G)[i] / (n − 1)``; exact up to a size threshold, estimated from
  ``k`` sampled sources (fixed seed, stated in the output) above it.
* :func:`centralization` — Freeman's graph centralization of degree and of betweenness:
  ``Σ_i (c_max − c_i)`` divided by its largest possible value for ``n`` organisations, which
  the star reaches (so the star is 1, a graph where all are alike 0).

Examples
--------
>>> import networkx as nx
>>> G = nx.star_graph(3)
>>> closeness(G)["values"]
{0: 1.0, 1: 0.6666666666666666, 2: 0.6666666666666666, 3: 0.6666666666666666}
>>> centralization(nx.path_graph(3))
{'degree': 1.0, 'betweenness': 1.0}

References
----------
Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. *Social
Networks* 1(3), 215–239 (eq. 3, degree; eq. 13, betweenness).
Wasserman, S. & Faust, K. (1994). *Social Network Analysis*, §5.2 (eq. 5.5, 5.13).
Marchiori, M. & Latora, V. (2000). Harmony in the small-world. *Physica A* 285, 539–546.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import scipy.sparse as sp

from network.analysis.brokers import EXACT_THRESHOLD, betweenness, sample_size
from network.analysis.engine import Indexed

__all__ = ["closeness", "centralization", "CLOSENESS_K"]

_CHUNK = 64  # sources per batch of breadth-first searches (64 × n distances in memory)
#: Most sampled sources above the threshold: a mean of 1/d over k sources varies far less than
#: betweenness does (standard error ≈ 0.1/√k ≈ 0.006), so fewer sources than betweenness suffice.
CLOSENESS_K = 256


def _as_indexed(G: nx.Graph | Indexed) -> Indexed:
    X = G if isinstance(G, Indexed) else Indexed(G)
    return Indexed(X.G.to_undirected()) if X.directed else X


def closeness(
    G: nx.Graph | Indexed,
    *,
    exact_threshold: int = EXACT_THRESHOLD,
    k: int | None = None,
    seed: int = 0,
) -> dict:
    """Harmonic closeness of every organisation, normalised by ``n − 1``.

    Parameters
    ----------
    G : Graph, DiGraph or Indexed
        The network (or an :class:`~network.analysis.engine.Indexed` of one); a DiGraph is
        read as its undirected view.  Distances are unweighted.
    exact_threshold : int, optional
        Exact when ``G`` has at most this many organisations (default
        :data:`~network.analysis.brokers.EXACT_THRESHOLD`).
    k : int or None, optional
        Sampled sources above the threshold (``None``: :data:`CLOSENESS_K`, or fewer when
        the betweenness sample, :func:`network.analysis.brokers.sample_size`, is smaller).
    seed : int, optional
        Seed of the sample (``random.Random(seed).sample(range(n), k)``), default 0.

    Returns
    -------
    dict
        ``values`` (node → closeness in [0, 1]; ``nan`` for a network of one), ``method``
        (``"exact"``/``"sampled"``), ``k`` and ``seed`` (``None`` when exact).

    See Also
    --------
    centralization : How much the network leans on its most central organisation.

    Notes
    -----
    Harmonic closeness [1]_ is the mean of ``1/d(i, j)`` over the other organisations, so an
    organisation out of reach adds 0 instead of making the measure undefined (as the classic
    inverse of the summed distances does).  Equal to
    ``igraph.Graph.harmonic_centrality(normalized=True)`` and to
    ``nx.harmonic_centrality(G)[i] / (n − 1)``.

    Sampled: with ``S`` the sampled sources, ``Σ_{s∈S, s≠i} 1/d(s, i) · n/k`` is an unbiased
    estimate of ``Σ_{j≠i} 1/d(i, j)`` (each organisation is a source with probability ``k/n``;
    distances are symmetric in the undirected view).

    References
    ----------
    .. [1] Marchiori, M. and Latora, V. (2000). Harmony in the small-world. *Physica A*
       285(3–4), 539–546.

    Examples
    --------
    >>> import networkx as nx
    >>> closeness(nx.path_graph(3))["values"][0]
    0.75
    >>> closeness(nx.path_graph(3))["method"]
    'exact'
    """
    X = _as_indexed(G)
    n = X.n
    if n == 0:
        return {"values": {}, "method": "exact", "k": None, "seed": None}
    if n == 1:
        return {"values": {X.nodes[0]: math.nan}, "method": "exact", "k": None, "seed": None}
    if n <= exact_threshold:
        vals = np.asarray(X.igraph.harmonic_centrality(normalized=True), dtype=float)
        return {"values": dict(zip(X.nodes, vals.tolist(), strict=True)), "method": "exact", "k": None, "seed": None}
    k = int(min(n, k if k is not None else min(CLOSENESS_K, sample_size(n, len(X.src)))))
    sources = random.Random(seed).sample(range(n), k)
    acc = np.zeros(n)
    A = X.A.astype(np.float32)
    for i in range(0, k, _CHUNK):
        acc += _harmonic_sums(A, sources[i : i + _CHUNK])
    vals = acc * (n / k) / (n - 1)
    return {"values": dict(zip(X.nodes, vals.tolist(), strict=True)), "method": "sampled", "k": k, "seed": seed}


def _harmonic_sums(A: sp.csr_matrix, sources: list[int]) -> np.ndarray:
    """``Σ_{s ∈ sources} 1/d(s, i)`` for every node ``i`` (unreachable and ``s`` itself add 0).

    Breadth-first from all the sources at once: level ``d``'s frontier is one sparse × dense
    product (``n × len(sources)`` in memory), each node newly reached adds ``1/d``.

    >>> import scipy.sparse as sp
    >>> P = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], np.float32))
    >>> _harmonic_sums(P, [0]).tolist()
    [0.0, 1.0, 0.5]
    """
    n, k = A.shape[0], len(sources)
    frontier = np.zeros((n, k), dtype=np.float32)
    frontier[sources, np.arange(k)] = 1.0
    seen = frontier > 0
    acc = np.zeros(n)
    d = 0
    while True:
        d += 1
        new = (A @ frontier) > 0
        new &= ~seen
        reached = new.sum(axis=1)
        if not reached.any():
            return acc
        seen |= new
        acc += reached / d
        frontier = new.astype(np.float32)


def centralization(
    G: nx.Graph | Indexed,
    *,
    betweenness_values: dict | None = None,
) -> dict:
    """Freeman centralization of degree and of betweenness on the undirected view.

    ``C = Σ_i (c* − c_i) / max`` with ``c*`` the largest value in the network and ``max`` the
    largest possible sum for ``n`` organisations, reached by the star:

    * degree (raw number of partners): ``max = (n − 1)(n − 2)``;
    * betweenness, normalised as NetworkX ``normalized=True`` (raw ÷ ``(n − 1)(n − 2)/2``):
      ``max = n − 1`` — the same as Freeman's raw form with ``max = (n − 1)²(n − 2)/2``.

    Parameters
    ----------
    G : Graph, DiGraph or Indexed
        The network (or an :class:`~network.analysis.engine.Indexed` of one); a DiGraph is
        read as its undirected view.
    betweenness_values : dict or None, optional
        Node → normalised betweenness, when already computed (for example the report's
        sampled values on a large network); ``None`` (default): computed exactly.

    Returns
    -------
    dict
        ``{"degree": float, "betweenness": float}``, each in [0, 1]; ``nan`` below three
        organisations (no star to compare with).

    See Also
    --------
    network.analysis.brokers.betweenness : The betweenness it is computed from.

    Notes
    -----
    Freeman's graph centralization [1]_ (eq. 3 for degree, eq. 13 for betweenness; also
    [2]_, §5.2): 1 for a star, where one organisation holds every path, and 0 when all are
    alike (a ring, a complete network).

    References
    ----------
    .. [1] Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
       *Social Networks* 1(3), 215–239.
    .. [2] Wasserman, S. and Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> centralization(nx.complete_graph(4))
    {'degree': 0.0, 'betweenness': 0.0}
    >>> centralization(nx.star_graph(4))
    {'degree': 1.0, 'betweenness': 1.0}
    """
    X = _as_indexed(G)
    n = X.n
    if n < 3:
        return {"degree": math.nan, "betweenness": math.nan}
    deg = X.degree.astype(float)
    c_deg = float((deg.max() - deg).sum() / ((n - 1) * (n - 2)))
    if betweenness_values is None:
        betweenness_values = betweenness(X, exact_threshold=max(n, EXACT_THRESHOLD))["values"]
    b = np.fromiter((betweenness_values[v] for v in X.nodes), dtype=float, count=n)
    c_bet = float((b.max() - b).sum() / (n - 1))
    return {"degree": c_deg, "betweenness": c_bet}
