"""UCINET DL (``.dl``) → organisations and ties: ``fullmatrix``, ``edgelist1`` and ``nodelist1``.

The header (``dl n=5 format=edgelist1``, keywords on one or several lines)
gives the number of nodes, the format and the labels (``labels:`` followed by
names separated by commas, spaces or line breaks, quoted when they hold a
space; or ``labels embedded`` in the data).  ``nm=2`` with ``matrix labels:``
gives several relations: each label is a tie type.  Every cell, pair or list
becomes a value x(i, j) of one matrix per relation; a value is the tie's
strength (1–5; a binary file gives strength 1, 認知 awareness).  A matrix
that is symmetric gives one tie per pair without a stated direction (the tie
type's default); otherwise each non-zero x(i, j) is a directed tie i → j.
Rows are the file's line numbers.

>>> text = "dl n=3 format=fullmatrix\\nlabels:\\nれんぷく,石巻市,日本財団\\ndata:\\n0 1 0\\n1 0 0\\n3 0 0\\n"
>>> orgs, ties = read_dl("g.dl", text.encode())
>>> [r[0] for r in orgs.rows], ties.headers, ties.rows
(['れんぷく', '石巻市', '日本財団'], ['source', 'target', 'strength', 'directed'], [['れんぷく', '石巻市', 1, 'yes'], ['石巻市', 'れんぷく', 1, 'yes'], ['日本財団', 'れんぷく', 3, 'yes']])
"""

from __future__ import annotations

import re
import shlex

from ingest.formats.graph import Edge, GraphData, Node, to_tables, unreadable
from ingest.readers import Table, decode_bytes
from ingest.report import RowError

__all__ = ["read_dl", "looks_like_dl"]

_KEYWORD = re.compile(
    r"(row labels|column labels|col labels|matrix labels|labels embedded|labels|data)\s*:?", re.IGNORECASE
)
_FORMATS = ("fullmatrix", "edgelist1", "nodelist1")


def looks_like_dl(text: str) -> bool:
    """A text whose first word is ``dl``."""
    return re.match(r"\s*dl\b", text, re.IGNORECASE) is not None


_SETTING = re.compile(r"\b(n|nr|nc|nm|format)\s*=\s*\S+", re.IGNORECASE)


def _labels(text: str) -> list[str]:
    text = _SETTING.sub(" ", text)
    try:
        parts = shlex.split(text.replace(",", " ").replace("=", " "), posix=True)
    except ValueError:
        parts = re.split(r"[,\s=]+", text)
    return [p for p in parts if p]


def _number(token: str) -> float | None:
    try:
        return float(token)
    except ValueError:
        return None


class _Reader:
    def __init__(self, name: str, text: str, enc: str) -> None:
        self.name, self.g = name, GraphData(name, f"ucinet dl ({enc})")
        self.text = text
        self.n = 0
        self.nm = 1
        self.fmt = "fullmatrix"
        self.embedded = False
        self.labels: list[str] = []
        self.label_line = 1
        self.matrix_labels: list[str] = []
        self.cells: list[dict[tuple[str, str], tuple[float, int]]] = []

    def error(self, line: int, value: str, reason: str) -> None:
        self.g.errors.append(RowError(self.name, line, "", value[:40], reason, "unreadable"))

    def header(self, head: str, first_line: int) -> None:
        flat = " ".join(head.split())
        m = re.search(r"\bn\s*=\s*(\d+)", flat, re.IGNORECASE)
        self.n = int(m.group(1)) if m else 0
        m = re.search(r"\bnm\s*=\s*(\d+)", flat, re.IGNORECASE)
        self.nm = int(m.group(1)) if m else 1
        m = re.search(r"\bformat\s*=\s*(\w+)", flat, re.IGNORECASE)
        self.fmt = m.group(1).lower() if m else "fullmatrix"
        if self.fmt == "edgelist":
            self.fmt = "edgelist1"
        marks = list(_KEYWORD.finditer(head))
        for i, mk in enumerate(marks):
            word = mk.group(1).lower()
            body = head[mk.end() : marks[i + 1].start() if i + 1 < len(marks) else len(head)]
            if word == "labels embedded":
                self.embedded = True
            elif word in ("labels", "row labels"):
                self.labels = _labels(body)
                self.label_line = first_line + head[: mk.end()].count("\n") + 1
            elif word == "matrix labels":
                self.matrix_labels = _labels(body)

    def read(self) -> list[Table]:
        m = re.search(r"^\s*data\s*:?\s*$|\bdata\s*:", self.text, re.IGNORECASE | re.MULTILINE)
        if m is None:
            return unreadable(self.name, self.g.encoding, "UCINET DL", "no data: line")
        self.header(self.text[: m.start()], 1)
        start = self.text[: m.end()].count("\n") + 1
        lines = [(start + i, ln) for i, ln in enumerate(self.text[m.end() :].split("\n")) if ln.strip()]
        if self.fmt not in _FORMATS:
            self.error(
                1,
                self.fmt,
                f"DL format {self.fmt} is not read (fullmatrix, edgelist1, nodelist1) / この DL 形式は読み込めません",
            )
            return to_tables(self.g)
        self.cells = [{} for _ in range(max(self.nm, 1))]
        getattr(self, "_" + self.fmt)(lines)
        return self.build()

    def _name(self, token: str) -> str:
        if not self.embedded and token.isdigit() and self.labels and 1 <= int(token) <= len(self.labels):
            return self.labels[int(token) - 1]
        return token

    def _fullmatrix(self, lines: list[tuple[int, str]]) -> None:
        pos, m = 0, 0
        while pos < len(lines) and m < len(self.cells):
            cols = self.labels
            if self.embedded:  # each matrix starts with a line of column labels
                cols = _labels(lines[pos][1])
                self.label_line = lines[pos][0] if m == 0 else self.label_line
                for c in cols:
                    if c not in self.labels:
                        self.labels.append(c)
                pos += 1
            size = self.n or len(cols)
            for i in range(size):
                if pos >= len(lines):
                    break
                number, line = lines[pos]
                pos += 1
                tokens = _labels(line)
                row = tokens.pop(0) if self.embedded and tokens else (cols[i] if i < len(cols) else str(i + 1))
                if row not in self.labels:
                    self.labels.append(row)
                for j, tok in enumerate(tokens):
                    self._cell(m, row, cols[j] if j < len(cols) else str(j + 1), tok, number)
            m += 1
        for number, line in lines[pos:]:
            self.error(number, line, "more rows than n × nm / 行が多すぎます")
            break

    def _edgelist1(self, lines: list[tuple[int, str]]) -> None:
        self._lists(lines, pairs=True)

    def _nodelist1(self, lines: list[tuple[int, str]]) -> None:
        self._lists(lines, pairs=False)

    def _lists(self, lines: list[tuple[int, str]], *, pairs: bool) -> None:
        m = 0
        for number, line in lines:
            if line.strip() == "!":  # the next matrix
                m = min(m + 1, len(self.cells) - 1)
                continue
            tokens = _labels(line)
            if len(tokens) < 2:
                self.error(number, line, "a data line needs two nodes / ノードが2つ必要です")
                continue
            a = self._name(tokens[0])
            if pairs:
                value = tokens[2] if len(tokens) > 2 else "1"
                self._cell(m, a, self._name(tokens[1]), value, number)
            else:
                for t in tokens[1:]:
                    self._cell(m, a, self._name(t), "1", number)
            for who in (a, self._name(tokens[1])):
                if who not in self.labels:
                    self.labels.append(who)

    def _cell(self, m: int, a: str, b: str, token: str, number: int) -> None:
        v = _number(token)
        if v is None:
            self.error(number, token, "not a number / 数値ではありません")
        elif v != 0:
            self.cells[m][(a, b)] = (v, number)

    def build(self) -> list[Table]:
        for label in self.labels:
            self.g.nodes.append(Node(label, {"name": label}, self.label_line))
        for m, cells in enumerate(self.cells):
            relation = self.matrix_labels[m] if m < len(self.matrix_labels) else ""
            symmetric = all(cells.get((b, a), (None,))[0] == v for (a, b), (v, _) in cells.items())
            for (a, b), (v, number) in sorted(cells.items(), key=lambda c: c[1][1]):
                if symmetric and (b, a) in cells and self.labels.index(b) < self.labels.index(a) and a != b:
                    continue
                attrs: dict[str, object] = {"strength": int(v) if v.is_integer() else v}
                if not symmetric:
                    attrs["directed"] = "yes"
                if relation:
                    attrs["type"] = relation
                self.g.edges.append(Edge(a, b, attrs, number))
        return to_tables(self.g)


def read_dl(name: str, data: bytes) -> list[Table]:
    """Tables of the UCINET DL file ``name``."""
    text, enc, _ = decode_bytes(data)
    if not looks_like_dl(text):
        return unreadable(name, f"ucinet dl ({enc})", "UCINET DL", "the first word is not DL")
    return _Reader(name, text, enc).read()
