"""GraphML (``.graphml``) → organisations and ties: Renkei's own exports, NetworkX, igraph, rustworkx, yEd, Gephi.

Keys are matched by ``attr.name`` (``<key id="d0" for="node" attr.name="name">``),
with their ``<default>`` applied; typed values (``boolean``, ``int``, ``double``)
arrive as the file writes them and are checked by the importer, so both the
older NetworkX flavour (``True``) and typed GraphML (``true``) read the same.
A node without ``name`` takes its ``label`` (Gephi) or yEd's ``<y:NodeLabel>``;
an edge's direction is its own ``directed`` value, else the edge element's
``directed`` attribute, else the graph's ``edgedefault``.  Nested graphs are
read as one graph.

>>> data = '''<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
...  <key id="d0" for="node" attr.name="name" attr.type="string"/>
...  <key id="d1" for="edge" attr.name="type" attr.type="string"><default>協働</default></key>
...  <graph edgedefault="undirected"><node id="n0"><data key="d0">れんぷく</data></node>
...  <node id="n1"><data key="d0">石巻市</data></node><edge source="n1" target="n0"/></graph></graphml>'''
>>> orgs, ties = read_graphml("g.graphml", data.encode())
>>> orgs.rows, ties.headers, ties.rows
([['れんぷく', None], ['石巻市', None]], ['source', 'target', 'type', 'directed'], [['石巻市', 'れんぷく', '協働', 'no']])
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ingest.formats.graph import Edge, GraphData, Node, to_tables, unreadable
from ingest.formats.xmlsafe import XMLProblem, children, local, parse_xml
from ingest.readers import Table

__all__ = ["read_graphml", "NODE_NAMES", "EDGE_NAMES"]

#: Attribute names with a meaning in Renkei (lower case → column); the rest travel as they are.
NODE_NAMES: dict[str, str] = {"description": "note"}
EDGE_NAMES: dict[str, str] = {
    "tie_type": "type",
    "start_date": "start",
    "end_date": "end",
    "interaction": "type",
    "relation": "type",
    "description": "note",
}
#: The tools' own attributes, never organisation data.
NODE_DROP = frozenset(
    {
        "x",
        "y",
        "z",
        "r",
        "g",
        "b",
        "size",
        "color",
        "shape",
        "width",
        "height",
        "sector_ja",
        "networkx_key",
        "_networkx_key",
    }
)
EDGE_DROP = frozenset({"networkx_key", "key", "type_ja", "color", "r", "g", "b", "thickness", "id", "tie_id"})


def _text(el: Element) -> str:
    """A ``<data>`` value: its text, or the text of a yEd label inside it."""
    if len(el):
        for sub in el.iter():
            if local(sub.tag) in ("NodeLabel", "EdgeLabel") and (sub.text or "").strip():
                return sub.text.strip()
        return ""
    return el.text or ""


def read_graphml(name: str, data: bytes) -> list[Table]:
    """Tables of the GraphML file ``name``."""
    try:
        root = parse_xml(data)
    except XMLProblem as exc:
        return unreadable(name, "graphml", "GraphML", exc)
    if local(root.tag) != "graphml":
        return unreadable(name, "graphml", "GraphML", "no <graphml> root")
    keys: dict[tuple[str, str], tuple[str, str | None]] = {}  # (for, id) → (name, default)
    numeric: set[str] = set()  # keys of type double/float, where NaN means "no value" (igraph)
    for k in children(root, "key"):
        attr = k.get("attr.name")
        if attr is None:
            if k.get("yfiles.type") in ("nodegraphics", "edgegraphics"):
                attr = "label"  # yEd: the label inside the graphics
            else:
                continue
        default = next((d.text for d in children(k, "default")), None)
        keys[(k.get("for", "all"), k.get("id", ""))] = (attr, default)  # rustworkx reuses ids across domains
        if k.get("attr.type") in ("double", "float"):
            numeric.add(k.get("id", ""))  # by id alone: a NaN is no value whatever its domain
    g = GraphData(name, "graphml", node_file=f"{name}:nodes", edge_file=f"{name}:edges")
    graphs = [el for el in root.iter() if local(el.tag) == "graph"]
    if not graphs:
        return unreadable(name, "graphml", "GraphML", "no <graph>")
    g.directed = graphs[0].get("edgedefault", "directed") == "directed"
    defaults = {
        kind: {a: d for (f, _), (a, d) in keys.items() if f in (kind, "all") and d is not None}
        for kind in ("node", "edge")
    }
    for el in root.iter():
        tag = local(el.tag)
        if tag not in ("node", "edge"):
            continue
        attrs: dict[str, object] = dict(defaults[tag])
        for d in children(el, "data"):
            spec = keys.get((tag, d.get("key", ""))) or keys.get(("all", d.get("key", "")))
            if spec is None:
                continue
            value = _text(d)
            if d.get("key") in numeric and value.strip().lower() == "nan":
                value = ""
            if value or len(d) == 0:  # yEd graphics without a label add nothing
                attrs[spec[0]] = value
        if tag == "node":
            g.nodes.append(Node(el.get("id", ""), attrs, len(g.nodes) + 1))
        else:
            own = el.get("directed")
            g.edges.append(
                Edge(
                    el.get("source", ""),
                    el.get("target", ""),
                    attrs,
                    len(g.edges) + 1,
                    None if own is None else own.strip().lower() == "true",
                )
            )
    return to_tables(g, node_names=NODE_NAMES, edge_names=EDGE_NAMES, drop=NODE_DROP, edge_drop=EDGE_DROP)
