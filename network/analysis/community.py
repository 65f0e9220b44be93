"""Readable communities: the most central members' names, the members, their sectors and
districts, and the organisations that tie each community to the others.

A planner reads 「みやぎ連携復興センター・杜の都防災ネットほか24団体」, not "community 3": the names
come from here, the words around them from :func:`network.present.groups.community_text`.

Examples
--------
>>> import networkx as nx
>>> U = nx.path_graph(["a", "b", "c"])
>>> nx.set_node_attributes(U, {"a": "甲", "b": "乙", "c": "丙"}, "name")
>>> d = describe_communities(U, {"a": 0, "b": 0, "c": 0}, centrality={"a": 0, "b": 1, "c": 0})[0]
>>> d["names"], d["size"], d["members"]
(['乙', '甲'], 3, ['b', 'a', 'c'])
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from network.analysis.engine import Indexed, seeded_igraph

__all__ = ["communities", "community_ties", "describe_communities"]


def describe_communities(
    U: nx.Graph | Indexed,
    membership: dict,
    *,
    centrality: dict | None = None,
    names: int = 2,
    connectors: int = 5,
) -> list[dict]:
    """One description per community, in community number order.

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view (a directed graph is read as undirected); nodes carry ``name``,
        ``sector`` and ``district``.
    membership : dict
        Node → community number for every node of ``U``
        (:func:`communities`).
    centrality : dict, optional
        Node → score ranking the members (betweenness in the report), highest first; ties in
        the score are broken by degree, then id.  ``None`` (default): by degree, then id.
    names : int, optional
        How many names the label shows (default 2).
    connectors : int, optional
        How many of the members tied to other communities to list (default 5).

    Returns
    -------
    list of dict
        One per non-empty community, by community number: ``id`` (the number), ``size``,
        ``names`` (the first ``names`` members' names, most central first, the id when
        unnamed; :func:`network.present.groups.community_text` makes the label), ``members`` (ids, most central first), ``sectors``
        (code → count, most first; ``""`` when missing), ``districts`` (district → count, for
        members with a district) and ``connectors``: ``[{"id", "name", "ties",
        "communities"}]``, the members with ties to other communities, most such ties first
        (then by id), with the numbers of the communities they reach.  Empty when ``U`` is.

    Examples
    --------
    A triangle tied through ``c`` to a pair:

    >>> import networkx as nx
    >>> U = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "x"), ("x", "y")])
    >>> nx.set_node_attributes(U, {"a": "A", "b": "B", "c": "C", "x": "X", "y": "Y"}, "name")
    >>> nx.set_node_attributes(U, {"a": "npo", "b": "npo", "c": "intermediary"}, "sector")
    >>> first, second = describe_communities(U, {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1})
    >>> first["names"], first["members"], first["sectors"]
    (['C', 'A'], ['c', 'a', 'b'], {'npo': 2, 'intermediary': 1})
    >>> first["connectors"], second["names"]
    ([{'id': 'c', 'name': 'C', 'ties': 1, 'communities': [1]}], ['X', 'Y'])
    """
    X = U if isinstance(U, Indexed) else Indexed(U)
    if X.directed:
        X = Indexed(X.G.to_undirected())
    if X.n == 0:
        return []
    nd = X.node_data
    c = np.fromiter((membership[v] for v in X.nodes), dtype=np.int64, count=X.n)
    deg = X.degree
    score = centrality or {}
    order = sorted(range(X.n), key=lambda i: (-float(score.get(X.nodes[i], 0.0) or 0.0), -int(deg[i]), str(X.nodes[i])))
    # ties to other communities, per member
    cross = c[X.src] != c[X.dst]
    out_ties = np.zeros(X.n, dtype=np.int64)
    reach: dict[int, set[int]] = {}
    for s, d in zip(X.src[cross].tolist(), X.dst[cross].tolist(), strict=True):
        out_ties[s] += 1
        out_ties[d] += 1
        reach.setdefault(s, set()).add(int(c[d]))
        reach.setdefault(d, set()).add(int(c[s]))
    m = int(c.max()) + 1
    members: list[list[int]] = [[] for _ in range(m)]
    for i in order:
        members[c[i]].append(i)

    def name(i: int) -> str:
        return str(nd[X.nodes[i]].get("name") or X.nodes[i])

    out = []
    for k in range(m):
        ms = members[k]
        if not ms:
            continue
        sectors: dict[str, int] = {}
        districts: dict[str, int] = {}
        for i in ms:
            sec = str(nd[X.nodes[i]].get("sector") or "")
            sectors[sec] = sectors.get(sec, 0) + 1
            dist = str(nd[X.nodes[i]].get("district") or "")
            if dist:
                districts[dist] = districts.get(dist, 0) + 1
        tied = sorted((i for i in ms if out_ties[i]), key=lambda i: (-int(out_ties[i]), str(X.nodes[i])))
        out.append(
            {
                "id": k,
                "size": len(ms),
                "names": [name(i) for i in ms[:names]],
                "members": [X.nodes[i] for i in ms],
                "sectors": dict(sorted(sectors.items(), key=lambda x: (-x[1], x[0]))),
                "districts": dict(sorted(districts.items(), key=lambda x: (-x[1], x[0]))),
                "connectors": [
                    {"id": X.nodes[i], "name": name(i), "ties": int(out_ties[i]), "communities": sorted(reach[i])}
                    for i in tied[:connectors]
                ],
            }
        )
    return out


def communities(
    U: nx.Graph | Indexed,
    *,
    seed: int = 0,
    weight: bool = True,
    engine: str = "igraph",
    resolution: float = 1.0,
) -> dict:
    """Louvain communities with a fixed seed.

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view (a directed graph is read as undirected).
    seed : int, optional
        Seed of the randomised node order (default 0): the same graph and seed give the same
        communities.  With ``engine="igraph"`` igraph's random generator is seeded for the call.
    weight : bool, optional
        Maximise the weighted modularity over the edge ``weight`` (the sum of the pair's tie
        strengths in the view; 1 when missing).  Default ``True``; ``False``: every tie
        weighs one.
    engine : {"igraph", "networkx"}, optional
        ``"igraph"`` (default: ``Graph.community_multilevel``, fast) or ``"networkx"``
        (``nx.community.louvain_communities``); the two may split a graph differently.
    resolution : float, optional
        The modularity resolution γ (default 1.0); below 1 favours fewer, larger communities,
        above 1 more, smaller ones.

    Returns
    -------
    dict
        Node → community number, ``0`` the largest community (equal sizes: by the position of
        the first member in ``U``'s node order); an isolate is a community of its own.  Empty
        for an empty graph.

    Raises
    ------
    ValueError
        For an unknown ``engine``.

    See Also
    --------
    community_ties : Ties between the communities.
    network.analysis.community.describe_communities : Labels, members, connectors.

    Notes
    -----
    The Louvain method [1]_ greedily moves nodes between communities to raise the modularity
    ``Q = Σ_c [L_c/m − γ (d_c / 2m)²]`` [2]_, then repeats on the graph of communities.

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. *Journal of Statistical Mechanics* P10008.
    .. [2] Newman, M. E. J. and Girvan, M. (2004). Finding and evaluating community structure
       in networks. *Physical Review E* 69, 026113.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(3))
    >>> sorted(communities(G).items())
    [(0, 0), (1, 0), (2, 0), (3, 0), (4, 1), (5, 1), (6, 1)]

    Two triangles joined by one tie are two communities, and one at a low resolution:

    >>> T = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)])
    >>> communities(T) == communities(T, engine="networkx") == {0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1}
    True
    >>> set(communities(T, resolution=0.1).values())
    {0}
    """
    X = U if isinstance(U, Indexed) else Indexed(U)
    if X.directed:
        X = Indexed(X.G.to_undirected())
    if X.n == 0:
        return {}
    if engine == "networkx":
        parts = nx.community.louvain_communities(
            X.G, weight="weight" if weight else None, seed=seed, resolution=resolution
        )
        member = np.empty(X.n, dtype=np.int64)
        for c, nodes in enumerate(parts):
            for v in nodes:
                member[X.index[v]] = c
    elif engine == "igraph":
        with seeded_igraph(seed):
            cl = X.igraph.community_multilevel(weights=X.weight.tolist() if weight else None, resolution=resolution)
        member = np.asarray(cl.membership, dtype=np.int64)
    else:
        raise ValueError(f"unknown engine: {engine!r}")
    # renumber: largest first, ties broken by first node position
    sizes = np.bincount(member)
    first = np.full(len(sizes), X.n)
    np.minimum.at(first, member, np.arange(X.n))
    order = sorted(range(len(sizes)), key=lambda c: (-sizes[c], first[c]))
    rank = np.empty(len(sizes), dtype=np.int64)
    rank[order] = np.arange(len(sizes))
    return dict(zip(X.nodes, rank[member].tolist(), strict=True))


def community_ties(U: nx.Graph | Indexed, membership: dict, *, limit: int = 10) -> list[dict]:
    """Ties between each pair of communities (``a <= b``; ``a == b``: inside one).

    Parameters
    ----------
    U : Graph or Indexed
        The undirected view.
    membership : dict
        Node → community number for every node of ``U`` (:func:`communities`).
    limit : int, optional
        List at most this many organisations at each end (default 10).

    Returns
    -------
    list of dict
        ``{"a", "b", "ties", "weight", "a_orgs", "b_orgs"}`` for every pair of community
        numbers ``0 <= a <= b <= max``, including pairs with no tie: ``ties`` (tied pairs),
        ``weight`` (sum of their edge ``weight``, 1 each when missing), ``a_orgs`` / ``b_orgs``
        (the members of ``a`` / ``b`` at the ends of the ties between the two, most such ties
        first, then by id, at most ``limit``; empty inside one community).  Empty for an empty
        graph.

    Examples
    --------
    >>> import networkx as nx
    >>> T = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)])
    >>> rows = community_ties(T, {0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1})
    >>> [(r["a"], r["b"], r["ties"]) for r in rows]
    [(0, 0, 3), (0, 1, 1), (1, 1, 3)]
    >>> rows[1]["a_orgs"], rows[1]["b_orgs"], rows[1]["weight"]
    ([2], [3], 1.0)
    """
    X = U if isinstance(U, Indexed) else Indexed(U)
    c = np.fromiter((membership[v] for v in X.nodes), dtype=np.int64, count=X.n)
    m = int(c.max()) + 1 if X.n else 0
    ca, cb = np.minimum(c[X.src], c[X.dst]), np.maximum(c[X.src], c[X.dst])
    ties = np.zeros((m, m), dtype=np.int64)
    weight = np.zeros((m, m))
    np.add.at(ties, (ca, cb), 1)
    np.add.at(weight, (ca, cb), X.weight)
    # the organisations at each end of the ties between two communities (most ties first)
    ends: dict[tuple[int, int], list[dict]] = {}
    cross = c[X.src] != c[X.dst]
    for s_, d_ in zip(X.src[cross].tolist(), X.dst[cross].tolist(), strict=True):
        cs, cd = int(c[s_]), int(c[d_])
        if cs > cd:
            s_, d_, cs, cd = d_, s_, cd, cs
        side = ends.setdefault((cs, cd), [{}, {}])
        side[0][s_] = side[0].get(s_, 0) + 1
        side[1][d_] = side[1].get(d_, 0) + 1

    def top(count: dict) -> list:
        ranked = sorted(count, key=lambda i: (-count[i], str(X.nodes[i])))
        return [X.nodes[i] for i in ranked[:limit]]

    out = []
    for a in range(m):
        for b in range(a, m):
            side = ends.get((a, b), [{}, {}])
            out.append(
                {
                    "a": a,
                    "b": b,
                    "ties": int(ties[a, b]),
                    "weight": float(weight[a, b]),
                    "a_orgs": top(side[0]),
                    "b_orgs": top(side[1]),
                }
            )
    return out
