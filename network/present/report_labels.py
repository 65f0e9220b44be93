"""The words of the planner's reports (trend table, annual report in Markdown and PDF), looked up in the vocabulary.

The words are in :mod:`network.labels.report` (keys ``report_<key>``); measures keep the words of
:mod:`network.labels.measures` (密度, 孤立した団体, 切断点 …) so a measure has one name everywhere.

>>> lab("trend_title", "ja"), lab("trend_title", "en")
('年度ごとの推移', 'Measures by fiscal year')
>>> fy_text(2024, "ja"), fy_text(2024, "en")
('2024年度', 'FY2024')
>>> pct(0.256), pct(None)
('25.6%', '–')
"""

from __future__ import annotations

import math

from network.labels import LABELS, t
from network.labels.report import WORDS as _WORDS
from network.model import Sector

#: Keys that already start with ``report_`` in :func:`lab`'s callers.
_OWN = frozenset({"report_title", "report_sub", "report_note"})

__all__ = ["REPORT_LABELS", "lab", "fy_text", "pct", "num", "sector_text", "column_label"]

#: The report's words, by the key :func:`lab` takes (the vocabulary holds them as ``report_<key>``).
REPORT_LABELS: dict[str, tuple[str, str]] = {
    (k if k in _OWN else k.removeprefix("report_")): v for k, v in _WORDS.items() if k.startswith("report_")
}


def lab(key: str, lang: str = "ja", **fmt: object) -> str:
    """The report word for ``key`` (a measure name from :mod:`network.explain` as a fallback)."""
    own = key if key in _OWN else f"report_{key}"
    return t(own if own in LABELS else key, lang, **fmt)


def column_label(key: str, lang: str = "ja") -> str:
    """A trend column's heading."""
    return lab(key, lang)


def fy_text(fy: int | None, lang: str = "ja") -> str:
    """``2024年度`` / ``FY2024``."""
    if fy is None:
        return "–"
    return t("report_fy_of", lang, fy=fy)


def pct(x: float | None, digits: int = 1) -> str:
    """A share as a percentage; ``–`` for ``None``/NaN."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{100 * x:.{digits}f}%"


def num(x: object, digits: int = 3) -> str:
    """A number for a table: ints as they are, floats with ``digits`` decimals, ``–`` for missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def sector_text(code: object, lang: str = "ja") -> str:
    """A sector code's label (the code itself when unknown)."""
    try:
        return Sector(code).label(lang)
    except ValueError:
        return str(code or t("report_not_set", lang))
