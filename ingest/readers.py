"""Bytes → tables of rows: CSV (UTF-8, UTF-8 with BOM, CP932, UTF-16), XLSX, JSON.

The encoding of a CSV is detected, never asked: a byte-order mark decides
first (and JIS escape sequences); then strict UTF-8; then strict CP932 (what
Excel in Japan writes) and EUC-JP — rejecting decodings that produce
private-use or control characters; then charset-normalizer, trusted only for
Japanese encodings.  Short Shift_JIS
files fool statistical detectors, so the order is fixed.  When no encoding
decodes the whole file, the closest one is used and each row holding an
undecodable byte is reported, so the other rows can still be kept.

Examples
--------
>>> t, = read_source("orgs.csv", "団体名,区分\\nれんぷく,中間支援\\n".encode("cp932"))
>>> t.encoding, t.headers, t.rows, t.row_numbers
('cp932', ['団体名', '区分'], [['れんぷく', '中間支援']], [2])
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from ingest.controls import escape_controls, header_errors
from ingest.guard import (
    LIST_HEADERS,
    apply_limits,
    json_cell_problem,
    json_value_label,
    upload_problem,
    wide_csv_fields,
)
from ingest.headers import normalise_header
from ingest.report import RowError
from ingest.workbook import inflation_problem

__all__ = ["Table", "Source", "read_source", "read_checked", "read_path", "load_sources", "decode_bytes"]

_BAD_CHARS = re.compile("[\ufffd\ue000-\uf8ff\x80-\x9f]")
_CN_TRUSTED = {"euc_jp", "euc_jis_2004", "iso2022_jp", "shift_jis_2004", "shift_jisx0213", "utf_16", "utf_32"}
_JSON_KINDS = {
    "organisations": "orgs",
    "organizations": "orgs",
    "orgs": "orgs",
    "団体": "orgs",
    "ties": "ties",
    "edges": "ties",
    "連携": "ties",
    "participations": "participations",
    "参加": "participations",
}


@dataclass
class Table:
    """Rows of one CSV/JSON file or one worksheet.

    ``file`` labels the table in error reports (``book.xlsx:団体`` for a
    sheet); ``rows`` are lists of cell values parallel to ``headers`` (strings
    from CSV; str/int/float/datetime from XLSX and JSON); ``row_numbers`` gives
    the row number a user sees for each row; ``errors`` holds problems found
    while reading, and ``bad_rows`` the row numbers those errors concern.
    """

    file: str
    encoding: str
    headers: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    hint: str = ""
    errors: list[RowError] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)


def _clean(text: str) -> int:
    return len(_BAD_CHARS.findall(text))


def decode_bytes(data: bytes) -> tuple[str, str, bool]:
    """Decode a text file: ``(text, encoding, clean)``.

    ``clean`` is False when some bytes could not be decoded (they become
    U+FFFD in ``text``).

    >>> decode_bytes("区分".encode("utf-8-sig"))[1:], decode_bytes("区分".encode("cp932"))[1:]
    (('utf-8-sig', True), ('cp932', True))
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", True
        except UnicodeDecodeError:
            return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", True
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), "utf-16", False
    if b"\x1b$B" in data or b"\x1b$@" in data:  # ISO-2022-JP (JIS) is 7-bit: it would pass as UTF-8
        try:
            return data.decode("iso2022_jp"), "iso2022_jp", True
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", True
    except UnicodeDecodeError:
        pass
    for enc in ("cp932", "euc_jp"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _BAD_CHARS.search(text):
            return text, enc, True
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding in _CN_TRUSTED:
            text = str(best)
            if not _BAD_CHARS.search(text):
                return text, best.encoding, True
    except Exception:  # pragma: no cover - the detector is a best effort
        pass
    guesses = [(data.decode(enc, errors="replace"), enc) for enc in ("utf-8", "cp932")]
    text, enc = min(guesses, key=lambda g: _clean(g[0]))
    return text, enc, False


def _kind_hint(name: str) -> str:
    stem = Path(name).stem
    return re.split(r"[_\-.\s]", stem)[0] if stem else ""


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


def _one_line(exc: BaseException) -> str:
    """One line saying why XML or a zip could not be read (never a traceback)."""
    chain_ = [exc]
    while chain_[-1].__cause__ or chain_[-1].__context__:  # openpyxl wraps the parser's error
        chain_.append(chain_[-1].__cause__ or chain_[-1].__context__)  # type: ignore[arg-type]
        if len(chain_) > 8:
            break
    defused = [e for e in chain_ if type(e).__module__.startswith("defusedxml")]
    if defused:
        return (
            "the XML declares entities or a DTD, refused for safety (entity expansion, external entities) / "
            f"安全のため XML のエンティティ宣言は受け付けません ({type(defused[0]).__name__})"
        )
    root = chain_[-1]
    text = " ".join(str(root).split()) or type(root).__name__
    return f"{type(root).__name__}: {text}"[:300]


def _read_xlsx(name: str, data: bytes) -> list[Table]:
    """Every sheet of a workbook, whatever its ``<dimension>`` declares; an unreadable sheet is one error.

    Read-only openpyxl trusts a sheet's ``<dimension>``, which some programs
    leave stale (``A1:C2`` over 9 rows): ``reset_dimensions()`` makes it read
    every row and column there is.  XML that cannot be parsed, or that declares
    entities (refused by defusedxml: entity expansion, external entities), ends
    the sheet with one error naming the sheet and the row it stopped at, and
    none of that sheet's rows is imported.
    """
    import openpyxl

    problem = inflation_problem(name, data)
    if problem is not None:
        return [Table(name, "xlsx", errors=[problem])]
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to open is a message about the file
        t = Table(name, "xlsx")
        t.errors.append(
            RowError(
                name, 0, "", "", f"not a readable XLSX workbook / XLSX として読めません: {_one_line(exc)}", "unreadable"
            )
        )
        return [t]
    tables = []
    try:
        for ws in wb.worksheets:
            table = Table(f"{name}:{escape_controls(ws.title)}", "xlsx", hint=ws.title)
            n = 0
            try:
                if hasattr(ws, "reset_dimensions"):  # a chartsheet has none
                    ws.reset_dimensions()
                for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    cells = list(values)
                    if not any(c is not None and str(c).strip() for c in cells):
                        continue
                    if not table.headers:
                        table.headers = ["" if c is None else str(c).strip() for c in cells]
                        continue
                    table.rows.append(cells)
                    table.row_numbers.append(n)
            except Exception as exc:  # noqa: BLE001 - bad XML in one sheet: a message, never a traceback
                tables.append(
                    Table(
                        table.file,
                        "xlsx",
                        errors=[
                            RowError(
                                table.file,
                                n + 1,
                                "",
                                "",
                                f"sheet not readable from row {n + 1}, nothing of it imported / "
                                f"シートを読めません: {_one_line(exc)}",
                                "unreadable",
                            )
                        ],
                    )
                )
                continue
            if table.headers:
                tables.append(table)
    finally:
        wb.close()
    return tables


def _read_json(name: str, data: bytes) -> list[Table]:
    text, enc, clean = decode_bytes(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        t = Table(name, f"json ({enc})")
        t.errors.append(
            RowError(name, exc.lineno, "", "", f"not valid JSON / JSON として読めません: {exc.msg}", "unreadable")
        )
        return [t]
    except RecursionError:
        t = Table(name, f"json ({enc})")
        t.errors.append(
            RowError(name, 0, "", "", "JSON nested too deeply / JSON の入れ子が深すぎます", "json_too_deep")
        )
        return [t]
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        t = Table(name, f"json ({enc})")
        t.errors.append(
            RowError(name, 0, "", "", f"not valid JSON / JSON として読めません: {str(exc)[:120]}", "unreadable")
        )
        return [t]
    parts: list[tuple[str, str, object]] = []
    if isinstance(doc, list):
        parts.append((name, _kind_hint(name), doc))
    elif isinstance(doc, dict):
        for key, value in doc.items():
            kind = _JSON_KINDS.get(str(key).strip().lower())
            if kind is not None:
                parts.append((f"{name}:{key}", kind, value))
    tables = []
    for label, hint, items in parts:
        table = Table(label, f"json ({enc})", hint=hint)
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            table.errors.append(
                RowError(label, 0, "", "", "expected a list of objects / オブジェクトの配列が必要です", "unreadable")
            )
            tables.append(table)
            continue
        headers: dict[str, None] = {}
        for item in items:
            headers.update(dict.fromkeys(str(k) for k in item))
        table.headers = list(headers)
        for n, item in enumerate(items, start=1):
            table.rows.append([item.get(h) for h in table.headers])
            table.row_numbers.append(n)
        if not set(map(type, chain.from_iterable(table.rows))) <= _PLAIN:  # a float, list or object
            _check_json_cells(table)
        tables.append(table)
    if not parts:
        t = Table(name, f"json ({enc})")
        t.errors.append(
            RowError(
                name,
                0,
                "",
                "",
                "expected a list of objects or an object with organisations/ties/"
                "participations / 配列か organisations・ties・participations を持つオブジェクトが必要です",
                "unreadable",
            )
        )
        tables.append(t)
    return tables


_PLAIN = frozenset({str, int, bool, type(None)})


def _check_json_cells(table: Table) -> None:
    """Report each cell that is not a scalar (see :func:`ingest.guard.json_cell_problem`)."""
    listable = [normalise_header(h) in LIST_HEADERS for h in table.headers]
    for n, row in zip(table.row_numbers, table.rows, strict=True):
        for h, v, ok_list in zip(table.headers, row, listable, strict=True):
            if v.__class__ in _PLAIN:
                continue
            bad = json_cell_problem(v, allow_list=ok_list)
            if bad is not None:
                table.errors.append(RowError(table.file, n, h, json_value_label(v), bad[1], bad[0]))
                table.bad_rows.add(n)


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


#: A file path, or ``(name, bytes)`` for an upload.
Source = str | os.PathLike | tuple[str, bytes]


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
    of rows — those limits protect uploads, and ``(name, bytes)`` sources keep them.
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
            tables += read_checked(name, path.read_bytes(), local=local)
            continue
        tables += read_checked(name, data)
    return tables
