"""One vocabulary: every user-facing word of Renkei, in Japanese and English (Japanese by default).

The words live in one module per area (:mod:`~network.labels.app`, :mod:`~network.labels.planner`,
:mod:`~network.labels.survey`, :mod:`~network.labels.map`, :mod:`~network.labels.report`,
:mod:`~network.labels.measures`, :mod:`~network.labels.cli`), each a ``WORDS`` table ``key → (ja, en)``; :data:`LABELS` merges them.  A key
means one thing: where two areas would use one key for different words, the key carries the area's prefix
(``map_legend``, ``report_orgs``, ``md_overview``, ``explain_degree``).  tests/test_vocabulary.py checks that no
key is given two different words and that no module outside this package holds Japanese words.

>>> t("map", "ja"), t("map", "en")
('地図', 'Map')
>>> t("degree", "ja"), t("map_legend", "en")
('連携数', 'Legend')
>>> t("no such key", "en")
'no such key'
"""

from __future__ import annotations

from network.labels import app, cli, map, measures, planner, report, survey

__all__ = ["LABELS", "t", "both", "LANGS", "PARTS"]

LANGS = {"ja": "日本語", "en": "English"}

#: Each area's table, by module name (tests/test_vocabulary.py reads them apart).
PARTS: dict[str, dict[str, tuple[str, str]]] = {
    "app": app.WORDS,
    "planner": planner.WORDS,
    "survey": survey.WORDS,
    "map": map.WORDS,
    "report": report.WORDS,
    "measures": measures.WORDS,
    "cli": cli.WORDS,
}

#: Every word: key → (Japanese, English).
LABELS: dict[str, tuple[str, str]] = {k: v for part in PARTS.values() for k, v in part.items()}


def t(key: str, lang: str = "ja", **fmt: object) -> str:
    """Label ``key`` in ``lang`` (``"ja"`` or ``"en"``), formatted with ``fmt``; the key itself if unknown."""
    ja, en = LABELS.get(key, (key, key))
    text = en if lang == "en" else ja
    return text.format(**fmt) if fmt else text


def both(key: str, **fmt: object) -> str:
    """``"English / 日本語"``: the command line's way of saying ``key`` (both languages at once).

    >>> both("cli_no_org", word="'x'")
    "no organisation 'x' / 団体が見つかりません"
    """
    return f"{t(key, 'en', **fmt)} / {t(key, 'ja', **fmt)}"
