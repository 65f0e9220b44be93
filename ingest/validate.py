"""One row (field → raw value) → a draft record, or every reason it is bad.

Validation checks each cell on its own (sector and tie-type words, dates, end
not before start, strength 1–5, yes/no, 法人番号 check digit).  Whether the
organisations a tie names exist is decided later by :mod:`ingest.resolve`.

Defaults: an empty ``strength`` is 3 (調整 coordination, the middle of the
collaboration continuum and :class:`~network.model.Tie`'s default); an empty
``type`` is collaboration 協働; an empty ``directed`` is the type's default;
an empty ``sector`` is inferred from ``kind`` or from the legal form in the
name (株式会社 → company) and is an error only for a new organisation.

Examples
--------
>>> d, errs = validate_tie_row({"source": "A", "target": "B", "type": "助成", "strength": "９"},
...                            file="ties.csv", row=2)
>>> d is None, [(e.column, e.value, e.code) for e in errs]
(True, [('strength', '９', 'strength_range')])
>>> d, errs = validate_org_row({"name": "㈱富士通エフサス", "sector": ""}, file="orgs.csv", row=2)
>>> d.org.sector, d.sector_given, errs
('company', False, [])
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ingest.normalise import (
    check_corporate_number,
    clean_corporate_number,
    clean_text,
    display_name,
    legal_form,
    parse_bool,
    parse_date,
)
from ingest.report import RowError
from network.errors import InputError
from network.model import STRENGTH_LABELS, Org, Sector, TieType

__all__ = [
    "RowError",
    "REASONS",
    "OrgDraft",
    "TieDraft",
    "ParticipationDraft",
    "validate_org_row",
    "validate_tie_row",
    "validate_participation_row",
    "parse_strength",
    "split_list",
]

#: code → reason shown to users (English / Japanese).
REASONS: dict[str, str] = {
    "missing_column": "missing required column / 必須の列がありません",
    "empty": "required value is empty / 必須の値が空です",
    "unknown_sector": "unknown sector / 区分が不明です",
    "no_sector": "sector is empty and cannot be inferred from the kind or name / 区分が空で、種別や名称からも判断できません",
    "unknown_type": "unknown tie type / 関係の種類が不明です",
    "bad_directed": "directed must be yes/no (有/無, 一方向/双方向) / 方向は 有/無・一方向/双方向 で指定してください",
    "bad_date": "not a date (2024-04-01, 2024/4/1, 令和6年4月1日, R6.4.1) / 日付として読めません",
    "end_before_start": "end is before start / 終了日が開始日より前です",
    "strength_range": "strength out of range 1–5 / 強さは1〜5で指定してください",
    "bad_corporate_number": "法人番号 must be 13 digits with a valid check digit / 法人番号は13桁で、チェックデジットが正しくありません",
    "excel_number": "法人番号 was turned into a number by Excel (format the column as text) / "
    "法人番号がExcelで数値に変換されています（列を文字列にしてください）",
    "unknown_org": "unknown organisation (add it to the organisations first) / 団体が登録されていません（先に団体を登録してください）",
    "ambiguous_org": "ambiguous name: more than one organisation fits (use the id or full name) / "
    "名称が複数の団体に該当します（IDか正式名称で指定してください）",
    "self_tie": "an organisation cannot be tied to itself / 同じ団体どうしの連携は登録できません",
    "undecodable": "undecodable bytes / 文字化け",
    "unknown_kind": "cannot tell what the file holds (use --kind orgs|ties|participations) / "
    "ファイルの種類が判別できません（--kind で指定してください）",
}

_STRENGTH_WORDS = {w.lower(): n for n, labels in STRENGTH_LABELS.items() for w in labels}


@dataclass(slots=True)
class OrgDraft:
    """A valid organisation row before it is matched to the store."""

    org: Org
    sector_given: bool
    file: str
    row: int


@dataclass(slots=True)
class TieDraft:
    """A valid tie row whose ends are still names or ids as written."""

    source_ref: str
    target_ref: str
    type: str
    directed: bool
    strength: int
    start: str | None
    end: str | None
    project: str
    evidence: str
    last_confirmed: str | None
    note: str
    file: str
    row: int


@dataclass(slots=True)
class ParticipationDraft:
    """A valid participation row whose organisation is still a name or id."""

    org_ref: str
    activity: str
    role: str
    date: str | None
    file: str
    row: int


def split_list(value: object) -> list[str]:
    """``a|b`` (or a JSON list) → ``["a", "b"]``, empty parts dropped.

    >>> split_list("れんぷく｜みやぎ連携復興センター")
    ['れんぷく', 'みやぎ連携復興センター']
    """
    if isinstance(value, (list, tuple)):
        parts = [clean_text(v) for v in value]
    else:
        parts = clean_text(value).replace("｜", "|").split("|")
    return [display_name(p) for p in parts if p.strip()]


def parse_strength(value: object) -> int | None:
    """1–5 from ``3``, ``"３"``, ``3.0`` or a label (調整, coordination); ``None`` if empty.

    Raises ``ValueError`` when out of range or not a strength.

    >>> parse_strength("協働"), parse_strength(""), parse_strength("5")
    (4, None, 5)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        n = value
    else:
        s = unicodedata.normalize("NFKC", clean_text(value)).strip().lower()
        if not s:
            return None
        if s in _STRENGTH_WORDS:
            return _STRENGTH_WORDS[s]
        try:
            f = float(s)
        except ValueError:
            raise InputError(f"not a strength: {value!r}") from None
        if not f.is_integer():
            raise InputError(f"not a whole number: {value!r}")
        n = int(f)
    if not 1 <= n <= 5:
        raise InputError(f"strength out of range: {value!r}")
    return n


def _date(values: dict, name: str, file: str, row: int, labels: dict, errors: list) -> str | None:
    v = values.get(name)
    if v is None or v == "":
        return None
    try:
        return parse_date(v)
    except ValueError:
        errors.append(RowError(file, row, labels.get(name, name), clean_text(v), REASONS["bad_date"], "bad_date"))
        return None


def _need(values: dict, name: str, file: str, row: int, labels: dict, errors: list) -> str:
    v = clean_text(values.get(name))
    if not v:
        errors.append(RowError(file, row, labels.get(name, name), "", REASONS["empty"], "empty"))
    return v


def validate_org_row(
    values: dict, *, file: str, row: int, labels: dict | None = None, source: str = ""
) -> tuple[OrgDraft | None, list[RowError]]:
    """Check one organisation row; ``labels`` maps field → header as written."""
    labels = labels or {}
    errors: list[RowError] = []
    name = display_name(_need(values, "name", file, row, labels, errors))
    kind = clean_text(values.get("kind"))
    sector_word = clean_text(values.get("sector"))
    sector = ""
    if sector_word:
        try:
            sector = _sector(sector_word).value
        except ValueError:
            errors.append(
                RowError(
                    file, row, labels.get("sector", "sector"), sector_word, REASONS["unknown_sector"], "unknown_sector"
                )
            )
    else:
        for word in (kind, legal_form(name) if name else ""):
            try:
                sector = _sector(word).value if word else ""
            except ValueError:
                continue
            if sector:
                break
    corp = ""
    raw_corp = values.get("corporate_number")
    if raw_corp not in (None, ""):
        corp = clean_corporate_number(raw_corp)
        if corp and not check_corporate_number(corp):
            code = "excel_number" if "e+" in corp.lower() else "bad_corporate_number"
            errors.append(
                RowError(
                    file,
                    row,
                    labels.get("corporate_number", "corporate_number"),
                    clean_text(raw_corp),
                    REASONS[code],
                    code,
                )
            )
    if errors:
        return None, errors
    org = Org(
        id=clean_text(values.get("id")),
        name=name,
        sector=sector,
        kind=kind or legal_form(name),
        prefecture=clean_text(values.get("prefecture")),
        city=clean_text(values.get("city")),
        district=clean_text(values.get("district")),
        corporate_number=corp,
        aliases=split_list(values.get("aliases")),
        tags=split_list(values.get("tags")),
        url=clean_text(values.get("url")),
        note=clean_text(values.get("note")),
        source=source,
    )
    return OrgDraft(org, bool(sector_word), file, row), []


@lru_cache(maxsize=1024)
def _sector(word: str) -> Sector:
    return Sector.parse(word)


@lru_cache(maxsize=1024)
def _tie_type(word: str) -> TieType:
    return TieType.parse(word)


@lru_cache(maxsize=1024)
def _strength(word: str) -> int | None:
    return parse_strength(word)


@lru_cache(maxsize=256)
def _directed(word: str) -> bool | None:
    return parse_bool(word)


@lru_cache(maxsize=65536)
def _date_text(word: str) -> str | None:
    return parse_date(word)


def _text(v: object) -> str:
    return v.strip() if v.__class__ is str else clean_text(v)  # type: ignore[union-attr]


def _tie_date(values: dict, name: str, file: str, row: int, labels: dict, errors: list) -> str | None:
    v = values.get(name)
    if not v:
        return None
    try:
        return _date_text(v) if v.__class__ is str else parse_date(v)
    except ValueError:
        errors.append(RowError(file, row, labels.get(name, name), clean_text(v), REASONS["bad_date"], "bad_date"))
        return None


def validate_tie_row(
    values: dict, *, file: str, row: int, labels: dict | None = None
) -> tuple[TieDraft | None, list[RowError]]:
    """Check one tie row (its organisations are resolved later).

    The hot path of a large import: words, strengths and dates are parsed once
    per distinct spelling (cached).
    """
    labels = labels or {}
    errors: list[RowError] = []
    get = values.get
    source = _text(get("source"))
    target = _text(get("target"))
    if not source:
        errors.append(RowError(file, row, labels.get("source", "source"), "", REASONS["empty"], "empty"))
    if not target:
        errors.append(RowError(file, row, labels.get("target", "target"), "", REASONS["empty"], "empty"))
    type_word = _text(get("type"))
    tie_type = TieType.COLLABORATION
    if type_word:
        try:
            tie_type = _tie_type(type_word)
        except ValueError:
            errors.append(
                RowError(file, row, labels.get("type", "type"), type_word, REASONS["unknown_type"], "unknown_type")
            )
    directed = tie_type.default_directed
    raw = get("directed")
    if raw is not None and raw != "":
        try:
            b = _directed(raw) if raw.__class__ is str else parse_bool(raw)
            directed = directed if b is None else b
        except ValueError:
            errors.append(
                RowError(
                    file,
                    row,
                    labels.get("directed", "directed"),
                    clean_text(raw),
                    REASONS["bad_directed"],
                    "bad_directed",
                )
            )
    strength = 3
    raw = get("strength")
    if raw is not None and raw != "":
        try:
            strength = (_strength(raw) if raw.__class__ is str else parse_strength(raw)) or 3
        except ValueError:
            errors.append(
                RowError(
                    file,
                    row,
                    labels.get("strength", "strength"),
                    clean_text(raw),
                    REASONS["strength_range"],
                    "strength_range",
                )
            )
    start = _tie_date(values, "start", file, row, labels, errors)
    end = _tie_date(values, "end", file, row, labels, errors)
    last = _tie_date(values, "last_confirmed", file, row, labels, errors)
    if start and end and end < start:
        errors.append(
            RowError(
                file,
                row,
                labels.get("end", "end"),
                clean_text(get("end")),
                REASONS["end_before_start"],
                "end_before_start",
            )
        )
    if errors:
        return None, errors
    return TieDraft(
        source,
        target,
        tie_type.value,
        directed,
        strength,
        start,
        end,
        _text(get("project")),
        _text(get("evidence")),
        last,
        _text(get("note")),
        file,
        row,
    ), []


def validate_participation_row(
    values: dict, *, file: str, row: int, labels: dict | None = None
) -> tuple[ParticipationDraft | None, list[RowError]]:
    """Check one participation row (org, activity, role, date)."""
    labels = labels or {}
    errors: list[RowError] = []
    org = _need(values, "org", file, row, labels, errors)
    activity = display_name(_need(values, "activity", file, row, labels, errors))
    day = _date(values, "date", file, row, labels, errors)
    if errors:
        return None, errors
    return ParticipationDraft(org, activity, clean_text(values.get("role")), day, file, row), []
