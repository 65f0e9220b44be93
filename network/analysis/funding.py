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
    G : MultiDiGraph following the ``load_graph`` conventions.
    as_of : a fiscal year (``int``), an ISO date or ``None`` (every tie).

    Returns
    -------
    list of dict
        One per organisation with at least one incoming funding tie, most ties first:
        ``{"id", "name", "sector", "ties", "funders", "counts" (sector → ties),
        "shares" (sector → share), "by_type" (type → ties)}``.
    """
    H = filter_graph(G, as_of=as_of) if as_of is not None else G
    rows = []
    for v, rec in _incoming(H).items():
        n = sum(rec["by_sector"].values())
        rows.append({"id": v, "name": str(H.nodes[v].get("name") or v), "sector": H.nodes[v].get("sector") or "",
                     "ties": n, "funders": len(rec["funders"]),
                     "counts": dict(sorted(rec["by_sector"].items())),
                     "shares": {s: c / n for s, c in sorted(rec["by_sector"].items())},
                     "by_type": dict(sorted(rec["by_type"].items()))})
    rows.sort(key=lambda r: (-r["ties"], str(r["id"])))
    return rows


def funding_trend(G: nx.MultiDiGraph, org: object, years: list[int]) -> list[dict]:
    """One organisation's incoming funding ties per fiscal year: ``{"fy", "ties", "counts", "shares"}``.

    A year without funding ties has ``ties`` 0 and empty ``counts``/``shares``.
    """
    out = []
    for fy in years:
        rec = _incoming(filter_graph(G, as_of=fy)).get(org)
        counts = dict(sorted(rec["by_sector"].items())) if rec else {}
        n = sum(counts.values())
        out.append({"fy": fy, "ties": n, "counts": counts, "shares": {s: c / n for s, c in counts.items()}})
    return out
