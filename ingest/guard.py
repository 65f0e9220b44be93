"""Input limits for every file the importer reads: size, shape, cells, JSON values.

Applies :mod:`ingest.limits` inside :mod:`ingest`, so the CLI and the
app get the same checks: :func:`upload_problem` before a file is parsed
(``check_upload``: too big or empty), :func:`apply_limits` after each table is
read (``check_table``: too many rows or header columns refuse the table; a row
with too many cells or too long a cell is a bad row).  :func:`json_cell_problem`
says why a JSON value cannot be a cell (an object, a nested list, ``1e999999``),
and :func:`wide_csv_fields` lifts the ``csv`` module's 131,072-character field
limit while a file is parsed, so a huge cell is reported by ``check_table``
with its row and column instead of escaping as ``_csv.Error``.

Problems become :class:`~ingest.report.RowError` s with these codes:
``file_too_large``, ``empty_file``, ``table_too_large``, ``row_too_wide``,
``cell_too_large``, ``json_not_scalar``, ``json_not_finite``, ``json_too_deep``, ``unreadable``.

Examples
--------
>>> from ingest.readers import Table
>>> t = Table("orgs.csv", "utf-8", ["name", "note"], [["a", "x" * 20_000]], [2])
>>> apply_limits(t)
>>> [(e.row, e.column, e.code) for e in t.errors], t.bad_rows
([(2, 'note', 'cell_too_large')], {2})
>>> json_cell_problem({"a": 1}, allow_list=False)[0]
'json_not_scalar'
>>> json_cell_problem(["a", "b"], allow_list=True) is None
True
"""

from __future__ import annotations

import csv
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from typing import TYPE_CHECKING

from ingest import limits
from ingest.headers import HEADER_WORDS, normalise_header
from ingest.report import RowError
from network.errors import ValidationError

if TYPE_CHECKING:  # pragma: no cover
    from ingest.readers import Table

__all__ = [
    "upload_problem",
    "apply_limits",
    "json_cell_problem",
    "json_value_label",
    "wide_csv_fields",
    "LIST_HEADERS",
    "short_value",
]

#: Normalised headers whose JSON value may be a list of strings (``aliases``, ``tags``).
LIST_HEADERS: frozenset[str] = frozenset(
    normalise_header(w) for f in ("aliases", "tags") for w in (f, *HEADER_WORDS["orgs"][f])
)

_NOT_SCALAR = (
    "JSON cells must be text, a number, true/false or null{extra} / "
    "JSON の値は文字列・数値・真偽値・null のいずれかにしてください"
)
_NOT_FINITE = "number too large or not finite / 数値が大きすぎるか有限ではありません"


def short_value(value: object, limit: int = 40) -> str:
    """A cell shortened for an error report (``"xxxx…(20,000 chars)"``).

    >>> short_value("x" * 50)
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…(50 chars)'
    """
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return text if len(text) <= limit else f"{text[:limit]}…({len(text):,} chars)"


def upload_problem(name: str, data: bytes | int) -> RowError | None:
    """``check_upload`` as a file-level :class:`RowError` (row 0), or ``None`` when fine.

    >>> upload_problem("e.csv", b"").code
    'empty_file'
    """
    try:
        limits.check_upload(name, data)
    except ValidationError as exc:
        size = data if isinstance(data, int) else len(data)
        return RowError(name, 0, "", "", str(exc), "empty_file" if size == 0 else "file_too_large")
    return None


_is_text = str.__instancecheck__  # a C-level predicate for filter()


def _longest_cell(rows: list[list]) -> int:
    """Length of the longest text cell (what ``check_table`` measures), at C speed."""
    try:
        return max(map(len, chain.from_iterable(rows)), default=0)  # CSV: every cell is text
    except TypeError:  # numbers, dates, None or lists (XLSX, JSON): measure the text cells only
        return max(map(len, filter(_is_text, chain.from_iterable(rows))), default=0)


def apply_limits(table: Table, *, rows_limited: bool = True) -> None:
    """Check ``table`` against the limits, in place (``rows_limited=False``: no row limit, for local files).

    A table with too many rows or header columns is emptied (headers and rows
    dropped) and gets one error; a row with too many cells or too long a cell
    is added to ``table.bad_rows`` with an error naming its row and column.
    Cheap when nothing is wrong: for text-only tables the longest cell and the
    widest row are found at C speed and ``check_table`` runs only if one is
    over a limit.
    """
    rows = table.rows
    max_rows = limits.MAX_ROWS if rows_limited else len(rows)
    if (
        len(rows) <= max_rows
        and len(table.headers) <= limits.MAX_COLUMNS
        and (not rows or max(map(len, rows)) <= limits.MAX_COLUMNS)
        and _longest_cell(rows) <= limits.MAX_CELL_CHARS
    ):
        return
    try:
        problems = limits.check_table(table.file, table.headers, rows, table.row_numbers, max_rows=max_rows)
    except ValidationError as exc:
        row = 1 if len(table.headers) > limits.MAX_COLUMNS else 0
        table.errors.append(RowError(table.file, row, "", "", str(exc), "table_too_large"))
        table.headers, table.rows, table.row_numbers = [], [], []
        table.bad_rows.clear()
        return
    if not problems:
        return
    where = {str(h): i for i, h in reversed(list(enumerate(table.headers)))}
    by_number = dict(zip(table.row_numbers, rows, strict=False))
    for number, column, reason in problems:
        value = ""
        if column:
            i = where.get(column, -1)
            row = by_number.get(number, [])
            value = short_value(row[i]) if 0 <= i < len(row) else ""
        table.errors.append(
            RowError(table.file, number, column, value, reason, "cell_too_large" if column else "row_too_wide")
        )
        table.bad_rows.add(number)


def json_cell_problem(value: object, *, allow_list: bool) -> tuple[str, str] | None:
    """``(code, reason)`` when the JSON ``value`` cannot be a cell, else ``None``.

    Cells are text, numbers (finite), true/false or null; in an ``aliases`` or
    ``tags`` column (``allow_list``) also a list of strings.

    >>> json_cell_problem(float("inf"), allow_list=False)[1].split(" / ")[0]
    'number too large or not finite'
    >>> json_cell_problem(["<b>", 2], allow_list=True)[0]
    'json_not_scalar'
    """
    if value is None or isinstance(value, str | int | bool):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else ("json_not_finite", _NOT_FINITE)
    if isinstance(value, list):
        if allow_list:
            if all(isinstance(v, str) for v in value):
                return None
            return "json_not_scalar", _NOT_SCALAR.format(extra="; aliases and tags: a list of strings")
        return "json_not_scalar", _NOT_SCALAR.format(extra="; a list is allowed only for aliases and tags")
    return "json_not_scalar", _NOT_SCALAR.format(extra="")


def json_value_label(value: object) -> str:
    """What a rejected JSON value was, short (never the whole structure).

    >>> json_value_label({"a": 1}), json_value_label([1, 2]), json_value_label(float("inf"))
    ('{…} (object)', '[…] (list of 2)', 'inf')
    """
    if isinstance(value, dict):
        return "{…} (object)"
    if isinstance(value, list):
        return f"[…] (list of {len(value):,})"
    return short_value(value)


_field_lock = threading.Lock()
_field_state = {"active": 0, "saved": 0}


@contextmanager
def wide_csv_fields(size: int) -> Iterator[None]:
    """Let ``csv`` read fields up to ``size`` characters while the block runs.

    ``csv.field_size_limit`` is global to the process; threads (Streamlit
    sessions) share it, so the limit is only raised while any reader is active
    and restored when the last one ends.  A field can never be longer than the
    text it comes from, so ``len(text) + 1`` means the limit is never hit and
    each over-long cell is reported by :func:`apply_limits` instead.
    """
    with _field_lock:
        current = csv.field_size_limit()
        if _field_state["active"] == 0:
            _field_state["saved"] = current
        _field_state["active"] += 1
        if size > current:
            csv.field_size_limit(size)
    try:
        yield
    finally:
        with _field_lock:
            _field_state["active"] -= 1
            if _field_state["active"] == 0:
                csv.field_size_limit(_field_state["saved"])
