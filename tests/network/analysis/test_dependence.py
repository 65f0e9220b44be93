"""Tests of network.analysis.dependence (expected values: hand counts on planner_net and on small
textbook graphs; the pair rule is checked against a brute force over nx.all_shortest_paths)."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from network.analysis.dependence import centre_dependence, dependence_by_year, guess_centre
from network.analysis.years import year_view
from network.errors import RenkeiError
from tests.network.analysis.planner_net import boundary_network


def test_by_year_hand_counts():
    rows = {r["fy"]: r for r in dependence_by_year(boundary_network(), "c", [2014, 2016, 2017])}
    assert rows[2014]["in_network"] is False and rows[2014]["cut_off_count"] is None  # c unknown in FY2014
    # FY2016: a star c–{a, g, f, k1}; without c four singletons: keep a, cut off f, g, k1
    assert rows[2016]["cut_off"] == ["f", "g", "k1"]
    assert (rows[2016]["pairs_through_count"], rows[2016]["connected_pairs"]) == (6, 6)
    assert rows[2016]["cross_sector"] == 1.0
    # FY2017: c–a, c–f, c–k1, k1–k2: keep {k1, k2}; a–f, a–k1, a–k2, f–k1, f–k2 through c, k1–k2 not
    assert rows[2017]["cut_off"] == ["a", "f"]
    assert (rows[2017]["pairs_through_count"], rows[2017]["connected_pairs"]) == (5, 6)
    assert (rows[2017]["cross_sector_with_centre"], rows[2017]["cross_sector_ties"]) == (3, 3)


def test_a_second_shortest_path_avoiding_the_centre_does_not_count():
    # 4-cycle c-a-x-b-c: a and b are joined by two shortest paths, one through c, one through x
    U = nx.cycle_graph(["c", "a", "x", "b"])
    nx.set_node_attributes(U, "npo", "sector")
    r = centre_dependence(U, "c")
    assert r["pairs_through_count"] == 0 and r["connected_pairs"] == 3 and r["cut_off_count"] == 0
    assert r["cross_sector"] is None  # no cross-sector tie at all


def brute_force(U: nx.Graph, c) -> tuple[int, int]:
    through = connected = 0
    for i, j in itertools.combinations([v for v in U if v != c], 2):
        if not nx.has_path(U, i, j):
            continue
        connected += 1
        through += all(c in p for p in nx.all_shortest_paths(U, i, j))
    return through, connected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pairs_through_equals_brute_force_on_random_graphs(seed):
    U = nx.gnm_random_graph(25, 40, seed=seed)
    nx.set_node_attributes(U, "npo", "sector")
    c = max(U, key=U.degree)
    r = centre_dependence(U, c)
    assert (r["pairs_through_count"], r["connected_pairs"]) == brute_force(U, c)


def test_unknown_centre_refused_and_guess():
    with pytest.raises(RenkeiError):
        dependence_by_year(boundary_network(), "nobody", [2016])
    assert guess_centre(boundary_network()) == "c"
    assert guess_centre(nx.Graph([(1, 2)])) is None


def test_cut_off_matches_the_year_view():
    U = year_view(boundary_network(), 2015)  # c–a–b path plus g–k2: without c nobody is cut off
    assert centre_dependence(U, "c")["cut_off_count"] == 0


def test_sampled_pairs_are_stated_and_equal_exact_when_every_source_is_drawn():
    U = nx.gnm_random_graph(60, 120, seed=4)
    nx.set_node_attributes(U, "npo", "sector")
    c = max(U, key=U.degree)
    exact = centre_dependence(U, c)
    m = len(nx.node_connected_component(U, c)) - 1
    every = centre_dependence(U, c, exact_threshold=10, k=m)
    assert exact["pairs_through_method"] == "exact" and every["pairs_through_method"] == "sampled"
    assert every["pairs_through_count"] == exact["pairs_through_count"]
    part = centre_dependence(U, c, exact_threshold=10, k=m // 2, seed=1)
    assert 0 <= part["pairs_through"] <= 1 and abs(part["pairs_through"] - exact["pairs_through"]) < 0.1
