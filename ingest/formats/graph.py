"""Nodes and edges read from a graph file → an organisations table and a ties table.

Every reader of :mod:`ingest.formats` collects :class:`Node` s and :class:`Edge` s
(attributes as the file names them) into a :class:`GraphData`;
:func:`to_tables` renames the attributes each format gives a meaning
(``label`` → ``name``, Kumu's ``Type`` → ``sector`` …), drops the tool's
plumbing (``SUID``, ``networkx_key`` …) and leaves every other attribute as a
column — a known header (``city``, ``都道府県``) or a custom field.

Which organisation a node is
----------------------------
A node's id is kept as the organisation id only when the file follows
Renkei's export conventions (the node carries ``name`` and ``sector``, and the
id is not a tool's position number such as ``n0`` or ``12``) or when it is a
Renkei id (``org-`` and 12 hex digits).  Otherwise the id is local to the file:
the organisation is matched by 法人番号 and name like a CSV row, and the file's
ties name it by its name.

>>> g = GraphData("g.graphml", "utf-8")
>>> g.nodes += [Node("n0", {"label": "れんぷく", "type": "中間支援"}, 1), Node("n1", {"label": "石巻市"}, 2)]
>>> g.edges.append(Edge("n1", "n0", {"interaction": "委託"}, 1))
>>> orgs, ties = to_tables(g, node_names={"label": "name", "type": "sector"}, edge_names={"interaction": "type"})
>>> orgs.headers, orgs.rows, ties.headers, ties.rows
(['name', 'sector'], [['れんぷく', '中間支援'], ['石巻市', None]], ['source', 'target', 'type'], [['石巻市', 'れんぷく', '委託']])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.headers import map_headers
from ingest.readers import Table
from ingest.report import RowError

__all__ = ["Node", "Edge", "GraphData", "to_tables", "unreadable", "keeps_id"]

_POSITIONAL = re.compile(r"^[nN]?\d+$")
_RENKEI_ID = re.compile(r"^org-[0-9a-f]{12}$")


@dataclass
class Node:
    """One node: its id in the file, its attributes, its row (position or line) for reports."""

    key: str
    attrs: dict[str, object]
    row: int


@dataclass
class Edge:
    """One edge between two node ids of the file; ``directed`` when the file says so for this edge."""

    source: str
    target: str
    attrs: dict[str, object]
    row: int
    directed: bool | None = None


@dataclass
class GraphData:
    """What a reader found: nodes, edges, the file's default direction, file-level errors.

    ``node_file``/``edge_file`` label the two tables in reports (the file name
    itself when rows are line numbers of one text file).
    """

    file: str
    encoding: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    directed: bool | None = None
    errors: list[RowError] = field(default_factory=list)
    node_file: str = ""
    edge_file: str = ""


def unreadable(name: str, encoding: str, what: str, exc: object = "") -> list[Table]:
    """A file that cannot be read as ``what``: one table with one file-level error."""
    detail = f": {str(exc)[:160]}" if exc != "" else ""
    return [
        Table(
            name,
            encoding,
            errors=[
                RowError(name, 0, "", "", f"not a readable {what} file / {what} として読めません{detail}", "unreadable")
            ],
        )
    ]


def keeps_id(key: str, attrs: dict[str, object]) -> bool:
    """Whether a node id is an organisation id (see the module docstring).

    >>> keeps_id("org-0123456789ab", {}), keeps_id("renpuku", {"name": "れんぷく", "sector": "npo"})
    (True, True)
    >>> keeps_id("n3", {"name": "れんぷく", "sector": "npo"}), keeps_id("renpuku", {"name": "れんぷく"})
    (False, False)
    """
    if _RENKEI_ID.match(key):
        return True
    if _POSITIONAL.match(key):
        return False
    name = attrs.get("name")
    return bool(name) and bool(attrs.get("sector")) and str(name) != key


def _rename(attrs: dict[str, object], names: dict[str, str], drop: frozenset[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in attrs.items():
        low = k.strip().lower()
        if low in drop:
            continue
        target = names.get(low, k.strip())
        if target in out and out[target] not in (None, ""):
            if v in (None, "") or target != k.strip():
                continue  # a file's own "name" wins over a renamed label
        out[target] = v
    return out


def _unit(v: object) -> bool:
    try:
        return float(str(v)) == 1.0
    except ValueError:
        return False


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def to_tables(
    g: GraphData,
    *,
    node_names: dict[str, str] | None = None,
    edge_names: dict[str, str] | None = None,
    drop: frozenset[str] = frozenset(),
    edge_drop: frozenset[str] = frozenset(),
) -> list[Table]:
    """An organisations table and a ties table (either may be absent) from ``g``.

    ``node_names``/``edge_names`` map a lower-case attribute name to the Renkei
    column it fills; attributes in ``drop``/``edge_drop`` (lower case) are the
    tool's own and are left out.
    """
    node_names, edge_names = node_names or {}, edge_names or {}
    rows: list[tuple[int, dict[str, object]]] = []
    ref: dict[str, str] = {}
    for n in g.nodes:
        a = _rename(n.attrs, node_names, drop)
        label = a.pop("label", None)
        if _blank(a.get("name")):
            a["name"] = n.key if _blank(label) else label
        elif not _blank(label) and str(label).strip() != str(a["name"]).strip():
            a["label"] = label  # a label of its own: kept as a custom field
        if keeps_id(n.key, a):
            a["id"] = n.key
            ref[n.key] = n.key
        else:
            a.pop("id", None)
            ref[n.key] = str(a["name"]).strip()
        rows.append((n.row, a))
    tables: list[Table] = []
    if g.errors:
        tables.append(Table(g.file, g.encoding, errors=list(g.errors), bad_rows={e.row for e in g.errors if e.row}))
    if rows:
        first = (["id"] if any("id" in a for _, a in rows) else []) + ["name"]
        named = {k for _, a in rows for k in a}
        if "sector" not in map_headers(sorted(named, key=str), "orgs").columns:
            first.append("sector")  # so a file without sectors can still name organisations already stored
        tables.append(_table(g.node_file or g.file, g.encoding, "orgs", rows, first=first))
    erows: list[tuple[int, dict[str, object]]] = []
    for e in g.edges:
        a = _rename(e.attrs, edge_names, edge_drop)
        a.pop("source", None)
        a.pop("target", None)
        if "weight" in a and _unit(a["weight"]):
            del a["weight"]  # every tool's default weight, not data; any other weight is kept as custom
        if _blank(a.get("directed")):
            directed = e.directed if e.directed is not None else g.directed
            if directed is not None:
                a["directed"] = "yes" if directed else "no"
        erows.append((e.row, {"source": ref.get(e.source, e.source), "target": ref.get(e.target, e.target), **a}))
    if erows:
        tables.append(_table(g.edge_file or g.file, g.encoding, "ties", erows, first=["source", "target"]))
    return tables


def _table(file: str, encoding: str, hint: str, rows: list[tuple[int, dict[str, object]]], first: list[str]) -> Table:
    headers: dict[str, None] = dict.fromkeys(first)
    for _, a in rows:
        headers.update(dict.fromkeys(a))
    cols = list(headers)
    t = Table(file, encoding, headers=cols, hint=hint)
    for number, a in rows:
        t.rows.append([a.get(h) for h in cols])
        t.row_numbers.append(number)
    return t
