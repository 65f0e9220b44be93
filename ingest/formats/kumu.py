"""Kumu (kumu.io) → organisations and ties: its workbook and its JSON blueprint.

Workbook: an ``Elements`` sheet (``Label``, ``Type``, ``Description``, ``Tags``,
custom columns; optionally ``ID`` first) and a ``Connections`` sheet (``From``,
``To``, ``Type`` or ``Connection Type``, ``Direction``, ``Strength``,
``Description``, ``Tags``, custom columns).  A sheet whose name contains
``(ignore)`` is skipped, as Kumu does; any other sheet is read as usual.  A CSV
laid out as one of the two sheets (``Label`` first; or ``From``, ``To`` and
``Direction``/``Connection Type``/``Description``) is read the same way.  Blueprint: ``{"elements": [...],
"connections": [...]}`` with the same keys in lower case (Kumu's own export
nests them under ``attributes``; ``element type``/``connection type`` too).

An element's ``Type`` is its sector and a connection's ``Type`` its tie type,
read through Renkei's vocabulary (``NPO``, ``企業``, ``Funding``, ``助成`` …; a
word it does not know is a bad row — give a ``--map``).  ``Description`` is the
note, ``Direction`` (``directed``/``undirected``/``mutual``) the direction; a
``To`` cell holding ``A|B`` is one tie to each.  Connections name elements by
label, or by ``ID`` when the elements have one.

>>> import json
>>> doc = {"elements": [{"label": "れんぷく", "type": "中間支援", "担当": "佐藤"}, {"label": "石巻市", "type": "行政"}],
...        "connections": [{"from": "石巻市", "to": "れんぷく", "type": "委託", "direction": "directed"}]}
>>> orgs, ties = read_kumu_json("k.json", doc)
>>> orgs.headers, ties.headers, ties.rows
(['name', 'sector', '担当'], ['source', 'target', 'type', 'directed'], [['石巻市', 'れんぷく', '委託', 'yes']])
"""

from __future__ import annotations

from ingest.formats.graph import Edge, GraphData, Node, to_tables
from ingest.normalise import clean_text
from ingest.readers import Table

__all__ = ["read_kumu_json", "kumu_workbook_tables", "kumu_csv_tables", "looks_like_kumu", "is_kumu_workbook"]

_NODE_NAMES = {"label": "name", "type": "sector", "element type": "sector", "description": "note", "tags": "tags"}
_EDGE_NAMES = {
    "type": "type",
    "connection type": "type",
    "description": "note",
    "strength": "strength",
    "direction": "directed",
    "from": "source",
    "to": "target",
}
_DROP = frozenset({"_id", "image", "layout", "x", "y", "color"})
_EDGE_DROP = frozenset({"_id", "id", "color"})
_DIRECTION = {"directed": "yes", "undirected": "no", "mutual": "no"}


def looks_like_kumu(doc: object) -> bool:
    """A JSON document shaped like a Kumu blueprint."""
    return (
        isinstance(doc, dict)
        and isinstance(doc.get("elements"), list)
        and all(isinstance(e, dict) and "data" not in e for e in doc["elements"])
        and isinstance(doc.get("connections", []), list)
    )


def _flat(item: object) -> dict[str, object]:
    if not isinstance(item, dict):
        return {}
    d = {k: v for k, v in item.items() if k != "attributes"}
    if isinstance(item.get("attributes"), dict):
        d.update(item["attributes"])
    return d


def _lower(d: dict[str, object]) -> dict[str, object]:
    """Kumu's column names are case-insensitive: map the ones with a meaning to one spelling."""
    out: dict[str, object] = {}
    for k, v in d.items():
        low = str(k).strip().lower()
        out[low if low in _NODE_NAMES or low in _EDGE_NAMES or low in ("id", "_id") else str(k).strip()] = v
    return out


def _build(
    name: str,
    encoding: str,
    elements: list[tuple[int, dict]],
    connections: list[tuple[int, dict]],
    node_file: str,
    edge_file: str,
) -> list[Table]:
    g = GraphData(name, encoding, node_file=node_file, edge_file=edge_file)
    by_key: dict[str, str] = {}
    for row, d in elements:
        d = _lower(d)
        label = clean_text(d.get("label"))
        key = clean_text(d.get("id") or d.get("_id")) or label
        by_key[key] = label
        g.nodes.append(Node(key, {k: v for k, v in d.items() if k not in ("id",)}, row))
    for row, d in connections:
        d = _lower(d)
        direction = clean_text(d.get("direction")).lower()
        if direction in _DIRECTION:
            d["direction"] = _DIRECTION[direction]
        source = clean_text(d.pop("from", ""))
        targets = d.pop("to", "")
        parts = targets if isinstance(targets, list) else clean_text(targets).replace("｜", "|").split("|")
        for t in [clean_text(p) for p in parts if clean_text(p)] or [""]:
            g.edges.append(Edge(source, t, dict(d), row))
    return to_tables(g, node_names=_NODE_NAMES, edge_names=_EDGE_NAMES, drop=_DROP, edge_drop=_EDGE_DROP)


def read_kumu_json(name: str, doc: dict, encoding: str = "json") -> list[Table]:
    """Tables of a Kumu blueprint (already parsed)."""
    elements = [(n, _flat(e)) for n, e in enumerate(doc.get("elements") or [], start=1)]
    connections = [(n, _flat(c)) for n, c in enumerate(doc.get("connections") or [], start=1)]
    return _build(name, f"kumu {encoding}", elements, connections, f"{name}:elements", f"{name}:connections")


def _sheet(title: str) -> str:
    return title.split(":")[-1].strip().lower()


def _norm(headers: list) -> set[str]:
    return {str(h).strip().lower() for h in headers if h is not None}


def _csv_sheet(t: Table) -> str | None:
    """``elements``/``connections`` for a Kumu CSV (``Label`` first; or ``From``, ``To`` and a Kumu-only column)."""
    heads = [str(h).strip().lower() for h in t.headers]
    if heads[:1] == ["label"]:
        return "elements"
    if heads[:2] == ["from", "to"] and {"direction", "connection type", "description"} & set(heads):
        return "connections"
    return None


def kumu_csv_tables(name: str, tables: list[Table]) -> list[Table]:
    """A CSV laid out as Kumu's elements or connections sheet, read as such; any other CSV unchanged."""
    if len(tables) != 1 or not tables[0].headers or _csv_sheet(tables[0]) is None:
        return tables
    t = tables[0]
    t.hint = _csv_sheet(t) or ""
    out = kumu_workbook_tables(name, [t])
    for b in out:
        b.file, b.encoding = name, t.encoding
    return out


def is_kumu_workbook(tables: list[Table]) -> bool:
    """Workbook tables with Kumu's ``Elements`` (``Label``) or ``Connections`` (``From``, ``To``) sheet."""
    for t in tables:
        sheet, heads = t.hint.strip().lower(), _norm(t.headers)
        if (sheet == "elements" and "label" in heads) or (sheet == "connections" and {"from", "to"} <= heads):
            return True
    return False


def kumu_workbook_tables(name: str, tables: list[Table]) -> list[Table]:
    """The tables of a Kumu workbook (as :func:`ingest.readers.read_source` read its sheets)."""
    # sheets Kumu ignores are skipped; any other sheet is read as usual (a Renkei table, or an unknown kind)
    out: list[Table] = [
        t
        for t in tables
        if t.hint.strip().lower() not in ("elements", "connections") and "(ignore)" not in t.hint.lower()
    ]
    elements: list[tuple[int, dict]] = []
    connections: list[tuple[int, dict]] = []
    files = {"elements": f"{name}:Elements", "connections": f"{name}:Connections"}
    for t in tables:
        sheet = t.hint.strip().lower()
        if sheet not in files:
            continue
        files[sheet] = t.file
        target = elements if sheet == "elements" else connections
        for number, row in zip(t.row_numbers, t.rows, strict=True):
            target.append((number, {str(h): v for h, v in zip(t.headers, row, strict=False) if h}))
    built = _build(name, "kumu xlsx", elements, connections, files["elements"], files["connections"])
    for b in built:
        src = next((t for t in tables if t.file == b.file), None)
        if src is not None:  # problems found while reading the sheet stay with its rows
            b.errors += src.errors
            b.bad_rows |= src.bad_rows
    return out + built
