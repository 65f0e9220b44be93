"""What-if removal: the network before and after one or more organisations leave.

Before and after removing ``remove`` from the undirected view: organisations, tied pairs, density,
components (of two or more organisations), isolates, cut points and the top brokers by betweenness
(NetworkX normalisation).  *Cut off* are the remaining organisations that lose their path to the
rest: within each component of the view before, everyone outside the largest piece left of it
(ties broken by the smallest id) — the bus-factor rule of :mod:`network.analysis.fragility`
applied to a set.

Examples
--------
>>> import networkx as nx
>>> U = nx.Graph([("hub", "a"), ("hub", "b"), ("a", "b"), ("hub", "leaf")])
>>> r = what_if(U, ["hub"])
>>> r["cut_off"], r["before"]["components"], r["after"]["components"], r["after"]["isolates"]
(['leaf'], 1, 1, 1)
>>> r["before"]["top_brokers"][0]["id"], r["after"]["top_brokers"]
('hub', [])
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx

from network.analysis.brokers import betweenness
from network.errors import RenkeiError

__all__ = ["what_if", "network_summary"]


def network_summary(U: nx.Graph, *, top: int = 5) -> dict:
    """Organisations, pairs, density, components (≥ 2), isolates, cut points and top brokers of ``U``.

    Parameters
    ----------
    U : Graph
        The undirected view (:func:`~network.analysis.views.undirected_view`): one edge per tied
        pair; a node's ``name`` is shown with the brokers.
    top : int, optional
        How many top brokers to list (default 5).

    Returns
    -------
    dict
        ``orgs`` (nodes), ``pairs`` (tied pairs, self-loops not counted), ``density``
        (``2 pairs / (n(n − 1))``, ``nan`` below two organisations), ``components`` (connected
        components of two or more organisations), ``isolates``, ``largest`` (size of the largest
        component, 0 when empty), ``cut_points`` (number of articulation points [2]_) and
        ``top_brokers``: ``[{"id", "name", "betweenness"}]``, the ``top`` organisations with
        betweenness > 0, highest first (ties by id).

    Notes
    -----
    Betweenness is Freeman's [1]_ with NetworkX's normalisation (``normalized=True``: divided
    by ``(n − 1)(n − 2)/2``), computed by :func:`~network.analysis.brokers.betweenness` (exact
    up to its threshold, sampled with a fixed seed above).

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35–41.
    .. [2] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
       manipulation. *Communications of the ACM* 16(6), 372–378.

    Examples
    --------
    >>> import networkx as nx
    >>> s = network_summary(nx.path_graph(3))
    >>> s["orgs"], s["pairs"], s["density"], s["cut_points"], s["top_brokers"][0]["id"]
    (3, 2, 0.6666666666666666, 1, 1)
    >>> s["components"], s["isolates"], s["largest"], s["top_brokers"][0]["betweenness"]
    (1, 0, 3, 1.0)
    """
    n = U.number_of_nodes()
    m = sum(1 for u, v in U.edges() if u != v)
    sizes = [len(c) for c in nx.connected_components(U)]
    bc = betweenness(U)["values"] if n else {}
    ranked = sorted((v for v in bc if bc[v] > 0), key=lambda v: (-bc[v], str(v)))[:top]
    return {
        "orgs": n,
        "pairs": m,
        "density": 2 * m / (n * (n - 1)) if n > 1 else math.nan,
        "components": sum(1 for s in sizes if s >= 2),
        "isolates": sum(1 for s in sizes if s == 1),
        "largest": max(sizes, default=0),
        "cut_points": sum(1 for _ in nx.articulation_points(U)),
        "top_brokers": [{"id": v, "name": str(U.nodes[v].get("name") or v), "betweenness": bc[v]} for v in ranked],
    }


def what_if(U: nx.Graph, remove: Iterable, *, top: int = 5) -> dict:
    """The undirected view ``U`` before and after the organisations ``remove`` leave.

    Parameters
    ----------
    U : Graph
        The undirected view (:func:`~network.analysis.views.undirected_view`).
    remove : iterable
        Organisation ids to remove: at least one, each in ``U`` (a repeated id counts once).
    top : int, optional
        How many top brokers to list before and after (default 5).

    Returns
    -------
    dict
        ``removed`` (the ids, in the order given, without repeats), ``before`` and ``after``
        (:func:`network_summary` of ``U`` and of ``U`` without them), ``cut_off`` (the remaining
        organisations that lose their path to the rest, sorted by id) and ``cut_off_count``.

    Raises
    ------
    RenkeiError
        When ``remove`` is empty or names an id that is not in ``U``.

    See Also
    --------
    network.analysis.fragility.fragility : Every cut point's bus factor at once.

    Notes
    -----
    *Cut off*: in each component of ``U`` that loses a member, everyone outside the largest
    piece left of it (equal pieces: the one holding the smallest id stays) — for one
    organisation, exactly those an articulation point [2]_ separates, the bus-factor rule of
    :func:`~network.analysis.fragility.fragility`.  Brokers are ranked by Freeman's
    betweenness [1]_ (NetworkX normalisation), recomputed on the network after.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       *Sociometry* 40(1), 35–41.
    .. [2] Hopcroft, J. and Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
       manipulation. *Communications of the ACM* 16(6), 372–378.

    Examples
    --------
    >>> import networkx as nx
    >>> U = nx.Graph([("a", "hub"), ("hub", "b"), ("b", "c"), ("c", "d"), ("hub", "x"), ("x", "y")])
    >>> r = what_if(U, ["hub"])
    >>> r["cut_off"], r["cut_off_count"], r["after"]["components"], r["after"]["isolates"]
    (['a', 'x', 'y'], 3, 2, 1)
    >>> r["before"]["top_brokers"][0]["id"], [b["id"] for b in r["after"]["top_brokers"]]
    ('hub', ['c'])
    """
    gone = list(dict.fromkeys(remove))
    if not gone:
        raise RenkeiError("name at least one organisation to remove")
    unknown = [v for v in gone if v not in U]
    if unknown:
        raise RenkeiError(f"not an organisation id: {', '.join(map(str, unknown))}")
    after = U.copy()
    after.remove_nodes_from(gone)
    lost: list = []
    for comp in nx.connected_components(U):
        left = comp - set(gone)
        if len(left) == len(comp) or not left:
            continue
        pieces = sorted(nx.connected_components(after.subgraph(left)), key=lambda p: (-len(p), min(map(str, p))))
        lost += [v for p in pieces[1:] for v in p]
    lost.sort(key=str)
    return {
        "removed": gone,
        "before": network_summary(U, top=top),
        "after": network_summary(after, top=top),
        "cut_off": lost,
        "cut_off_count": len(lost),
    }
