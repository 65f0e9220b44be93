"""Groups in words: a community's label from its most central members' names (ja and en).

>>> community_text(["みやぎ連携復興センター", "杜の都防災ネット"], 26, "ja")
'みやぎ連携復興センター・杜の都防災ネットほか24団体'
>>> community_text(["A", "B"], 3, "en"), community_text(["A", "B"], 5, "en"), community_text(["甲"], 1, "en")
('A, B and 1 other', 'A, B and 3 others', '甲')
"""

from __future__ import annotations

from collections.abc import Iterable

from network.labels import t

__all__ = ["community_text", "with_labels"]


def community_text(names: list[str], size: int, lang: str) -> str:
    """「A・Bほか24団体」 / "A, B and 24 others": the names shown, then how many are not.

    Parameters
    ----------
    names : list of str
        The names shown, most central first.
    size : int
        The number of members.
    lang : str
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        Plain text (escape it where it is shown).
    """
    shown = t("report_community_sep", lang).join(str(n) for n in names)
    rest = size - len(names)
    if rest <= 0:
        return shown
    return t("report_community_label_one" if rest == 1 else "report_community_label", lang, names=shown, n=rest)


def with_labels(descriptions: Iterable[dict]) -> list[dict]:
    """Community descriptions (:func:`~network.analysis.community.describe_communities`), each with
    ``label: {"ja", "en"}`` added (what the JSON report carries)."""
    return [
        {
            **d,
            "label": {lang: community_text(d.get("names") or [str(d["id"])], d["size"], lang) for lang in ("ja", "en")},
        }
        for d in descriptions
    ]
