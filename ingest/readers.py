"""Bytes → tables of rows: CSV (UTF-8, UTF-8 with BOM, CP932, UTF-16), XLSX, JSON, graph formats.

:func:`read_source` picks the reader from the name and first bytes: XLSX
(:mod:`ingest.xlsxfile`), the graph formats (:mod:`ingest.formats`), JSON
(:mod:`ingest.jsonfile`) or CSV (:mod:`ingest.csvfile`, its encoding detected
by :mod:`ingest.encoding`, never asked).  :func:`read_checked` and
:func:`load_sources` apply the limits of :mod:`ingest.guard`.

Examples
--------
>>> t, = read_source("orgs.csv", "団体名,区分\\nれんぷく,中間支援\\n".encode("cp932"))
>>> t.encoding, t.headers, t.rows, t.row_numbers
('cp932', ['団体名', '区分'], [['れんぷく', '中間支援']], [2])
"""

from __future__ import annotations

import os
from pathlib import Path

from ingest.controls import escape_controls, header_errors
from ingest.csvfile import _read_csv
from ingest.encoding import decode_bytes
from ingest.guard import apply_limits, upload_problem
from ingest.jsonfile import _read_json
from ingest.stream import open_csv
from ingest.table import Source, Table
from ingest.xlsxfile import _read_xlsx

__all__ = ["Table", "Source", "read_source", "read_checked", "read_path", "load_sources", "decode_bytes"]


def read_source(name: str, data: bytes) -> list[Table]:
    """Read the file ``name`` (used for its extension and in reports) from ``data``.

    Returns one table per CSV/JSON list, per workbook sheet, or per kind in a
    JSON object.
    """
    from ingest.formats.dispatch import kumu_csv, kumu_tables, read_format  # graph formats, Kumu (issue 12)

    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return kumu_tables(name, _read_xlsx(name, data))
    other = read_format(name, data)
    if other is not None:
        return other
    if lower.endswith(".json") or data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"[", b"{"):
        return _read_json(name, data)
    return kumu_csv(name, [_read_csv(name, data)])


def read_path(path: str | os.PathLike) -> list[Table]:
    """Read a file from disk (see :func:`read_source`)."""
    p = Path(path)
    return read_source(p.name, p.read_bytes())


def read_checked(name: str, data: bytes, *, local: bool = False) -> list[Table]:
    """:func:`read_source` within the limits of :mod:`ingest.limits` (see :mod:`ingest.guard`).

    An over-size or empty file is not parsed: it comes back as one table with
    one file-level error.  Each table read is checked for too many rows,
    columns or characters per cell.  ``local``: a file of this machine (the
    command line), so neither the upload size nor the row limit applies.

    >>> t, = read_checked("e.csv", b"")
    >>> t.headers, [(e.row, e.code) for e in t.errors]
    ([], [(0, 'empty_file')])
    """
    name = escape_controls(name)  # the file's label in every report: no terminal escapes
    problem = upload_problem(name, min(len(data), 1) if local else data)  # local: only "empty" is refused
    if problem is not None:
        return [Table(name, "", errors=[problem])]
    tables = read_source(name, data)
    for table in tables:
        apply_limits(table, rows_limited=not local)
        bad_headers = header_errors(table)
        if bad_headers:  # a header with a control character refuses its table
            table.errors += bad_headers
            table.headers, table.rows, table.row_numbers = [], [], []
            table.bad_rows.clear()
    return tables


def load_sources(sources: list[Source], *, local: bool = False) -> list[Table]:
    """Read every source (a path, or ``(name, bytes)``) into tables, within the limits.

    A file on disk is measured before it is read, so an over-size one is never loaded.
    ``local=True`` (the command line): paths are read whatever their size and number
    of rows — those limits protect uploads, and ``(name, bytes)`` sources keep them —
    and a plain CSV comes back as a :class:`~ingest.stream.StreamedTable`, its rows
    read in chunks when the importer asks for them (bounded memory, any length).
    """
    tables: list[Table] = []
    for src in sources:
        if isinstance(src, tuple):
            name, data = src
        else:
            path = Path(src)
            name = escape_controls(path.name)
            size = path.stat().st_size
            problem = upload_problem(name, min(size, 1) if local else size)
            if problem is not None:
                tables.append(Table(name, "", errors=[problem]))
                continue
            streamed = open_csv(path, name) if local else None  # a plain CSV: read in chunks (ingest.stream)
            if streamed is not None:
                tables.append(streamed)
                continue
            tables += read_checked(name, path.read_bytes(), local=local)
            continue
        tables += read_checked(name, data)
    return tables
