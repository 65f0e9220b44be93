"""Limits on what one upload or one form may hold, and short messages for errors.

An office server must not fall over because somebody uploads a 2 GB file, a
10,000-column row or a 5 MB cell.  These checks run before any parsing work
(:func:`check_upload`) and after reading (:func:`check_table`), and reject the
input with one clear bilingual message.  :func:`check_text` checks one form
field.  :func:`user_message` turns any exception into the one line a user
sees, while the full trace goes to the log — never to the page.

The upload size and row limits protect the web app; files named on the command
line (``import_files(..., local=True)``) are read whatever their length.  Each limit can be changed by an environment variable of the same name prefixed
with ``RENKEI_`` (``RENKEI_MAX_UPLOAD_BYTES=…``).

Examples
--------
>>> check_upload("orgs.csv", b"name\\n")
>>> check_text("name", "ＮＰＯ法人 れんぷく")
'ＮＰＯ法人 れんぷく'
>>> check_text("name", "a\\x00b")
Traceback (most recent call last):
...
network.errors.ValidationError: name: control character U+0000 at position 2 / 制御文字は使えません
"""

from __future__ import annotations

import logging
import os
import re

from network.errors import AuthError, RenkeiError, ValidationError

__all__ = [
    "MAX_UPLOAD_BYTES",
    "MAX_ROWS",
    "MAX_COLUMNS",
    "MAX_CELL_CHARS",
    "MAX_FIELD_CHARS",
    "MAX_XLSX_INFLATED_BYTES",
    "MAX_XLSX_SHARED_STRINGS",
    "CONTROL",
    "CONTROL_ONE_LINE",
    "NEVER_STORED",
    "check_upload",
    "check_table",
    "check_text",
    "user_message",
    "log",
]

log = logging.getLogger("renkei")


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get("RENKEI_" + name, default))
    except ValueError:
        return default


MAX_UPLOAD_BYTES = _env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)  # 20 MiB per file
MAX_ROWS = _env_int("MAX_ROWS", 200_000)  # rows per uploaded file or sheet (files on the command line: none)
MAX_COLUMNS = _env_int("MAX_COLUMNS", 200)  # cells per row (headers included)
MAX_CELL_CHARS = _env_int("MAX_CELL_CHARS", 10_000)  # characters per cell
MAX_FIELD_CHARS = _env_int("MAX_FIELD_CHARS", 2_000)  # characters per form field
#: Bytes all parts of one XLSX may inflate to (declared sizes, and counted while inflating).
MAX_XLSX_INFLATED_BYTES = _env_int("MAX_XLSX_INFLATED_BYTES", 64 * 1024 * 1024)
MAX_XLSX_SHARED_STRINGS = _env_int("MAX_XLSX_SHARED_STRINGS", 1_000_000)  # entries of sharedStrings.xml
_NEVER = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
#: Characters no stored text may hold, except tab, LF and CR (free-text fields): C0 and C1
#: controls, DEL, bidirectional overrides, lone surrogates, U+FFFE and U+FFFF.
CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_NEVER}]")
#: The same for one-line fields (names, places, words): tab, LF and CR refused too.
CONTROL_ONE_LINE = re.compile(f"[\x00-\x1f{_NEVER}]")
_CONTROL, _CONTROL_ONE_LINE = CONTROL, CONTROL_ONE_LINE
#: What no text may hold even where controls are dealt with elsewhere (custom fields, headers):
#: bidirectional overrides, lone surrogates (UTF-8 cannot encode them), U+FFFE, U+FFFF.
NEVER_STORED = re.compile("[\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"


def check_upload(name: str, data: bytes | int) -> None:
    """Reject a file bigger than ``MAX_UPLOAD_BYTES`` (``data`` or its size) or empty."""
    size = data if isinstance(data, int) else len(data)
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"{name}: file is {_mib(size)}, over the limit of {_mib(MAX_UPLOAD_BYTES)}; "
            f"split it into smaller files / ファイルが大きすぎます（上限 {_mib(MAX_UPLOAD_BYTES)}）"
        )
    if size == 0:
        raise ValidationError(f"{name}: the file is empty / ファイルが空です")


def check_table(
    file: str, headers: list, rows: list[list], row_numbers: list[int] | None = None, *, max_rows: int | None = None
) -> list[tuple[int, str, str]]:
    """Problems with the shape of one table: ``[(row, column, reason)]``.

    Raises ``ValidationError`` when the whole table is refused (too many rows or
    header columns; ``max_rows`` defaults to ``MAX_ROWS``); returns the rows that are too wide or hold too big a cell,
    so the caller can report them as bad rows.  Rows are numbered by
    ``row_numbers`` (as a spreadsheet shows them), else from 2 (row 1 = header).
    """
    if len(headers) > MAX_COLUMNS:
        raise ValidationError(
            f"{file}: {len(headers):,} columns, over the limit of {MAX_COLUMNS} / 列が多すぎます（上限 {MAX_COLUMNS}）"
        )
    limit = MAX_ROWS if max_rows is None else max_rows
    if len(rows) > limit:
        raise ValidationError(
            f"{file}: {len(rows):,} rows, over the limit of {limit:,}; split the file / "
            f"行が多すぎます（上限 {limit:,}）"
        )
    problems: list[tuple[int, str, str]] = []
    numbers = row_numbers if row_numbers is not None else range(2, len(rows) + 2)
    for i, row in zip(numbers, rows, strict=False):
        if len(row) > MAX_COLUMNS:
            problems.append((i, "", f"{len(row):,} cells, over the limit of {MAX_COLUMNS} / 列が多すぎます"))
            continue
        for j, cell in enumerate(row):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                col = str(headers[j]) if j < len(headers) else f"#{j + 1}"
                problems.append(
                    (i, col, f"{len(cell):,} characters, over the limit of {MAX_CELL_CHARS:,} / セルが長すぎます")
                )
    return problems


def check_text(field: str, value: object, *, max_chars: int | None = None, multiline: bool = False) -> str:
    """One form field, returned unchanged when acceptable.

    Refused: more than ``max_chars`` (default ``MAX_FIELD_CHARS``) characters, and
    any character of :data:`CONTROL_ONE_LINE` — C0/C1 controls, DEL, bidirectional
    overrides, lone surrogates, U+FFFE/U+FFFF (tab and line breaks allowed only when
    ``multiline``: :data:`CONTROL`).  Markup such as ``<script>`` is *not* refused: it is stored as
    text and escaped wherever it is shown.
    """
    text = "" if value is None else str(value)
    limit = MAX_FIELD_CHARS if max_chars is None else max_chars
    if len(text) > limit:
        raise ValidationError(
            f"{field}: {len(text):,} characters, over the limit of {limit:,} / 長すぎます（上限 {limit:,} 字）"
        )
    bad = (_CONTROL if multiline else _CONTROL_ONE_LINE).search(text)
    if bad:
        raise ValidationError(
            f"{field}: control character U+{ord(bad.group()):04X} at position {bad.start() + 1} / 制御文字は使えません"
        )
    return text


def user_message(exc: BaseException, *, where: str = "") -> str:
    """The short line a user sees for ``exc``; anything unexpected is logged with its trace.

    >>> user_message(ValidationError("bad row 3"))
    'bad row 3'
    >>> user_message(KeyError("x")).startswith("Something went wrong")
    True
    """
    if isinstance(exc, ValidationError | AuthError | RenkeiError):
        log.info("%s: %s", where or "renkei", exc)
        return str(exc)
    log.exception("unexpected error%s", f" in {where}" if where else "", exc_info=exc)
    return (
        "Something went wrong; the error was logged and nothing was half-written. "
        "/ エラーが発生しました（記録済み・データは変更されていません）"
    )
