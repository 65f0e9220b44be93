"""GEXF 1.3 for Gephi: valid against gephi/gexf's schema, dynamic, coloured by sector.

- ``<gexf xmlns="http://gexf.net/1.3" version="1.3">`` with the ``viz`` namespace
  (``http://gexf.net/1.3/viz``) and a correct ``xsi:schemaLocation``; no ``name=""``
  on ``<graph>``, no ``networkx_key``.
- ``mode="dynamic" timeformat="date"``: each tie's ``start``/``end`` are its edge's
  ``start``/``end`` (an open end is left out), so Gephi's timeline shows when a tie
  ran.  They also travel as the attributes ``start_date``/``end_date`` ("" when open)
  for readers that ignore the timeline.
- GEXF reserves ``type`` on edges (directed/undirected), so the tie's type travels as
  ``tie_type``.  Every edge is written directed (``defaultedgetype="directed"``: NetworkX
  refuses mixed files); the ``directed`` attribute says what the tie is.
- Each node has ``viz:color`` from the app's sector palette (``network.present.map.data.SECTOR_COLOURS``).

>>> import io, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", name="れんぷく", sector="intermediary")
>>> G.add_node("b", name="石巻市", sector="government")
>>> _ = G.add_edge("b", "a", key="t1", type="commission", directed=True, strength=4, start="2012-04-01")
>>> H = nx.read_gexf(io.BytesIO(write_gexf(G)))
>>> H.edges["b", "a"]["start"], H.edges["b", "a"]["tie_type"], H.nodes["a"]["viz"]["color"]["r"]
('2012-04-01', 'commission', 204)
"""

from __future__ import annotations

from datetime import date

import networkx as nx

from network.present.export.fields import edge_fields, edge_values, node_fields, node_values
from network.present.export.text import xml_escape

__all__ = ["write_gexf"]

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
    "  <meta><creator>Renkei</creator><description>partnership network / 連携ネットワーク</description></meta>\n"
    '  <graph mode="dynamic" timeformat="date" defaultedgetype="directed">\n'
)
#: GraphML type names → GEXF's.
_TYPES = {"string": "string", "boolean": "boolean", "int": "integer", "long": "long", "double": "double"}
#: Node fields that are GEXF's own (the label attribute), edge fields that are its reserved words.
_NODE_OWN = {"label"}
_EDGE_RENAMED = {"type": "tie_type", "start": "start_date", "end": "end_date"}
_EDGE_OWN = {"weight"}


def _attr(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return xml_escape(v, attribute=True)


def _date(v: object) -> str | None:
    """An ISO date GEXF's ``xs:date`` accepts, or ``None``."""
    if not v:
        return None
    try:
        return date.fromisoformat(str(v)[:10]).isoformat()
    except ValueError:
        return None


def _rgb(sector: str, palette: dict[str, str]) -> tuple[int, int, int]:
    h = palette.get(sector, palette["other"]).lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _declare(out: list[str], cls: str, fields: list[tuple[str, str]]) -> None:
    out.append(f'    <attributes class="{cls}" mode="static">\n')
    for name, t in fields:
        n = _attr(name)
        out.append(f'      <attribute id="{n}" title="{n}" type="{_TYPES[t]}"/>\n')
    out.append("    </attributes>\n")


def _attvalues(values: dict[str, object]) -> str:
    return (
        "<attvalues>"
        + "".join(f'<attvalue for="{_attr(k)}" value="{_attr(v)}"/>' for k, v in values.items())
        + "</attvalues>"
    )


def write_gexf(G: nx.MultiDiGraph) -> bytes:
    """``G`` (``load_graph()`` conventions) as GEXF 1.3 bytes (UTF-8)."""
    from network.present.map.data import SECTOR_COLOURS

    nf = node_fields(G)
    ef = edge_fields(G)
    n_decl = [(k, t) for k, t in nf if k not in _NODE_OWN]
    e_decl = [(_EDGE_RENAMED.get(k, k), t) for k, t in ef if k not in _EDGE_OWN]
    out = [_HEAD]
    _declare(out, "node", n_decl)
    _declare(out, "edge", e_decl)
    out.append(f'    <nodes count="{G.number_of_nodes()}">\n')
    for n, d in G.nodes(data=True):
        values = node_values(d, nf)
        label = values.pop("label")
        r, g, b = _rgb(str(values.get("sector") or ""), SECTOR_COLOURS)
        out.append(
            f'      <node id="{_attr(n)}" label="{_attr(label)}">{_attvalues(values)}'
            f'<viz:color r="{r}" g="{g}" b="{b}" a="1.0"/></node>\n'
        )
    out.append("    </nodes>\n")
    out.append(f'    <edges count="{G.number_of_edges()}">\n')
    for u, v, k, d in G.edges(keys=True, data=True):
        values = edge_values(k, d, ef)
        weight = values.pop("weight")
        bounds = "".join(f' {b}="{x}"' for b in ("start", "end") if (x := _date(values.get(b))) is not None)
        values = {_EDGE_RENAMED.get(f, f): x for f, x in values.items()}
        out.append(
            f'      <edge id="{_attr(k)}" source="{_attr(u)}" target="{_attr(v)}" weight="{float(weight)!r}"'
            f"{bounds}>{_attvalues(values)}</edge>\n"
        )
    out.append("    </edges>\n  </graph>\n</gexf>\n")
    return "".join(out).encode("utf-8")
