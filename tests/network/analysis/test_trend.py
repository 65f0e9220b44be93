"""Tests of network.analysis.trend and network.analysis.years (expected values: hand counts on
tests/network/analysis/planner_net.py, written out per fiscal year below)."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from network.analysis.trend import sector_pair_ties, trend
from network.analysis.years import fiscal_years_of, known_orgs, year_view
from network.errors import RenkeiError
from tests.network.analysis.planner_net import boundary_network

# FY  known orgs                     ties running           pairs  comps isol cut new ended
# 14  a b k3                         a-b                    1      1     1    0   1   0
# 15  c a b k2 g k3                  c-a a-b k2-g           3      2     1    1   2   0
# 16  c a b k2 g k3 f k1             c-a g-c f-c c-k1       4      1     3    1   3   2
# 17  (same 8)                       c-a f-c c-k1 k1-k2     4      1     3    2   1   1
EXPECTED = {
    2014: dict(orgs=3, pairs=1, components=1, isolates=1, cut_points=0, new_ties=1, ended_ties=0),
    2015: dict(orgs=6, pairs=3, components=2, isolates=1, cut_points=1, new_ties=2, ended_ties=0),
    2016: dict(orgs=8, pairs=4, components=1, isolates=3, cut_points=1, new_ties=3, ended_ties=2),
    2017: dict(orgs=8, pairs=4, components=1, isolates=3, cut_points=2, new_ties=1, ended_ties=1),
}


def test_years_span_every_tie_date():
    assert fiscal_years_of(boundary_network()) == [2014, 2015, 2016, 2017]


def test_known_orgs_count_ties_starting_on_march_31():
    G = boundary_network()
    assert known_orgs(G, 2015) == {"c", "a", "b", "k2", "g", "k3"}
    assert known_orgs(G, 2016) == {"c", "a", "b", "k2", "g", "k3", "f", "k1"}  # f: starts 2017-03-31


def test_ties_ending_march_31_leave_the_next_year():
    G = boundary_network()
    assert ("a", "b") in year_view(G, 2015).edges and ("a", "b") not in year_view(G, 2016).edges
    assert year_view(G, 2016).has_edge("f", "c")  # started on the year's last day
    assert not year_view(G, 2017).has_edge("g", "c")  # ended 2017-03-31


@pytest.mark.parametrize("fy", sorted(EXPECTED))
def test_trend_rows_match_hand_counts(fy):
    row = {r["fy"]: r for r in trend(boundary_network(), 2014, 2017)}[fy]
    assert {k: row[k] for k in EXPECTED[fy]} == EXPECTED[fy]
    n, m = EXPECTED[fy]["orgs"], EXPECTED[fy]["pairs"]
    assert row["density"] == pytest.approx(2 * m / (n * (n - 1)))


def test_cross_sector_share_and_sector_pairs_without_a_tie():
    rows = {r["fy"]: r for r in trend(boundary_network(), 2016, 2017)}
    # FY2017 pairs: c-a, c-f, c-k1 cross sector; k1-k2 both residents_group → 3/4
    assert rows[2017]["cross_sector"] == pytest.approx(3 / 4)
    # FY2016 sectors: intermediary 1, npo 1, company 1, government 1, foundation 1, residents_group 3
    # possible pairs: 15 cross pairs + residents_group diagonal = 16; tied: c-npo, c-gov, c-found, c-res → 12
    assert rows[2016]["sector_pairs_no_tie"] == 12
    # FY2017 adds residents–residents (k1-k2) and loses c-government → still 12
    assert rows[2017]["sector_pairs_no_tie"] == 12


def test_districts_without_a_centre_tie_and_dependence_in_the_rows():
    rows = {r["fy"]: r for r in trend(boundary_network(), 2016, 2017, centre="c")}
    # districts d1 (c, a, k1: holds the centre), d2 (b, k2: no tie to c), d3 (k3) → 2
    assert rows[2016]["districts_no_centre"] == 2 and rows[2017]["districts_no_centre"] == 2
    assert rows[2016]["centre"]["cut_off_count"] == 3
    assert rows[2017]["centre"]["pairs_through"] == pytest.approx(5 / 6)
    assert trend(boundary_network(), 2016, 2016)[0]["districts_no_centre"] is None


def test_top_brokers_are_by_betweenness():
    rows = {r["fy"]: r for r in trend(boundary_network(), 2017, 2017, top=2)}
    # FY2017: c joins a, f, k1 (and k2 via k1); k1 joins k2 to the rest
    assert [b["id"] for b in rows[2017]["top_brokers"]] == ["c", "k1"]
    assert rows[2017]["top_brokers"][0]["name"] == "センター"


def test_unknown_centre_and_reversed_years_are_refused():
    with pytest.raises(RenkeiError):
        trend(boundary_network(), 2016, 2017, centre="nobody")
    with pytest.raises(ValueError):
        trend(boundary_network(), 2017, 2016)


def test_sector_pair_ties_counts_pairs_not_arcs():
    U = nx.Graph([("a", "b"), ("a", "c")])
    nx.set_node_attributes(U, {"a": "npo", "b": "residents_group", "c": "residents_group"}, "sector")
    rows = {(r["a"], r["b"]): r for r in sector_pair_ties(U)}
    assert rows[("npo", "residents_group")]["ties"] == 2 and rows[("npo", "residents_group")]["possible"] == 2
    assert rows[("residents_group", "residents_group")]["possible"] == 1
    assert rows[("npo", "npo")]["possible"] == 0


def test_empty_year_has_nan_shares():
    row = trend(boundary_network(), 2010, 2010)[0]
    assert row["orgs"] == 1 and row["pairs"] == 0 and math.isnan(row["cross_sector"])  # only k3 (untied)
