"""A small dated network whose ties start and end on the fiscal-year edges (03-31 / 04-01)
and in January–March, with the ties active in each fiscal year worked out by hand.

A fiscal year (年度) FY runs from FY-04-01 to (FY+1)-03-31; "as of a fiscal year" keeps a tie
that runs at any time during the year: start ≤ (FY+1)-03-31 and (no end or end ≥ FY-04-01).
"""

from __future__ import annotations

from network.model import Org, Tie
from network.store.base import ChangeSet

#: id: (start, end) — the hand filter below is worked out from these
SPANS: dict[str, tuple[str | None, str | None]] = {
    "f1": ("2016-03-31", "2016-03-31"),  # the last day of FY2015 only
    "f2": ("2016-04-01", None),  # from the first day of FY2016 on
    "f3": ("2017-03-31", "2017-03-31"),  # the last day of FY2016 only
    "f4": ("2017-04-01", "2017-04-01"),  # the first day of FY2017 only
    "f5": ("2017-01-15", "2017-02-28"),  # January–February 2017: FY2016 (text '2017-01-15' > '2016')
    "f6": (None, "2016-04-01"),  # open start, ends on the first day of FY2016
    "f7": ("2015-02-01", "2015-03-31"),  # February–March 2015: FY2014
    "f8": (None, None),  # always
    "f9": ("2016-01-10", None),  # January 2016 (FY2015) on
    "f10": ("2019-05-01", "2020-03-31"),  # the whole of FY2019 (令和元年度)
}

FY2015 = ["f1", "f6", "f8", "f9"]
FY2016 = ["f2", "f3", "f5", "f6", "f8", "f9"]
FY2017 = ["f2", "f4", "f8", "f9"]

#: as_of → ties active, by hand from SPANS
FY_EXPECTED: dict[object, list[str]] = {
    "2016": FY2016,
    "FY2016": FY2016,
    "2016年度": FY2016,
    "平成28年度": FY2016,
    "ＦＹ２０１６": FY2016,
    2016: FY2016,
    "2015": FY2015,
    "平成27年度": FY2015,
    "2017": FY2017,
    "H29": FY2017,
    "2014": ["f6", "f7", "f8"],
    "令和元年度": ["f10", "f2", "f8", "f9"],
    # a day is still one day
    "2016-03-31": ["f1", "f6", "f8", "f9"],
    "2016-04-01": ["f2", "f6", "f8", "f9"],
    "2017-03-31": ["f2", "f3", "f8", "f9"],
}


def fiscal_changes() -> ChangeSet:
    """Six organisations, ten dated ties (undirected and directed)."""
    orgs = [
        Org(x, f"団体{x}", s)
        for x, s in (
            ("a", "intermediary"),
            ("b", "government"),
            ("c", "npo"),
            ("d", "residents_group"),
            ("e", "company"),
            ("f", "foundation"),
        )
    ]
    pairs = ["ab", "ac", "ad", "ae", "af", "bc", "bd", "cd", "ce", "ef"]
    ties = []
    for (tid, (start, end)), (s, t) in zip(SPANS.items(), pairs, strict=True):
        directed = tid in ("f2", "f5")
        ties.append(Tie(tid, s, t, "funding" if directed else "collaboration", directed=directed, start=start, end=end))
    return ChangeSet(orgs=orgs, ties=ties)
