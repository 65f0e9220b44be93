"""Columns Renkei does not know (担当者, 電話, 活動分野 …), kept as custom fields.

Every column of an organisations or ties table that names no field becomes a
custom field of the record: ``name → text``, the name as the file writes it
(a ``custom.`` prefix, which Renkei's own exports use, is dropped).  Nothing is
silently dropped: only the columns Renkei computes itself on import (an export's
``created_at``, ``updated_at``, ``source``, a tie's ``id`` and ``weight``, the
Japanese labels ``sector_ja``/``type_ja``) are ignored, and the import report says so.

A custom field whose name collides with a known field (``custom.name``) or
holds control characters, and a value holding control characters (other than
tab and line breaks), make the row bad: row, column and reason, never a guess.

Examples
--------
>>> cols = custom_columns(["団体名", "区分", "担当者", "custom.電話", "created_at"], {0, 1}, "orgs")
>>> [c.name for c in cols.columns], cols.ignored
(['担当者', '電話'], ['created_at'])
>>> cols.values(["れんぷく", "中間支援", "佐藤", 220000000, None], "o.csv", 2)
({'担当者': '佐藤', '電話': '220000000'}, [])
>>> cols.values(["れんぷく", "中間支援", "佐\\x07藤", "", ""], "o.csv", 3)[1][0].code
'custom_control'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ingest.headers import HEADER_WORDS, normalise_header
from ingest.normalise import clean_text
from ingest.report import RowError

__all__ = [
    "CustomColumn",
    "CustomColumns",
    "custom_columns",
    "custom_name",
    "IGNORED",
    "REASONS",
    "check_custom",
    "kept_message",
]

#: Columns of Renkei's own exports that the importer recomputes (normalised header → ignored).
IGNORED: dict[str, frozenset[str]] = {
    "orgs": frozenset(
        normalise_header(w) for w in ("source", "created_at", "updated_at", "deleted", "sector_ja", "custom")
    ),
    "ties": frozenset(
        normalise_header(w) for w in ("id", "source_file", "created_at", "updated_at", "type_ja", "custom")
    ),
}

REASONS = {
    "custom_collides": "custom field name collides with a known field (rename the column) / "
    "独自項目の名前が既存の項目と重なっています（列名を変えてください）",
    "custom_control": "control characters are not allowed in a custom field / 独自項目に制御文字は使えません",
}

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_PREFIX = re.compile(r"^custom[.:]", re.IGNORECASE)
_KNOWN = {
    kind: frozenset(normalise_header(w) for f, words in table.items() for w in (f, *words))
    for kind, table in HEADER_WORDS.items()
}


def custom_name(header: str) -> str:
    """A column's custom-field name: trimmed, without a ``custom.`` prefix.

    >>> custom_name(" custom.担当者 "), custom_name("電話")
    ('担当者', '電話')
    """
    return _PREFIX.sub("", str(header).strip()).strip()


def check_custom(kind: str, name: str, value: object = "") -> str | None:
    """The reason code when ``name``/``value`` cannot be a custom field of ``kind``, else ``None``.

    >>> check_custom("orgs", "name"), check_custom("ties", "担当"), check_custom("ties", "a", "x\\x00")
    ('custom_collides', None, 'custom_control')
    """
    key = normalise_header(name)
    if not key or key in _KNOWN.get(kind, ()) or key in IGNORED.get(kind, ()):
        return "custom_collides"
    if _CONTROL.search(name) or (isinstance(value, str) and _CONTROL.search(value)):
        return "custom_control"
    return None


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "|".join(clean_text(v) for v in value)
    return clean_text(value)


@dataclass(frozen=True)
class CustomColumn:
    """One column kept as a custom field: its position, field name and header as written."""

    index: int
    name: str
    header: str
    problem: str | None = None  # a reason code that makes every row with a value here bad


@dataclass
class CustomColumns:
    """The custom columns of one table, and the columns ignored."""

    kind: str
    columns: list[CustomColumn] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """The names kept, in column order."""
        return [c.name for c in self.columns if c.problem is None]

    def values(self, row: list, file: str, number: int) -> tuple[dict[str, str], list[RowError]]:
        """The custom fields of one row, and the errors that make it bad."""
        out: dict[str, str] = {}
        errors: list[RowError] = []
        for c in self.columns:
            raw = row[c.index] if c.index < len(row) else None
            text = _text(raw)
            if not text:
                continue
            code = c.problem or check_custom(self.kind, c.name, text)
            if code is not None:
                errors.append(RowError(file, number, c.header, text[:40], REASONS[code], code))
                continue
            out[c.name] = text
        return out, errors


def custom_columns(headers: list, known: set[int], kind: str) -> CustomColumns:
    """Which of ``headers`` (``known``: the indexes a field claims) are custom fields of ``kind``.

    Participations keep no custom fields: their unknown columns are ignored.
    """
    cols = CustomColumns(kind)
    seen: set[str] = set()
    for i, h in enumerate(headers):
        header = "" if h is None else str(h).strip()
        if not header or i in known:
            continue
        if kind not in IGNORED:
            cols.ignored.append(header)
            continue
        name = custom_name(header)
        key = normalise_header(name)
        if key in IGNORED[kind] and not _PREFIX.match(header):
            cols.ignored.append(header)
            continue
        problem = check_custom(kind, name)
        if problem is None and key in seen:
            problem = "custom_collides"
        seen.add(key)
        cols.columns.append(CustomColumn(i, name, header, problem))
    return cols


def kept_message(file: str, cols: CustomColumns) -> str | None:
    """The import-report line naming the columns kept as custom fields (English / Japanese)."""
    if not cols.names:
        return None
    return f"{file}: kept as custom fields / 独自項目として保存: {', '.join(cols.names)}"
