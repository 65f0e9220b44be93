"""Export a network as GraphML, GEXF, CSV or JSON, Japanese text intact.

A node's id is the organisation id, with ``name``, ``sector`` (the code),
``sector_ja``, ``kind``, ``prefecture``, ``city``, ``district`` and
``corporate_number``; one edge per tie, carrying ``type`` (code), ``type_ja``,
``directed``, ``strength``, ``start``, ``end`` and ``project``.  Missing dates
are written as empty strings (GraphML and GEXF have no null).  GEXF reserves
``type``/``start``/``end`` on edges, so there the tie's values are ``tie_type``,
``start_date`` and ``end_date``.

CSV and JSON use the import column names, so an export imports again unchanged.
CSV cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``,
tab, carriage return first) are written with a leading apostrophe.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", name="れんぷく", sector="intermediary")
>>> G.add_node("b", name="石巻市", sector="government")
>>> _ = G.add_edge("b", "a", key="t1", type="commission", directed=True, strength=4, start=None, end=None)
>>> b"\\xe3\\x82\\x8c\\xe3\\x82\\x93\\xe3\\x81\\xb7\\xe3\\x81\\x8f" in export_bytes(G, "graphml")
True
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx

from network.errors import RenkeiError
from network.model import Sector, TieType, custom_items

__all__ = ["FORMATS", "export_bytes", "export_graph_for_tools", "csv_safe", "ORG_COLUMNS", "TIE_COLUMNS"]

FORMATS = ("graphml", "gexf", "csv", "json")
ORG_COLUMNS = ["id", "name", "sector", "kind", "prefecture", "city", "district", "corporate_number",
               "aliases", "tags", "url", "note"]
TIE_COLUMNS = ["id", "source", "target", "type", "directed", "strength", "start", "end", "project",
               "evidence", "last_confirmed", "note"]
_NODE_ATTRS = ["name", "sector", "kind", "prefecture", "city", "district", "corporate_number"]
_EDGE_ATTRS = ["type", "directed", "strength", "start", "end", "project"]


def _label(enum, code: str) -> str:  # noqa: ANN001
    try:
        return enum(code).ja
    except ValueError:
        return ""


def export_graph_for_tools(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with only scalar attributes, as GraphML/GEXF readers expect."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        attrs = {k: str(d.get(k) or "") for k in _NODE_ATTRS}
        attrs["sector_ja"] = _label(Sector, attrs["sector"])
        attrs["label"] = attrs["name"]
        H.add_node(str(n), **attrs, **custom_items(d.get("custom")))  # custom fields: custom.<name>
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = {
            "type": str(d.get("type") or ""),
            "type_ja": _label(TieType, str(d.get("type") or "")),
            "directed": bool(d.get("directed", False)),
            "strength": int(d.get("strength") or 0),
            "start": d.get("start") or "",
            "end": d.get("end") or "",
            "project": str(d.get("project") or ""),
            "weight": float(d.get("weight", 1.0)),
        }
        H.add_edge(str(u), str(v), key=str(k), **attrs, **custom_items(d.get("custom")))
    return H


def _for_gexf(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GEXF reserves the edge attributes ``type``, ``start`` and ``end``.

    ``type`` there is ``directed``/``undirected`` and ``start``/``end`` are
    timeline bounds, so the tie's own values travel as ``tie_type``,
    ``start_date`` and ``end_date``.  Every edge is written directed (NetworkX
    refuses mixed GEXF); the ``directed`` attribute says what the tie is.
    """
    G = nx.MultiDiGraph()
    G.add_nodes_from(H.nodes(data=True))
    for u, v, k, d in H.edges(keys=True, data=True):
        d = dict(d)
        d["tie_type"] = d.pop("type")
        d["start_date"] = d.pop("start")
        d["end_date"] = d.pop("end")
        G.add_edge(u, v, key=k, id=k, **d)
    return G


def csv_safe(value: object) -> str:
    """Text for a CSV cell that no spreadsheet will run as a formula.

    >>> csv_safe('=HYPERLINK("http://x","y")'), csv_safe("石巻市"), csv_safe(-3)
    ('\\'=HYPERLINK("http://x","y")', '石巻市', '-3')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        value = "|".join(str(v) for v in value)
    s = str(value)
    if s and s[0] in "=+-@\t\r":
        return "'" + s
    return s


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([csv_safe(r.get(c)) for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel in Japan opens it as UTF-8


def _records(G: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    orgs = [{"id": n, **d, **custom_items(d.get("custom"))} for n, d in G.nodes(data=True)]
    ties = [{"id": k, "source": u, "target": v, **d, **custom_items(d.get("custom"))}
            for u, v, k, d in G.edges(keys=True, data=True)]
    return orgs, ties


def _custom(records: list[dict]) -> list[str]:
    """The ``custom.<name>`` columns of ``records``, in order of first appearance."""
    return list(dict.fromkeys(c for r in records for c in custom_items(r.get("custom"))))


def export_bytes(G: nx.MultiDiGraph, fmt: str) -> bytes:
    """Serialise ``G`` (``load_graph()`` conventions) in ``fmt``.

    ``csv`` gives a zip holding ``orgs.csv`` and ``ties.csv`` (UTF-8 with BOM).
    """
    fmt = fmt.lower()
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(export_graph_for_tools(G), buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    if fmt == "gexf":
        buf = io.BytesIO()
        nx.write_gexf(_for_gexf(export_graph_for_tools(G)), buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    orgs, ties = _records(G)
    if fmt == "json":
        doc = {"organisations": [{c: o.get(c) for c in ORG_COLUMNS + _custom([o])} for o in orgs],
               "ties": [{c: t.get(c) for c in TIE_COLUMNS + _custom([t])} for t in ties]}
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "csv":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("orgs.csv", _csv(orgs, ORG_COLUMNS + _custom(orgs)))
            z.writestr("ties.csv", _csv(ties, TIE_COLUMNS + _custom(ties)))
        return buf.getvalue()
    raise RenkeiError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
