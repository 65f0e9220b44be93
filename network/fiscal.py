"""Dates of a partnership network: Japanese fiscal years (年度, April–March) and "as of" periods.

One parser for every ``--as-of``, fiscal-year menu and date filter (the CLI, both stores, the
analysis views and the app), so the ties "running in 2016年度" are the same everywhere.

>>> fiscal_year(date(2024, 3, 31)), fiscal_year(date(2024, 4, 1))
(2023, 2024)
>>> tie_active({"start": "2016-10-01", "end": None}, *as_of_period("平成28年度"))
True
"""

from __future__ import annotations

from datetime import date

from network.errors import InputError

__all__ = [
    "fiscal_year",
    "fiscal_year_range",
    "parse_fiscal_year",
    "as_of_period",
    "as_of_label",
    "tie_active",
    "iso_day",
]


def fiscal_year(d: date) -> int:
    """Japanese fiscal year (年度) of a date: April to March.

    >>> fiscal_year(date(2017, 1, 10))
    2016
    """
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_range(fy: int) -> tuple[date, date]:
    """First and last day of fiscal year ``fy`` (令和6年度 = 2024 → 2024-04-01..2025-03-31)."""
    return date(fy, 4, 1), date(fy + 1, 3, 31)


_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988, "S": 1925}


def parse_fiscal_year(text: str) -> int:
    """Parse ``2024``, ``FY2024``, ``2024年度``, ``令和6年度``, ``平成29年度``, ``R6``.

    >>> parse_fiscal_year("平成29年度"), parse_fiscal_year("令和元年度"), parse_fiscal_year("FY2024")
    (2017, 2019, 2024)
    """
    import re
    import unicodedata

    s = unicodedata.normalize("NFKC", str(text)).strip().upper().replace(" ", "")
    s = s.removesuffix("年度").removeprefix("FY")
    for era, base in _ERAS.items():
        if s.startswith(era.upper()):
            rest = s[len(era) :]
            n = 1 if rest == "元" else int(rest) if rest.isdigit() else None
            if n is None:
                break
            return base + n
    if re.fullmatch(r"\d{4}", s):
        return int(s)
    raise InputError(f"not a fiscal year: {text!r}")


def as_of_period(when: str | int | date | None) -> tuple[str | None, str | None]:
    """The ``(first, last)`` ISO days that an ``as_of`` value stands for — the one parser of
    ``--as-of`` (CLI), the stores' date filter and the analysis views.

    A fiscal year (an ``int``, or text such as ``2016``, ``FY2016``, ``2016年度``, ``平成28年度``,
    ``令和元年度``, ``R1``) stands for its April–March period; an ISO date (or a ``date``) for that
    one day; ``None`` for all time.  "As of" a period keeps every tie that runs at some time in
    it: ``start <= last`` and ``end >= first`` (an open start or end always passes).

    Raises ``ValueError`` for text that is neither an ISO date nor a fiscal year.

    >>> as_of_period("平成28年度")
    ('2016-04-01', '2017-03-31')
    >>> as_of_period("2017-01-15"), as_of_period(None)
    (('2017-01-15', '2017-01-15'), (None, None))
    """
    if when is None or when == "":
        return None, None
    if isinstance(when, date):
        return when.isoformat()[:10], when.isoformat()[:10]
    if isinstance(when, int) and not isinstance(when, bool):
        first, last = fiscal_year_range(when)
        return first.isoformat(), last.isoformat()
    import unicodedata

    text = unicodedata.normalize("NFKC", str(when)).strip()
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        try:
            day = date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            pass
        else:
            return day, day
    else:
        try:
            return as_of_period(parse_fiscal_year(text))
        except ValueError:
            pass
    raise InputError(
        f"not a date or fiscal year: {when!r} (write 2024-06-30, or a fiscal year: 2024, FY2024, 2024年度, 令和6年度)"
    )


def as_of_label(when: str | int | date | None) -> str | None:
    """How a period is written in ``graph["as_of"]``: the day, or ``first/last`` for a year.

    >>> as_of_label(2016), as_of_label("2016-05-01"), as_of_label(None)
    ('2016-04-01/2017-03-31', '2016-05-01', None)
    """
    first, last = as_of_period(when)
    if first is None:
        return None
    return first if first == last else f"{first}/{last}"


def iso_day(d: str | date | None) -> str | None:
    """A tie's date as :func:`tie_active` compares it: a date's ISO form, a text's first ten characters.

    >>> iso_day("2021-04-01T09:00"), iso_day(date(2021, 4, 1)), iso_day("")
    ('2021-04-01', '2021-04-01', None)
    """
    if d is None or d == "":
        return None
    return d.isoformat() if isinstance(d, date) else str(d)[:10]


def tie_active(attrs: dict, first: str | None, last: str | None = None) -> bool:
    """True when a tie runs at some time in ``[first, last]`` (``None``: always).

    >>> tie_active({"start": "2024-04-01", "end": None}, "2024-03-31")
    False
    >>> tie_active({"start": "2024-04-01", "end": "2024-06-30"}, "2024-01-01", "2024-12-31")
    True
    """
    if first is None and last is None:
        return True
    last = first if last is None else last
    start, end = iso_day(attrs.get("start")), iso_day(attrs.get("end"))
    return (start is None or last is None or start <= last) and (end is None or first is None or end >= first)
