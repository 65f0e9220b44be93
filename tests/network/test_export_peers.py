"""Writers for peers' tools (issue 12 item 2): Kumu workbook, Pajek .net, UCINET DL.

Each file is read back by the tool that owns the format where it is installable
(openpyxl for the XLSX Kumu imports, NetworkX and igraph for Pajek, igraph for DL) and
by a small DL parser written here from UCINET's DL reference (analytictech.com
help hs5000: ``DL``, ``N=``, ``FORMAT=``, ``LABELS:``, ``DATA:``; labels with spaces
in double quotes).  Expected values: the sample network (tests/network/store_contract.py).
"""

from __future__ import annotations

import io
import re
import shlex

import igraph as ig
import networkx as nx
import openpyxl
import pytest

from network.cli import main
from network.model import Org, Tie
from network.present.export import FORMATS, export_bytes
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore
from tests.network.store_contract import sample_changes

NAMES = {"a": "みやぎ連携復興センター", "b": "石巻市", "c": "公益財団法人 日本財団", "d": "渡波地区自治会"}


@pytest.fixture
def G():
    s = SQLiteStore(":memory:")
    s.write(sample_changes())
    yield s.load_graph()
    s.close()


def test_formats_listed():
    assert set(FORMATS) >= {"graphml", "gexf", "csv", "json", "kumu", "pajek", "dl"}


# --------------------------------------------------------------------------- Kumu
def _sheet(wb, name):
    rows = list(wb[name].iter_rows(values_only=True))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def test_kumu_workbook_has_kumus_columns_and_renkeis_fields(G):
    wb = openpyxl.load_workbook(io.BytesIO(export_bytes(G, "kumu")))
    assert wb.sheetnames == ["Elements", "Connections"]
    head, elements = _sheet(wb, "Elements")
    assert head[:5] == ("ID", "Label", "Type", "Description", "Tags")
    assert {"sector", "kind", "prefecture", "city", "district", "corporate_number", "aliases", "url"} <= set(head)
    a = next(e for e in elements if e["ID"] == "a")
    assert (a["Label"], a["Type"], a["sector"], a["Tags"], a["aliases"]) == (
        "みやぎ連携復興センター",
        "中間支援組織",
        "intermediary",
        "復興",
        "れんぷく|Renpuku",
    )
    d = next(e for e in elements if e["ID"] == "d")
    assert d["Description"].startswith("「引用」 & <b>太字</b>")
    head, conns = _sheet(wb, "Connections")
    assert head[:7] == ("ID", "From", "To", "Type", "Direction", "Strength", "Description")
    assert {"tie_type", "directed", "start", "end", "project", "evidence", "last_confirmed"} <= set(head)
    t1 = next(c for c in conns if c["ID"] == "t1")
    assert (t1["From"], t1["To"], t1["Type"], t1["tie_type"], t1["Direction"], t1["Strength"]) == (
        "b",
        "a",
        "委託",
        "commission",
        "directed",
        4,
    )
    assert (t1["start"], t1["end"], t1["project"]) == ("2012-04-01", "2016-03-31", "復興支援員事業")
    assert next(c for c in conns if c["ID"] == "t3")["Direction"] == "undirected"


def test_kumu_cells_are_text_never_formulas():
    s = SQLiteStore(":memory:")
    s.write(
        ChangeSet(
            orgs=[Org("x", "=cmd|' /C calc'!A0", "npo", note="+SUM(A1)"), Org("y", "@y", "npo")],
            ties=[Tie("t", "x", "y", "collaboration", project='=HYPERLINK("http://evil")')],
        )
    )
    wb = openpyxl.load_workbook(io.BytesIO(export_bytes(s.load_graph(), "kumu")))
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    values = {c.value for c in cells}
    assert {"=cmd|' /C calc'!A0", "+SUM(A1)", "@y", '=HYPERLINK("http://evil")'} <= values  # exact, as text


# --------------------------------------------------------------------------- Pajek
def test_pajek_networkx_reads_labels_weights_and_directions(G, tmp_path):
    data = export_bytes(G, "pajek")
    data.decode("utf-8")  # UTF-8, no BOM
    assert not data.startswith(b"\xef\xbb\xbf")
    path = tmp_path / "g.net"
    path.write_bytes(data)
    H = nx.read_pajek(str(path))
    assert sorted(H.nodes) == sorted(NAMES.values())
    assert H.is_directed()
    w = {(u, v, d["l"]): d["weight"] for u, v, d in H.edges(data=True)}
    assert w == {
        ("石巻市", "みやぎ連携復興センター", "commission"): 4.0,
        ("公益財団法人 日本財団", "みやぎ連携復興センター", "funding"): 3.0,
        ("みやぎ連携復興センター", "渡波地区自治会", "collaboration"): 5.0,
        ("みやぎ連携復興センター", "石巻市", "information"): 2.0,
    }


def test_pajek_igraph_reads_it(G, tmp_path):
    path = tmp_path / "g.net"
    path.write_bytes(export_bytes(G, "pajek"))
    g = ig.Graph.Read_Pajek(str(path))
    assert (g.vcount(), g.ecount()) == (4, 4)
    assert sorted(g.vs["name"]) == sorted(NAMES.values())
    # igraph lets the last section (*Edges) make a mixed file undirected: compare unordered pairs
    got = {(frozenset((g.vs[e.source]["name"], g.vs[e.target]["name"])), e["weight"], e["label"]) for e in g.es}
    assert got == {
        (frozenset(("石巻市", "みやぎ連携復興センター")), 4.0, "commission"),
        (frozenset(("公益財団法人 日本財団", "みやぎ連携復興センター")), 3.0, "funding"),
        (frozenset(("みやぎ連携復興センター", "渡波地区自治会")), 5.0, "collaboration"),
        (frozenset(("みやぎ連携復興センター", "石巻市")), 2.0, "information"),
    }


def test_pajek_all_directed_is_directed_in_igraph(tmp_path):
    M = nx.MultiDiGraph()
    M.add_nodes_from([("x", {"name": "甲"}), ("y", {"name": "乙"})])
    M.add_edge("x", "y", key="t", type="funding", directed=True, strength=3)
    path = tmp_path / "d.net"
    path.write_bytes(export_bytes(M, "pajek"))
    g = ig.Graph.Read_Pajek(str(path))
    assert g.is_directed() and [(g.vs[e.source]["name"], g.vs[e.target]["name"]) for e in g.es] == [("甲", "乙")]


def test_pajek_labels_stay_one_token_each():
    M = nx.MultiDiGraph()
    M.add_node("x", name='A "quoted" \\ name', sector="npo")
    M.add_node("y", name="同名", sector="npo")
    M.add_node("z", name="同名", sector="npo")  # two organisations, one name: the label says which
    M.add_edge("x", "y", key="t", type="collaboration", directed=False, strength=1)
    H = nx.parse_pajek(export_bytes(M, "pajek").decode("utf-8"))
    assert sorted(H.nodes) == sorted(["A ＂quoted＂ ＼ name", "同名 [y]", "同名 [z]"])


# --------------------------------------------------------------------------- UCINET DL
def read_dl(text: str) -> tuple[list[str], list[tuple[int, int, float]]]:
    """A small reader of DL ``format=edgelist1`` with a ``labels:`` list."""
    head, _, body = re.split(r"(?im)^(data:)\s*$", text, maxsplit=1)
    assert re.search(r"(?im)^dl\b", head) and re.search(r"(?i)\bformat\s*=\s*edgelist1\b", head)
    n = int(re.search(r"(?i)\bn\s*=\s*(\d+)", head).group(1))
    labels_part = re.split(r"(?im)^labels:\s*$", head, maxsplit=1)[1]
    labels = [t for t in shlex.split(labels_part.replace(",", " , ")) if t != ","]
    assert len(labels) == n
    rows = []
    for line in body.splitlines():
        if line.strip():
            i, j, v = line.split()
            rows.append((int(i), int(j), float(v)))
    return labels, rows


def test_dl_edgelist1_with_labels(G):
    text = export_bytes(G, "dl").decode("utf-8")
    labels, rows = read_dl(text)
    assert sorted(labels) == sorted(NAMES.values())
    got = {(labels[i - 1], labels[j - 1], v) for i, j, v in rows}
    assert got == {
        ("石巻市", "みやぎ連携復興センター", 4.0),
        ("公益財団法人 日本財団", "みやぎ連携復興センター", 3.0),
        ("みやぎ連携復興センター", "渡波地区自治会", 5.0),
        ("みやぎ連携復興センター", "石巻市", 2.0),
    }


def test_dl_igraph_reads_it(G, tmp_path):
    path = tmp_path / "g.dl"
    path.write_bytes(export_bytes(G, "dl"))
    g = ig.Graph.Read_DL(str(path), directed=True)
    assert (g.vcount(), g.ecount()) == (4, 4)
    assert sorted(g.es["weight"]) == [2.0, 3.0, 4.0, 5.0]
    assert "石巻市" in g.vs["name"]  # igraph splits quoted labels at spaces; names without spaces survive


# --------------------------------------------------------------------------- CLI
@pytest.mark.parametrize("fmt,suffix", [("kumu", "xlsx"), ("pajek", "net"), ("dl", "dl"), ("gexf", "gexf")])
def test_cli_export_writes_each_format(tmp_path, fmt, suffix):
    db = tmp_path / "renkei.db"
    s = SQLiteStore(db)
    s.write(sample_changes())
    s.close()
    out = tmp_path / f"g.{suffix}"
    assert main(["--store", str(db), "export", "--format", fmt, "--output", str(out)]) == 0
    assert out.stat().st_size > 100


def test_custom_fields_travel_in_every_graph_format():
    M = nx.MultiDiGraph()
    M.add_node("x", name="甲", sector="npo", custom={"担当者": "佐藤"})
    M.add_node("y", name="乙", sector="npo", custom={})
    M.add_edge("x", "y", key="t", type="collaboration", directed=False, strength=2, custom={"窓口": "政策課"})
    wb = openpyxl.load_workbook(io.BytesIO(export_bytes(M, "kumu")))
    _, elements = _sheet(wb, "Elements")
    _, conns = _sheet(wb, "Connections")
    assert elements[0]["custom.担当者"] == "佐藤" and conns[0]["custom.窓口"] == "政策課"
    H = nx.read_graphml(io.BytesIO(export_bytes(M, "graphml")))
    assert H.nodes["x"]["custom.担当者"] == "佐藤" and H.edges["x", "y"]["custom.窓口"] == "政策課"
    H = nx.read_gexf(io.BytesIO(export_bytes(M, "gexf")))
    assert H.nodes["x"]["custom.担当者"] == "佐藤" and H.edges["x", "y"]["custom.窓口"] == "政策課"
