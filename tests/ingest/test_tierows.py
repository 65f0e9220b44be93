"""The fast path for tie rows makes exactly the ties the full validation makes, and steps aside otherwise.

Each row below is imported twice: through :class:`ingest.tierows.TieRows` and through the full
path (``validate_tie_row`` + resolution, what every row went through before).  Expected: equal
ties (every field), or ``None`` from the fast path for each row the full path reports as bad.
"""

from __future__ import annotations

import pytest

from ingest.importer import import_files
from ingest.resolve import Resolver
from ingest.tierows import TieRows
from ingest.validate import validate_tie_row
from network.model import Org, Tie, tie_id_for

ORGS = [
    Org("o1", "株式会社 甲", "company"),
    Org("o2", "特定非営利活動法人 乙", "npo"),
    Org("o3", "丙市", "government", corporate_number="8700110005901"),
]
HEADERS = ["source", "target", "type", "directed", "strength", "start", "end", "project", "note"]

GOOD = [
    ["o1", "o2", "協働", "", "", "", "", "", ""],
    ["o2", "o1", "collaboration", "", "3", "2024-04-01", "", "", ""],  # undirected: ends sorted
    [" ㈱甲 ", "乙", "助成", "", "５", "令和6年4月1日", "R7.3.31", " 事業A ", " 備考 "],
    ["8700110005901", "o1", "委託", "無", "調整", "2024/4/1", "", "", ""],
    ["o3", "o2", "支援・助言", "yes", "1", "H28.4.1", "", "p", ""],
    ["o1", "o3", "", "", "", "", "", "", ""],  # empty type: collaboration
    ["o2", "o3", "加盟", "双方向", "4.0", "2020-04-01", "2020-04-01", "", ""],
]
BAD = [
    ["", "o2", "協働", "", "", "", "", "", ""],  # empty source
    ["o1", "o1", "協働", "", "", "", "", "", ""],  # self tie
    ["o1", "誰か", "協働", "", "", "", "", "", ""],  # unknown organisation
    ["o1", "o2", "けんか", "", "", "", "", "", ""],  # unknown type
    ["o1", "o2", "協働", "たぶん", "", "", "", "", ""],  # bad directed
    ["o1", "o2", "協働", "", "9", "", "", "", ""],  # strength out of range
    ["o1", "o2", "協働", "", "", "2024-04-01", "2023-04-01", "", ""],  # end before start
    ["o1", "o2", "協働", "", "", "昨日", "", "", ""],  # not a date
    ["o1", 2, "協働", "", "", "", "", "", ""],  # not text (an XLSX number): the full path decides
]


def full_path(row: list, resolver: Resolver) -> Tie | None:
    """What the importer made of a tie row before the fast path (``ingest.importer._tie_row``)."""
    draft, errors = validate_tie_row(dict(zip(HEADERS, row, strict=True)), file="ties.csv", row=2)
    if draft is None:
        return None
    try:
        s, t = resolver.resolve(draft.source_ref), resolver.resolve(draft.target_ref)
    except LookupError:
        return None
    if s == t:
        return None
    if not draft.directed and t < s:
        s, t = t, s
    tid = tie_id_for(s, t, draft.type, draft.start, draft.project, draft.directed)
    return Tie(
        tid,
        s,
        t,
        draft.type,
        draft.directed,
        draft.strength,
        draft.start,
        draft.end,
        draft.project,
        draft.evidence,
        draft.last_confirmed,
        1.0,
        draft.note,
        "ties.csv",
    )


@pytest.fixture
def fast_and_resolver():
    resolver = Resolver(ORGS)
    return TieRows({h: i for i, h in enumerate(HEADERS)}, "ties.csv", resolver.resolve), resolver


@pytest.mark.parametrize("row", GOOD)
def test_good_rows_make_the_same_tie(row, fast_and_resolver):
    fast, resolver = fast_and_resolver
    expected = full_path(row, resolver)
    assert expected is not None
    assert fast.tie(row) == expected
    assert fast.tie(row) == expected  # the second time from the caches


@pytest.mark.parametrize("row", BAD)
def test_bad_rows_are_left_to_the_full_validation(row, fast_and_resolver):
    fast, resolver = fast_and_resolver
    assert fast.tie(row) is None
    if not isinstance(row[1], int):
        assert full_path(row, resolver) is None


def test_import_reports_bad_rows_found_beside_fast_ones(store):
    import_files(store, [("orgs.csv", "id,name,sector\no1,甲,company\no2,乙,npo\n".encode())])
    ties = "source,target,type,strength\no1,o2,協働,2\no1,o9,協働,2\no2,o1,けんか,2\n".encode()
    r = import_files(store, [("ties.csv", ties)], dry_run=True)
    assert [(e.row, e.column, e.code) for e in r.errors] == [(3, "target", "unknown_org"), (4, "type", "unknown_type")]
    assert (r.counts["ties"].read, r.counts["ties"].rejected, r.counts["ties"].created) == (3, 2, 1)
