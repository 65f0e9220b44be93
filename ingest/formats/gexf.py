"""GEXF 1.1/1.2/1.3 (``.gexf``) → organisations and ties: Renkei's own exports, Gephi, NetworkX.

Attribute values are matched by their declared ``title`` (NetworkX and Gephi
number the ids), defaults applied.  A node's ``label`` is its name unless it
has a ``name`` attribute.  An edge's tie type is its ``tie_type``/``type``
attribute value (else GEXF 1.3's ``kind``), its dates the ``start``/``end``
attribute values, else ``start_date``/``end_date``, else the edge's own
``start``/``end`` (a dynamic graph's timeline) or its first ``<spell>``; its
direction the ``directed`` value, else the edge's ``type``
(``directed``/``undirected``/``mutual``; any other word there is the tie
type, as NetworkX writes it), else the graph's ``defaultedgetype``.  ``viz:`` elements and NetworkX's ``networkx_key`` are
drawing and plumbing, not data.  When a dynamic attribute has several values,
the latest one is read.

>>> data = '''<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">
... <attributes class="node"><attribute id="0" title="sector" type="string"/></attributes>
... <nodes><node id="0" label="れんぷく"><attvalues><attvalue for="0" value="intermediary"/></attvalues></node>
... <node id="1" label="石巻市"/></nodes><edges><edge source="1" target="0" start="2012-04-01"/></edges>
... </graph></gexf>'''
>>> orgs, ties = read_gexf("g.gexf", data.encode())
>>> orgs.headers, orgs.rows, ties.rows
(['name', 'sector'], [['れんぷく', 'intermediary'], ['石巻市', None]], [['石巻市', 'れんぷく', '2012-04-01', 'no']])
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ingest.formats.graph import Edge, GraphData, Node, to_tables, unreadable
from ingest.formats.graphml import EDGE_DROP, EDGE_NAMES, NODE_DROP, NODE_NAMES
from ingest.formats.xmlsafe import XMLProblem, children, local, parse_xml
from ingest.readers import Table

__all__ = ["read_gexf"]

_EDGE_NAMES = {**EDGE_NAMES, "kind": "type"}


def _declared(graph: Element) -> dict[str, dict[str, tuple[str, str | None]]]:
    """``class → attribute id → (title, default)``."""
    out: dict[str, dict[str, tuple[str, str | None]]] = {"node": {}, "edge": {}}
    for block in children(graph, "attributes"):
        cls = block.get("class", "node")
        for a in children(block, "attribute"):
            default = next((d.text for d in children(a, "default")), None)
            out.setdefault(cls, {})[a.get("id", "")] = (a.get("title") or a.get("id", ""), default)
    return out


def _values(el: Element, declared: dict[str, tuple[str, str | None]]) -> dict[str, object]:
    attrs: dict[str, object] = {t: d for t, d in declared.values() if d is not None}
    latest: dict[str, str] = {}
    for block in children(el, "attvalues"):
        for v in children(block, "attvalue"):
            key = v.get("for") or v.get("id") or ""
            title = declared.get(key, (key, None))[0]
            when = v.get("start") or v.get("startopen") or ""
            if title in latest and when < latest[title]:
                continue
            latest[title] = when
            attrs[title] = v.get("value", "")
    return attrs


def read_gexf(name: str, data: bytes) -> list[Table]:
    """Tables of the GEXF file ``name``."""
    try:
        root = parse_xml(data)
    except XMLProblem as exc:
        return unreadable(name, "gexf", "GEXF", exc)
    graph = next((c for c in root if local(c.tag) == "graph"), None)
    if local(root.tag) != "gexf" or graph is None:
        return unreadable(name, "gexf", "GEXF", "no <gexf><graph>")
    version = root.get("version", "")
    g = GraphData(name, f"gexf {version}".strip(), node_file=f"{name}:nodes", edge_file=f"{name}:edges")
    default = graph.get("defaultedgetype", "undirected")
    g.directed = default == "directed"
    declared = _declared(graph)
    for block in children(graph, "nodes"):
        for el in children(block, "node"):
            attrs = _values(el, declared["node"])
            if el.get("label") is not None:
                attrs.setdefault("label", el.get("label"))
            g.nodes.append(Node(el.get("id", ""), attrs, len(g.nodes) + 1))
    for block in children(graph, "edges"):
        for el in children(block, "edge"):
            attrs = _values(el, declared["edge"])
            spells = [s for b in children(el, "spells") for s in children(b, "spell")]
            for bound in ("start", "end"):
                if attrs.get(bound) in (None, "") and attrs.get(f"{bound}_date") in (None, ""):
                    value = el.get(bound) or (spells[0].get(bound) if spells else None)
                    if value:
                        attrs[bound] = value
            for xml_attr in ("kind", "label"):
                if el.get(xml_attr) and xml_attr not in attrs:
                    attrs[xml_attr] = el.get(xml_attr)
            kind = el.get("type")
            directed = None
            if kind in ("directed", "undirected", "mutual"):
                directed = kind == "directed"
            elif kind and attrs.get("type") in (None, "") and attrs.get("tie_type") in (None, ""):
                attrs["type"] = kind  # NetworkX writes an edge's "type" attribute here
            g.edges.append(Edge(el.get("source", ""), el.get("target", ""), attrs, len(g.edges) + 1, directed))
    return to_tables(g, node_names=NODE_NAMES, edge_names=_EDGE_NAMES, drop=NODE_DROP, edge_drop=EDGE_DROP)
