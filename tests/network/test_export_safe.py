"""Exports never break (issue 9 item 5): no stored value can make an export unreadable.

A name, city, note or tag holding NUL, C0 controls, ESC sequences, DEL, C1 controls,
U+FFFE/U+FFFF or a lone surrogate is written as U+FFFD (docs/trust.md, "Exports never
break"); every file is re-read by the tool that owns its format: lxml and NetworkX
and igraph for GraphML, lxml and NetworkX for GEXF, ``csv`` for CSV, ``json`` for
JSON, openpyxl for the Kumu workbook, NetworkX for Pajek.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import zipfile
from pathlib import Path

import igraph as ig
import networkx as nx
import openpyxl
import pytest
import xmlschema
from lxml import etree

from network.model import Org, Tie
from network.present.export import FORMATS, export_bytes
from network.store.base import ChangeSet
from network.store.sqlite import SQLiteStore

#: Every kind of character XML 1.0 forbids or discourages, plus a terminal colour escape.
HOSTILE = "前\x00\x01\x08\x0b\x0c\x1b[31m赤\x7f\x85\x9b\x9f\ufffe\uffff後\tタブ\n改行"


def expected(s: str) -> str:
    """The rule of docs/trust.md, written out independently of the code under test."""
    out = []
    for ch in s:
        o = ord(ch)
        bad = (o < 0x20 and ch not in "\t\n\r") or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF)
        out.append("\ufffd" if bad else ch)
    return "".join(out)


SAFE = expected(HOSTILE)
SCHEMAS = Path(
    os.environ.get("RENKEI_TEST_SCHEMAS")  # the official XSDs, offline: ../shared/schemas
    or Path(__file__).resolve().parents[3] / "shared" / "schemas"
)


@pytest.fixture
def G(tmp_path):
    s = SQLiteStore(tmp_path / "renkei.db")
    s.write(
        ChangeSet(
            orgs=[
                Org("x", HOSTILE, "npo", city=HOSTILE, note=HOSTILE, tags=[HOSTILE]),
                Org("y", "石巻市", "government", kind=HOSTILE),
            ],
            ties=[Tie("t1", "x", "y", "collaboration", strength=3, project=HOSTILE, note=HOSTILE)],
        )
    )
    assert s.get_org("x").name == HOSTILE  # stored as given: the export must cope
    yield s.load_graph()
    s.close()


def test_rule_itself():
    assert SAFE == "前\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd[31m赤\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd後\tタブ\n改行"


def test_graphml_parses_in_lxml_networkx_and_igraph(G, tmp_path):
    data = export_bytes(G, "graphml")
    etree.fromstring(data)  # a strict XML 1.0 parser
    H = nx.read_graphml(io.BytesIO(data))
    assert H.nodes["x"]["name"] == SAFE and H.nodes["x"]["city"] == SAFE and H.nodes["y"]["kind"] == SAFE
    assert H.edges["x", "y"]["project"] == SAFE
    path = tmp_path / "g.graphml"
    path.write_bytes(data)
    g = ig.Graph.Read_GraphML(str(path))
    assert SAFE in g.vs["name"]


def test_gexf_parses_in_lxml_and_networkx(G):
    data = export_bytes(G, "gexf")
    etree.fromstring(data)
    H = nx.read_gexf(io.BytesIO(data))
    assert H.nodes["x"]["label"] == SAFE  # tab and newline kept as character references
    assert H.nodes["x"]["name"] == SAFE and H.nodes["x"]["city"] == SAFE
    assert next(iter(H.edges(data=True)))[2]["project"] == SAFE


def test_hostile_xml_still_valid_against_the_schemas(G):
    graphml = xmlschema.XMLSchema(str(SCHEMAS / "graphml-1.0" / "graphml.xsd"))
    assert [str(e)[:200] for e in graphml.iter_errors(io.BytesIO(export_bytes(G, "graphml")))] == []
    gexf = xmlschema.XMLSchema(str(SCHEMAS / "gexf-1.3" / "gexf.xsd"))
    doc = copy.deepcopy(etree.fromstring(export_bytes(G, "gexf")))
    for el in list(doc.iter("{http://gexf.net/1.3/viz}*")):
        el.getparent().remove(el)
    assert [str(e)[:200] for e in gexf.iter_errors(etree.tostring(doc).decode("utf-8"))] == []


def test_json_and_csv_hold_the_same_text(G):
    doc = json.loads(export_bytes(G, "json").decode("utf-8"))
    x = next(o for o in doc["organisations"] if o["id"] == "x")
    assert (x["name"], x["city"], x["note"], x["tags"]) == (SAFE, SAFE, SAFE, [SAFE])
    assert doc["ties"][0]["project"] == SAFE
    with zipfile.ZipFile(io.BytesIO(export_bytes(G, "csv"))) as z:
        orgs = list(csv.DictReader(io.StringIO(z.read("orgs.csv").decode("utf-8-sig"), newline="")))
        ties = list(csv.DictReader(io.StringIO(z.read("ties.csv").decode("utf-8-sig"), newline="")))
    x = next(r for r in orgs if r["id"] == "x")
    assert (x["name"], x["city"], x["note"]) == (SAFE, SAFE, SAFE)
    assert ties[0]["project"] == SAFE


def test_peer_formats_read_back(G):
    wb = openpyxl.load_workbook(io.BytesIO(export_bytes(G, "kumu")))
    labels = [r[1] for r in wb["Elements"].iter_rows(min_row=2, values_only=True)]
    assert SAFE in labels
    text = export_bytes(G, "pajek").decode("utf-8")
    assert "\x1b" not in text and "\x00" not in text
    assert len(nx.parse_pajek(text)) == 2
    dl = export_bytes(G, "dl").decode("utf-8")
    assert "\x1b" not in dl and "\ufffe" not in dl


def test_lone_surrogates_never_reach_an_encoder():
    """A lone surrogate cannot be UTF-8 at all (SQLite refuses it; a graph from elsewhere may hold it)."""
    M = nx.MultiDiGraph()
    M.add_node("x", name="A\ud800B", sector="npo", aliases=["\udfff"], tags=[])
    M.add_node("y", name="C", sector="company", aliases=[], tags=[])
    M.add_edge("x", "y", key="t1", type="collaboration", directed=False, strength=2, project="\udc80")
    for fmt in FORMATS:
        data = export_bytes(M, fmt)
        if fmt in ("graphml", "gexf"):
            etree.fromstring(data)
        if fmt in ("json", "graphml", "gexf", "pajek", "dl"):
            text = data.decode("utf-8")  # strict: fails on any surrogate
            assert "A\ufffdB" in text
    assert json.loads(export_bytes(M, "json"))["organisations"][0]["aliases"] == ["\ufffd"]
