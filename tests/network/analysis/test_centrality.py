"""Tests of network.analysis.centrality: harmonic closeness and Freeman centralization.

Sources of the expected values (named at each test):

* harmonic closeness of P4 and of the balanced binary tree (r=2, h=2): NetworkX's own test file
  ``networkx/algorithms/centrality/tests/test_harmonic_centrality.py`` (P4: 1.8333, 2.5;
  tree: root 4.0, children 4.1666, leaves 2.8333), divided by n − 1; the star by hand.
* every graph, also against ``igraph.Graph.harmonic_centrality(normalized=True)`` and
  ``nx.harmonic_centrality(G) / (n − 1)``.
* Freeman centralization (Freeman 1979, eq. 3 and 13; Wasserman & Faust 1994, eq. 5.5 and 5.13):
  the star is 1, a complete graph 0; P5 and the Krackhardt kite by hand from their degrees and
  from the betweenness values of NetworkX's ``test_betweenness_centrality.py``
  (``test_krackhardt_kite_graph``: raw 14 for Heather, 8⅓ Fernando and Garth, 8 Ike, 3⅔ Diane,
  ⅚ Andre and Beverly, 0 the rest).
"""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import pytest

from network.analysis.centrality import centralization, closeness


def _igraph(G: nx.Graph) -> tuple[ig.Graph, list]:
    nodes = list(G)
    idx = {v: i for i, v in enumerate(nodes)}
    return ig.Graph(n=len(nodes), edges=[(idx[u], idx[v]) for u, v in G.edges()]), nodes


def _check_libraries(G: nx.Graph) -> dict:
    got = closeness(G)["values"]
    n = len(G)
    nxv = nx.harmonic_centrality(G)
    h, nodes = _igraph(G)
    igv = dict(zip(nodes, h.harmonic_centrality(normalized=True), strict=True))
    for v in G:
        assert got[v] == pytest.approx(nxv[v] / (n - 1))
        assert got[v] == pytest.approx(igv[v])
    return got


def test_closeness_star_by_hand():
    G = nx.star_graph(4)  # centre 0, leaves 1–4
    c = _check_libraries(G)
    assert c[0] == pytest.approx(1.0)  # (1 + 1 + 1 + 1) / 4
    assert c[1] == pytest.approx((1 + 3 * 0.5) / 4)  # the centre at 1, three leaves at 2


def test_closeness_path_p4_networkx_test_values():
    c = _check_libraries(nx.path_graph(4))
    assert c[0] == pytest.approx(1.8333333 / 3, abs=1e-6)
    assert c[1] == pytest.approx(2.5 / 3)


def test_closeness_balanced_tree_networkx_test_values():
    c = _check_libraries(nx.balanced_tree(r=2, h=2))
    assert c[0] == pytest.approx(4.0 / 6)
    assert c[1] == pytest.approx(4.1666 / 6, abs=1e-4)
    assert c[3] == pytest.approx(2.8333 / 6, abs=1e-4)


def test_closeness_krackhardt_kite_and_disconnected():
    _check_libraries(nx.krackhardt_kite_graph())
    G = nx.disjoint_union(nx.path_graph(3), nx.path_graph(2))
    G.add_node("iso")
    c = _check_libraries(G)  # unreachable pairs add 0 (harmonic), n − 1 = 5
    assert c["iso"] == 0.0
    assert c[1] == pytest.approx(2 / 5)


def test_closeness_sampled_is_close_and_stated():
    G = nx.connected_watts_strogatz_graph(400, 6, 0.2, seed=1)
    exact = closeness(G)
    est = closeness(G, exact_threshold=100, k=200, seed=3)
    assert exact["method"] == "exact" and est["method"] == "sampled" and est["k"] == 200 and est["seed"] == 3
    err = max(abs(est["values"][v] - exact["values"][v]) for v in G)
    assert err < 0.05  # unbiased estimate from half the sources
    assert closeness(G, exact_threshold=100, k=200, seed=3)["values"] == est["values"]  # reproducible


def test_closeness_tiny_graphs():
    assert closeness(nx.Graph())["values"] == {}
    G = nx.Graph()
    G.add_node("a")
    assert math.isnan(closeness(G)["values"]["a"])  # n − 1 = 0


def freeman(values: list[float], max_sum: float) -> float:
    """Freeman (1979): Σ (max − c_i) / max possible Σ."""
    top = max(values)
    return sum(top - c for c in values) / max_sum


def test_centralization_star_is_one_complete_is_zero():
    c = centralization(nx.star_graph(5))
    assert c["degree"] == pytest.approx(1.0) and c["betweenness"] == pytest.approx(1.0)
    c = centralization(nx.complete_graph(5))
    assert c["degree"] == 0.0 and c["betweenness"] == 0.0


def test_centralization_path_p5_by_hand():
    c = centralization(nx.path_graph(5))
    # degrees 1 2 2 2 1: Σ (2 − d) = 2 over (n − 1)(n − 2) = 12
    assert c["degree"] == pytest.approx(2 / 12)
    # raw betweenness 0 3 4 3 0: Σ (4 − b) = 10 over (n − 1)²(n − 2)/2 = 24
    assert c["betweenness"] == pytest.approx(10 / 24)


def test_centralization_krackhardt_kite():
    G = nx.krackhardt_kite_graph()
    c = centralization(G)
    # degrees 4 4 3 6 3 5 5 3 2 1: Σ (6 − d) = 24 over 9 × 8
    assert c["degree"] == pytest.approx(24 / 72)
    # raw betweenness (NetworkX test values above): Σ (14 − b) = 96 over 9² × 8 / 2 = 324
    assert c["betweenness"] == pytest.approx(96 / 324)
    # the same from NetworkX's and igraph's own measures
    n = len(G)
    assert c["degree"] == pytest.approx(freeman([d for _, d in G.degree()], (n - 1) * (n - 2)))
    h, _ = _igraph(G)
    assert c["betweenness"] == pytest.approx(freeman(h.betweenness(), (n - 1) ** 2 * (n - 2) / 2))
    nb = nx.betweenness_centrality(G, normalized=True)
    assert c["betweenness"] == pytest.approx(freeman(list(nb.values()), n - 1))


def test_centralization_undefined_below_three():
    c = centralization(nx.path_graph(2))
    assert math.isnan(c["degree"]) and math.isnan(c["betweenness"])


def test_report_carries_closeness_and_centralization():
    from network.present.report import analyze, org_rows

    M = nx.MultiDiGraph()
    K = nx.krackhardt_kite_graph()
    M.add_nodes_from((v, {"name": f"o{v}", "sector": "npo"}) for v in K)
    for i, (u, v) in enumerate(K.edges()):
        M.add_edge(u, v, key=f"t{i}", type="collaboration", directed=False, strength=3)
    r = analyze(M)
    nxv = nx.harmonic_centrality(K)
    assert {o["id"]: o["closeness"] for o in r["orgs"]} == pytest.approx({v: nxv[v] / 9 for v in K})
    assert r["graph"]["centralization"] == pytest.approx({"degree": 24 / 72, "betweenness": 96 / 324})
    assert r["graph"]["closeness"]["method"] == "exact"
    assert "近接中心性" in org_rows(r, lang="ja")[0]
