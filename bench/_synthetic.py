"""A small stand-in network generator for the benchmarks (used when ``data.generate`` is absent).

Organisations get a sector and a district; about 60 % of ties stay inside a
district, the rest attach preferentially (a few hubs, like intermediaries and
city offices).  Follows the ``load_graph()`` conventions.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from network.model import Sector, TieType

__all__ = ["synthetic_graph"]


def synthetic_graph(n_orgs: int, n_ties: int, seed: int = 0) -> nx.MultiDiGraph:
    """A random partnership network with ``n_orgs`` organisations and about ``n_ties`` ties."""
    rng = np.random.default_rng(seed)
    sectors = [s.value for s in Sector]
    sector = rng.choice(sectors, size=n_orgs, p=[0.3, 0.25, 0.15, 0.05, 0.08, 0.04, 0.05, 0.08])
    n_districts = max(1, n_orgs // 50)
    district = rng.integers(0, n_districts, size=n_orgs)
    G = nx.MultiDiGraph()
    G.add_nodes_from(
        (f"org-{i:06d}", {"name": f"団体{i}", "sector": sector[i], "district": f"地区{district[i]:04d}"})
        for i in range(n_orgs)
    )
    by_district = [np.flatnonzero(district == d) for d in range(n_districts)]
    src = rng.integers(0, n_orgs, size=n_ties)
    local = rng.random(n_ties) < 0.6
    dst = np.empty(n_ties, dtype=np.int64)
    # preferential: pick an endpoint of an earlier tie half the time
    for e in range(n_ties):
        if local[e]:
            pool = by_district[district[src[e]]]
            dst[e] = pool[rng.integers(len(pool))]
        elif e > 10 and rng.random() < 0.5:
            dst[e] = dst[rng.integers(e)] if rng.random() < 0.5 else src[rng.integers(e)]
        else:
            dst[e] = rng.integers(n_orgs)
    types = [t.value for t in TieType]
    tt = rng.choice(types, size=n_ties)
    years = rng.integers(2015, 2025, size=n_ties)
    for e in range(n_ties):
        if src[e] == dst[e]:
            continue
        t = TieType(tt[e])
        G.add_edge(
            f"org-{src[e]:06d}",
            f"org-{dst[e]:06d}",
            key=f"tie-{e}",
            type=t.value,
            directed=t.default_directed,
            strength=int(rng.integers(1, 6)),
            start=f"{years[e]}-04-01",
            end=None,
        )
    return G
