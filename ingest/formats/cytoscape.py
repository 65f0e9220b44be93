"""Cytoscape JSON (``.cyjs``, Cytoscape.js / NetworkX ``cytoscape_data``) → organisations and ties.

``elements`` is either ``{"nodes": [...], "edges": [...]}`` or one list whose
items say ``"group": "nodes"|"edges"``; each item's ``data`` holds ``id``,
``name`` (or ``label``) and, on edges, ``source``, ``target`` and
``interaction`` (the tie type).  Cytoscape's plumbing (``SUID``, ``selected``,
``shared_name``, ``shared_interaction``, positions) and NetworkX's ``value``
and ``key`` are not data.  Direction: an edge's ``directed``, else the
document's ``directed`` (NetworkX), else the tie type's default.

>>> doc = {"elements": {"nodes": [{"data": {"id": "1", "name": "れんぷく", "SUID": 1}}],
...        "edges": [{"data": {"source": "1", "target": "1", "interaction": "協働"}}]}}
>>> import json
>>> orgs, ties = read_cytoscape("g.cyjs", json.dumps(doc).encode())
>>> orgs.headers, ties.rows
(['name', 'sector'], [['れんぷく', 'れんぷく', '協働']])
"""

from __future__ import annotations

import json

from ingest.formats.graph import Edge, GraphData, Node, to_tables, unreadable
from ingest.readers import Table, decode_bytes

__all__ = ["read_cytoscape", "looks_like_cytoscape"]

_DROP = frozenset({"suid", "selected", "shared_name", "shared name", "value", "position"})
_EDGE_DROP = frozenset(
    {"suid", "selected", "shared_name", "shared name", "shared_interaction", "shared interaction", "key", "id"}
)
_EDGE_NAMES = {"interaction": "type", "description": "note"}


def looks_like_cytoscape(doc: object) -> bool:
    """A JSON document holding Cytoscape ``elements``."""
    if not isinstance(doc, dict):
        return False
    el = doc.get("elements")
    if isinstance(el, dict):
        return isinstance(el.get("nodes", []), list) and ("nodes" in el or "edges" in el)
    return isinstance(el, list) and bool(el) and all(isinstance(i, dict) and "data" in i for i in el)


def read_cytoscape(name: str, data: bytes, doc: object = None) -> list[Table]:
    """Tables of the Cytoscape JSON file ``name`` (``doc``: already parsed)."""
    text, enc, _ = decode_bytes(data)
    if doc is None:
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError) as exc:
            return unreadable(name, f"cyjs ({enc})", "Cytoscape JSON", exc)
    if not looks_like_cytoscape(doc):
        return unreadable(name, f"cyjs ({enc})", "Cytoscape JSON", "no elements")
    el = doc["elements"]  # type: ignore[index]
    if isinstance(el, dict):
        nodes, edges = el.get("nodes") or [], el.get("edges") or []
    else:
        nodes = [i for i in el if i.get("group", "nodes") == "nodes" and "source" not in i.get("data", {})]
        edges = [i for i in el if i.get("group") == "edges" or "source" in i.get("data", {})]
    g = GraphData(name, f"cyjs ({enc})", node_file=f"{name}:nodes", edge_file=f"{name}:edges")
    top = doc.get("directed")  # type: ignore[union-attr]
    g.directed = top if isinstance(top, bool) else None
    for n, item in enumerate(nodes, start=1):
        d = dict(item.get("data") or {}) if isinstance(item, dict) else {}
        g.nodes.append(Node(str(d.get("id", n)), d, n))
    for n, item in enumerate(edges, start=1):
        d = dict(item.get("data") or {}) if isinstance(item, dict) else {}
        g.edges.append(Edge(str(d.get("source", "")), str(d.get("target", "")), d, n))
    return to_tables(g, node_names={"description": "note"}, edge_names=_EDGE_NAMES, drop=_DROP, edge_drop=_EDGE_DROP)
