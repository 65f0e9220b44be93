"""GraphML 1.0 that NetworkX, igraph, rustworkx and yEd read.

Written directly (not through ``nx.write_graphml``) so that every key is typed
(``string``, ``boolean``, ``int``, ``long``, ``double``), booleans are ``true``/``false``
(rustworkx refuses Python's ``True``), every tie keeps its id both as the edge's
``id`` and as the ``tie_id`` field (igraph 1.0 does not read edge ids), and every
text is cleaned (:func:`network.present.export.text.clean_text`).  The graph is
``edgedefault="directed"``; an undirected tie says so in its ``directed`` field.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", name="れんぷく", sector="intermediary")
>>> G.add_node("b", name="石巻市", sector="government")
>>> _ = G.add_edge("b", "a", key="t1", type="commission", directed=True, strength=4)
>>> H = nx.read_graphml(__import__("io").BytesIO(write_graphml(G)))
>>> H.nodes["a"]["name"], H.edges["b", "a"]["directed"], H.edges["b", "a"]["id"]
('れんぷく', True, 't1')
"""

from __future__ import annotations

import networkx as nx

from network.present.export.fields import edge_fields, edge_values, node_fields, node_values
from network.present.export.text import xml_escape

__all__ = ["write_graphml"]

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return xml_escape(v)


def write_graphml(G: nx.MultiDiGraph) -> bytes:
    """``G`` (``load_graph()`` conventions) as GraphML bytes (UTF-8)."""
    nf, ef = node_fields(G), edge_fields(G)
    nkey = {name: f"n{i}" for i, (name, _) in enumerate(nf)}
    ekey = {name: f"e{i}" for i, (name, _) in enumerate(ef)}
    out = [_HEAD]
    for domain, fields, keys in (("node", nf, nkey), ("edge", ef, ekey)):
        for name, t in fields:
            out.append(
                f'  <key id="{keys[name]}" for="{domain}" attr.name="{xml_escape(name, attribute=True)}" '
                f'attr.type="{t}"/>\n'
            )
    out.append('  <graph id="G" edgedefault="directed">\n')
    for n, d in G.nodes(data=True):
        out.append(f'    <node id="{xml_escape(n, attribute=True)}">')
        out += [f'<data key="{nkey[k]}">{_value(v)}</data>' for k, v in node_values(d, nf).items()]
        out.append("</node>\n")
    for u, v, k, d in G.edges(keys=True, data=True):
        out.append(
            f'    <edge id="{xml_escape(k, attribute=True)}" source="{xml_escape(u, attribute=True)}" '
            f'target="{xml_escape(v, attribute=True)}">'
        )
        out += [f'<data key="{ekey[f]}">{_value(x)}</data>' for f, x in edge_values(k, d, ef).items()]
        out.append("</edge>\n")
    out.append("  </graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")
