"""Which reader a file needs, from its name and first bytes (see :mod:`ingest.formats`).

>>> read_format("orgs.csv", "団体名,区分\\n".encode()) is None
True
>>> [t.file for t in read_format("g.net", b"*Vertices 1\\n1 A\\n")]
['g.net']
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from ingest.readers import Table, decode_bytes

__all__ = ["read_format", "FORMAT_NAMES", "sniff", "kumu_tables", "kumu_csv"]

#: format → what it is, for reports and docs
FORMAT_NAMES: dict[str, str] = {
    "graphml": "GraphML",
    "gexf": "GEXF",
    "kumu": "Kumu",
    "pajek": "Pajek",
    "ucinet": "UCINET DL",
    "cytoscape": "Cytoscape JSON",
}
_EXT = {".graphml": "graphml", ".gexf": "gexf", ".net": "pajek", ".paj": "pajek", ".dl": "ucinet", ".cyjs": "cytoscape"}


def sniff(name: str, data: bytes) -> str | None:
    """The format of a file from its extension, else from its first bytes; ``None`` for CSV/XLSX/JSON.

    >>> sniff("x.txt", b'<?xml version="1.0"?><graphml>'), sniff("x", b"DL N=3"), sniff("a.csv", b"a,b")
    ('graphml', 'ucinet', None)
    """
    lower = name.lower()
    for ext, fmt in _EXT.items():
        if lower.endswith(ext):
            return fmt
    head = data[:2048].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.startswith(b"<"):
        low = head.lower()
        if b"<graphml" in low:
            return "graphml"
        if b"<gexf" in low:
            return "gexf"
    if re.match(rb"(?i)\s*(%[^\n]*\n\s*)*\*(vertices|network)\b", head):
        return "pajek"
    if re.match(rb"(?i)dl\b", head) and re.search(rb"(?i)\b(n|nr)\s*=", head):
        return "ucinet"
    return None


def _read_json_graph(name: str, data: bytes) -> list[Table] | None:
    from ingest.formats.cytoscape import looks_like_cytoscape, read_cytoscape
    from ingest.formats.kumu import looks_like_kumu, read_kumu_json

    if b'"elements"' not in data:
        return None
    text, enc, _ = decode_bytes(data)
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return None  # the JSON reader reports it
    if looks_like_cytoscape(doc):
        return read_cytoscape(name, data, doc)
    if looks_like_kumu(doc):
        return read_kumu_json(name, doc, enc)
    return None


def _readers() -> dict[str, Callable[[str, bytes], list[Table]]]:
    from ingest.formats.cytoscape import read_cytoscape
    from ingest.formats.gexf import read_gexf
    from ingest.formats.graphml import read_graphml
    from ingest.formats.pajek import read_pajek
    from ingest.formats.ucinet import read_dl

    return {
        "graphml": read_graphml,
        "gexf": read_gexf,
        "pajek": read_pajek,
        "ucinet": read_dl,
        "cytoscape": read_cytoscape,
    }


def read_format(name: str, data: bytes) -> list[Table] | None:
    """Tables of a GraphML, GEXF, Kumu, Pajek, UCINET DL or Cytoscape file; ``None`` for other files.

    A Kumu workbook is recognised by its ``Elements``/``Connections`` sheets
    (:func:`kumu_tables` turns the sheets read by the XLSX reader), a Kumu
    blueprint or Cytoscape document by its ``elements``.
    """
    fmt = sniff(name, data)
    if fmt is not None:
        return _readers()[fmt](name, data)
    lower = name.lower()
    if lower.endswith(".json") or data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"{":
        return _read_json_graph(name, data)
    return None


def kumu_tables(name: str, tables: list[Table]) -> list[Table]:
    """The sheets of a workbook, read as Kumu's when it has Kumu's ``Elements``/``Connections`` sheets."""
    from ingest.formats.kumu import is_kumu_workbook, kumu_workbook_tables

    return kumu_workbook_tables(name, tables) if is_kumu_workbook(tables) else tables


def kumu_csv(name: str, tables: list[Table]) -> list[Table]:
    """A CSV read as Kumu's elements or connections sheet when it is laid out as one."""
    from ingest.formats.kumu import kumu_csv_tables

    return kumu_csv_tables(name, tables)
