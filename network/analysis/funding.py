"""Funding dependence: whose money an organisation runs on, by the funder's sector, per fiscal year.

An organisation's incoming *funding ties* are its ``funding`` (助成・資金提供, funder → funded; 協賛
and 補助 are imported as funding) and ``commission`` (委託, commissioner → contractor) ties, read
from source to target.  Each tie running at some time in the period counts once (its amount is not
recorded); the shares are the fraction of those ties whose funder is in each sector.  Renpuku's
経営方針 asks not to rely only on government commissions: a falling ``government`` share, with
grants (``foundation``) and sponsorship (``company``) rising, is the trend to look for.

Examples
--------
>>> import networkx as nx
>>> M = nx.MultiDiGraph()
>>> M.add_nodes_from([("g", {"sector": "government"}), ("f", {"sector": "foundation"}),
...                   ("c", {"sector": "intermediary", "name": "C"})])
>>> _ = M.add_edge("g", "c", key="1", type="commission", start="2015-04-01", end="2017-03-31")
>>> _ = M.add_edge("f", "c", key="2", type="funding", start="2016-04-01")
>>> r = funding_mix(M, as_of=2016)
>>> r[0]["id"], r[0]["ties"], r[0]["shares"]
('c', 2, {'foundation': 0.5, 'government': 0.5})
>>> [(y["fy"], y["ties"], y["shares"].get("government")) for y in funding_trend(M, "c", [2015, 2016, 2017])]
[(2015, 1, 1.0), (2016, 2, 0.5), (2017, 1, None)]
"""

from __future__ import annotations

from datetime import date

import networkx as nx

from network.analysis.views import filter_graph

__all__ = ["FUNDING_TYPES", "funding_mix", "funding_trend"]

#: Tie types that bring money in, read from funder (source) to funded (target).
FUNDING_TYPES = ("funding", "commission")


def _incoming(H: nx.MultiDiGraph) -> dict:
    got: dict = {}
    for u, v, d in H.edges(data=True):
        if u == v or d.get("type") not in FUNDING_TYPES:
            continue
        sector = H.nodes[u].get("sector") or "other"
        rec = got.setdefault(v, {"by_sector": {}, "by_type": {}, "funders": set()})
        rec["by_sector"][sector] = rec["by_sector"].get(sector, 0) + 1
        rec["by_type"][d["type"]] = rec["by_type"].get(d["type"], 0) + 1
        rec["funders"].add(u)
    return got


def funding_mix(G: nx.MultiDiGraph, *, as_of: str | int | date | None = None) -> list[dict]:
    """Every funded organisation's incoming funding ties, by the funder's sector.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`): one edge per tie,
        from source to target, with ``type``, ``start`` and ``end``; nodes carry ``sector`` and
        ``name``.
    as_of : int, str, date or None, optional
        A fiscal year (``2016``, ``"2016年度"``, ``"令和6年度"``: the ties running at some time
        from April to March), an ISO date (the ties running that day) or ``None`` (default: every
        tie, whatever its dates).

    Returns
    -------
    list of dict
        One per organisation with at least one incoming ``funding`` or ``commission`` tie, most
        ties first (then by id): ``id``, ``name`` (the id when unnamed), ``sector``, ``ties``
        (incoming funding ties), ``funders`` (distinct funders), ``counts`` (funder's sector →
        ties; ``other`` when the funder has none), ``shares`` (funder's sector → share of the
        ties, summing to 1) and ``by_type`` (``funding``/``commission`` → ties).  Self-ties do
        not count; amounts are not recorded, so every tie weighs one.

    See Also
    --------
    funding_trend : One organisation, per fiscal year.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from([("g", {"sector": "government"}), ("k", {"sector": "company"}),
    ...                   ("n", {"sector": "npo", "name": "N"})])
    >>> _ = M.add_edge("g", "n", key="1", type="commission", start="2016-04-01")
    >>> _ = M.add_edge("k", "n", key="2", type="funding")
    >>> _ = M.add_edge("k", "n", key="3", type="funding", end="2015-03-31")
    >>> _ = M.add_edge("n", "k", key="4", type="collaboration")
    >>> r = funding_mix(M)[0]
    >>> r["id"], r["ties"], r["funders"], r["counts"], r["by_type"]
    ('n', 3, 2, {'company': 2, 'government': 1}, {'commission': 1, 'funding': 2})
    >>> funding_mix(M, as_of="2016年度")[0]["shares"]
    {'company': 0.5, 'government': 0.5}
    """
    H = filter_graph(G, as_of=as_of) if as_of is not None else G
    rows = []
    for v, rec in _incoming(H).items():
        n = sum(rec["by_sector"].values())
        rows.append(
            {
                "id": v,
                "name": str(H.nodes[v].get("name") or v),
                "sector": H.nodes[v].get("sector") or "",
                "ties": n,
                "funders": len(rec["funders"]),
                "counts": dict(sorted(rec["by_sector"].items())),
                "shares": {s: c / n for s, c in sorted(rec["by_sector"].items())},
                "by_type": dict(sorted(rec["by_type"].items())),
            }
        )
    rows.sort(key=lambda r: (-r["ties"], str(r["id"])))
    return rows


def funding_trend(G: nx.MultiDiGraph, org: object, years: list[int]) -> list[dict]:
    """One organisation's incoming funding ties per fiscal year, by the funder's sector.

    Parameters
    ----------
    G : MultiDiGraph
        The stored network (:meth:`~network.store.base.Store.load_graph`).
    org : object
        The funded organisation's id.
    years : list of int
        Fiscal years (``2016`` = 2016-04-01…2017-03-31); a tie counts in every year it runs at
        some time in.

    Returns
    -------
    list of dict
        One per year, in the order given: ``fy``, ``ties`` (incoming ``funding`` and
        ``commission`` ties running that year), ``counts`` (funder's sector → ties) and
        ``shares`` (funder's sector → share).  A year without funding ties (or an ``org`` not
        in ``G``) has ``ties`` 0 and empty ``counts`` and ``shares``.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.MultiDiGraph()
    >>> M.add_nodes_from([("g", {"sector": "government"}), ("f", {"sector": "foundation"}), "n"])
    >>> _ = M.add_edge("g", "n", type="commission", start="2015-04-01", end="2016-03-31")
    >>> _ = M.add_edge("f", "n", type="funding", start="2016-04-01")
    >>> [(y["fy"], y["ties"], y["shares"]) for y in funding_trend(M, "n", [2014, 2015, 2016])]
    [(2014, 0, {}), (2015, 1, {'government': 1.0}), (2016, 1, {'foundation': 1.0})]
    """
    out = []
    for fy in years:
        rec = _incoming(filter_graph(G, as_of=fy)).get(org)
        counts = dict(sorted(rec["by_sector"].items())) if rec else {}
        n = sum(counts.values())
        out.append({"fy": fy, "ties": n, "counts": counts, "shares": {s: c / n for s, c in counts.items()}})
    return out
