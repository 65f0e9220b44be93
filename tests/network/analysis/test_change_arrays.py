"""``compare`` builds both times' views from arrays (issue 14): the same answer as the NetworkX views.

The reference below is what ``compare`` computed before (its views from
:func:`~network.analysis.views.undirected_view` and :func:`~network.analysis.views.directed_view`);
the networks are generated ones with dates, odd dates and filters.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from renkei.data.generate import generate_graph

from network.analysis.change import _pair, brokers_of, compare
from network.analysis.gaps import sector_gaps, sector_mixing
from network.analysis.views import directed_view, running, tie_days, undirected_view
from network.model import tie_active


def reference(G: nx.MultiDiGraph, before: object, after: object, **kw: object) -> dict:
    U0, U1 = (undirected_view(G, as_of=t, **kw) for t in (before, after))
    D0, D1 = (directed_view(G, as_of=t, **kw) for t in (before, after))
    e0 = {_pair(u, v): (d.get("strength"), d.get("ties", 1)) for u, v, d in U0.edges(data=True)}
    e1 = {_pair(u, v): (d.get("strength"), d.get("ties", 1)) for u, v, d in U1.edges(data=True)}
    both = sorted(e0.keys() & e1.keys(), key=str)
    return {
        "added": [(p, e1[p][0]) for p in sorted(e1.keys() - e0.keys(), key=str)],
        "ended": [(p, e0[p][0]) for p in sorted(e0.keys() - e1.keys(), key=str)],
        "changed": [(p, e0[p], e1[p]) for p in both if e0[p] != e1[p]],
        "brokers": (brokers_of(U0), brokers_of(U1)),
        "density": [nx.density(U) if len(U) > 1 else math.nan for U in (U0, U1)],
        "mixing": [sector_mixing(D) for D in (D0, D1)],
        "gaps": [sector_gaps(U, closing=0) for U in (U0, U1)],
        "orgs": [len(U0), len(U1)],
        "active": [sum(1 for _, d in U.degree() if d) for U in (U0, U1)],
    }


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _graph(seed: int) -> nx.MultiDiGraph:
    G = generate_graph(400, 2000, seed=seed)
    edges = list(G.edges(keys=True, data=True))
    for i, (_, _, _, d) in enumerate(edges[:40]):  # odd dates: missing, a datetime, a malformed one
        d["start"] = [None, "", "2021-04-01T09:00", "not a date", "2019-13-45"][i % 5]
    for i, (u, v, _, _) in enumerate(edges[40:140]):  # a second tie in the pair, later, of another strength
        G.add_edge(v, u, key=f"again{i}", type="information", strength=1 + i % 5, start=f"{2018 + i % 6}-10-01")
    u, v, _, _ = edges[0]
    G.add_edge(u, u, key="self", start="2020-04-01", type="collaboration")  # a self-tie: no pair
    return G


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(
    "before, after, kw",
    [
        (2019, 2022, {}),
        ("2020-06-30", "2024-01-15", {}),
        (2021, 2023, {"types": ["funding", "collaboration"]}),
        (2018, 2024, {"sectors": ["npo", "government", "company"]}),
        (2020, 2021, {"types": "information"}),
    ],
)
def test_compare_equals_the_networkx_views(seed: int, before: object, after: object, kw: dict) -> None:
    G = _graph(seed)
    r, ref = compare(G, before, after, **kw), reference(G, before, after, **kw)
    assert [((x["a"], x["b"]), x["strength"]) for x in r["ties"]["added"]] == ref["added"]
    assert [((x["a"], x["b"]), x["strength"]) for x in r["ties"]["ended"]] == ref["ended"]
    changed = sorted(
        (
            ((x["a"], x["b"]), (x["strength_before"], x["ties_before"]), (x["strength_after"], x["ties_after"]))
            for x in r["ties"]["strengthened"] + r["ties"]["weakened"]
        ),
        key=lambda c: str(c[0]),
    )
    assert changed == ref["changed"]
    assert len(ref["added"]) > 5 and len(ref["ended"]) > 5 and (ref["changed"] or kw)  # the test has work to do
    b0, b1 = ref["brokers"]
    assert r["brokers"] == {"became": sorted(b1 - b0, key=str), "stopped": sorted(b0 - b1, key=str)}
    assert _same([r["density"]["before"], r["density"]["after"]], ref["density"])
    assert [r["orgs"]["before"], r["orgs"]["after"]] == ref["orgs"]
    assert [r["active_orgs"]["before"], r["active_orgs"]["after"]] == ref["active"]
    m0, m1 = ({(x["from"], x["to"]): x["density"] for x in m} for m in ref["mixing"])
    assert _same(
        [(x["before"], x["after"]) for x in r["mixing"]],
        [(m0.get(k, math.nan), m1.get(k, math.nan)) for k in sorted(m0.keys() | m1.keys())],
    )
    g0, g1 = ({(x["a"], x["b"]): x for x in g} for g in ref["gaps"])
    assert [(x["ties_before"], x["ties_after"]) for x in r["gaps"]] == [
        (g0.get(k, {}).get("ties", 0), g1.get(k, {}).get("ties", 0)) for k in sorted(g0.keys() | g1.keys())
    ]


def test_running_is_tie_active_for_every_tie() -> None:
    from datetime import date, datetime

    G = _graph(3)
    G.add_edge("g000001", "g000002", key="dt1", start=datetime(2021, 3, 31, 9))  # date objects, as a caller may
    G.add_edge("g000001", "g000003", key="dt2", start=date(2021, 4, 1), end=datetime(2022, 3, 31, 23))
    starts, ends = tie_days(G)
    edges = [d for _, _, d in G.edges(data=True)]
    for when in (None, 2016, 2021, "2021-03-31", "2021-04-01", "2022-03-31", "令和5年度"):
        from network.model import as_of_period

        first, last = as_of_period(when)
        expected = np.array([tie_active(d, first, last) for d in edges])
        assert (running(starts, ends, when) == expected).all(), when
