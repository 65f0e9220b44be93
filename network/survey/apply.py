"""From a round's answers to ties: ``evidence = survey``, confirmed or one-sided, disagreement kept.

For each pair of organisations named in a submitted answer (see
:func:`network.survey.scores.collect`) one tie per reported type (the types of
both sides together; ``collaboration`` when neither gave one) is written:

- ``evidence = "survey"``, ``source_file = "survey:<round>"`` (provenance: the round),
  ``last_confirmed`` = the latest answer date of the pair, ``directed = False``
  (the questionnaire does not ask who funds or commissions whom);
- ``strength`` = the reported strength (the lower one when the two sides differ;
  3 when neither gave one);
- ``note`` = whether it is confirmed (双方が回答) or one-sided (片方のみ), who
  reported it, each side's strength and types, and 不一致 disagreement when
  the two sides differ in strength or types — both answers are kept there.

The tie id depends on the round, the pair and the type only, so applying the
same answers again changes nothing, and applying after new answers changes only
what changed; a survey tie of this round that the answers no longer support is
ended (``end`` = today).  All of it is one ``store.write`` (one audit batch,
undone with ``renkei undo --batch``), followed by one audit entry of the round
(action ``survey_apply``, outside that batch) naming the batch and the counts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from network.model import STRENGTH_LABELS, Tie, TieType
from network.store.base import ChangeSet, WriteResult
from network.survey.model import Answer
from network.survey.scores import collect

__all__ = ["apply_round", "planned_ties", "ApplyResult", "survey_tie_id"]


@dataclass
class ApplyResult:
    """What :func:`apply_round` did."""

    round: str
    written: WriteResult
    ties: int = 0
    confirmed: int = 0
    one_sided: int = 0
    disagreements: int = 0
    ended: int = 0
    unmatched: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "round": self.round,
            "ties": self.ties,
            "confirmed": self.confirmed,
            "one_sided": self.one_sided,
            "disagreements": self.disagreements,
            "ended": self.ended,
            "created": self.written.created,
            "updated": self.written.updated,
            "unchanged": self.written.unchanged,
            "batch": self.written.batch,
            "unmatched": self.unmatched,
        }


def survey_tie_id(round_name: str, a: str, b: str, type_: str) -> str:
    """Stable id of the survey tie of one round, pair (either order) and type."""
    u, v = sorted((a, b))
    raw = "\x1f".join(("survey", round_name, u, v, type_))
    return "tie-s" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _side(a: Answer, name: str) -> str:
    types = "・".join(TieType(t).ja for t in a.types) or "種類なし"
    strength = f"強さ{a.strength}（{STRENGTH_LABELS[a.strength][0]}）" if a.strength else "強さなし"
    return f"{name}: {strength} {types}"


def planned_ties(store: object, name: str) -> tuple[list[Tie], dict]:
    """The ties the answers of round ``name`` support, and counts (pairs confirmed/one-sided/disagreeing)."""
    c = collect(store, name)
    ties: list[Tie] = []
    counts = {"confirmed": 0, "one_sided": 0, "disagreements": 0, "unmatched": c.unmatched}
    for (u, v), sides in sorted(c.pairs().items()):
        answers = [sides[k] for k in sorted(sides)]
        both = len(answers) == 2
        strengths = {a.strength for a in answers if a.strength}
        typesets = [tuple(sorted(a.types)) for a in answers]
        disagree = both and (len(strengths) > 1 or typesets[0] != typesets[1])
        counts["confirmed" if both else "one_sided"] += 1
        counts["disagreements"] += disagree
        status = "双方が回答 confirmed" if both else "片方のみ one-sided"
        parts = [f"調査「{c.round}」: {status}"] + [_side(a, c.names.get(a.respondent, a.respondent)) for a in answers]
        if disagree:
            parts.append("回答が不一致 disagreement")
        note = " / ".join(parts)
        types = sorted({t for a in answers for t in a.types}, key=list(TieType._value2member_map_).index) or [
            "collaboration"
        ]
        day = max((a.date for a in answers if a.date), default=None)
        for t in types:
            ties.append(
                Tie(
                    survey_tie_id(c.round, u, v, t),
                    u,
                    v,
                    t,
                    directed=False,
                    strength=min(strengths) if strengths else 3,
                    evidence="survey",
                    last_confirmed=day,
                    note=note,
                    source_file=f"survey:{c.round}",
                )
            )
    return ties, counts


def apply_round(store: object, name: str, *, user: str = "system", today: str | None = None) -> ApplyResult:
    """Write the ties of round ``name`` in one transaction (see module docstring)."""
    ties, counts = planned_ties(store, name)
    wanted = {t.id for t in ties}
    today = today or date.today().isoformat()
    stale = []
    for old in store.ties():  # type: ignore[attr-defined]
        if old.source_file == f"survey:{name}" and old.id not in wanted and old.end is None:
            old.end = today if old.start is None or old.start <= today else old.start
            stale.append(old)
    written = store.write(ChangeSet(ties=ties + stale), user=user)  # type: ignore[attr-defined]
    result = ApplyResult(
        name,
        written,
        len(ties),
        counts["confirmed"],
        counts["one_sided"],
        counts["disagreements"],
        len(stale),
        counts["unmatched"],
    )
    d = result.to_dict()
    store.survey().record(name, "survey_apply", {k: d[k] for k in _RECORDED}, by=user)  # type: ignore[attr-defined]
    return result


#: What the audit entry of an apply keeps (the ties themselves are audited under ``batch``).
_RECORDED = ("batch", "ties", "confirmed", "one_sided", "disagreements", "created", "updated", "unchanged", "ended")
