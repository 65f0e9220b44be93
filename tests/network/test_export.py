"""Exports: Japanese intact; GraphML readable by NetworkX and igraph, GEXF by NetworkX; CSV/JSON re-importable."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import igraph as ig
import networkx as nx
import pytest

from network.errors import RenkeiError
from network.present.export import csv_safe, export_bytes
from network.store.sqlite import SQLiteStore
from tests.network.store_contract import sample_changes


@pytest.fixture
def G():
    s = SQLiteStore(":memory:")
    s.write(sample_changes())
    yield s.load_graph()
    s.close()


def test_graphml_networkx(G):
    H = nx.read_graphml(io.BytesIO(export_bytes(G, "graphml")))
    assert sorted(H.nodes) == ["a", "b", "c", "d"]
    assert H.number_of_edges() == 4
    assert H.nodes["a"]["name"] == "みやぎ連携復興センター"
    assert H.nodes["a"]["sector"] == "intermediary" and H.nodes["a"]["sector_ja"] == "中間支援組織"
    e = H.edges["b", "a"]
    assert (e["type"], e["type_ja"], e["directed"], e["strength"]) == ("commission", "委託", True, 4)
    assert (e["start"], e["end"], e["project"]) == ("2012-04-01", "2016-03-31", "復興支援員事業")


def test_graphml_igraph(G, tmp_path):
    path = tmp_path / "g.graphml"
    path.write_bytes(export_bytes(G, "graphml"))
    g = ig.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (4, 4)
    assert set(g.vs["name"]) == {"みやぎ連携復興センター", "石巻市", "公益財団法人 日本財団", "渡波地区自治会"}
    assert set(g.vs["id"]) == {"a", "b", "c", "d"}
    assert sorted(g.es["type"]) == ["collaboration", "commission", "funding", "information"]


def test_gexf_networkx(G):
    data = export_bytes(G, "gexf")
    H = nx.read_gexf(io.BytesIO(data))
    assert H.nodes["d"]["label"] == "渡波地区自治会"
    assert H.nodes["d"]["sector"] == "residents_group"
    e = H.edges["c", "a"]
    assert (e["tie_type"], e["start_date"], e["end_date"], e["strength"]) == ("funding", "2016-04-01", "", 3)
    assert (e["start"], "end" in e) == ("2016-04-01", False)  # the timeline bounds (issue 12): open end left out


def test_json_and_csv(G):
    doc = json.loads(export_bytes(G, "json"))
    assert {o["id"] for o in doc["organisations"]} == {"a", "b", "c", "d"}
    assert next(o for o in doc["organisations"] if o["id"] == "a")["aliases"] == ["れんぷく", "Renpuku"]
    assert {t["id"]: t["type"] for t in doc["ties"]}["t2"] == "funding"
    with zipfile.ZipFile(io.BytesIO(export_bytes(G, "csv"))) as z:
        orgs = z.read("orgs.csv")
        ties = list(csv.DictReader(io.StringIO(z.read("ties.csv").decode("utf-8-sig"))))
    assert orgs.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.DictReader(io.StringIO(orgs.decode("utf-8-sig"))))
    assert next(r for r in rows if r["id"] == "a")["aliases"] == "れんぷく|Renpuku"
    assert {t["id"]: t["directed"] for t in ties} == {"t1": "true", "t2": "true", "t3": "false", "t4": "false"}


def test_formula_cells_are_neutralised():
    # OWASP CSV injection guidance: prefix cells starting with = + - @ tab CR
    assert csv_safe('=HYPERLINK("http://evil","x")') == '\'=HYPERLINK("http://evil","x")'
    assert csv_safe("+81-22") == "'+81-22"
    assert csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert csv_safe("石巻=市") == "石巻=市"
    assert csv_safe(None) == "" and csv_safe(True) == "true" and csv_safe(["a", "b"]) == "a|b"


def test_unknown_format(G):
    with pytest.raises(RenkeiError, match="unknown export format"):
        export_bytes(G, "pdf")
