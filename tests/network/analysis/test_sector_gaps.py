"""Tests of ``sector_gaps`` (issue 10, item 3): pairs of sectors, either direction.

Expected values: hand counts on tiny graphs (written next to each assertion).
"""

from __future__ import annotations

import math

import networkx as nx
import pytest

from network.analysis.gaps import sector_gaps, sector_mixing
from network.analysis.views import directed_view, undirected_view
from network.present.report import analyze


def small() -> nx.Graph:
    """npo: a, b; company: c; government: d, e (isolate e); ties a–b, b–c, c–d."""
    U = nx.Graph()
    for v, s in [("a", "npo"), ("b", "npo"), ("c", "company"), ("d", "government"), ("e", "government")]:
        U.add_node(v, sector=s, name=v.upper())
    U.add_edges_from([("a", "b"), ("b", "c"), ("c", "d")])
    return U


def test_sector_gaps_hand_count():
    rows = {(r["a"], r["b"]): r for r in sector_gaps(small())}
    # 3 groups → 6 unordered pairs (diagonal included), a ≤ b in code order
    assert sorted(rows) == [
        ("company", "company"),
        ("company", "government"),
        ("company", "npo"),
        ("government", "government"),
        ("government", "npo"),
        ("npo", "npo"),
    ]
    overall = 3 / 10  # 3 tied pairs of 5 × 4 / 2
    r = rows[("company", "government")]  # c–d of 1 × 2
    assert (r["ties"], r["possible"], r["density"]) == (1, 2, 0.5)
    assert r["ratio"] == pytest.approx(0.5 / overall)
    r = rows[("npo", "npo")]  # a–b of 2 × 1 / 2
    assert (r["ties"], r["possible"], r["density"]) == (1, 1, 1.0)
    r = rows[("government", "npo")]  # none of 2 × 2
    assert (r["ties"], r["possible"], r["density"], r["ratio"]) == (0, 4, 0.0, 0.0)
    r = rows[("government", "government")]  # d, e untied: 0 of 1
    assert (r["ties"], r["possible"]) == (0, 1)
    r = rows[("company", "company")]  # one member: no pair
    assert r["possible"] == 0 and math.isnan(r["density"]) and math.isnan(r["ratio"])
    assert sum(r["ties"] for r in rows.values()) == 3
    assert sum(r["possible"] for r in rows.values()) == 10
    assert (rows[("company", "npo")]["n_a"], rows[("company", "npo")]["n_b"]) == (1, 2)


def test_a_one_way_tie_is_no_gap():
    # the case: residents_group → intermediary has no arc while the reverse has them;
    # sector_mixing (directed arcs) keeps that, sector_gaps counts the pair either way
    M = nx.MultiDiGraph()
    M.add_nodes_from(
        [("c", {"sector": "intermediary"}), ("r", {"sector": "residents_group"}), ("r2", {"sector": "residents_group"})]
    )
    M.add_edge("c", "r", key="t1", type="support", directed=True)
    M.add_edge("r", "c", key="t2", type="membership", directed=True)  # the same pair again
    M.add_edge("c", "r2", key="t3", type="support", directed=True)
    mix = {(x["from"], x["to"]): x["present"] for x in sector_mixing(directed_view(M))}
    assert mix[("intermediary", "residents_group")] == 2 and mix[("residents_group", "intermediary")] == 1
    gaps = {(x["a"], x["b"]): x for x in sector_gaps(undirected_view(M))}
    r = gaps[("intermediary", "residents_group")]
    assert (r["ties"], r["possible"], r["density"]) == (2, 2, 1.0)  # pairs c–r and c–r2


def test_gap_rows_carry_the_introductions_that_would_close_them():
    rows = {(r["a"], r["b"]): r for r in sector_gaps(small(), closing=3)}
    # government–npo has no tie; d (government) and b (npo) share partner c → introduce b and d via c
    intro = rows[("government", "npo")]["introductions"]
    assert [(i["a"], i["b"], i["introducer"]) for i in intro] == [("d", "b", "c")]
    # government–government: d and e share no partner → nothing to suggest
    assert rows[("government", "government")]["introductions"] == []
    # pairs that have ties get none
    assert rows[("company", "npo")]["introductions"] == []


def test_report_carries_sector_gaps():
    M = nx.MultiDiGraph()
    for v, s in [("a", "npo"), ("b", "npo"), ("c", "company"), ("d", "government"), ("e", "government")]:
        M.add_node(v, sector=s, name=v.upper())
    for k, (u, v) in enumerate([("a", "b"), ("b", "c"), ("c", "d")]):
        M.add_edge(u, v, key=str(k), type="collaboration", directed=False, strength=3)
    r = analyze(M)
    rows = {(x["a"], x["b"]): x for x in r["sector_gaps"]}
    assert rows[("government", "npo")]["ties"] == 0 and rows[("government", "npo")]["possible"] == 4
    assert rows[("company", "company")]["density"] is None  # NaN → null in the report
    assert [(i["a"], i["b"]) for i in rows[("government", "npo")]["introductions"]] == [("d", "b")]
    assert len(r["sector_mixing"]) == 9  # kept as it is: ordered pairs
