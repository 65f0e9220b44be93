"""What a survey round asks: the six relationship items, their scale, and the choices offered.

The six relationship items are PARTNER CPRM's (Varda et al.): three for
**trust** (openness to discussion, reliability, support of the shared mission)
and three for **value** (power and influence, resource contribution, level of
involvement), each answered on a 1–4 scale (1 全くない not at all … 4 非常に a great
deal).  Then how often two organisations work together, the tie types asked, and what
an organisation contributes, each with its Japanese and English wording and the other
words accepted on paper.  :mod:`network.survey.model` names all of these too (callers
import them from there) and parses and checks answers against them; this module
imports nothing of Renkei.

Examples
--------
>>> TRUST_ITEMS
('trust_openness', 'trust_reliability', 'trust_mission')
>>> SCALE[4], FREQUENCIES["monthly"][:2]
(('非常に', 'A great deal'), ('月1回程度', 'About monthly'))
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Item",
    "ITEMS",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "SCALE",
    "FREQUENCIES",
    "SURVEY_TYPES",
    "CONTRIBUTIONS",
]


@dataclass(frozen=True)
class Item:
    """One 1–4 item: its column name, the group (trust or value), and its wording."""

    key: str
    group: str
    ja: str
    en: str


ITEMS: tuple[Item, ...] = (
    Item(
        "trust_openness",
        "trust",
        "この団体は、率直で開かれた話し合い（意見が違うときも含めて）にどの程度応じてくれますか。",
        "How open is this organisation to frank, open and civil discussion, especially when there is disagreement?",
    ),
    Item(
        "trust_reliability",
        "trust",
        "この団体は、約束したことをどの程度きちんと実行してくれますか。",
        "To what extent is this organisation reliable in following through on commitments?",
    ),
    Item(
        "trust_mission",
        "trust",
        "この団体は、地域をよくするという目的や目標をどの程度共有していますか。",
        "To what extent does this organisation share the mission and goals of the network?",
    ),
    Item(
        "value_influence",
        "value",
        "この団体は、地域で影響力やリーダーシップをどの程度持っていますか。",
        "To what extent does this organisation hold a prominent position in the community "
        "(power, influence, leadership)?",
    ),
    Item(
        "value_resources",
        "value",
        "この団体は、資金・情報・人・場所などの資源をどの程度提供していますか。",
        "To what extent does this organisation contribute resources (funding, information, people, venues)?",
    ),
    Item(
        "value_involvement",
        "value",
        "この団体は、連携の取り組みにどの程度積極的に関わっていますか。",
        "How involved and committed is this organisation in the joint work?",
    ),
)
TRUST_ITEMS = tuple(i.key for i in ITEMS if i.group == "trust")
VALUE_ITEMS = tuple(i.key for i in ITEMS if i.group == "value")

#: The 1–4 answer scale of every item.
SCALE: dict[int, tuple[str, str]] = {
    1: ("全くない", "Not at all"),
    2: ("少し", "A small amount"),
    3: ("かなり", "A fair amount"),
    4: ("非常に", "A great deal"),
}

#: How often the two work together (code → Japanese, English, other words accepted on paper).
FREQUENCIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "weekly": ("週1回以上", "Weekly or more", ("毎週", "週1", "毎日", "daily", "week")),
    "monthly": ("月1回程度", "About monthly", ("毎月", "月1", "月に1回", "month")),
    "quarterly": ("3か月に1回程度", "About quarterly", ("四半期", "3ヶ月に1回", "3か月", "quarter")),
    "yearly": ("年1回程度", "About once a year", ("年1", "年に1回", "year", "annually")),
    "rarely": ("年1回未満", "Less than once a year", ("ほとんどない", "まれ", "rare", "less")),
}

#: Tie types offered in the questionnaire (survey ties are stored undirected: the direction is not asked).
SURVEY_TYPES: tuple[str, ...] = ("collaboration", "information", "funding", "commission", "support", "agreement")

#: What an organisation contributes to the network.
CONTRIBUTIONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "funding": ("資金", "Funding", ("助成", "寄付", "money")),
    "volunteers": ("ボランティア・人材", "Volunteers / people", ("ボランティア", "人材", "人", "people")),
    "venues": ("場所・施設", "Venues / facilities", ("場所", "施設", "会場", "venue")),
    "expertise": ("専門知識・技術", "Expertise", ("専門", "知識", "技術", "skills")),
    "information": ("情報", "Information", ("info",)),
    "networks": ("人脈・つながり", "Connections", ("人脈", "つながり", "connections", "network")),
    "goods": ("物資・備品", "Goods / equipment", ("物資", "備品", "equipment")),
    "other": ("その他", "Other", ()),
}
