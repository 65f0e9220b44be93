"""Records and vocabularies of a partnership network.

Organisations (nodes), ties (edges), activities and participations (two-mode),
the sector taxonomy and the tie types, each with Japanese and English labels.
The date rules (fiscal years, "as of" periods) are in :mod:`network.fiscal` and
named here too.

Examples
--------
>>> Sector.parse("自治会")
<Sector.RESIDENTS_GROUP: 'residents_group'>
>>> TieType.parse("資金提供").default_directed
True
>>> from datetime import date
>>> fiscal_year(date(2024, 3, 31)), fiscal_year(date(2024, 4, 1))
(2023, 2024)
>>> fiscal_year_range(2024)
(datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import TypeVar

from network.errors import InputError
from network.fiscal import (  # noqa: F401 - part of the model's API, defined with the other date rules
    as_of_label,
    as_of_period,
    fiscal_year,
    fiscal_year_range,
    parse_fiscal_year,
    tie_active,
)

__all__ = [
    "tie_active",
    "Sector",
    "TieType",
    "STRENGTH_LABELS",
    "Org",
    "Tie",
    "Activity",
    "Participation",
    "fiscal_year",
    "fiscal_year_range",
    "parse_fiscal_year",
    "as_of_period",
    "as_of_label",
    "org_id_for",
    "tie_id_for",
    "activity_id_for",
    "ORG_FIELDS",
    "TIE_FIELDS",
    "CUSTOM_PREFIX",
    "custom_items",
]


class Sector(str, Enum):
    """Sector of an organisation.  The value is the code stored and exported."""

    RESIDENTS_GROUP = "residents_group"
    NPO = "npo"
    COMPANY = "company"
    UNIVERSITY = "university"
    GOVERNMENT = "government"
    FOUNDATION = "foundation"
    INTERMEDIARY = "intermediary"
    OTHER = "other"

    @property
    def ja(self) -> str:
        return _SECTOR_JA[self]

    @property
    def en(self) -> str:
        return _SECTOR_EN[self]

    def label(self, lang: str = "ja") -> str:
        return self.ja if lang == "ja" else self.en

    @classmethod
    def parse(cls, word: str) -> Sector:
        """Return the sector named by ``word`` (code, label or a common word).

        Raises ``ValueError`` when the word names no sector.
        """
        key = _norm_word(word)
        if key in _SECTOR_WORDS:
            return _SECTOR_WORDS[key]
        raise InputError(f"unknown sector: {word!r}")


_SECTOR_JA = {
    Sector.RESIDENTS_GROUP: "地縁組織・住民団体",
    Sector.NPO: "NPO・市民活動団体",
    Sector.COMPANY: "企業",
    Sector.UNIVERSITY: "大学・教育機関",
    Sector.GOVERNMENT: "行政",
    Sector.FOUNDATION: "財団・助成団体",
    Sector.INTERMEDIARY: "中間支援組織",
    Sector.OTHER: "その他",
}
_SECTOR_EN = {
    Sector.RESIDENTS_GROUP: "Residents' group",
    Sector.NPO: "NPO / civic group",
    Sector.COMPANY: "Company",
    Sector.UNIVERSITY: "University / education",
    Sector.GOVERNMENT: "Government",
    Sector.FOUNDATION: "Foundation / funder",
    Sector.INTERMEDIARY: "Intermediary",
    Sector.OTHER: "Other",
}
_SECTOR_EXTRA = {
    Sector.RESIDENTS_GROUP: [
        "地縁組織",
        "住民団体",
        "自治会",
        "町内会",
        "町会",
        "地域活動協議会",
        "地活協",
        "連合町内会",
        "連合振興町会",
        "まちづくり協議会",
        "residents",
        "residents group",
        "residents' group",
        "neighbourhood association",
        "neighborhood association",
        "community association",
        "地縁",
        "住民",
        # added by the ingest helper (additive): more residents' groups
        "子ども会",
        "老人クラブ",
        "pta",
        "自主防災組織",
        "女性会",
    ],
    Sector.NPO: [
        "npo",
        "npo法人",
        "特定非営利活動法人",
        "市民活動団体",
        "市民団体",
        "ボランティア団体",
        "ngo",
        "civic group",
        "nonprofit",
        "non-profit",
        "一般社団法人",
        "社会福祉法人",
        "社会福祉協議会",
        "社協",
        # added by the ingest helper (additive): legal forms of non-profits
        "認定特定非営利活動法人",
        "特例認定特定非営利活動法人",
        "認定npo法人",
        "公益社団法人",
        "社団法人",
        "生活協同組合",
        "生協",
        "協同組合",
    ],
    Sector.COMPANY: [
        "企業",
        "株式会社",
        "有限会社",
        "合同会社",
        "合資会社",
        "合名会社",
        "会社",
        "事業者",
        "business",
        "corporation",
        "firm",
        "private",
        "民間企業",
    ],
    Sector.UNIVERSITY: [
        "大学",
        "教育機関",
        "学校",
        "研究機関",
        "研究所",
        "国立大学法人",
        "学校法人",
        "高校",
        "小学校",
        "中学校",
        "university",
        "education",
        "school",
        "academia",
        "research",
        # added by the ingest helper (additive)
        "公立大学法人",
        "国立研究開発法人",
        "高等学校",
        "専門学校",
    ],
    Sector.GOVERNMENT: [
        "行政",
        "自治体",
        "市",
        "区",
        "町",
        "村",
        "県",
        "都",
        "府",
        "道",
        "国",
        "省",
        "庁",
        "区役所",
        "市役所",
        "県庁",
        "government",
        "gov",
        "local government",
        "public",
        "municipality",
        "ministry",
        # added by the ingest helper (additive)
        "独立行政法人",
        "地方独立行政法人",
    ],
    Sector.FOUNDATION: [
        "財団",
        "助成団体",
        "公益財団法人",
        "一般財団法人",
        "基金",
        "助成財団",
        "foundation",
        "funder",
        "grantmaker",
        "trust",
        # added by the ingest helper (additive)
        "財団法人",
    ],
    Sector.INTERMEDIARY: [
        "中間支援組織",
        "中間支援",
        "まちづくりセンター",
        "市民活動センター",
        "intermediary",
        "intermediary support organisation",
        "intermediary support organization",
        "support centre",
        "support center",
    ],
    Sector.OTHER: [
        "その他",
        "other",
        "others",
        "misc",
        # added by the ingest helper (additive)
        "医療法人",
        "宗教法人",
    ],
}


class TieType(str, Enum):
    """Type of a tie between two organisations."""

    COLLABORATION = "collaboration"
    INFORMATION = "information"
    AGREEMENT = "agreement"
    FUNDING = "funding"
    COMMISSION = "commission"
    SUPPORT = "support"
    MEMBERSHIP = "membership"

    @property
    def ja(self) -> str:
        return _TIE_JA[self]

    @property
    def en(self) -> str:
        return _TIE_EN[self]

    def label(self, lang: str = "ja") -> str:
        return self.ja if lang == "ja" else self.en

    @property
    def default_directed(self) -> bool:
        """Funding, commission, support and membership point one way."""
        return self in _DIRECTED_TYPES

    @classmethod
    def parse(cls, word: str) -> TieType:
        """Return the tie type named by ``word``; ``ValueError`` if none."""
        key = _norm_word(word)
        if key in _TIE_WORDS:
            return _TIE_WORDS[key]
        raise InputError(f"unknown tie type: {word!r}")


_TIE_JA = {
    TieType.COLLABORATION: "協働",
    TieType.INFORMATION: "情報交換",
    TieType.AGREEMENT: "連携協定",
    TieType.FUNDING: "助成・資金提供",
    TieType.COMMISSION: "委託",
    TieType.SUPPORT: "支援・助言",
    TieType.MEMBERSHIP: "加盟・構成員",
}
_TIE_EN = {
    TieType.COLLABORATION: "Collaboration",
    TieType.INFORMATION: "Information exchange",
    TieType.AGREEMENT: "Partnership agreement",
    TieType.FUNDING: "Funding",
    TieType.COMMISSION: "Commission",
    TieType.SUPPORT: "Support / advice",
    TieType.MEMBERSHIP: "Membership",
}
_DIRECTED_TYPES = {TieType.FUNDING, TieType.COMMISSION, TieType.SUPPORT, TieType.MEMBERSHIP}
_TIE_EXTRA = {
    TieType.COLLABORATION: ["協働", "協力", "共同事業", "collaborate", "cooperation", "joint project"],
    TieType.INFORMATION: ["情報交換", "情報共有", "information", "info", "information exchange"],
    TieType.AGREEMENT: ["連携協定", "協定", "連携", "agreement", "mou", "partnership agreement"],
    TieType.FUNDING: [
        "助成",
        "資金提供",
        "寄付",
        "協賛",
        "補助",
        "補助金",
        "grant",
        "funding",
        "donation",
        "sponsorship",
    ],
    TieType.COMMISSION: ["委託", "業務委託", "受託", "commission", "contract", "commissioning"],
    TieType.SUPPORT: ["支援", "助言", "相談", "伴走支援", "support", "advice", "advise"],
    TieType.MEMBERSHIP: ["加盟", "構成員", "会員", "参加", "membership", "member"],
}

#: The collaboration continuum (Himmelman): strength 1–5.
STRENGTH_LABELS: dict[int, tuple[str, str]] = {
    1: ("認知", "awareness"),
    2: ("協力", "cooperation"),
    3: ("調整", "coordination"),
    4: ("協働", "collaboration"),
    5: ("統合", "integration"),
}


_E = TypeVar("_E", bound=Enum)


def _norm_word(word: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", str(word)).strip().lower().replace("_", " ").split())


def _build_words(
    enum_cls: type[_E], ja: Mapping[_E, str], en: Mapping[_E, str], extra: Mapping[_E, Sequence[str]]
) -> dict[str, _E]:
    words: dict[str, _E] = {}
    for member in enum_cls:
        names = [member.value, member.name, ja[member], en[member], *extra.get(member, [])]
        # each part of a label on its own: 助成・資金提供 → 助成, 資金提供
        for label in (ja[member], en[member]):
            names += [p for p in label.replace("／", "/").replace("・", "/").split("/") if p.strip()]
        for n in names:
            words.setdefault(_norm_word(n), member)
    return words


_SECTOR_WORDS: dict[str, Sector] = _build_words(Sector, _SECTOR_JA, _SECTOR_EN, _SECTOR_EXTRA)
_TIE_WORDS: dict[str, TieType] = _build_words(TieType, _TIE_JA, _TIE_EN, _TIE_EXTRA)


# --------------------------------------------------------------------------- records
@dataclass
class Org:
    """An organisation (node)."""

    id: str
    name: str
    sector: str = Sector.OTHER.value
    kind: str = ""
    prefecture: str = ""
    city: str = ""
    district: str = ""
    corporate_number: str = ""
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    url: str = ""
    note: str = ""
    source: str = ""
    created_at: str = ""
    updated_at: str = ""
    #: columns Renkei does not know (担当者, 電話 …): name → text, kept as they were imported
    custom: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Org:
        return cls(**{k: d[k] for k in ORG_FIELDS if k in d and d[k] is not None})


@dataclass
class Tie:
    """A tie (edge).  ``start``/``end``/``last_confirmed`` are ISO dates or ``None``."""

    id: str
    source: str
    target: str
    type: str = TieType.COLLABORATION.value
    directed: bool = False
    strength: int = 3
    start: str | None = None
    end: str | None = None
    project: str = ""
    evidence: str = ""
    last_confirmed: str | None = None
    weight: float = 1.0
    note: str = ""
    source_file: str = ""
    created_at: str = ""
    updated_at: str = ""
    #: columns Renkei does not know: name → text (see :attr:`Org.custom`)
    custom: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return _to_dict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Tie:
        return cls(**{k: d[k] for k in TIE_FIELDS if k in d})

    def active_on(self, day: str | None) -> bool:
        """True when the tie runs on ISO date ``day`` (``None``: always)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or self.end >= day)


@dataclass
class Activity:
    """A council, meeting or project several organisations take part in."""

    id: str
    name: str
    kind: str = ""
    start: str | None = None
    end: str | None = None
    note: str = ""

    def to_dict(self) -> dict:
        return _to_dict(self)


@dataclass
class Participation:
    """An organisation's part in an activity."""

    org: str
    activity: str
    role: str = ""
    date: str | None = None

    def to_dict(self) -> dict:
        return _to_dict(self)


def _to_dict(rec: object) -> dict:
    """A shallow dict of a record, lists and the custom dict copied (``dataclasses.asdict`` is 20x slower)."""
    d = {name: getattr(rec, name) for name in _FIELDS[type(rec)]}
    for k, v in d.items():
        if type(v) is list:
            d[k] = list(v)
        elif type(v) is dict:
            d[k] = dict(v)
    return d


#: how a custom field travels in a flat file (CSV/JSON column, GraphML/GEXF attribute): ``custom.担当者``
CUSTOM_PREFIX = "custom."


def custom_items(custom: dict | None) -> dict[str, str]:
    """A record's custom fields as flat columns (what exports write and imports read back).

    >>> custom_items({"担当者": "佐藤"}), custom_items(None)
    ({'custom.担当者': '佐藤'}, {})
    """
    return {CUSTOM_PREFIX + str(k): str(v) for k, v in (custom or {}).items()}


_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls)) for cls in (Org, Tie, Activity, Participation)
}
ORG_FIELDS = tuple(f.name for f in fields(Org))
TIE_FIELDS = tuple(f.name for f in fields(Tie))


def _digest(*parts: object) -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def org_id_for(normalised_name: str, corporate_number: str = "") -> str:
    """Stable id for a new organisation: from its 法人番号, else its normalised name."""
    return "org-" + _digest(corporate_number or normalised_name)


def tie_id_for(
    source: str,
    target: str,
    type_: str,
    start: str | None,
    project: str = "",
    directed: bool | None = None,
) -> str:
    """Stable id of a tie, so that importing the same row twice changes nothing.

    An undirected tie gets the same id whichever way round it is written.
    """
    if directed is None:
        directed = TieType(type_).default_directed
    if not directed and target < source:
        source, target = target, source
    return "tie-" + _digest(source, target, type_, start or "", project)


def activity_id_for(normalised_name: str) -> str:
    return "act-" + _digest(normalised_name)
