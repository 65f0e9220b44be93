"""Tests of network.analysis.engine (the fast kernels' plumbing).

Sources: the NetworkX views of network.analysis.views, SciPy's full sparse
product, NetworkX's own measures and the brute-force role count of
test_brokers — with the hub path of ``masked_matmul`` forced on.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

import network.analysis.engine as engine
from network.analysis.brokers import ROLES, brokerage_roles, constraint, effective_size
from network.analysis.engine import Indexed, masked_matmul
from network.analysis.introductions import suggest_introductions
from network.analysis.views import directed_view, indexed_views, undirected_view
from tests.network.analysis.test_brokers import naive_roles


def stored(seed: int) -> nx.MultiDiGraph:
    rng = np.random.default_rng(seed)
    M = nx.MultiDiGraph()
    for i in range(30):
        M.add_node(i, sector=str(rng.integers(3)), district=str(rng.integers(2)))
    for e in range(80):
        u, v = (int(x) for x in rng.integers(30, size=2))
        M.add_edge(
            u,
            v,
            key=e,
            type="collaboration" if e % 3 else "funding",
            directed=bool(e % 3 == 0),
            strength=int(rng.integers(1, 6)),
        )
    return M


def edges(X: Indexed) -> dict:
    return {
        (X.nodes[a], X.nodes[b]) if X.directed else tuple(sorted((X.nodes[a], X.nodes[b]))): (w, s)
        for a, b, w, s in zip(X.src, X.dst, X.weight, X.strength, strict=True)
    }


@pytest.mark.parametrize("seed", range(4))
def test_indexed_views_equal_the_networkx_views(seed):
    M = stored(seed)
    XU, XD = indexed_views(M)
    assert edges(XU) == edges(Indexed(undirected_view(M)))
    assert edges(XD) == edges(Indexed(directed_view(M)))
    assert XU.G.number_of_edges() == undirected_view(M).number_of_edges()


def test_masked_matmul_equals_the_full_product():
    rng = np.random.default_rng(0)
    L = sp.random(40, 40, density=0.2, random_state=1, format="csr")
    R = sp.random(40, 40, density=0.2, random_state=2, format="csr")
    rows, cols = rng.integers(40, size=200), rng.integers(40, size=200)
    full = (L @ R).toarray()[rows, cols]
    for cost in (0, 10, 10**9):
        assert masked_matmul(L, R, rows, cols, heavy_cost=cost) == pytest.approx(full)


def test_hub_path_gives_the_same_measures(monkeypatch):
    monkeypatch.setattr(engine, "HEAVY_COST", 0)  # every middle node is a "hub"
    G = nx.gnm_random_graph(40, 120, seed=5)
    assert constraint(G) == pytest.approx(nx.constraint(G))
    assert effective_size(G) == pytest.approx(nx.effective_size(G))
    D = nx.gnm_random_graph(25, 120, seed=6, directed=True)
    for v in D:
        D.nodes[v]["sector"] = "abc"[v % 3]
    got = brokerage_roles(D)
    assert {v: {r: got[v][r] for r in ROLES} for v in D} == naive_roles(D)


def test_introductions_with_hubs_keep_the_adamic_adar_score():
    G = nx.barabasi_albert_graph(60, 2, seed=2)
    for v in G:
        G.nodes[v]["sector"] = str(v % 4)
    aa = {tuple(sorted((u, v))): p for u, v, p in nx.adamic_adar_index(G)}
    for hub_degree in (3, 10**6):
        for s in suggest_introductions(G, top=30, hub_degree=hub_degree, same_area_bonus=1.0):
            assert s["score"] == pytest.approx(aa[tuple(sorted((s["a"], s["b"])))])


def test_masked_matmul_in_chunks_equals_one_product(monkeypatch):
    rng = np.random.default_rng(3)
    L = sp.random(60, 50, density=0.15, random_state=4, format="csr")
    R = sp.random(50, 70, density=0.15, random_state=5, format="csr")
    rows, cols = rng.integers(60, size=500), rng.integers(70, size=500)
    full = (L @ R).toarray()[rows, cols]
    monkeypatch.setattr(engine, "_MATMUL_WORK", 3)  # a row or two per chunk
    for cost in (0, 20, 10**9):
        assert masked_matmul(L, R, rows, cols, heavy_cost=cost) == pytest.approx(full)


def test_seeded_igraph_is_one_thread_at_a_time():
    """igraph's random generator is process-wide; Streamlit runs sessions in threads of one process.

    A second thread entering ``seeded_igraph`` while the first is inside would swap the generator under
    it (the first thread's communities would then depend on the other session).  It waits instead.
    """
    import threading
    import time

    inside, release, order = threading.Event(), threading.Event(), []

    def first():
        with engine.seeded_igraph(1):
            order.append("first in")
            inside.set()
            release.wait(5)
            order.append("first out")

    def second():
        inside.wait(5)
        with engine.seeded_igraph(2):
            order.append("second in")

    a, b = threading.Thread(target=first), threading.Thread(target=second)
    a.start()
    b.start()
    inside.wait(5)
    time.sleep(0.3)  # time enough for the second thread to get in, were it let in
    release.set()
    a.join(5)
    b.join(5)
    assert order == ["first in", "first out", "second in"]
