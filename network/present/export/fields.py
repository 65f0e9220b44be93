"""What travels in the graph exports: one list of node and edge fields, typed.

DESIGN.md, "Exports": a node's id is the organisation id, with ``name``, ``sector``
(the code), ``kind``, ``prefecture``, ``city``, ``district`` and ``corporate_number``;
one edge per tie with ``type``, ``directed``, ``strength``, ``start``, ``end`` and
``project``.  Japanese labels travel beside the codes (``sector_ja``, ``type_ja``),
and so do the rest of the record (aliases and tags joined by ``|``, url, note,
evidence, last_confirmed), the custom fields as ``custom.<name>`` and any further
scalar attribute a node or edge holds, so that an export can be read back without loss.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", name="れんぷく", sector="intermediary", aliases=["A", "B"], custom={"担当者": "佐藤"})
>>> node_fields(G)[-1], node_values(G.nodes["a"])["aliases"], node_values(G.nodes["a"])["sector_ja"]
(('custom.担当者', 'string'), 'A|B', '中間支援組織')
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from network.model import Sector, TieType, custom_items
from network.present.export.text import clean_text

__all__ = ["NODE_FIELDS", "EDGE_FIELDS", "node_fields", "edge_fields", "node_values", "edge_values", "joined"]

#: (name, type) of every node field, types as GraphML names them (string, boolean, int, double).
NODE_FIELDS: list[tuple[str, str]] = [
    ("name", "string"),
    ("label", "string"),
    ("sector", "string"),
    ("sector_ja", "string"),
    ("kind", "string"),
    ("prefecture", "string"),
    ("city", "string"),
    ("district", "string"),
    ("corporate_number", "string"),
    ("aliases", "string"),
    ("tags", "string"),
    ("url", "string"),
    ("note", "string"),
]
EDGE_FIELDS: list[tuple[str, str]] = [
    ("tie_id", "string"),
    ("type", "string"),
    ("type_ja", "string"),
    ("directed", "boolean"),
    ("strength", "int"),
    ("start", "string"),
    ("end", "string"),
    ("project", "string"),
    ("evidence", "string"),
    ("last_confirmed", "string"),
    ("note", "string"),
    ("weight", "double"),
]
#: Stored attributes that are provenance, not data: left out of the graph exports.
_SKIP = {"id", "key", "created_at", "updated_at", "source", "source_file", "target", "deleted"}


def _label(enum, code: str) -> str:  # noqa: ANN001
    try:
        return enum(code).ja
    except ValueError:
        return ""


def joined(value: object) -> str:
    """A list as ``a|b`` (the import's list separator), anything else as text.

    >>> joined(["れんぷく", "Renpuku"]), joined(None), joined(3)
    ('れんぷく|Renpuku', '', '3')
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return "|".join(str(v) for v in value)
    return str(value)


def _flat(d: dict) -> dict:
    """``d`` with its custom fields (the dict ``custom``) as ``custom.<name>`` attributes."""
    custom = d.get("custom")
    return {**d, **custom_items(custom)} if custom else d


def _extra(items: Iterable[dict], known: set[str]) -> list[tuple[str, str]]:
    """Further attributes (custom fields as ``custom.<name>``, other scalars), typed, in first-seen order."""
    found: dict[str, str] = {}
    for d in items:
        for k, v in _flat(d).items():
            if k in known or k in _SKIP or v is None or isinstance(v, dict):
                continue
            t = (
                "boolean"
                if isinstance(v, bool)
                else "long"
                if isinstance(v, int)
                else "double"
                if isinstance(v, float)
                else "string"
            )
            if found.get(k, t) != t:
                t = "string"
            found[k] = t
    return [(k, t) for k, t in found.items()]


def node_fields(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    return NODE_FIELDS + _extra((d for _, d in G.nodes(data=True)), {n for n, _ in NODE_FIELDS})


def edge_fields(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    return EDGE_FIELDS + _extra((d for *_, d in G.edges(keys=True, data=True)), {n for n, _ in EDGE_FIELDS})


def _typed(value: object, t: str) -> object:
    if t == "string":
        return clean_text(joined(value))
    if t == "boolean":
        return bool(value)
    if t in ("int", "long"):
        return int(value or 0)
    return float(value if value is not None else 0.0)


def node_values(d: dict, fields: list[tuple[str, str]] | None = None) -> dict[str, object]:
    """A node's values for ``fields`` (default :data:`NODE_FIELDS`), typed and cleaned."""
    d = dict(_flat(d))
    d.setdefault("label", d.get("name"))
    d["sector_ja"] = _label(Sector, str(d.get("sector") or ""))
    return {k: _typed(d.get(k), t) for k, t in (fields or NODE_FIELDS)}


def edge_values(key: object, d: dict, fields: list[tuple[str, str]] | None = None) -> dict[str, object]:
    """An edge's values for ``fields`` (default :data:`EDGE_FIELDS`), typed and cleaned."""
    d = dict(_flat(d))
    d["tie_id"] = key
    d["type_ja"] = _label(TieType, str(d.get("type") or ""))
    d.setdefault("weight", 1.0)
    return {k: _typed(d.get(k), t) for k, t in (fields or EDGE_FIELDS)}
