"""The sector taxonomy and the tie types of a partnership network, with their words.

Each sector and each tie type has a code (the value stored and exported), a Japanese and an
English label, and the other words an import accepts for it (自治会, 株式会社, 補助金 …), read by
``parse``; :data:`STRENGTH_LABELS` names the five strengths of a tie.  :mod:`network.model`
names all of these too (it is where callers import them from); this module imports only
:mod:`network.errors`.

Examples
--------
>>> Sector.parse("自治会")
<Sector.RESIDENTS_GROUP: 'residents_group'>
>>> TieType.parse("資金提供").default_directed
True
>>> STRENGTH_LABELS[4]
('協働', 'collaboration')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TypeVar

from network.errors import InputError

__all__ = ["Sector", "TieType", "STRENGTH_LABELS"]


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
