"""Records and vocabularies of a partnership network.

Organisations (nodes), ties (edges), activities and participations (two-mode),
the sector taxonomy and the tie types, each with Japanese and English labels.
The sectors and tie types are defined in :mod:`network.taxonomy`, the date rules
(fiscal years, "as of" periods) in :mod:`network.fiscal`; both are named here too.

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
from dataclasses import dataclass, field, fields

from network.fiscal import (  # noqa: F401 - part of the model's API, defined with the other date rules
    as_of_label,
    as_of_period,
    fiscal_year,
    fiscal_year_range,
    parse_fiscal_year,
    tie_active,
)
from network.taxonomy import (  # noqa: F401 - part of the model's API, defined with their words
    STRENGTH_LABELS,
    Sector,
    TieType,
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
