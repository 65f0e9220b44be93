"""The illustrative sample networks shipped in ``data/`` (例示用サンプル).

Each sample is a folder of import files (``orgs.csv``, ``ties.csv``,
``participations.csv``, UTF-8 with Japanese headers) that ``renkei demo``
loads through the normal importer.  Ties, strengths, dates and every
organisation not named in the seed documents are invented for illustration.

Examples
--------
>>> sorted(SAMPLES)
['miyagi', 'tsurumi']
>>> (SAMPLES["miyagi"] / "orgs.csv").is_file()
True
>>> [p.name for p in sample_files("tsurumi")]
['orgs.csv', 'ties.csv', 'participations.csv']
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SAMPLES", "DESCRIPTIONS", "sample_files"]

_HERE = Path(__file__).resolve().parent

#: Sample name → folder holding its import files.
SAMPLES: dict[str, Path] = {
    "miyagi": _HERE / "miyagi",
    "tsurumi": _HERE / "tsurumi",
}

#: Sample name → (Japanese, English) one-line description.
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "miyagi": (
        "みやぎ連携復興センターを中心とする宮城県の復興連携ネットワーク（2012〜2024年度、例示用・架空の関係）",
        "Miyagi reconstruction partnership network around an intermediary centre, FY2012–2024 "
        "(illustrative; ties invented)",
    ),
    "tsurumi": (
        "大阪市鶴見区の校区別地域活動協議会とまちづくりセンターのネットワーク（例示用・架空の関係）",
        "Osaka Tsurumi ward: regional activity councils by school district and the town-planning centre "
        "(illustrative; ties invented)",
    ),
}

_ORDER = ("orgs.csv", "ties.csv", "participations.csv")


def sample_files(name: str) -> list[Path]:
    """The import files of sample ``name`` in import order (organisations first).

    Raises ``KeyError`` for an unknown sample name.
    """
    folder = SAMPLES[name]
    return [folder / f for f in _ORDER if (folder / f).is_file()]
