"""The fast path of a large import: one tie row (a list of text cells) → a :class:`~network.model.Tie`.

A tie file of a million rows spends most of its time in per-row work; here a row is
read by position (no dict per row), each distinct spelling of a type, direction,
strength or date is parsed once, and the tie id is hashed inline.  The result is
exactly what :func:`ingest.validate.validate_tie_row` plus the importer would make
of the same row.  Whenever a row is anything but plainly good — an empty or unknown
cell, a cell that is not text, an organisation that is not found, a tie to itself,
an end before its start — :meth:`TieRows.tie` returns ``None`` and the importer
validates that row the full way, which reports every reason it is bad.

Examples
--------
>>> fast = TieRows({"source": 0, "target": 1, "type": 2, "start": 3}, "ties.csv", {"a": "a", "b": "b"}.__getitem__)
>>> t = fast.tie(["b", "a", "協働", "2024/4/1"])
>>> (t.source, t.target, t.type, t.directed, t.strength, t.start, t.source_file)
('a', 'b', 'collaboration', False, 3, '2024-04-01', 'ties.csv')
>>> from network.model import tie_id_for
>>> t.id == tie_id_for("b", "a", "collaboration", "2024-04-01")
True
>>> fast.tie(["a", "a", "協働", ""]) is None, fast.tie(["a", "x", "", ""]) is None   # self tie, unknown org
(True, True)
"""

from __future__ import annotations

from collections.abc import Callable
from hashlib import sha1
from operator import itemgetter

from ingest.validate import _date_text, _directed, _strength, _tie_type
from network.model import Tie, TieType

__all__ = ["TieRows", "FIELDS"]

#: The tie fields the fast path reads, in this order.
FIELDS = (
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
)
_DEFAULT = TieType.COLLABORATION
_UNSEEN = object()
_SLOW = (LookupError, ValueError, AttributeError, TypeError)  # LookupError: an end not found


class TieRows:
    """Make ties from rows of one table whose fields sit at ``columns`` (field → index).

    ``resolve(ref)`` gives an organisation's id or raises ``LookupError``.  Each row is
    may be of any length.
    """

    def __init__(self, columns: dict[str, int], file: str, resolve: Callable[[str], str]) -> None:
        self.file = file
        self.resolve = resolve
        # an absent field reads the last cell, one None added after the row's own
        self._get = itemgetter(*(columns.get(f, -1) for f in FIELDS))
        self._pad = [None] if any(f not in columns for f in FIELDS) else None
        self._types: dict[str, tuple[str, bool]] = {}
        self._flags: dict[str, object] = {}
        self._strengths: dict[str, int] = {}
        self._dates: dict[str, str] = {}

    def tie(self, row: list) -> Tie | None:
        """The tie of a plainly good ``row``, or ``None``: then validate it the full way."""
        try:
            return self._tie(row)
        except _SLOW:
            return None

    def _tie(self, row: list) -> Tie | None:
        if self._pad is not None:
            row = row + self._pad
        src, dst, ty, di, st, a, e, pj, ev, lc, nt = self._get(row)
        src, dst = src.strip(), dst.strip()
        if not src or not dst:
            return None
        ty = "" if ty is None else ty.strip()
        if ty:
            hit = self._types.get(ty)
            if hit is None:
                t = _tie_type(ty)
                hit = self._types[ty] = (t.value, t.default_directed)
            type_, directed = hit
        else:
            type_, directed = _DEFAULT.value, _DEFAULT.default_directed
        if di is not None and di != "":
            flag = self._flags.get(di, _UNSEEN)
            if flag is _UNSEEN:
                flag = self._flags[di] = _directed(di)
            if flag is not None:
                directed = flag
        strength = 3
        if st is not None and st != "":
            strength = self._strengths.get(st, 0)
            if not strength:
                strength = self._strengths[st] = _strength(st) or 3
        dates = self._dates
        start = (dates.get(a) or dates.setdefault(a, _date_text(a))) if a else None
        end = (dates.get(e) or dates.setdefault(e, _date_text(e))) if e else None
        last = (dates.get(lc) or dates.setdefault(lc, _date_text(lc))) if lc else None
        if start and end and end < start:
            return None
        s, t = self.resolve(src), self.resolve(dst)
        if s == t:
            return None
        if not directed and t < s:
            s, t = t, s
        project = "" if pj is None else pj.strip()
        key = "\x1f".join((s, t, type_, start or "", project))
        return Tie(
            "tie-" + sha1(key.encode("utf-8")).hexdigest()[:12],
            s,
            t,
            type_,
            directed,
            strength,
            start,
            end,
            project,
            "" if ev is None else ev.strip(),
            last,
            1.0,
            "" if nt is None else nt.strip(),
            self.file,
        )
