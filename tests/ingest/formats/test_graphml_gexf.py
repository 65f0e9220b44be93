"""GraphML and GEXF files written by NetworkX, igraph and rustworkx import with names, sectors, types, dates, custom fields."""

from __future__ import annotations

import io

import igraph as ig
import networkx as nx
import pytest

from ingest.importer import import_files
from network.errors import ValidationError
from tests.ingest.formats.conftest import assert_peer_network, peer_graph


def _nx_bytes(G, writer) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    writer(G, buf)
    return buf.getvalue()


@pytest.mark.parametrize("directed", [False, True])
def test_networkx_graphml(store, directed):
    data = _nx_bytes(peer_graph(directed), nx.write_graphml)
    r = import_files(store, [("peer.graphml", data)])
    assert r.counts["orgs"].created == 3 and r.counts["ties"].created == 2
    assert_peer_network(store, directed=directed)
    assert any("kept as custom fields / 独自項目として保存: 担当者" in w for w in r.warnings)
    again = import_files(store, [("peer.graphml", data)])
    assert again.counts["orgs"].unchanged == 3 and again.counts["ties"].unchanged == 2


def test_networkx_gexf_1_2(store):
    data = _nx_bytes(peer_graph(), nx.write_gexf)
    assert b"1.2draft" in data
    import_files(store, [("peer.gexf", data)])
    assert_peer_network(store, directed=False)


def test_igraph_graphml(store, tmp_path):
    G = peer_graph(directed=True)
    g = ig.Graph(directed=True)
    names = list(G)
    g.add_vertices(len(names))
    g.vs["name"] = names
    for key in ("sector", "都道府県", "担当者"):
        g.vs[key] = [G.nodes[n].get(key, "") for n in names]
    g.add_edges([(names.index(u), names.index(v)) for u, v in G.edges()])
    for key in ("type", "strength", "start", "end", "窓口"):
        g.es[key] = [d.get(key, "") if key != "strength" else float(d[key]) for _, _, d in G.edges(data=True)]
    path = tmp_path / "igraph.graphml"
    g.write_graphml(str(path))
    text = path.read_text(encoding="utf-8")
    assert 'id="n0"' in text  # igraph numbers its nodes: the ids are local to the file
    import_files(store, [path])
    assert_peer_network(store)
    assert not any(o.id == "n0" for o in store.orgs())


def test_rustworkx_graphml(store, tmp_path):
    import rustworkx as rx

    G = peer_graph(directed=True)
    g = rx.PyDiGraph()
    index = {n: g.add_node({"name": n, **{k: str(v) for k, v in d.items()}}) for n, d in G.nodes(data=True)}
    for u, v, d in G.edges(data=True):
        g.add_edge(index[u], index[v], {k: str(x) for k, x in d.items()})
    path = tmp_path / "rx.graphml"
    rx.write_graphml(g, str(path))
    import_files(store, [path])
    assert_peer_network(store)


def test_gephi_style_label_and_numeric_ids(store):
    data = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key attr.name="label" attr.type="string" for="node" id="label"/>
  <key attr.name="Modularity Class" attr.type="int" for="node" id="modularity_class"/>
  <key attr.name="区分" attr.type="string" for="node" id="s"/>
  <key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
  <key attr.name="weight" attr.type="double" for="edge" id="weight"/>
  <graph edgedefault="undirected">
    <node id="0"><data key="label">渡波地区自治会</data><data key="s">自治会</data>
      <data key="modularity_class">1</data></node>
    <node id="1"><data key="label">石巻市</data><data key="s">行政</data><data key="modularity_class">0</data></node>
    <edge source="0" target="1"><data key="weight">2.5</data><data key="edgelabel">防災</data></edge>
  </graph>
</graphml>""".encode()
    import_files(store, [("gephi.graphml", data)])
    orgs = {o.name: o for o in store.orgs()}
    assert orgs["渡波地区自治会"].sector == "residents_group" and orgs["渡波地区自治会"].custom == {
        "Modularity Class": "1"
    }
    (t,) = store.ties()
    assert (t.type, t.directed, t.strength) == ("collaboration", False, 3)
    assert t.custom == {"weight": "2.5", "Edge Label": "防災"}


def test_yed_labels(store):
    data = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key attr.name="sector" attr.type="string" for="node" id="d5"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d5">企業</data><data key="d6"><y:ShapeNode><y:Geometry height="30" width="30"/>
      <y:NodeLabel>株式会社 七十七銀行</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d5">NPO</data><data key="d6"><y:ShapeNode><y:NodeLabel>NPO法人 石巻復興支援ネットワーク</y:NodeLabel>
      </y:ShapeNode></data></node>
    <edge id="e0" source="n0" target="n1"/>
  </graph>
</graphml>""".encode()
    import_files(store, [("yed.graphml", data)])
    assert {o.name: o.sector for o in store.orgs()} == {
        "株式会社 七十七銀行": "company",
        "NPO法人 石巻復興支援ネットワーク": "npo",
    }
    (t,) = store.ties()
    assert t.directed is True  # the graph's edgedefault


def test_an_unknown_sector_word_is_a_bad_row_never_a_guess(store):
    G = peer_graph()
    G.nodes["石巻市"]["sector"] = "Municipal body"
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("peer.graphml", _nx_bytes(G, nx.write_graphml))])
    errors = [(e.file, e.row, e.column, e.value, e.code) for e in exc.value.report.errors]
    assert ("peer.graphml:nodes", 2, "sector", "Municipal body", "unknown_sector") in errors
    assert store.counts()["orgs"] == 0


def test_gexf_1_3_dynamic_edges_and_kind(store):
    data = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph mode="dynamic" timeformat="date" defaultedgetype="directed">
    <attributes class="node" mode="static">
      <attribute id="0" title="sector" type="string"/><attribute id="1" title="name" type="string"/>
      <attribute id="2" title="電話" type="string"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="0" title="strength" type="integer"/><attribute id="1" title="directed" type="boolean"/>
    </attributes>
    <nodes>
      <node id="my-001" label="みやぎ連携復興センター"><attvalues><attvalue for="0" value="intermediary"/>
        <attvalue for="1" value="みやぎ連携復興センター"/><attvalue for="2" value="022-000-0000"/></attvalues>
        <viz:color r="1" g="2" b="3"/></node>
      <node id="my-002" label="石巻市"><attvalues><attvalue for="0" value="government"/>
        <attvalue for="1" value="石巻市"/></attvalues></node>
    </nodes>
    <edges>
      <edge id="t1" source="my-002" target="my-001" kind="commission" start="2012-04-01" end="2016-03-31">
        <attvalues><attvalue for="0" value="4"/><attvalue for="1" value="true"/></attvalues></edge>
    </edges>
  </graph>
</gexf>""".encode()
    import_files(store, [("renkei13.gexf", data)])
    a = store.get_org("my-001")  # Renkei's conventions: the node id is the organisation id
    assert (a.name, a.sector, a.custom) == ("みやぎ連携復興センター", "intermediary", {"電話": "022-000-0000"})
    (t,) = store.ties()
    assert (t.source, t.target, t.type, t.strength, t.directed, t.start, t.end) == (
        "my-002",
        "my-001",
        "commission",
        4,
        True,
        "2012-04-01",
        "2016-03-31",
    )


def test_xml_bombs_and_broken_files_are_refused(store):
    bomb = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="&lol2;"/></graph></graphml>"""
    for name, data in (("bomb.graphml", bomb), ("broken.gexf", b"<gexf><graph><nodes>")):
        with pytest.raises(ValidationError) as exc:
            import_files(store, [(name, data)])
        (e,) = exc.value.report.errors
        assert (e.file, e.row, e.code) == (name, 0, "unreadable")
    assert store.counts()["orgs"] == 0


def test_shift_jis_graphml_and_gexf(store):
    graphml = (
        '<?xml version="1.0" encoding="Shift_JIS"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="name"/><key id="d1" for="node" attr.name="区分"/>'
        '<graph edgedefault="undirected"><node id="a"><data key="d0">石巻市</data><data key="d1">行政</data></node>'
        "</graph></graphml>"
    ).encode("cp932")
    gexf = (
        '<?xml version="1.0" encoding="Shift_JIS"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        '<graph><attributes class="node"><attribute id="0" title="区分" type="string"/></attributes>'
        '<nodes><node id="0" label="渡波地区自治会"><attvalues><attvalue for="0" value="自治会"/></attvalues>'
        "</node></nodes></graph></gexf>"
    ).encode("cp932")
    import_files(store, [("sjis.graphml", graphml), ("sjis.gexf", gexf)])
    assert [o.name for o in store.orgs()] == ["渡波地区自治会", "石巻市"]
