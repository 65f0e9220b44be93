"""Control characters: which text may be stored, field by field, and how the rest is shown.

No stored text may hold a C0 or C1 control character, DEL, a bidirectional
override, a lone surrogate, U+FFFE or U+FFFF: they break GraphML and GEXF
(XML refuses them), JSON encoders, terminals and spreadsheets.  The rule per
field (the same for files and forms, :data:`ingest.limits.CONTROL`):

- free-text fields (:data:`MULTILINE_FIELDS`: ``note``, ``evidence``; and custom
  fields kept from extra columns) may hold tab, line feed and carriage return;
- every other field (names, aliases, tags, places, words, dates, ids) may not:
  a tab or line break inside a name is refused, not folded.

Leading and trailing white space is trimmed before the check (as it is before
storing), so a cell ending in a line break is fine.  A refused cell is a bad
row with code ``control_character``, its row and column, and the value shown
with the character escaped (``\\x1b``).  A header holding a lone surrogate,
U+FFFE/U+FFFF or a bidirectional override refuses its table.

Examples
--------
>>> escape_controls("赤\\x1b[31m")
'赤\\\\x1b[31m'
>>> control_reason("a\\tb", multiline=True) is None, control_reason("a\\tb", multiline=False)[:29]
(True, 'control character U+0009 at p')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import TYPE_CHECKING

from ingest.guard import short_value
from ingest.limits import CONTROL, CONTROL_ONE_LINE, NEVER_STORED
from ingest.report import RowError

if TYPE_CHECKING:  # pragma: no cover
    from ingest.readers import Table

__all__ = ["MULTILINE_FIELDS", "escape_controls", "control_reason", "control_errors", "header_errors"]

#: Free-text fields: tab and line breaks allowed (in files and forms alike).
MULTILINE_FIELDS = frozenset({"note", "evidence"})


def _escape(m: object) -> str:
    c = ord(m.group())  # type: ignore[attr-defined]
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every refused character written as an escape (``\\x1b``, ``\\u202e``), for display."""
    return CONTROL_ONE_LINE.sub(_escape, text)


def control_reason(text: str, *, multiline: bool) -> str | None:
    """Why ``text`` may not be stored (the first bad character and its position), or ``None``."""
    bad = (CONTROL if multiline else CONTROL_ONE_LINE).search(text.strip())
    if bad is None:
        return None
    return (
        f"control character U+{ord(bad.group()):04X} at position {bad.start() + 1} / "
        "制御文字は使えません（タブ・改行は備考・根拠のみ）"
    )


def _texts(rows: list[list]) -> Iterator[str]:
    for cell in chain.from_iterable(rows):
        if cell.__class__ is str:
            yield cell
        elif isinstance(cell, list | tuple):
            yield from (v for v in cell if isinstance(v, str))


def _joined(rows: list[list]) -> str:
    try:
        return "".join(chain.from_iterable(rows))  # CSV: every cell is text (at C speed)
    except TypeError:
        return "".join(_texts(rows))


def control_errors(
    table: Table,
    columns: Iterable[tuple[str, int]],
    labels: dict[str, str],
    *,
    free_text: Iterable[tuple[str, int]] = (),
) -> list[RowError]:
    """One error per cell of a mapped column (``(field, index)`` pairs) holding a refused character.

    ``free_text`` lists more columns as ``(header, index)`` checked like notes
    (custom fields: tab and line breaks allowed).  Cheap when nothing is wrong:
    the whole table is searched once at C speed, and cell by cell only when
    something turns up.
    """
    if not table.rows or not CONTROL_ONE_LINE.search(_joined(table.rows)):
        return []
    # custom fields: ingest.formats.custom refuses C0/C1 itself (code custom_control); here the rest
    pairs = [(f, i, f in MULTILINE_FIELDS) for f, i in columns] + [(h, i, None) for h, i in free_text]
    errors: list[RowError] = []
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        for field, i, multiline in pairs:
            cell = row[i] if i < len(row) else None
            for text in cell if isinstance(cell, list | tuple) else (cell,):
                reason = None
                if isinstance(text, str):
                    reason = control_reason(text, multiline=multiline) if multiline is not None else _never_reason(text)
                if reason is not None:
                    errors.append(
                        RowError(
                            table.file,
                            number,
                            labels.get(field, field),
                            escape_controls(short_value(text)),
                            reason,
                            "control_character",
                        )
                    )
                    break
    return errors


def _never_reason(text: str) -> str | None:
    bad = NEVER_STORED.search(text)
    if bad is None:
        return None
    return f"character U+{ord(bad.group()):04X} at position {bad.start() + 1} cannot be stored / 保存できない文字です"


def header_errors(table: Table) -> list[RowError]:
    """Errors for headers holding a character that can never be stored (row 1; the column shown escaped).

    That is a lone surrogate, U+FFFE/U+FFFF or a bidirectional override; a header
    with a C0/C1 control is not a known column, so it is a custom one, and
    :mod:`ingest.formats.custom` makes each row with a value there a bad row.
    """
    return [
        RowError(
            table.file,
            1,
            escape_controls(str(h)),
            escape_controls(short_value(h)),
            "header: " + (_never_reason(str(h)) or ""),
            "control_character",
        )
        for h in table.headers
        if _never_reason(str(h))
    ]
