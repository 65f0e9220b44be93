"""Tests of network.analysis.views (expected values: hand counts on tiny graphs)."""

from __future__ import annotations

import networkx as nx
import pytest

from network.analysis.views import (
    directed_view,
    filter_graph,
    period_of,
    tie_active,
    undirected_view,
    views,
)


@pytest.fixture
def stored() -> nx.MultiDiGraph:
    """Four organisations and five ties, in the load_graph() conventions."""
    M = nx.MultiDiGraph(as_of=None)
    M.add_node("n1", name="NPO1", sector="npo", district="北")
    M.add_node("c1", name="Co1", sector="company", district="北")
    M.add_node("g1", name="City", sector="government", district="南")
    M.add_node("f1", name="Fund", sector="foundation", district="")
    M.add_edge("n1", "c1", key="t1", type="collaboration", directed=False, strength=3, start="2020-04-01", end=None)
    M.add_edge("c1", "n1", key="t2", type="information", directed=False, strength=5, start=None, end="2022-03-31")
    M.add_edge("f1", "n1", key="t3", type="funding", directed=True, strength=2, start="2023-04-01", end="2024-03-31")
    M.add_edge("g1", "n1", key="t4", type="commission", directed=True, strength=4, start="2019-04-01", end=None)
    M.add_edge("g1", "g1", key="t5", type="support", directed=True, strength=1)  # self-tie
    return M


def test_undirected_view_merges_ties_of_a_pair(stored):
    U = undirected_view(stored)
    assert sorted(map(sorted, U.edges())) == [["c1", "n1"], ["f1", "n1"], ["g1", "n1"]]
    e = U["n1"]["c1"]
    # hand count: t1 (strength 3) + t2 (strength 5)
    assert (e["weight"], e["strength"], e["ties"], sorted(e["types"])) == (8.0, 5, 2, ["collaboration", "information"])
    assert U.nodes["g1"]["name"] == "City"


def test_directed_view_doubles_undirected_ties(stored):
    D = directed_view(stored)
    assert sorted(D.edges()) == [("c1", "n1"), ("f1", "n1"), ("g1", "n1"), ("n1", "c1")]
    assert D["n1"]["c1"]["ties"] == 2 and D["f1"]["n1"]["strength"] == 2


def test_views_in_one_pass_equal_the_separate_views(stored):
    U, D = views(stored, as_of="2023-06-01")
    U2, D2 = undirected_view(stored, as_of="2023-06-01"), directed_view(stored, as_of="2023-06-01")
    assert sorted(U.edges(data=True)) == sorted(U2.edges(data=True))
    assert sorted(D.edges(data=True)) == sorted(D2.edges(data=True))


def test_as_of_filters_ties_by_date(stored):
    U = undirected_view(stored, as_of="2021-01-01")
    assert U["n1"]["c1"]["ties"] == 2 and not U.has_edge("f1", "n1")
    U = undirected_view(stored, as_of="2023-06-01")  # t2 ended, t3 running
    assert U["n1"]["c1"]["ties"] == 1 and U.has_edge("f1", "n1")
    assert len(U) == 4  # organisations stay, tied or not


def test_fiscal_year_keeps_ties_running_at_any_time_in_it(stored):
    assert period_of(2023) == ("2023-04-01", "2024-03-31")
    assert period_of("令和5年度") == ("2023-04-01", "2024-03-31")
    U = undirected_view(stored, as_of=2021)  # t2 ends on the last day of FY2021
    assert U["n1"]["c1"]["ties"] == 2
    assert undirected_view(stored, as_of=2022)["n1"]["c1"]["types"] == ["collaboration"]


def test_type_sector_and_district_filters(stored):
    U = undirected_view(stored, types=["funding", "commission"])
    assert sorted(map(sorted, U.edges())) == [["f1", "n1"], ["g1", "n1"]]
    U = undirected_view(stored, sectors=["npo", "company"])
    assert sorted(U) == ["c1", "n1"] and U.number_of_edges() == 1
    U = undirected_view(stored, district="北")
    assert sorted(U) == ["c1", "n1"]
    H = filter_graph(stored, as_of="2021-01-01")
    # t1, t2, t4 and the undated self-tie t5 run then; the views drop t5
    assert H.graph["as_of"] == "2021-01-01" and H.number_of_edges() == 4


def test_tie_active_bounds_are_inclusive():
    t = {"start": "2024-04-01", "end": "2025-03-31"}
    assert tie_active(t, "2024-04-01") and tie_active(t, "2025-03-31")
    assert not tie_active(t, "2025-04-01") and not tie_active(t, "2024-03-31")
    assert tie_active({"start": None, "end": None}, "1900-01-01")


def test_custom_field_filter_keeps_orgs_with_one_of_the_values(stored):
    """Issue 12: organisations whose custom field equals one of the values, and the ties among them."""
    stored.nodes["n1"]["custom"] = {"活動分野": "子ども", "担当者": "佐藤"}
    stored.nodes["c1"]["custom"] = {"活動分野": "防災"}
    stored.nodes["g1"]["custom"] = {"活動分野": "子ども|防災"}  # a different text, not a list
    # f1 has no custom fields at all (no "custom" attribute)
    H = filter_graph(stored, custom={"活動分野": ["子ども", "防災"]})
    assert sorted(H.nodes) == ["c1", "n1"]
    assert sorted(k for _, _, k in H.edges(keys=True)) == ["t1", "t2"]
    assert sorted(filter_graph(stored, custom={"活動分野": "防災"}).nodes) == ["c1"]
    # two fields: both must hold
    assert sorted(filter_graph(stored, custom={"活動分野": ["子ども", "防災"], "担当者": ["佐藤"]}).nodes) == ["n1"]
    assert filter_graph(stored, custom={"電話": ["022"]}).number_of_nodes() == 0
    # no values for a field: that field does not filter
    assert filter_graph(stored, custom={"活動分野": []}).number_of_nodes() == 4
    # combined with the sector filter
    assert sorted(filter_graph(stored, custom={"活動分野": ["子ども", "防災"]}, sectors=["npo"]).nodes) == ["n1"]
