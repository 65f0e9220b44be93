"""Pajek ``.net`` → organisations and ties (Pajek, NetworkX ``write_pajek``, igraph ``write_pajek``).

``*Vertices n`` lines are ``number "label" [x y [z]] [shape] [key value …]``;
``*Arcs`` (directed) and ``*Edges`` (undirected) lines are
``from to [value] [key value …]``, and ``*Arcslist``/``*Edgeslist`` lines
``from to to …``.  A relation label (``*Arcs :2 "funding"``) is the tie type.
The line value is the tie's strength (1–5; Pajek writes 1 when a network has
no values — strength 1, 認知 awareness — and any other value is a bad row
unless a ``strength`` pair says otherwise).  ``key value`` pairs that NetworkX
writes (``sector npo``) are attributes; Pajek's drawing options (``ic``,
``bc``, ``c``, ``w``, ``p`` …) are not data, except an edge label ``l``.
Rows are the file's line numbers.

Renkei's own export adds comment lines (which Pajek, NetworkX and igraph skip):
``% renkei-vertex n {JSON}`` gives vertex ``n`` its organisation id and fields,
and ``% renkei-tie from to {JSON}`` lines, one per arc or edge, give the ties
every field; then they are read in place of the arcs and edges.  When their
number differs from the arcs and edges (the file was edited), the file is
refused: remove the ``% renkei-`` lines to read it as plain Pajek.

>>> text = '*Vertices 2\\n1 "みやぎ連携復興センター" 0.1 0.2 0.5\\n2 石巻市 ellipse sector government\\n'
>>> text += '*Arcs :1 "委託"\\n2 1 4\\n'
>>> orgs, ties = read_pajek("g.net", text.encode())
>>> orgs.headers, orgs.rows, ties.rows
(['name', 'sector'], [['みやぎ連携復興センター', None], ['石巻市', 'government']], [['石巻市', 'みやぎ連携復興センター', 4, 'yes', '委託']])
>>> text = '% renkei-vertex 1 {"id": "org-0123456789ab", "name": "れんぷく", "sector": "npo"}\\n' + text
>>> text = '% renkei-tie 2 1 {"type": "commission", "directed": "yes", "strength": 4}\\n' + text
>>> orgs, ties = read_pajek("g.net", text.encode())
>>> orgs.rows[0], ties.rows
(['org-0123456789ab', 'れんぷく', 'npo'], [['石巻市', 'org-0123456789ab', 'commission', 'yes', 4]])
"""

from __future__ import annotations

import json
import re
import shlex

from ingest.formats.graph import Edge, GraphData, Node, to_tables, unreadable
from ingest.readers import Table, decode_bytes
from ingest.report import RowError

__all__ = ["read_pajek", "looks_like_pajek"]

_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
_SHAPES = {"ellipse", "box", "diamond", "triangle", "cross", "empty", "house", "man", "woman"}
#: Pajek drawing options (a key followed by a value)
_DRAWING = {
    "ic",
    "bc",
    "bw",
    "lc",
    "la",
    "lr",
    "lphi",
    "fos",
    "font",
    "phi",
    "r",
    "q",
    "x_fact",
    "y_fact",
    "s_size",
    "c",
    "w",
    "p",
    "a",
    "s",
    "lp",
    "h1",
    "h2",
    "a1",
    "a2",
    "k1",
    "k2",
    "ap",
}


def looks_like_pajek(text: str) -> bool:
    """A text whose first non-comment line starts a Pajek section."""
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith("%"):
            return s.lower().startswith(("*vertices", "*network"))
    return False


def _split(line: str) -> list[str]:
    try:
        return shlex.split(line, posix=True)
    except ValueError:  # an unbalanced quote: split on spaces
        return line.split()


def _pairs(tokens: list[str], n: int) -> tuple[dict[str, object], list[str]]:
    attrs: dict[str, object] = {}
    rest = tokens[n:]
    for k, v in zip(rest[::2], rest[1::2], strict=False):
        if k == "l":
            attrs["label"] = v
        elif k.lower() not in _DRAWING:
            attrs[k] = v
    return attrs, rest[len(rest) - len(rest) % 2 :]


def _renkei_line(line: str, words: int) -> tuple[list[str], dict] | None:
    """``% renkei-… a [b] {JSON}`` → ([a, b], fields), or None when it is not a readable one."""
    parts = line.split(None, 1 + words)
    if len(parts) < 2 + words:
        return None
    try:
        fields = json.loads(parts[-1])
    except ValueError:
        return None
    if not isinstance(fields, dict) or not all(
        isinstance(v, (str, int, float, bool, type(None))) for v in fields.values()
    ):
        return None  # fields are values, never lists or objects
    return parts[1:-1], fields


def _apply_renkei(g: GraphData, vertices: dict[str, tuple[dict, int]], ties: list[Edge]) -> None:
    """Give the vertices their Renkei ids and fields, and the ties theirs (see the module docstring)."""
    keys: dict[str, str] = {}
    for node in g.nodes:
        found = vertices.pop(node.key, None)
        if found:
            fields = dict(found[0])
            oid = str(fields.pop("id", "") or node.key)
            keys[node.key] = oid
            node.key, node.attrs = oid, {**node.attrs, **fields}
    for n, (_, row) in vertices.items():
        g.errors.append(
            RowError(g.file, row, "", n, "renkei-vertex names no vertex / 該当する頂点がありません", "unreadable")
        )
    if ties:
        if len(ties) != len(g.edges):
            g.errors.append(
                RowError(
                    g.file,
                    ties[0].row,
                    "",
                    f"{len(ties)} ≠ {len(g.edges)}",
                    "renkei-tie lines do not match the arcs and edges (edited?): remove the % renkei- lines "
                    "/ renkei-tie 行が弧・辺の数と合いません。% renkei- の行を消すと Pajek として読めます",
                    "unreadable",
                )
            )
        g.edges = ties
    for e in g.edges:
        e.source, e.target = keys.get(e.source, e.source), keys.get(e.target, e.target)


def read_pajek(name: str, data: bytes) -> list[Table]:
    """Tables of the Pajek file ``name``."""
    text, enc, _ = decode_bytes(data)
    if not looks_like_pajek(text):
        return unreadable(name, f"pajek ({enc})", "Pajek", "no *Vertices line")
    g = GraphData(name, f"pajek ({enc})")
    section, directed, relation = "", False, ""
    renkei_vertices: dict[str, tuple[dict, int]] = {}
    renkei_ties: list[Edge] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith(("% renkei-vertex ", "% renkei-tie ")):
            vertex = line.startswith("% renkei-vertex ")
            found = _renkei_line(line[2:], 1 if vertex else 2)
            if found is None:
                g.errors.append(
                    RowError(
                        name, number, "", line[:40], "unreadable renkei- line / renkei- 行が読めません", "unreadable"
                    )
                )
            elif vertex:
                renkei_vertices[found[0][0]] = (found[1], number)
            else:
                renkei_ties.append(Edge(found[0][0], found[0][1], found[1], number))
            continue
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            head = _split(line)
            word = head[0].lower()
            section = word
            directed = word in ("*arcs", "*arcslist")
            relation = ""
            if len(head) > 1 and head[1].startswith(":"):
                relation = " ".join(head[2:]) if len(head) > 2 else ""
            if word not in ("*vertices", "*arcs", "*edges", "*arcslist", "*edgeslist", "*network"):
                g.errors.append(
                    RowError(
                        name,
                        number,
                        "",
                        line[:40],
                        f"Pajek section {head[0]} is not read / この Pajek の区分は読み込めません",
                        "unreadable",
                    )
                )
                section = "skip"
            continue
        tokens = _split(line)
        if section == "*vertices":
            key = tokens[0]
            label = tokens[1] if len(tokens) > 1 else key
            i = 2
            while i < len(tokens) and i < 5 and _NUMBER.match(tokens[i]):
                i += 1
            if i < len(tokens) and tokens[i].lower() in _SHAPES:
                i += 1
            attrs, _ = _pairs(tokens, i)
            g.nodes.append(Node(key, {"name": label, **attrs}, number))
        elif section in ("*arcs", "*edges") and len(tokens) >= 2:
            attrs: dict[str, object] = {}
            i = 2
            if len(tokens) > 2 and _NUMBER.match(tokens[2]):
                value = float(tokens[2])
                attrs["strength"] = int(value) if value.is_integer() else tokens[2]
                i = 3
            more, _ = _pairs(tokens, i)
            attrs.update(more)
            attrs["directed"] = "yes" if directed else "no"
            if relation and not attrs.get("type"):
                attrs["type"] = relation
            g.edges.append(Edge(tokens[0], tokens[1], attrs, number))
        elif section in ("*arcslist", "*edgeslist") and len(tokens) >= 2:
            for t in tokens[1:]:
                attrs = {"directed": "yes" if directed else "no"}
                if relation:
                    attrs["type"] = relation
                g.edges.append(Edge(tokens[0], t, attrs, number))
    if renkei_vertices or renkei_ties:
        _apply_renkei(g, renkei_vertices, renkei_ties)
    return to_tables(g)
