"""Column headers in English or Japanese → record fields, and the kind of a file.

A header is compared after NFKC, trimming, lower-casing and removing spaces,
underscores and hyphens, so ``Corporate Number``, ``corporate_number`` and
``法人番号`` all name the same field.  The kind of a table (organisations, ties,
participations) is recognised from its headers: an activity column makes it
participations, source and target columns make it ties, a name column makes it
organisations.

Examples
--------
>>> detect_kind(["団体名", "区分", "市区町村"]), detect_kind(["連携元", "連携先", "関係"])
('orgs', 'ties')
>>> hm = map_headers(["連携元", "連携先", "強さ", "担当者"], "ties")
>>> hm.columns["source"], hm.columns["strength"], hm.unknown, hm.missing
(0, 2, ['担当者'], [])
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from network.errors import InputError

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "HEADER_WORDS",
    "REQUIRED",
    "HeaderMap",
    "normalise_header",
    "map_headers",
    "detect_kind",
    "parse_kind",
    "missing_column_reason",
]

KINDS: tuple[str, ...] = ("orgs", "ties", "participations")
KIND_LABELS: dict[str, str] = {
    "orgs": "団体 organisations",
    "ties": "連携 ties",
    "participations": "参加 participations",
}

#: Field → header words accepted (compared after :func:`normalise_header`).
HEADER_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "orgs": {
        "id": ("id", "団体id", "団体コード"),
        "name": ("name", "団体名", "名称", "組織名", "organisation", "organization", "org name"),
        "sector": ("sector", "区分", "セクター", "分野"),
        "kind": ("kind", "種別", "法人格", "legal form", "type"),
        "prefecture": ("prefecture", "都道府県", "県"),
        "city": ("city", "市区町村", "市町村"),
        "district": ("district", "地区", "校区", "小学校区"),
        "corporate_number": ("corporate number", "法人番号", "corporate no"),
        "aliases": ("aliases", "alias", "別名", "略称"),
        "tags": ("tags", "tag", "タグ"),
        "url": ("url", "website", "ウェブサイト", "ホームページ"),
        "note": ("note", "notes", "備考", "メモ"),
    },
    "ties": {
        "source": ("source", "連携元", "from", "source org", "団体a"),
        "target": ("target", "連携先", "to", "target org", "団体b"),
        "type": ("type", "関係", "種類", "tie type", "関係の種類"),
        "directed": ("directed", "方向", "向き"),
        "strength": ("strength", "強さ", "強度"),
        "start": ("start", "開始", "開始日", "start date", "from date"),
        "end": ("end", "終了", "終了日", "end date", "to date"),
        "project": ("project", "事業名", "プロジェクト"),
        "evidence": ("evidence", "根拠", "出典"),
        "last_confirmed": ("last confirmed", "最終確認", "最終確認日"),
        "note": ("note", "notes", "備考", "メモ"),
    },
    "participations": {
        "org": ("org", "団体", "団体名", "organisation", "organization"),
        "activity": ("activity", "活動", "会議", "事業", "活動名", "会議名"),
        "role": ("role", "役割"),
        "date": ("date", "日付", "開催日"),
    },
}

#: Fields a table of each kind must have a column for.
REQUIRED: dict[str, tuple[str, ...]] = {
    "orgs": ("name", "sector"),
    "ties": ("source", "target"),
    "participations": ("org", "activity"),
}

_KIND_WORDS: dict[str, str] = {}


def normalise_header(text: object) -> str:
    """Header text for matching: NFKC, trimmed, lower case, no spaces/``_``/``-``.

    >>> normalise_header(" Corporate_Number "), normalise_header("開始　日")
    ('corporatenumber', '開始日')
    """
    s = unicodedata.normalize("NFKC", "" if text is None else str(text)).strip().lower()
    return "".join(s.replace("_", " ").replace("-", " ").split())


_LOOKUP: dict[str, dict[str, str]] = {
    kind: {normalise_header(w): f for f, words in table.items() for w in (f, *words)}
    for kind, table in HEADER_WORDS.items()
}
for _k, _words in {
    "orgs": ("orgs", "org", "organisations", "organizations", "organisation", "団体", "組織", "団体一覧"),
    "ties": ("ties", "tie", "edges", "links", "連携", "関係", "つながり", "連携一覧"),
    "participations": ("participations", "participation", "参加", "参加団体", "参加状況", "活動参加"),
}.items():
    for _w in _words:
        _KIND_WORDS[normalise_header(_w)] = _k


@dataclass
class HeaderMap:
    """Where each field is in a table's rows.

    ``columns`` maps a field to its column index, ``labels`` a field to the
    header as the file writes it (for error reports), ``unknown`` lists headers
    no field claims and ``missing`` the required fields without a column.
    """

    kind: str
    columns: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)

    def label(self, name: str) -> str:
        """The header of field ``name`` as written, else the field name itself."""
        return self.labels.get(name, name)


def map_headers(headers: list, kind: str) -> HeaderMap:
    """Map the ``headers`` of a table of ``kind`` to fields (first column wins)."""
    lookup = _LOOKUP[kind]
    hm = HeaderMap(kind)
    for i, h in enumerate(headers):
        text = "" if h is None else str(h).strip()
        if not text:
            continue
        f = lookup.get(normalise_header(text))
        if f is None:
            hm.unknown.append(text)
        elif f in hm.columns:
            hm.duplicate.append(text)
        else:
            hm.columns[f] = i
            hm.labels[f] = text
    hm.missing = [f for f in REQUIRED[kind] if f not in hm.columns]
    return hm


def detect_kind(headers: list, hint: str = "") -> str | None:
    """The kind of a table from its headers (``hint``: a sheet or file name), or ``None``.

    >>> detect_kind(["団体名", "会議", "役割"]), detect_kind(["a", "b"], hint="連携")
    ('participations', 'ties')
    """
    keys = {normalise_header(h) for h in headers if h is not None}

    def has(kind: str, f: str) -> bool:
        lookup = _LOOKUP[kind]
        return any(lookup.get(k) == f for k in keys)

    if has("participations", "activity") and has("participations", "org"):
        return "participations"
    if has("ties", "source") and has("ties", "target"):
        return "ties"
    if has("orgs", "name"):
        return "orgs"
    return _KIND_WORDS.get(normalise_header(hint)) if hint else None


def parse_kind(word: str) -> str:
    """``orgs``/``ties``/``participations`` from a word in English or Japanese.

    >>> parse_kind("団体"), parse_kind("Organizations"), parse_kind("連携")
    ('orgs', 'orgs', 'ties')
    """
    kind = _KIND_WORDS.get(normalise_header(word))
    if kind is None:
        raise InputError(f"unknown kind of file: {word!r} (orgs 団体, ties 連携, participations 参加)")
    return kind


def missing_column_reason(kind: str, name: str) -> str:
    """Why a table lacks field ``name``, naming headers that would do.

    >>> missing_column_reason("orgs", "sector")
    'missing required column / 必須の列がありません: sector (区分, セクター, 分野)'
    """
    words = [w for w in HEADER_WORDS[kind][name] if not w.isascii()][:3] or list(HEADER_WORDS[kind][name][:3])
    return f"missing required column / 必須の列がありません: {name} ({', '.join(words)})"
