"""CSV (and TSV) files → :class:`~ingest.table.Table`: delimiter, cells, undecodable bytes per row.

The encoding comes from :func:`ingest.encoding.decode_bytes`.  A cell that
:func:`network.present.export.csv_safe` neutralised (``'=1+1``) is read back as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ingest.encoding import _BAD_CHARS, decode_bytes
from ingest.guard import wide_csv_fields
from ingest.report import RowError
from ingest.table import Table, _kind_hint

__all__: list[str] = []


def _read_csv(name: str, data: bytes) -> Table:
    text, enc, clean = decode_bytes(data)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if ("\t" in first and "," not in first) or name.lower().endswith(".tsv") else ","
    table = Table(name, enc, hint=_kind_hint(name))
    with wide_csv_fields(len(text) + 1):
        try:
            _csv_rows(table, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), clean, "'" in text)
        except csv.Error as exc:  # a safety net: the field limit is lifted, strict mode is off
            n = len(table.row_numbers) + 2
            table.errors.append(
                RowError(
                    name, n, "", "", f"not a readable CSV from row {n} / CSV として読めません: {exc}", "unreadable"
                )
            )
            table.bad_rows.add(n)
    if not clean:
        table.encoding = f"{enc} (undecodable bytes / 文字化け)"
    return table


#: What :func:`network.present.export.csv_safe` puts an apostrophe before (a spreadsheet would run it as a formula).
_NEUTRALISED = tuple("'" + c for c in "=+-@\t\r")


def _unquote(cell: str) -> str:
    """A cell as it was before ``csv_safe`` neutralised it: ``'=1+1`` → ``=1+1``; ``'90年代`` unchanged.

    >>> _unquote("'=1+1"), _unquote("'90年代"), _unquote("''=x")
    ('=1+1', "'90年代", "''=x")
    """
    return cell[1:] if cell.startswith(_NEUTRALISED) else cell


def _csv_rows(table: Table, reader: Iterator[list[str]], clean: bool, quoted: bool = True) -> None:
    """Rows of a CSV; ``quoted`` when the text holds ``'`` (undo :func:`network.present.export.csv_safe`)."""
    name = table.file
    rows, numbers = table.rows, table.row_numbers
    for n, row in enumerate(reader, start=1):
        if n == 1:
            table.headers = [h.strip() for h in row]
            if not clean and _BAD_CHARS.search(",".join(row)):
                table.errors.append(RowError(name, 1, "", ",".join(row), _UNDECODABLE, "undecodable"))
                table.bad_rows.add(1)
            continue
        if not any(row) or (not row[0].strip() and not any(c.strip() for c in row)):
            continue
        if quoted:
            row = [_unquote(c) for c in row]
        if not clean:
            for i, cell in enumerate(row):
                if _BAD_CHARS.search(cell):
                    col = table.headers[i] if i < len(table.headers) else f"#{i + 1}"
                    table.errors.append(RowError(name, n, col, cell, _UNDECODABLE, "undecodable"))
                    table.bad_rows.add(n)
        rows.append(row)
        numbers.append(n)


_UNDECODABLE = (
    "undecodable bytes: save the file as UTF-8 or Shift_JIS (CP932) / "
    "文字コードを判別できないバイトがあります（UTF-8 か Shift_JIS で保存してください）"
)
