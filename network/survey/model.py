"""Records, vocabularies, limits and validation of survey rounds.

The vocabularies — the six relationship items of PARTNER CPRM (Varda et al.), their 1–4
scale, the frequencies, tie types and contributions offered — are defined in
:mod:`network.survey.questions` and named here too.

Examples
--------
>>> [i.key for i in ITEMS][:3]
['trust_openness', 'trust_reliability', 'trust_mission']
>>> a = Answer("fy2024", "org-a", partner="org-b", frequency="monthly", strength=4,
...            types=["collaboration"], trust_openness=4, trust_reliability=3, trust_mission=4)
>>> check_answer(a).partner_key
'org-b'
>>> parse_frequency("月1回程度"), parse_contribution("ボランティア")
('monthly', 'volunteers')
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, fields

from network.errors import InputError, ValidationError
from network.model import STRENGTH_LABELS, TieType
from network.survey.questions import (  # noqa: F401 - part of the survey model's API, defined with the questionnaire
    CONTRIBUTIONS,
    FREQUENCIES,
    ITEMS,
    SCALE,
    SURVEY_TYPES,
    TRUST_ITEMS,
    VALUE_ITEMS,
    Item,
)

__all__ = [
    "Item",
    "ITEMS",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "SCALE",
    "FREQUENCIES",
    "SURVEY_TYPES",
    "CONTRIBUTIONS",
    "Round",
    "Answer",
    "Response",
    "Invite",
    "LIMITS",
    "check_round_name",
    "check_answer",
    "check_response",
    "parse_frequency",
    "parse_contribution",
    "parse_type",
    "partner_key",
    "ANSWER_FIELDS",
    "check_counts",
    "round_state",
    "links_state",
    "import_state",
    "copy_state",
]


@dataclass(frozen=True)
class Limits:
    """Caps on what one respondent may store (checked by :func:`check_answer` and the stores)."""

    name: int = 200  # partner name typed in
    note: int = 1000  # per-partner note
    comment: int = 2000  # the one free comment
    partners: int = 150  # answers per respondent per round
    orgs: int = 5000  # organisations on a round's list
    round_name: int = 80


LIMITS = Limits()


@dataclass
class Round:
    """A survey round.  ``orgs`` is the bounded list (organisation ids)."""

    name: str
    fiscal_year: int
    orgs: list[str] = field(default_factory=list)
    close_date: str | None = None
    closed: bool = False
    created_at: str = ""

    def open_on(self, day: str) -> bool:
        """True when links work on ISO date ``day`` (not closed, ``day`` not after the close date)."""
        return not self.closed and (self.close_date is None or day <= self.close_date)


@dataclass
class Invite:
    """An organisation on a round's list: whether it has a link, and whether it answered."""

    round: str
    org: str
    has_token: bool = False
    issued_at: str | None = None
    submitted_at: str | None = None
    answers: int = 0


@dataclass
class Answer:
    """One respondent's answer about one partner (a list organisation or a name typed in)."""

    round: str
    respondent: str
    partner: str = ""  # organisation id when on the list
    partner_name: str = ""  # the name typed, when not on the list
    frequency: str = ""
    strength: int | None = None
    types: list[str] = field(default_factory=list)
    trust_openness: int | None = None
    trust_reliability: int | None = None
    trust_mission: int | None = None
    value_influence: int | None = None
    value_resources: int | None = None
    value_involvement: int | None = None
    note: str = ""
    date: str = ""
    source: str = "web"  # web | paper

    @property
    def partner_key(self) -> str:
        return partner_key(self.partner, self.partner_name)

    def to_dict(self) -> dict:
        d = {f: getattr(self, f) for f in ANSWER_FIELDS}
        d["types"] = list(self.types)
        return d


ANSWER_FIELDS = tuple(f.name for f in fields(Answer))


@dataclass
class Response:
    """What a respondent says about itself, and whether it has submitted."""

    round: str
    org: str
    contributions: list[str] = field(default_factory=list)
    comment: str = ""
    submitted_at: str | None = None
    updated_at: str = ""


def partner_key(partner: str, partner_name: str) -> str:
    """The key an answer is stored under: the partner's id, else ``name:`` + the normalised name.

    >>> partner_key("", "（株）みやぎ"), partner_key("org-1", "")
    ('name:株式会社みやぎ', 'org-1')
    """
    if partner:
        return partner
    from ingest.normalise import normalise_name

    return "name:" + normalise_name(partner_name)


def _norm(word: object) -> str:
    return "".join(unicodedata.normalize("NFKC", str(word or "")).lower().split())


def _parser(table: dict[str, tuple[str, str, tuple[str, ...]]]) -> dict[str, str]:
    words: dict[str, str] = {}
    for code, (ja, en, extra) in table.items():
        for w in (code, ja, en, *extra):
            words.setdefault(_norm(w), code)
    return words


_FREQ_WORDS = _parser(FREQUENCIES)
_CONTRIB_WORDS = _parser(CONTRIBUTIONS)


def parse_frequency(word: object) -> str:
    """The frequency code named by ``word`` (code, Japanese or English); ``ValueError`` if none."""
    key = _norm(word)
    if key in _FREQ_WORDS:
        return _FREQ_WORDS[key]
    raise InputError(f"unknown frequency {word!r}: use {', '.join(v[0] for v in FREQUENCIES.values())}")


def parse_contribution(word: object) -> str:
    key = _norm(word)
    if key in _CONTRIB_WORDS:
        return _CONTRIB_WORDS[key]
    raise InputError(f"unknown contribution {word!r}: use {', '.join(v[0] for v in CONTRIBUTIONS.values())}")


def parse_type(word: object) -> str:
    code = TieType.parse(str(word)).value
    if code not in SURVEY_TYPES:
        raise InputError(f"tie type {word!r} is not asked in surveys")
    return code


def check_round_name(name: object) -> str:
    """A round name: trimmed, 1–80 characters, no control characters."""
    s = unicodedata.normalize("NFKC", str(name or "")).strip()
    if not s or len(s) > LIMITS.round_name or any(unicodedata.category(c).startswith("C") for c in s):
        raise ValidationError(
            f"round name {name!r}: 1–{LIMITS.round_name} characters / 調査名は{LIMITS.round_name}字まで"
        )
    return s


def _text(value: object, limit: int, what: str, *, multiline: bool = True) -> str:
    """Trimmed text within ``limit``; a control or bidirectional character is refused, never dropped.

    >>> _text(" 備考 ", 10, "note")
    '備考'
    >>> _text("a\x07b", 10, "note")
    Traceback (most recent call last):
    ...
    network.errors.ValidationError: note: control character U+0007 at position 2 / 制御文字は使えません
    """
    from ingest.limits import CONTROL, CONTROL_ONE_LINE

    s = str(value or "").replace("\r\n", "\n").strip()
    bad = (CONTROL if multiline else CONTROL_ONE_LINE).search(s)
    if bad:
        raise ValidationError(
            f"{what}: control character U+{ord(bad.group()):04X} at position {bad.start() + 1} / 制御文字は使えません"
        )
    if len(s) > limit:
        raise ValidationError(f"{what}: at most {limit} characters / {limit}字まで")
    return s


def _scale(value: object, lo: int, hi: int, what: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        n = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ValidationError(f"{what}: {value!r} is not a number {lo}–{hi}") from None
    if not lo <= n <= hi or (isinstance(value, float) and not value.is_integer()):
        raise ValidationError(f"{what}: {value!r} is not in {lo}–{hi}")
    return n


def check_answer(a: Answer) -> Answer:
    """``a`` cleaned, or ``ValidationError`` naming the field and the reason."""
    a.partner = str(a.partner or "").strip()
    a.partner_name = _text(a.partner_name, LIMITS.name, "partner name / 相手の団体名", multiline=False)
    if not a.partner and not a.partner_name:
        raise ValidationError("an answer needs a partner / 相手の団体がありません")
    if a.partner == a.respondent:
        raise ValidationError("an organisation cannot name itself as a partner / 自分の団体は選べません")
    if a.frequency:
        try:
            a.frequency = parse_frequency(a.frequency)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
    a.strength = _scale(a.strength, 1, max(STRENGTH_LABELS), "strength / 関係の深さ")
    types: list[str] = []
    for w in a.types or []:
        try:
            code = parse_type(w)
        except ValueError as exc:
            raise ValidationError(f"types / 関係の種類: {exc}") from None
        if code not in types:
            types.append(code)
    a.types = types
    for item in ITEMS:
        setattr(a, item.key, _scale(getattr(a, item.key), 1, 4, item.key))
    a.note = _text(a.note, LIMITS.note, "note / 備考")
    if a.source not in ("web", "paper"):
        raise ValidationError(f"source {a.source!r}: web or paper")
    return a


def check_response(r: Response) -> Response:
    codes: list[str] = []
    for w in r.contributions or []:
        try:
            code = parse_contribution(w)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        if code not in codes:
            codes.append(code)
    r.contributions = codes
    r.comment = _text(r.comment, LIMITS.comment, "comment / 自由記述")
    return r


def check_counts(answers: list[Answer]) -> None:
    """``ValidationError`` when one respondent has more than ``LIMITS.partners`` answers.

    >>> check_counts([Answer("R", "a", partner="b")])
    """
    counts: dict[str, int] = {}
    for a in answers:
        counts[a.respondent] = counts.get(a.respondent, 0) + 1
    over = sorted(o for o, n in counts.items() if n > LIMITS.partners)
    if over:
        raise ValidationError(
            f"{over[0]}: {counts[over[0]]} partners, at most {LIMITS.partners} per organisation / "
            f"相手の団体は{LIMITS.partners}件まで"
        )


# What the audit log keeps of survey writes (entity ``survey_round``): counts and ids, never a token or its hash.
def round_state(rnd: Round, n_orgs: int) -> dict:
    """What the log keeps of a new round.

    >>> round_state(Round("R", 2024, ["a", "b"], "2025-01-31"), 2)
    {'fiscal_year': 2024, 'orgs': 2, 'close_date': '2025-01-31', 'closed': False}
    """
    return {"fiscal_year": rnd.fiscal_year, "orgs": n_orgs, "close_date": rnd.close_date, "closed": bool(rnd.closed)}


def links_state(hashes: dict[str, str]) -> dict:
    """What the log keeps of issued links: whose, and how many (not the hashes).

    >>> links_state({"b": "h2", "a": "h1"})
    {'orgs': ['a', 'b'], 'links': 2}
    """
    return {"orgs": sorted(hashes), "links": len(hashes)}


def import_state(answers: list[Answer], responses: list[Response]) -> dict:
    """What the log keeps of a paper import: the respondents and the number of answers."""
    return {"respondents": sorted(r.org for r in responses), "answers": len(answers)}


def copy_state(data: dict) -> dict:
    """What the log keeps of a round copied from another store (a ``dump``): counts only."""
    return {
        "orgs": len(data["invites"]),
        "links": sum(1 for i in data["invites"] if i["token_hash"]),
        "answers": len(data["answers"]),
        "responses": len(data["responses"]),
    }
