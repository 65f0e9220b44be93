"""The reason of a suggested introduction, in words (ja and en).

The analysis (:func:`network.analysis.introductions.suggest_introductions`) gives the facts —
the two organisations and their groups, the common partners, the best introducer, a shared
district, the boundaries crossed; this module writes them as the sentence a coordinator reads.

>>> s = {"a_name": "A", "b_name": "B", "introducer_name": "C", "a_group": "npo", "b_group": "company",
...      "group_attr": "sector", "common_partners": 1, "area": None, "across": ["sector"]}
>>> reason_text(s, "en")
'A (NPO / civic group) and B (Company) share 1 partner; C knows both well.'
>>> reason_text(s, "ja")
'A（NPO・市民活動団体）とB（企業）は共通の連携先が1団体あり、Cが両者と強くつながっています。'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from network.labels import t
from network.model import Sector

__all__ = ["reason_text", "with_reasons", "group_text"]


def group_text(group: object, attr: str, lang: str) -> str:
    """A group as named in a reason: a sector's label, else the value, else "unknown"."""
    if attr == "sector":
        try:
            return Sector(group).label(lang)
        except ValueError:
            pass
    return str(group) if group else t("intro_unknown_group", lang)


def reason_text(s: Mapping, lang: str) -> str:
    """The one-line reason of suggestion ``s`` in ``lang``.

    Parameters
    ----------
    s : mapping
        A suggestion of :func:`~network.analysis.introductions.suggest_introductions`.
    lang : str
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        Names and groups as stored (plain text: escape it where it is shown).
    """
    n = int(s.get("common_partners") or 0)
    attr = s.get("group_attr") or "sector"
    text = t(
        "intro_reason" if n != 1 or lang == "ja" else "intro_reason_one",
        lang,
        a=s.get("a_name") or s.get("a"),
        b=s.get("b_name") or s.get("b"),
        ga=group_text(s.get("a_group"), attr, lang),
        gb=group_text(s.get("b_group"), attr, lang),
        n=n,
        introducer=s.get("introducer_name") or s.get("introducer"),
    )
    if s.get("area"):
        text += t("intro_same_area", lang, area=s["area"])
    if "community" in (s.get("across") or ()):
        text += t("intro_across_communities", lang)
    return text


def with_reasons(suggestions: Iterable[dict]) -> list[dict]:
    """The suggestions, each with ``reason: {"ja", "en"}`` added (what the JSON report carries)."""
    out = []
    for s in suggestions:
        out.append({**s, "reason": {lang: reason_text(s, lang) for lang in ("ja", "en")}})
    return out
