"""Tests of network.analysis.brokers.

Sources of expected values:
- Gould–Fernandez role counts on the Knoke information network and Padgett's
  Florentine marriages: R 4.2, sna 2.7-1, ``brokerage(g, cl)$raw.nli``
  (script: ``sna_reference.R`` beside this file), plus hand counts.
- Betweenness, constraint, effective size, articulation points: NetworkX 3.x,
  whose definitions the project adopts (DESIGN.md, "Analysis conventions").
- Random graphs: a deliberately naive triple loop written here, independently
  of the sparse-matrix implementation.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from network.analysis.brokers import (
    ROLES,
    betweenness,
    brokerage_roles,
    constraint,
    cut_points,
    effective_size,
)

# Knoke & Kuklinski (1982) information exchange among 10 organisations (KNOKI),
# rows send to columns; 49 arcs, density 49/90 = .544 as published.
KNOKE_NAMES = ["COUN", "COMM", "EDUC", "INDU", "MAYR", "WRO", "NEWS", "UWAY", "WELF", "WEST"]
KNOKI = [
    [0, 1, 0, 0, 1, 0, 1, 0, 1, 0],
    [1, 0, 1, 1, 1, 0, 1, 1, 1, 0],
    [0, 1, 0, 1, 1, 1, 1, 0, 0, 1],
    [1, 1, 0, 0, 1, 0, 1, 0, 0, 0],
    [1, 1, 1, 1, 0, 0, 1, 1, 1, 1],
    [0, 0, 1, 0, 0, 0, 1, 0, 1, 0],
    [0, 1, 0, 1, 1, 0, 0, 0, 0, 0],
    [1, 1, 0, 1, 1, 0, 1, 0, 1, 0],
    [0, 1, 0, 0, 1, 0, 1, 0, 0, 0],
    [1, 1, 1, 0, 1, 0, 1, 0, 0, 0],
]
KNOKE_GROUP = ["gov", "biz", "gov", "biz", "gov", "vol", "biz", "vol", "gov", "vol"]
# sna::brokerage(knoki, cl)$raw.nli — columns w_I, w_O, b_IO, b_OI, b_O
KNOKE_SNA = {
    "COUN": (0, 0, 0, 2, 0),
    "COMM": (0, 6, 7, 3, 5),
    "EDUC": (0, 2, 1, 1, 5),
    "INDU": (0, 1, 1, 0, 0),
    "MAYR": (5, 2, 7, 7, 6),
    "WRO": (0, 1, 0, 0, 0),
    "NEWS": (0, 0, 0, 5, 1),
    "UWAY": (0, 0, 0, 0, 0),
    "WELF": (0, 0, 0, 1, 1),
    "WEST": (0, 1, 0, 0, 0),
}
# Padgett's Florentine families (marriage); groups by wealth (Padgett 1994, the `flo`
# wealth attribute): low < 30, mid 30–50, high > 50.
FLO_WEALTH = {
    "Acciaiuoli": 10,
    "Albizzi": 36,
    "Barbadori": 55,
    "Bischeri": 44,
    "Castellani": 20,
    "Ginori": 32,
    "Guadagni": 8,
    "Lamberteschi": 42,
    "Medici": 103,
    "Pazzi": 48,
    "Peruzzi": 49,
    "Pucci": 3,
    "Ridolfi": 27,
    "Salviati": 10,
    "Strozzi": 146,
    "Tornabuoni": 48,
}
# sna::brokerage(flo, fcl)$raw.nli (flo includes the isolate Pucci)
FLO_SNA = {
    "Acciaiuoli": (0, 0, 0, 0, 0),
    "Albizzi": (0, 0, 2, 2, 2),
    "Barbadori": (0, 0, 1, 1, 0),
    "Bischeri": (0, 0, 1, 1, 2),
    "Castellani": (0, 2, 0, 0, 2),
    "Ginori": (0, 0, 0, 0, 0),
    "Guadagni": (0, 12, 0, 0, 0),
    "Lamberteschi": (0, 0, 0, 0, 0),
    "Medici": (0, 8, 5, 5, 10),
    "Pazzi": (0, 0, 0, 0, 0),
    "Peruzzi": (0, 0, 1, 1, 0),
    "Pucci": (0, 0, 0, 0, 0),
    "Ridolfi": (0, 2, 0, 0, 2),
    "Salviati": (0, 0, 0, 0, 2),
    "Strozzi": (0, 2, 0, 0, 6),
    "Tornabuoni": (0, 2, 0, 0, 2),
}


def knoke() -> nx.DiGraph:
    D = nx.DiGraph()
    for name, grp in zip(KNOKE_NAMES, KNOKE_GROUP, strict=True):
        D.add_node(name, sector=grp)
    for i, row in enumerate(KNOKI):
        for j, x in enumerate(row):
            if x:
                D.add_edge(KNOKE_NAMES[i], KNOKE_NAMES[j])
    return D


def florentine() -> nx.DiGraph:
    G = nx.florentine_families_graph()
    G.add_node("Pucci")  # the isolate that NetworkX leaves out
    D = G.to_directed()  # an undirected tie = two arcs
    for v, w in FLO_WEALTH.items():
        D.nodes[v]["sector"] = "low" if w < 30 else ("mid" if w <= 50 else "high")
    return D


def naive_roles(D: nx.DiGraph, attr: str = "sector") -> dict:
    """Independent brute force: every i → j → k, i ≠ k, no arc i → k."""
    out = {v: dict.fromkeys(ROLES, 0) for v in D}
    for j in D:
        for i in D.predecessors(j):
            for k in D.successors(j):
                if len({i, j, k}) < 3 or D.has_edge(i, k):
                    continue
                gi, gj, gk = (D.nodes[x].get(attr) for x in (i, j, k))
                if gi == gj == gk:
                    role = "coordinator"
                elif gi == gj:
                    role = "representative"
                elif gj == gk:
                    role = "gatekeeper"
                elif gi == gk:
                    role = "itinerant"
                else:
                    role = "liaison"
                out[j][role] += 1
    return out


def test_knoke_matrix_is_the_published_one():
    D = knoke()
    assert D.number_of_edges() == 49  # density .544 (Knoke & Kuklinski 1982)
    assert nx.density(D) == pytest.approx(0.5444, abs=1e-4)


@pytest.mark.parametrize("graph, expected", [(knoke, KNOKE_SNA), (florentine, FLO_SNA)])
def test_brokerage_equals_sna(graph, expected):
    roles = brokerage_roles(graph())
    for v, counts in expected.items():
        assert tuple(roles[v][r] for r in ROLES) == counts, v
        assert roles[v]["total"] == sum(counts)


def test_brokerage_hand_counts_florentine():
    # Guadagni (low) is tied to Albizzi, Bischeri, Lamberteschi, Tornabuoni (all mid),
    # none of which are tied to each other: 4 × 3 = 12 ordered open 2-paths, all
    # mid → low → mid: itinerant.  Pucci is an isolate: nothing.
    roles = brokerage_roles(florentine())
    assert roles["Guadagni"] == {
        "coordinator": 0,
        "itinerant": 12,
        "representative": 0,
        "gatekeeper": 0,
        "liaison": 0,
        "total": 12,
    }
    assert roles["Pucci"]["total"] == 0


def test_brokerage_hand_counts_knoke_mayor():
    # MAYR's coordinator count by hand: government pairs (i → MAYR → k), i, k in
    # {COUN, EDUC, WELF}, with no arc i → k: COUN→EDUC, EDUC→COUN, EDUC→WELF,
    # WELF→COUN, WELF→EDUC (COUN→WELF exists) = 5.
    assert brokerage_roles(knoke())["MAYR"]["coordinator"] == 5


def test_brokerage_by_another_attribute():
    D = knoke()
    for v in D:
        D.nodes[v]["district"] = "north" if v < "N" else "south"
    got = brokerage_roles(D, attr="district")
    assert got == {v: {**c, "total": sum(c.values())} for v, c in naive_roles(D, "district").items()}


def test_brokerage_rejects_undirected():
    with pytest.raises(ValueError):
        brokerage_roles(nx.path_graph(3))


@st.composite
def digraphs(draw):
    n = draw(st.integers(0, 14))
    arcs = (
        draw(st.sets(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))), max_size=60))
        if n
        else set()
    )
    D = nx.DiGraph()
    D.add_nodes_from(range(n))
    D.add_edges_from((u, v) for u, v in arcs if u != v)
    groups = draw(st.lists(st.sampled_from("abc"), min_size=n, max_size=n))
    for v, g in zip(range(n), groups, strict=True):
        D.nodes[v]["sector"] = g
    return D


@settings(max_examples=150, deadline=None)
@given(digraphs())
def test_brokerage_matches_brute_force_and_sums_to_open_two_paths(D):
    got = brokerage_roles(D)
    want = naive_roles(D)
    for v in D:
        assert {r: got[v][r] for r in ROLES} == want[v]
        open_paths = sum(1 for i in D.predecessors(v) for k in D.successors(v) if i != k and not D.has_edge(i, k))
        assert got[v]["total"] == open_paths


# --------------------------------------------------------------------------- betweenness
def random_graph(seed: int) -> nx.Graph:
    G = nx.gnm_random_graph(70, 110, seed=seed)
    G.add_edges_from([(0, 100), (100, 101), (200, 201)])  # a tail, a pair
    G.add_node(300)  # an isolate
    return G


@pytest.mark.parametrize("seed", range(5))
def test_exact_betweenness_equals_networkx(seed):
    G = random_graph(seed)
    got = betweenness(G)
    assert got["method"] == "exact" and got["k"] is None
    want = nx.betweenness_centrality(G)
    assert got["values"] == pytest.approx(want, abs=1e-12)
    D = nx.gnm_random_graph(40, 150, seed=seed, directed=True)
    assert betweenness(D)["values"] == pytest.approx(nx.betweenness_centrality(D), abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_sampled_networkx_estimator_equals_networkx(seed):
    G = random_graph(seed)
    got = betweenness(G, exact_threshold=10, k=20, seed=seed, estimator="networkx")
    assert (got["method"], got["k"], got["seed"]) == ("sampled", 20, seed)
    assert got["values"] == pytest.approx(nx.betweenness_centrality(G, k=20, seed=seed), abs=1e-12)


def test_folded_estimator_is_exact_when_every_non_leaf_is_a_source():
    G = random_graph(1)
    got = betweenness(G, exact_threshold=0, k=len(G) - 1)
    assert got["method"] == "sampled" and got["estimator"] == "folded"
    assert got["values"] == pytest.approx(nx.betweenness_centrality(G), abs=1e-12)


def test_sampled_betweenness_converges_to_exact():
    # error of the folded estimator falls as k grows (mean over 8 seeds)
    G = nx.barabasi_albert_graph(400, 2, seed=3)
    exact = nx.betweenness_centrality(G)

    def err(k: int) -> float:
        tot = 0.0
        for s in range(8):
            v = betweenness(G, exact_threshold=0, k=k, seed=s)["values"]
            tot += sum(abs(v[x] - exact[x]) for x in G)
        return tot / 8

    e = [err(k) for k in (10, 40, 160)]
    assert e[0] > e[1] > e[2]
    assert e[2] < 0.5 * e[0]


def test_betweenness_engines_agree():
    G = random_graph(2)
    a = betweenness(G, engine="igraph")["values"]
    b = betweenness(G, engine="networkx")["values"]
    assert a == pytest.approx(b, abs=1e-12)


# --------------------------------------------------------------------------- structural holes
@pytest.mark.parametrize("seed", range(6))
def test_constraint_and_effective_size_equal_networkx(seed):
    G = random_graph(seed)
    rng = random.Random(seed)
    for u, v in G.edges():
        G[u][v]["weight"] = rng.randint(1, 5)
    for got, want in [
        (constraint(G), nx.constraint(G)),
        (constraint(G, weight=True), nx.constraint(G, weight="weight")),
        (effective_size(G), nx.effective_size(G)),
    ]:
        assert set(got) == set(want)
        for v in G:
            if math.isnan(want[v]):
                assert math.isnan(got[v]), v
            else:
                assert got[v] == pytest.approx(want[v], abs=1e-12), v


def test_structural_holes_textbook_values():
    # star with 3 leaves: centre constraint 3 × (1/3)² = 1/3, effective size 3 (hand count);
    # triangle: each node 2 × (1/2 + 1/4)² = 1.125, effective size 2 − 2/2 = 1.
    S, K = nx.star_graph(3), nx.complete_graph(3)
    assert constraint(S)[0] == pytest.approx(1 / 3)
    assert effective_size(S)[0] == pytest.approx(3.0)
    assert constraint(K)[0] == pytest.approx(1.125)
    assert effective_size(K)[0] == pytest.approx(1.0)
    S.add_node("iso")
    assert math.isnan(constraint(S)["iso"]) and math.isnan(effective_size(S)["iso"])


@pytest.mark.parametrize("seed", range(6))
def test_cut_points_equal_networkx(seed):
    G = random_graph(seed)
    assert set(cut_points(G)) == set(nx.articulation_points(G))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(3, 30), st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=50), st.integers(0, 1000)
)
def test_sampled_betweenness_reaches_exact_once_every_source_is_drawn(n, edges, seed):
    # the sampled estimate is exact as soon as the sample covers its population
    # (folded: every organisation with 2+ partners; networkx: every node)
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from((u, v) for u, v in edges if u < n and v < n and u != v)
    exact = nx.betweenness_centrality(G)
    non_leaves = sum(1 for v in G if G.degree(v) >= 2)
    if non_leaves < n:
        got = betweenness(G, exact_threshold=0, k=n - 1, seed=seed)
        assert got["method"] == "sampled"
        assert got["values"] == pytest.approx(exact, abs=1e-12)
    got = betweenness(G, exact_threshold=0, k=n, seed=seed, estimator="networkx")
    assert got["values"] == pytest.approx(exact, abs=1e-12)
