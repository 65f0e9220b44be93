"""Tests of network.analysis.fragility.

Sources: hand counts; NetworkX's ``articulation_points`` and ``bridges``; a
brute force (remove the node or tie, recount the components) on random graphs.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from network.analysis.fragility import fragility


def test_bus_factor_hand_count():
    # hub joins a triangle (hub, a, b), a tail hub–t1–t2 and a leaf; x–y apart
    G = nx.Graph([("hub", "a"), ("hub", "b"), ("a", "b"), ("hub", "t1"), ("t1", "t2"), ("hub", "leaf"), ("x", "y")])
    r = fragility(G)
    cps = {c["id"]: c for c in r["cut_points"]}
    assert set(cps) == {"hub", "t1"}
    # removing hub leaves pieces {a, b}, {t1, t2}, {leaf}: the largest kept is {a, b}
    # (first found), so t1, t2 and leaf lose their path
    assert cps["hub"]["pieces"] == [2, 2, 1]
    assert cps["hub"]["cut_off_count"] == 3
    assert cps["t1"]["cut_off"] == ["t2"]
    bridges = {(b["a"], b["b"]): b["cut_off"] for b in r["bridges"]}
    assert bridges[("hub", "t1")] == ["t1", "t2"] and bridges[("hub", "leaf")] == ["leaf"]
    assert len(bridges) == 4  # hub–t1, t1–t2, hub–leaf, x–y
    assert {s["id"]: s["partner"] for s in r["single_tie"]} == {"t2": "t1", "leaf": "hub", "x": "y", "y": "x"}


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30), st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=45))
def test_fragility_matches_brute_force(n, edges):
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from((u, v) for u, v in edges if u < n and v < n and u != v)
    r = fragility(G, limit=None)
    assert {c["id"] for c in r["cut_points"]} == set(nx.articulation_points(G))
    assert {frozenset((b["a"], b["b"])) for b in r["bridges"]} == {frozenset(e) for e in nx.bridges(G)}
    for c in r["cut_points"]:
        comp = nx.node_connected_component(G, c["id"])
        parts = sorted(map(len, nx.connected_components(G.subgraph(comp - {c["id"]}))), reverse=True)
        assert c["pieces"] == parts
        assert c["cut_off_count"] == len(comp) - 1 - parts[0] == len(c["cut_off"])
    for b in r["bridges"]:
        H = G.copy()
        H.remove_edge(b["a"], b["b"])
        small = min(len(nx.node_connected_component(H, b["a"])), len(nx.node_connected_component(H, b["b"])))
        assert b["cut_off_count"] == small
