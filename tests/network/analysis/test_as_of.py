"""``renkei ties --as-of`` and ``renkei analyze --as-of`` with fiscal years (issue 10, item 1).

Expected values: the hand filter of ``tests/network/fiscal_ties.py`` (each tie's start and end
against the April–March period of the year).
"""

from __future__ import annotations

import json

import pytest

from network.cli import main
from network.store.sqlite import SQLiteStore
from tests.network.fiscal_ties import FY_EXPECTED, SPANS, fiscal_changes


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "renkei.db"
    with SQLiteStore(path) as s:
        s.write(fiscal_changes())
    return str(path)


PAIRS = dict(zip(SPANS, ["ab", "ac", "ad", "ae", "af", "bc", "bd", "cd", "ce", "ef"], strict=True))


@pytest.mark.parametrize("as_of", ["2016", "FY2016", "2016年度", "平成28年度", "2015", "令和元年度", "2017-03-31"])
def test_cli_ties_as_of_fiscal_year(db, capsys, as_of):
    assert main(["--store", db, "ties", "--as-of", as_of, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(r["id"] for r in rows) == FY_EXPECTED[as_of]


@pytest.mark.parametrize("as_of", ["2016", "FY2016", "2016年度", "平成28年度", "2015", "令和元年度", "2017-03-31"])
def test_cli_analyze_as_of_fiscal_year(db, capsys, as_of):
    assert main(["--store", db, "analyze", "--as-of", as_of, "--format", "json"]) == 0
    g = json.loads(capsys.readouterr().out)["graph"]
    expected = FY_EXPECTED[as_of]
    assert g["ties"] == len(expected)
    assert g["edges"] == len({PAIRS[t] for t in expected})  # tied pairs (each tie here joins its own pair)
    from network.model import as_of_period

    first, last = as_of_period(as_of)
    assert g["as_of"] == (first if first == last else f"{first}/{last}")


def test_cli_bad_as_of_is_one_line(db, capsys):
    assert main(["--store", db, "ties", "--as-of", "去年"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "fiscal year" in err


def test_as_of_period():
    from network.model import as_of_period

    # fiscal years run April–March (DESIGN.md, "Data model"); 平成28年 = 2016, 令和元年 = 2019
    assert as_of_period("平成28年度") == ("2016-04-01", "2017-03-31")
    assert as_of_period(2019) == as_of_period("令和元年度") == as_of_period("R1") == ("2019-04-01", "2020-03-31")
    assert as_of_period("2024-06-30") == ("2024-06-30", "2024-06-30")
    assert as_of_period(None) == (None, None)
    with pytest.raises(ValueError, match="fiscal year"):
        as_of_period("2024-02-30")
