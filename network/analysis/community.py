"""Readable communities: a label from the most central members' names, the members, their
sectors and districts, and the organisations that tie each community to the others.

A planner reads 「みやぎ連携復興センター・杜の都防災ネットほか24団体」, not "community 3".

Examples
--------
>>> import networkx as nx
>>> U = nx.path_graph(["a", "b", "c"])
>>> nx.set_node_attributes(U, {"a": "甲", "b": "乙", "c": "丙"}, "name")
>>> d = describe_communities(U, {"a": 0, "b": 0, "c": 0}, centrality={"a": 0, "b": 1, "c": 0})[0]
>>> d["label"]["ja"], d["members"]
('乙・甲ほか1団体', ['b', 'a', 'c'])
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from network.analysis.engine import Indexed

__all__ = ["describe_communities", "community_label"]


def community_label(names: list[str], size: int) -> dict[str, str]:
    """``{"ja", "en"}`` label from the first names (most central first) and the size.

    Parameters
    ----------
    names : list of str
        The names shown, most central first (:func:`describe_communities` passes the first
        ``names`` members).
    size : int
        The number of members; those not named are counted as 「ほかN団体」 / "and N others".

    Returns
    -------
    dict
        ``{"ja": names joined by 「・」, "en": names joined by ", "}``, each followed by the count
        of the others when ``size`` exceeds the names given.

    Examples
    --------
    >>> community_label(["みやぎ連携復興センター", "杜の都防災ネット"], 26)["ja"]
    'みやぎ連携復興センター・杜の都防災ネットほか24団体'
    >>> community_label(["A", "B"], 5)["en"]
    'A, B and 3 others'
    """
    rest = size - len(names)
    ja, en = "・".join(names), ", ".join(names)
    if rest > 0:
        ja += f"ほか{rest}団体"
        en += f" and {rest} other{'s' if rest != 1 else ''}"
    return {"ja": ja, "en": en}


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
        (:func:`network.analysis.gaps.communities`).
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
        ``label`` (``{"ja", "en"}``, :func:`community_label` of the first ``names`` members'
        names, the id when unnamed), ``members`` (ids, most central first), ``sectors``
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
    >>> first["label"]["en"], first["members"], first["sectors"]
    ('C, A and 1 other', ['c', 'a', 'b'], {'npo': 2, 'intermediary': 1})
    >>> first["connectors"], second["label"]["ja"]
    ([{'id': 'c', 'name': 'C', 'ties': 1, 'communities': [1]}], 'X・Y')
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
    order = sorted(range(X.n), key=lambda i: (-float(score.get(X.nodes[i], 0.0) or 0.0), -int(deg[i]),
                                               str(X.nodes[i])))
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
        out.append({
            "id": k, "size": len(ms),
            "label": community_label([name(i) for i in ms[:names]], len(ms)),
            "members": [X.nodes[i] for i in ms],
            "sectors": dict(sorted(sectors.items(), key=lambda x: (-x[1], x[0]))),
            "districts": dict(sorted(districts.items(), key=lambda x: (-x[1], x[0]))),
            "connectors": [{"id": X.nodes[i], "name": name(i), "ties": int(out_ties[i]),
                            "communities": sorted(reach[i])} for i in tied[:connectors]],
        })
    return out
