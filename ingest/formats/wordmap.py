"""``--map FILE``: a user's own words for sectors, tie types and strengths (word → code).

A CSV (two columns: word, code; a header row is optional) or a JSON object
(``{"Organization": "intermediary", "Contract": "commission"}``, or grouped as
``{"sector": {...}, "type": {...}, "strength": {...}}``).  A code is a sector
or tie-type code or any word Renkei already reads for one (``行政``,
``助成``), or a strength 1–5.  The map is applied to the sector and tie-type
(and strength) cells of every table before validation, so a word neither the
map nor Renkei's vocabulary knows is still a bad row.

>>> m = parse_word_map("m.csv", "word,code\\nOrganization,intermediary\\nContract,委託\\nStrong,5\\n".encode())
>>> m.sector, m.type, m.strength
({'organization': 'intermediary'}, {'contract': 'commission'}, {'strong': '5'})
"""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest.headers import detect_kind, map_headers, parse_kind
from ingest.readers import Table, decode_bytes
from ingest.report import ImportReport, RowError
from network.errors import ValidationError
from network.model import Sector, TieType

__all__ = ["WordMap", "parse_word_map", "load_word_map", "apply_word_map"]


def _key(word: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(word)).strip().lower().replace("_", " ").split())


@dataclass
class WordMap:
    """Normalised word → code, per column (``sector``, ``type``, ``strength``)."""

    sector: dict[str, str] = field(default_factory=dict)
    type: dict[str, str] = field(default_factory=dict)
    strength: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.sector or self.type or self.strength)


def _target(code: str, group: str | None) -> tuple[str, str] | None:
    """``(column, code)`` for a code, or ``None`` when it names nothing (or two things, ungrouped)."""
    found: list[tuple[str, str]] = []
    c = code.strip()
    if group in (None, "strength") and c in {"1", "2", "3", "4", "5"}:
        found.append(("strength", c))
    for col, enum in (("sector", Sector), ("type", TieType)):
        if group in (None, col):
            try:
                found.append((col, enum.parse(c).value))
            except ValueError:
                pass
    return found[0] if len(found) == 1 else None


def _groups(doc: object) -> list[tuple[str | None, str, str, int]]:
    if not isinstance(doc, dict):
        return []
    out: list[tuple[str | None, str, str, int]] = []
    for n, (k, v) in enumerate(doc.items(), start=1):
        if isinstance(v, dict) and _key(k) in (
            "sector",
            "sectors",
            "区分",
            "type",
            "types",
            "関係",
            "strength",
            "強さ",
        ):
            g = {"sectors": "sector", "区分": "sector", "types": "type", "関係": "type", "強さ": "strength"}.get(
                _key(k), _key(k)
            )
            out += [(g, str(w), str(c), n) for w, c in v.items()]
        else:
            out.append((None, str(k), "" if v is None else str(v), n))
    return out


def parse_word_map(name: str, data: bytes) -> WordMap:
    """A :class:`WordMap` from a CSV or JSON file; :class:`ValidationError` listing every bad row."""
    text, _, _ = decode_bytes(data)
    entries: list[tuple[str | None, str, str, int]] = []
    errors: list[RowError] = []
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        try:
            entries = _groups(json.loads(text))
        except ValueError as exc:
            errors.append(RowError(name, 0, "", "", f"not valid JSON / JSON として読めません: {exc}", "unreadable"))
        if not entries and not errors:
            errors.append(
                RowError(
                    name,
                    0,
                    "",
                    "",
                    "expected an object of word → code / 語→コードのオブジェクトが必要です",
                    "unreadable",
                )
            )
    else:
        for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if len(cells) < 2 or not cells[0] or not cells[1]:
                errors.append(
                    RowError(
                        name,
                        n,
                        "",
                        ",".join(cells)[:40],
                        "a row needs a word and a code / 語とコードの2列が必要です",
                        "bad_map",
                    )
                )
                continue
            if n == 1 and _target(cells[1], None) is None:
                continue  # a header row
            entries.append((None, cells[0], cells[1], n))
    m = WordMap()
    for group, word, code, n in entries:
        hit = _target(code, group)
        if hit is None:
            errors.append(
                RowError(
                    name,
                    n,
                    "code",
                    code,
                    "not a sector, tie type or strength 1–5 (or it names more "
                    "than one) / 区分・関係の種類・強さ(1〜5)のいずれでもありません",
                    "bad_map",
                )
            )
            continue
        getattr(m, hit[0])[_key(word)] = hit[1]
    if errors:
        report = ImportReport(errors=sorted(errors, key=lambda e: e.row))
        raise ValidationError(
            f"{len(errors)} bad rows in the word map {name} / 対応表に不正な行が {len(errors)} 件あります", report
        )
    return m


def load_word_map(source: str | os.PathLike | dict | WordMap | None) -> WordMap | None:
    """A map from a path, a ``{word: code}`` dict or a :class:`WordMap` (``None`` passes through)."""
    if source is None or isinstance(source, WordMap):
        return source
    if isinstance(source, dict):
        return parse_word_map("map.json", json.dumps(source, ensure_ascii=False).encode())
    p = Path(source)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"cannot read the word map {p}: {exc.strerror} / 対応表を読めません", ImportReport()
        ) from exc
    return parse_word_map(p.name, data)


def apply_word_map(tables: list[Table], word_map: WordMap | None, kind: str | None = None) -> list[Table]:
    """Replace mapped words in the sector, type and strength cells of ``tables`` (in place; returned).

    An organisation row with an empty sector and a mapped word in its kind
    column gets the mapped sector (a graph file's ``type`` is read as the kind).
    """
    if not word_map:
        return tables
    forced = parse_kind(kind) if kind else None
    for t in tables:
        if not t.headers:
            continue
        k = forced or detect_kind(t.headers, t.hint)
        if k not in ("orgs", "ties"):
            continue
        cols = map_headers(t.headers, k).columns
        kind_col = cols.get("kind") if k == "orgs" and word_map.sector else None
        if kind_col is not None and "sector" not in cols:
            t.headers.append("sector")  # rows shorter than the headers read as empty cells
            cols["sector"] = len(t.headers) - 1
        plan = (
            [(cols.get("sector"), word_map.sector)]
            if k == "orgs"
            else [(cols.get("type"), word_map.type), (cols.get("strength"), word_map.strength)]
        )
        for row in t.rows:
            for i, words in plan:
                if i is not None and i < len(row) and row[i] not in (None, ""):
                    row[i] = words.get(_key(row[i]), row[i])
            if kind_col is None or kind_col >= len(row) or row[kind_col] in (None, ""):
                continue
            si = cols["sector"]
            mapped = word_map.sector.get(_key(row[kind_col]))
            if mapped and (si >= len(row) or row[si] in (None, "")):
                row.extend([None] * (si + 1 - len(row)))
                row[si] = mapped
    return tables
