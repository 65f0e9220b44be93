"""GEXF 1.3 valid against the official schema, dynamic, coloured by sector (issue 12 item 2).

The schema is gephi/gexf's (``/work/shared/schemas/gexf-1.3``).  Its ``viz.xsd`` has no
target namespace, so ``viz:`` elements are taken out before the document is validated
and each ``viz:color`` is validated on its own against viz.xsd's ``color-content``.
Expected values: the sample network (tests/network/store_contract.py) and the app's
Okabe–Ito palette (network/present/map/data.py), written out by hand.
"""

from __future__ import annotations

import copy
import io
import os
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from lxml import etree

from network.present.export import export_bytes
from network.store.sqlite import SQLiteStore
from tests.network.store_contract import sample_changes

SCHEMAS = (
    Path(
        os.environ.get("RENKEI_TEST_SCHEMAS")  # the official XSDs, offline: ../shared/schemas
        or Path(__file__).resolve().parents[3] / "shared" / "schemas"
    )
    / "gexf-1.3"
)
G_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
PALETTE = {
    "intermediary": (0xCC, 0x79, 0xA7),
    "government": (0x00, 0x72, 0xB2),
    "foundation": (0xD5, 0x5E, 0x00),
    "residents_group": (0xE6, 0x9F, 0x00),
}


@pytest.fixture(scope="module")
def data():
    s = SQLiteStore(":memory:")
    s.write(sample_changes())
    out = export_bytes(s.load_graph(), "gexf")
    s.close()
    return out


def _without_viz(root: etree._Element) -> etree._Element:
    doc = copy.deepcopy(root)
    for el in list(doc.iter(f"{{{VIZ_NS}}}*")):
        el.getparent().remove(el)
    return doc


def test_valid_against_the_gexf_13_schema(data):
    schema = xmlschema.XMLSchema(str(SCHEMAS / "gexf.xsd"))
    doc = _without_viz(etree.fromstring(data))
    errors = [str(e)[:300] for e in schema.iter_errors(etree.tostring(doc).decode("utf-8"))]
    assert errors == []


def test_viz_colours_valid_against_viz_xsd(data):
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:include schemaLocation="{(SCHEMAS / "viz.xsd").as_uri()}"/>
      <xs:element name="color"><xs:complexType><xs:attributeGroup ref="color-content"/></xs:complexType></xs:element>
    </xs:schema>"""
    schema = xmlschema.XMLSchema(wrapper, base_url=str(SCHEMAS))
    colours = list(etree.fromstring(data).iter(f"{{{VIZ_NS}}}color"))
    assert len(colours) == 4
    for c in colours:
        bare = etree.Element("color", dict(c.attrib))
        assert [str(e)[:200] for e in schema.iter_errors(etree.tostring(bare).decode())] == []


def test_header_namespaces_and_no_stray_attributes(data):
    root = etree.fromstring(data)
    assert root.tag == f"{{{G_NS}}}gexf" and root.get("version") == "1.3"
    assert root.nsmap["viz"] == VIZ_NS
    assert root.get(f"{{{XSI_NS}}}schemaLocation") == f"{G_NS} {G_NS}/gexf.xsd"
    graph = root.find(f"{{{G_NS}}}graph")
    assert "name" not in graph.attrib
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date", "directed")
    assert b"networkx_key" not in data and b'name=""' not in data


def test_edges_carry_the_ties_dates_as_their_time_bounds(data):
    root = etree.fromstring(data)
    edges = {e.get("id"): e for e in root.iter(f"{{{G_NS}}}edge")}
    assert sorted(edges) == ["t1", "t2", "t3", "t4"]
    assert (edges["t1"].get("start"), edges["t1"].get("end")) == ("2012-04-01", "2016-03-31")
    assert (edges["t2"].get("start"), edges["t2"].get("end")) == ("2016-04-01", None)
    assert (edges["t4"].get("start"), edges["t4"].get("end")) == (None, None)
    assert edges["t1"].get("weight") == "1.0"


def test_nodes_coloured_with_the_app_palette(data):
    root = etree.fromstring(data)
    sectors = {"a": "intermediary", "b": "government", "c": "foundation", "d": "residents_group"}
    for node in root.iter(f"{{{G_NS}}}node"):
        c = node.find(f"{{{VIZ_NS}}}color")
        assert (int(c.get("r")), int(c.get("g")), int(c.get("b"))) == PALETTE[sectors[node.get("id")]]


def test_palette_is_the_apps():
    from network.present.map.data import SECTOR_COLOURS

    for sector, (r, g, b) in PALETTE.items():
        assert SECTOR_COLOURS[sector] == f"#{r:02X}{g:02X}{b:02X}"


def test_networkx_reads_it(data):
    H = nx.read_gexf(io.BytesIO(data))
    d = H.nodes["d"]
    assert (d["label"], d["name"], d["sector"], d["sector_ja"], d["kind"]) == (
        "渡波地区自治会",
        "渡波地区自治会",
        "residents_group",
        "地縁組織・住民団体",
        "自治会",
    )
    assert d["viz"]["color"]["r"] == 0xE6
    e = H.edges["b", "a"]  # NetworkX returns a simple DiGraph when no pair has two ties
    assert e["id"] == "t1" and (e["tie_type"], e["type_ja"], e["directed"], e["strength"], e["project"]) == (
        "commission",
        "委託",
        True,
        4,
        "復興支援員事業",
    )
    assert (e["start"], e["end"]) == ("2012-04-01", "2016-03-31")  # the timeline bounds
    assert H.edges["a", "d"]["directed"] is False
