"""Export a network as GraphML, GEXF, CSV, JSON, a Kumu workbook, Pajek or UCINET DL.

Japanese text intact, and no stored value can make a file unreadable: every text
is cleaned by :func:`network.present.export.text.clean_text` (characters a format cannot
hold become U+FFFD; docs/trust.md, "Exports never break").

GraphML and GEXF: a node's id is the organisation id, with ``name``, ``sector`` (the
code), ``sector_ja``, ``kind``, ``prefecture``, ``city``, ``district``,
``corporate_number`` and the rest of the record; one edge per tie, carrying
``type`` (code), ``type_ja``, ``directed``, ``strength``, ``start``, ``end``,
``project``… (:mod:`network.present.export.fields`).  Missing dates are written as empty
strings (GraphML and GEXF have no null).  GEXF reserves ``type``/``start``/``end`` on
edges: there the tie's type is ``tie_type`` and its dates are the edge's timeline
bounds, also kept as ``start_date``/``end_date`` (:mod:`network.present.export.gexf`).
Kumu, Pajek and DL: :mod:`network.present.export.peers`.  docs/formats.md says what travels.

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
from network.model import custom_items
from network.present.export.fields import edge_fields, edge_values, node_fields, node_values
from network.present.export.text import clean, clean_text

__all__ = ["FORMATS", "SUFFIXES", "export_bytes", "export_graph_for_tools", "csv_safe", "ORG_COLUMNS", "TIE_COLUMNS"]

FORMATS = ("graphml", "gexf", "csv", "json", "kumu", "pajek", "dl")
#: The file name ending each format is saved under.
SUFFIXES = {
    "graphml": "graphml",
    "gexf": "gexf",
    "csv": "zip",
    "json": "json",
    "kumu": "xlsx",
    "pajek": "net",
    "dl": "dl",
}
ORG_COLUMNS = [
    "id",
    "name",
    "sector",
    "kind",
    "prefecture",
    "city",
    "district",
    "corporate_number",
    "aliases",
    "tags",
    "url",
    "note",
]
TIE_COLUMNS = [
    "id",
    "source",
    "target",
    "type",
    "directed",
    "strength",
    "start",
    "end",
    "project",
    "evidence",
    "last_confirmed",
    "note",
]


def export_graph_for_tools(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with only the exported scalar attributes, cleaned, as GraphML/GEXF carry them."""
    H = nx.MultiDiGraph()
    nf, ef = node_fields(G), edge_fields(G)
    for n, d in G.nodes(data=True):
        H.add_node(clean_text(str(n)), **node_values(d, nf))
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = edge_values(k, d, ef)
        attrs.pop("tie_id")
        H.add_edge(clean_text(str(u)), clean_text(str(v)), key=clean_text(str(k)), **attrs)
    return H


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
    # Cleaning the whole text is cleaning every cell: no delimiter, quote or CRLF is touched by the rule.
    return ("\ufeff" + clean_text(buf.getvalue())).encode("utf-8")  # BOM: Excel in Japan opens it as UTF-8


def _records(G: nx.MultiDiGraph, *, cleaned: bool = True) -> tuple[list[dict], list[dict]]:
    """The exported columns of every organisation and tie, each value cleaned (:func:`clean`) unless not ``cleaned``."""
    oc, tc = ORG_COLUMNS[1:], TIE_COLUMNS[3:]
    f = clean if cleaned else (lambda x: x)

    def custom(d: dict) -> dict:  # custom fields as custom.<name> columns
        return {f(k): f(v) for k, v in custom_items(d.get("custom")).items()}

    orgs = [{"id": f(n), **{c: f(d.get(c)) for c in oc}, **custom(d)} for n, d in G.nodes(data=True)]
    ties = [
        {"id": f(k), "source": f(u), "target": f(v), **{c: f(d.get(c)) for c in tc}, **custom(d)}
        for u, v, k, d in G.edges(keys=True, data=True)
    ]
    return orgs, ties


def _custom(records: list[dict], known: list[str]) -> list[str]:
    """The ``custom.<name>`` columns of ``records``, in order of first appearance."""
    return list(dict.fromkeys(c for r in records for c in r if c not in known))


def export_bytes(G: nx.MultiDiGraph, fmt: str) -> bytes:
    """Serialise ``G`` (``load_graph()`` conventions) in ``fmt``.

    ``csv`` gives a zip holding ``orgs.csv`` and ``ties.csv`` (UTF-8 with BOM), ``kumu``
    an XLSX workbook, ``pajek`` a ``.net`` text and ``dl`` a UCINET DL text (both UTF-8).
    """
    fmt = fmt.lower()
    if fmt == "graphml":
        from network.present.export.graphml import write_graphml

        return write_graphml(G)
    if fmt == "gexf":
        from network.present.export.gexf import write_gexf

        return write_gexf(G)
    if fmt in ("kumu", "pajek", "dl"):
        from network.present.export import peers

        return getattr(peers, f"write_{fmt}")(G)
    orgs, ties = _records(G, cleaned=fmt != "csv")
    if fmt == "json":
        doc = {
            "organisations": [{c: o.get(c) for c in ORG_COLUMNS + _custom([o], ORG_COLUMNS)} for o in orgs],
            "ties": [{c: t.get(c) for c in TIE_COLUMNS + _custom([t], TIE_COLUMNS)} for t in ties],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "csv":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("orgs.csv", _csv(orgs, ORG_COLUMNS + _custom(orgs, ORG_COLUMNS)))
            z.writestr("ties.csv", _csv(ties, TIE_COLUMNS + _custom(ties, TIE_COLUMNS)))
        return buf.getvalue()
    raise RenkeiError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
