"""Who connects A and B (network.analysis.paths) against NetworkX's all_shortest_paths.

Expected values: brute force with ``nx.all_shortest_paths`` over every pair
(the definition), and hand counts on a diamond and a barbell.
"""

from __future__ import annotations

import json
from itertools import product

import networkx as nx
import pytest

from network.analysis.paths import bridging_introductions, connectors, group_members
from network.analysis.views import undirected_view
from network.cli import main


def _brute(U: nx.Graph, A: list, B: list) -> dict:
    """Mean over connected pairs of the share of the pair's shortest paths through v."""
    score: dict = {}
    pairs = 0
    for s, t in product(A, B):
        if s == t or not nx.has_path(U, s, t):
            continue
        pairs += 1
        paths = list(nx.all_shortest_paths(U, s, t))
        for p in paths:
            for v in p[1:-1]:
                score[v] = score.get(v, 0.0) + 1 / len(paths)
    return {v: x / pairs for v, x in score.items()}


def test_two_orgs_on_a_diamond_by_hand():
    # a-x-b and a-y-b: two shortest paths, each broker carries one of two
    U = nx.Graph([("a", "x"), ("x", "b"), ("a", "y"), ("y", "b"), ("a", "c"), ("c", "d"), ("d", "b")])
    r = connectors(U, "a", "b")
    assert r["connected"] and r["distance"] == 2 and r["path_count"] == 2
    assert r["paths"] == [["a", "x", "b"], ["a", "y", "b"]]
    assert {b["id"]: b["share"] for b in r["brokers"]} == {"x": 0.5, "y": 0.5}
    assert {frozenset((e["source"], e["target"])) for e in r["edges"]} == {
        frozenset(p) for p in (("a", "x"), ("x", "b"), ("a", "y"), ("y", "b"))
    }


def test_barbell_bridge_carries_every_path():
    U = nx.barbell_graph(4, 1)  # two K4 joined through node 4
    r = connectors(U, list(range(4)), list(range(5, 9)))
    assert r["brokers"][0]["id"] == 4 and r["brokers"][0]["share"] == pytest.approx(1.0)
    assert r["distance"] == 2 and r["paths"] == [[3, 4, 5]]  # the closest pair only
    assert r["pairs"] == 16 and r["connected_pairs"] == 16


def test_barbell_closest_pair_paths():
    U = nx.barbell_graph(4, 1)
    r = connectors(U, [3], [5])
    assert r["paths"] == [[3, 4, 5]] and r["distance"] == 2


@pytest.fixture(scope="module")
def sample_view(tmp_path_factory):
    from renkei.data.samples import sample_files

    from ingest.importer import import_files
    from network.store import open_store

    path = tmp_path_factory.mktemp("paths") / "s.db"
    with open_store(str(path)) as store:
        import_files(store, sample_files("miyagi"), user="test")
        G = store.load_graph()
    return str(path), G, undirected_view(G)


def test_two_sample_orgs_match_all_shortest_paths(sample_view):
    _, G, U = sample_view
    nodes = sorted(U)
    checked = 0
    for a, b in [(nodes[i], nodes[-1 - i]) for i in range(0, 40, 3)]:
        if not nx.has_path(U, a, b):
            continue
        r = connectors(U, a, b, max_paths=10_000)
        expected = sorted(nx.all_shortest_paths(U, a, b))
        assert sorted(r["paths"]) == expected
        assert r["path_count"] == len(expected)
        shares = {x["id"]: x["share"] for x in connectors(U, a, b, top=10_000)["brokers"]}
        assert shares == pytest.approx(_brute(U, [a], [b]))
        checked += 1
    assert checked >= 5


def test_sector_groups_match_brute_force(sample_view):
    _, G, U = sample_view
    A, B = group_members(U, "sector", "company"), group_members(U, "sector", "government")
    r = connectors(U, A, B, top=10_000)
    expected = _brute(U, A, B)
    assert {x["id"]: x["share"] for x in r["brokers"]} == pytest.approx(expected)
    assert r["brokers"][0]["id"] == max(expected, key=expected.get)


def test_no_path_suggests_bridging_introductions():
    U = nx.Graph([("a", "x"), ("x", "w"), ("b", "y"), ("y", "z")])
    r = connectors(U, "a", "b")
    assert not r["connected"] and r["paths"] == [] and r["brokers"] == [] and r["distance"] is None
    intro = bridging_introductions(U, ["a"], ["b"])
    assert (intro[0]["a"], intro[0]["b"]) == ("x", "y")


def test_cli_path_json_matches_networkx(sample_view, capsysbinary):
    path, G, U = sample_view
    a, b = "my-047", "my-012"
    assert nx.has_path(U, a, b)
    assert main(["--store", path, "path", a, b, "--format", "json"]) == 0
    data = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert sorted(data["paths"]) == sorted(nx.all_shortest_paths(U, a, b))
    assert all(x["name"] == G.nodes[x["id"]]["name"] for x in data["brokers"])


def test_cli_path_by_name_and_groups(sample_view, capsysbinary):
    path, G, U = sample_view
    name = G.nodes["my-047"]["name"]
    assert main(["--store", path, "path", name, "my-012"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "最短経路" in out and name in out
    assert main(["--store", path, "path", "--groups", "sector:company", "行政", "--format", "json"]) == 0
    data = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert data["connected"] and data["brokers"]
    assert main(["--store", path, "path", "no such org", "my-012"]) == 1
