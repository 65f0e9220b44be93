"""GraphML that NetworkX, igraph and rustworkx read, valid against the GraphML 1.0 schema (issue 12 item 2).

Expected values are the sample network's (tests/network/store_contract.py), written by hand.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest
import rustworkx as rx
import xmlschema
from lxml import etree

from network.present.export import export_bytes
from network.store.sqlite import SQLiteStore
from tests.network.store_contract import sample_changes

SCHEMAS = Path(
    os.environ.get("RENKEI_TEST_SCHEMAS")  # the official XSDs, offline: ../shared/schemas
    or Path(__file__).resolve().parents[3] / "shared" / "schemas"
)
NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def G():
    s = SQLiteStore(":memory:")
    s.write(sample_changes())
    yield s.load_graph()
    s.close()


@pytest.fixture
def data(G):
    return export_bytes(G, "graphml")


def test_valid_against_the_graphml_schema(data):
    schema = xmlschema.XMLSchema(str(SCHEMAS / "graphml-1.0" / "graphml.xsd"))
    errors = [str(e)[:200] for e in schema.iter_errors(io.BytesIO(data))]
    assert errors == []


def test_keys_are_typed_and_booleans_lowercase(data):
    root = etree.fromstring(data)
    keys = {(k.get("for"), k.get("attr.name")): k for k in root.iter(f"{NS}key")}
    types = {name: k.get("attr.type") for (_, name), k in keys.items()}
    assert types["directed"] == "boolean" and types["strength"] == "int" and types["weight"] == "double"
    assert types["name"] == types["sector"] == types["start"] == "string"
    directed = keys[("edge", "directed")].get("id")
    values = {d.text for d in root.iter(f"{NS}data") if d.get("key") == directed}
    assert values == {"true", "false"}
    ids = {e.get("id") for e in root.iter(f"{NS}edge")}
    assert ids == {"t1", "t2", "t3", "t4"}  # tie ids kept as the edges' ids
    assert root.find(f"{NS}graph").get("edgedefault") == "directed"


def test_networkx_reads_ids_and_types(data):
    H = nx.read_graphml(io.BytesIO(data))  # a DiGraph with the ids as "id" when no pair has two ties
    assert sorted(d["id"] for *_, d in H.edges(data=True)) == ["t1", "t2", "t3", "t4"]
    e = H.edges["b", "a"]
    assert (e["type"], e["type_ja"], e["directed"], e["strength"]) == ("commission", "委託", True, 4)
    assert (e["start"], e["end"], e["project"], e["evidence"]) == (
        "2012-04-01",
        "2016-03-31",
        "復興支援員事業",
        "委託契約",
    )
    assert H.edges["a", "d"]["directed"] is False and H.edges["a", "d"]["last_confirmed"] == "2024-05-01"
    a = H.nodes["a"]
    assert (a["name"], a["sector"], a["sector_ja"], a["kind"], a["district"]) == (
        "みやぎ連携復興センター",
        "intermediary",
        "中間支援組織",
        "一般社団法人",
        "青葉区",
    )
    assert a["aliases"] == "れんぷく|Renpuku" and a["tags"] == "復興"


def test_igraph_reads_ids_and_booleans(data, tmp_path):
    path = tmp_path / "g.graphml"
    path.write_bytes(data)
    g = ig.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount(), g.is_directed()) == (4, 4, True)
    assert sorted(g.vs["id"]) == ["a", "b", "c", "d"]
    # igraph 1.0 fills es["id"] with vertex ids, so the tie id also travels as the data key tie_id
    by_id = {e["tie_id"]: e for e in g.es}
    assert sorted(by_id) == ["t1", "t2", "t3", "t4"]
    assert bool(by_id["t1"]["directed"]) is True and bool(by_id["t3"]["directed"]) is False
    assert by_id["t2"]["strength"] == 3 and by_id["t2"]["type"] == "funding"


def test_rustworkx_reads_it(data, tmp_path):
    path = tmp_path / "g.graphml"
    path.write_bytes(data)
    (g,) = rx.read_graphml(str(path))
    assert (g.num_nodes(), g.num_edges()) == (4, 4)
    names = sorted(n["name"] for n in g.nodes())
    assert names == sorted(["みやぎ連携復興センター", "石巻市", "公益財団法人 日本財団", "渡波地区自治会"])
    edges = {e["type"]: e for e in g.edges()}
    assert edges["commission"]["directed"] is True and edges["collaboration"]["directed"] is False
    assert edges["funding"]["strength"] == 3
    assert sorted(e["id"] for e in g.edges()) == ["t1", "t2", "t3", "t4"]


def test_two_ties_between_one_pair_keep_their_ids(G):
    G.add_edge("b", "a", key="t9", type="agreement", directed=False, strength=2, start=None, end=None)
    H = nx.read_graphml(io.BytesIO(export_bytes(G, "graphml")))
    assert isinstance(H, nx.MultiDiGraph)
    assert sorted(H["b"]["a"]) == ["t1", "t9"] and H.edges["b", "a", "t9"]["type"] == "agreement"
