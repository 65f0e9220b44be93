"""Trust, value and reciprocity from a round's submitted answers (PARTNER CPRM's scores).

- An answer's **trust** is the mean of its three trust items, its **value** the
  mean of its three value items (items left blank are left out; no item → ``None``).
- Per tie (unordered pair): each side's trust and value of the other, and whether
  the tie is **confirmed** (both sides named each other) or **one-sided**.
- Per organisation: trust and value *as perceived by its partners* — the mean
  over the respondents who rated it — and how many rated it (``raters``).
- Network: mean trust and value over every rating; ``reciprocity`` = confirmed
  pairs / pairs between two respondents that at least one of them named (a pair
  with a non-respondent cannot be confirmed, so it is left out); ``reciprocity_all``
  = confirmed / every named pair; ``response_rate`` = submitted / invited.

Only submitted answers count.  A partner typed in by name is matched to the
store's organisations like an import (normalised name, legal form optional); a
name that fits none or several is listed in ``unmatched``, never guessed.

>>> from network.survey.model import Answer
>>> answer_scores(Answer("R", "a", partner="b", trust_openness=4, trust_reliability=3, trust_mission=2,
...                      value_influence=1))
(3.0, 1.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from network.labels import t
from network.survey.model import TRUST_ITEMS, VALUE_ITEMS, Answer

__all__ = [
    "answer_scores",
    "collect",
    "Collected",
    "survey_summary",
    "latest_round",
    "applied_round",
    "add_to_analysis",
    "org_scores",
    "top_trusted",
    "survey_section",
    "applied_section",
    "applied_scores",
    "score_band",
    "SCORE_BANDS",
]

#: bands of a 1–4 trust or value score, for colouring the map (lower bound, upper bound)
SCORE_BANDS: tuple[tuple[float, float], ...] = ((1.0, 2.0), (2.0, 2.5), (2.5, 3.0), (3.0, 3.5), (3.5, 4.0))


def score_band(score: float | None, lang: str = "ja") -> str:
    """The band a trust or value score falls in, as the map's legend shows it; unrated last.

    Bands are closed below and open above, except the top one (4.0 is in 3.5–4.0).  The texts sort in
    band order (they start with the lower bound), and the unrated one after every band.

    >>> score_band(3.5), score_band(4.0), score_band(1.0), score_band(None, "en")
    ('3.5–4.0', '3.5–4.0', '1.0–2.0', 'unrated (no partner scored it)')
    """
    if score is None or score != score:
        return t("sv_unrated", lang)
    for lo, hi in SCORE_BANDS:
        if lo <= score < hi or (hi == SCORE_BANDS[-1][1] and score == hi):
            return f"{lo:.1f}–{hi:.1f}"
    return f"{score:.1f}"


def _mean(values: list) -> float | None:
    vals = [v for v in values if v is not None]
    return round(fmean(vals), 4) if vals else None


def answer_scores(a: Answer) -> tuple[float | None, float | None]:
    """``(trust, value)`` of one answer."""
    return _mean([getattr(a, k) for k in TRUST_ITEMS]), _mean([getattr(a, k) for k in VALUE_ITEMS])


@dataclass
class Collected:
    """A round's submitted answers, partners resolved to organisation ids."""

    round: str
    fiscal_year: int
    invited: list[str]
    respondents: list[str]
    names: dict[str, str]
    #: (respondent, partner id) → answer (one per ordered pair; an answer by id wins over one by name)
    answers: dict[tuple[str, str], Answer]
    unmatched: list[dict]

    def pairs(self) -> dict[tuple[str, str], dict[str, Answer]]:
        """Unordered pair (sorted ids) → {side: that side's answer}."""
        out: dict[tuple[str, str], dict[str, Answer]] = {}
        for (r, p), a in self.answers.items():
            out.setdefault(tuple(sorted((r, p))), {})[r] = a  # type: ignore[arg-type]
        return out


def collect(store: object, name: str) -> Collected:
    """Gather the submitted answers of round ``name`` (see module docstring)."""
    from ingest.resolve import Resolver

    s = store.survey()  # type: ignore[attr-defined]
    rnd = s.get_round(name)
    live = store.orgs()  # type: ignore[attr-defined]
    names = {o.id: o.name for o in live}
    submitted = {r.org for r in s.responses(name) if r.submitted_at}
    respondents = [o for o in rnd.orgs if o in submitted]
    resolver: Resolver | None = None
    answers: dict[tuple[str, str], Answer] = {}
    unmatched: list[dict] = []
    for a in s.answers(name):
        if a.respondent not in submitted or a.respondent not in names:
            continue
        partner = a.partner
        if not partner:
            if resolver is None:
                resolver = Resolver(live)
            try:
                partner = resolver.resolve(a.partner_name)
            except LookupError as exc:
                unmatched.append(
                    {
                        "respondent": a.respondent,
                        "name": a.partner_name,
                        "reason": "ambiguous" if getattr(exc, "candidates", None) else "unknown",
                    }
                )
                continue
        if partner == a.respondent or partner not in names:
            continue
        key = (a.respondent, partner)
        if key in answers and not a.partner:
            continue  # the same partner chosen from the list and typed again: the list answer wins
        answers[key] = a
    return Collected(rnd.name, rnd.fiscal_year, list(rnd.orgs), respondents, names, answers, unmatched)


def survey_summary(store: object, name: str) -> dict:
    """Scores of round ``name``: ``round``, ``invited``, ``answered``, ``response_rate``, ``network``,
    ``orgs`` (id → ``trust``, ``value``, ``raters``), ``ties`` and ``unmatched``.

    The lead wires this into ``renkei analyze --format json`` (``orgs[].trust``,
    ``orgs[].value``, ``graph.reciprocity``, ``survey``).
    """
    c = collect(store, name)
    responding = set(c.respondents)
    ratings: dict[str, list[tuple[float | None, float | None]]] = {}
    all_trust: list[float | None] = []
    all_value: list[float | None] = []
    for (_, p), a in c.answers.items():
        tv = answer_scores(a)
        ratings.setdefault(p, []).append(tv)
        all_trust.append(tv[0])
        all_value.append(tv[1])
    orgs = {}
    for o in c.invited:
        rs = ratings.get(o, [])
        orgs[o] = {
            "name": c.names.get(o, o),
            "trust": _mean([t for t, _ in rs]),
            "value": _mean([v for _, v in rs]),
            "raters": sum(1 for t, v in rs if t is not None or v is not None),
            "answered": o in responding,
        }
    ties = []
    confirmed = among_respondents = 0
    for (u, v), sides in sorted(c.pairs().items()):
        both = len(sides) == 2
        confirmed += both
        among_respondents += u in responding and v in responding
        ties.append(
            {
                "a": u,
                "b": v,
                "status": "confirmed" if both else "one-sided",
                "reported_by": sorted(sides),
                "trust": {side: answer_scores(a)[0] for side, a in sides.items()},
                "value": {side: answer_scores(a)[1] for side, a in sides.items()},
                "strength": {side: a.strength for side, a in sides.items()},
                "types": {side: list(a.types) for side, a in sides.items()},
            }
        )
    n_pairs = len(ties)
    invited = len(c.invited)
    return {
        "round": c.round,
        "fiscal_year": c.fiscal_year,
        "invited": invited,
        "answered": len(c.respondents),
        "response_rate": round(len(c.respondents) / invited, 4) if invited else None,
        "network": {
            "trust": _mean(all_trust),
            "value": _mean(all_value),
            "pairs": n_pairs,
            "confirmed": confirmed,
            "one_sided": n_pairs - confirmed,
            "reciprocity": round(confirmed / among_respondents, 4) if among_respondents else None,
            "reciprocity_all": round(confirmed / n_pairs, 4) if n_pairs else None,
        },
        "orgs": orgs,
        "ties": ties,
        "unmatched": c.unmatched,
    }


def latest_round(store: object) -> str | None:
    """Name of the newest round (by fiscal year, then creation), or ``None``."""
    survey = getattr(store, "survey", None)
    if survey is None:
        return None
    rounds = survey().rounds()
    return rounds[-1].name if rounds else None


def applied_round(store: object, *, up_to: int | None = None) -> str | None:
    """Name of the newest round whose answers have been applied (a tie from ``survey:NAME``), or ``None``.

    This is the round the Brokers and Gaps pages, the annual report and ``renkei analyze``
    show by default: scores beside a network only once the survey is part of it.  With
    ``up_to`` (a fiscal year), rounds of later years are left out (the annual report of that year).
    """
    survey = getattr(store, "survey", None)
    if survey is None:
        return None
    rounds = survey().rounds()
    if not rounds:
        return None
    sources = {t.source_file for t in store.ties()}  # type: ignore[attr-defined]
    applied = [r for r in rounds if f"survey:{r.name}" in sources and (up_to is None or r.fiscal_year <= up_to)]
    return max(applied, key=lambda r: (r.fiscal_year, r.created_at, r.name)).name if applied else None


def org_scores(summary: dict | None) -> dict[str, dict]:
    """Organisation id → ``{trust, value, raters}`` as perceived by its partners (empty without a summary).

    >>> org_scores({"orgs": {"a": {"name": "甲", "trust": 3.5, "value": 2.0, "raters": 2, "answered": True}}})
    {'a': {'trust': 3.5, 'value': 2.0, 'raters': 2}}
    """
    if not summary:
        return {}
    return {o: {k: v.get(k) for k in ("trust", "value", "raters")} for o, v in summary.get("orgs", {}).items()}


def top_trusted(summary: dict, n: int = 5) -> list[dict]:
    """The ``n`` organisations with the highest trust as perceived by partners (rated ones only).

    Ordered by trust, then the number of raters (more first), then value, then name.

    >>> top_trusted({"orgs": {"a": {"name": "甲", "trust": 3.0, "value": 2.0, "raters": 1},
    ...                       "b": {"name": "乙", "trust": 3.0, "value": 1.0, "raters": 2},
    ...                       "c": {"name": "丙", "trust": None, "value": None, "raters": 0}}})
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'b', 'name': '乙', 'trust': 3.0, 'value': 1.0, 'raters': 2},
     {'id': 'a', 'name': '甲', 'trust': 3.0, 'value': 2.0, 'raters': 1}]
    """
    rated = [(o, v) for o, v in summary.get("orgs", {}).items() if v.get("trust") is not None]
    rated.sort(
        key=lambda x: (
            -x[1]["trust"],
            -x[1].get("raters", 0),
            -(x[1].get("value") or 0),
            str(x[1].get("name", x[0])),
            x[0],
        )
    )
    return [
        {"id": o, "name": v.get("name", o), "trust": v["trust"], "value": v.get("value"), "raters": v.get("raters", 0)}
        for o, v in rated[:n]
    ]


def survey_section(summary: dict | None, *, top: int = 5) -> dict | None:
    """The survey figures the annual report and the pages show, from one :func:`survey_summary`.

    ``round``, ``fiscal_year``, ``invited``, ``answered``, ``response_rate``, ``pairs``,
    ``confirmed``, ``one_sided``, ``reciprocity``, ``reciprocity_all``, ``trust``, ``value``
    (network means) and ``top`` (:func:`top_trusted`); ``None`` without a summary.
    """
    if not summary:
        return None
    net = summary["network"]
    out = {k: summary.get(k) for k in ("round", "fiscal_year", "invited", "answered", "response_rate")}
    out.update(
        {k: net.get(k) for k in ("pairs", "confirmed", "one_sided", "reciprocity", "reciprocity_all", "trust", "value")}
    )
    out["top"] = top_trusted(summary, top)
    return out


def applied_section(store: object, *, up_to: int | None = None, top: int = 5) -> dict | None:
    """:func:`survey_section` of :func:`applied_round` (``None`` when no round has been applied)."""
    name = applied_round(store, up_to=up_to)
    return survey_section(survey_summary(store, name), top=top) if name else None


def applied_scores(store: object) -> dict[str, dict]:
    """:func:`org_scores` of :func:`applied_round` (empty when no round has been applied): map sizes."""
    name = applied_round(store)
    return org_scores(survey_summary(store, name)) if name else {}


def add_to_analysis(result: dict, summary: dict | None) -> dict:
    """Put a round's scores into a ``renkei analyze`` result (in place; returned too).

    ``orgs[].trust``, ``orgs[].value``, ``orgs[].raters`` (``None``/0 for an organisation
    nobody rated), ``graph.reciprocity`` and ``survey`` (the round, rates and network means).

    >>> add_to_analysis({"graph": {}, "orgs": [{"id": "a"}]},
    ...                 {"round": "R", "orgs": {"a": {"trust": 3.5, "value": 2.0, "raters": 2}},
    ...                  "network": {"reciprocity": 0.5}, "invited": 2, "answered": 1, "response_rate": 0.5,
    ...                  "fiscal_year": 2024})["orgs"]
    [{'id': 'a', 'trust': 3.5, 'value': 2.0, 'raters': 2}]
    """
    if summary is None:
        return result
    by_org = summary.get("orgs", {})
    for o in result.get("orgs", []):
        s = by_org.get(o.get("id"), {})
        o["trust"], o["value"], o["raters"] = s.get("trust"), s.get("value"), s.get("raters", 0)
    result.setdefault("graph", {})["reciprocity"] = summary["network"].get("reciprocity")
    result["survey"] = {k: summary.get(k) for k in ("round", "fiscal_year", "invited", "answered", "response_rate")}
    result["survey"]["network"] = summary["network"]
    return result
