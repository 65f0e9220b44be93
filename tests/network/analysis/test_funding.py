"""Tests of network.analysis.funding (expected values: hand counts on planner_net)."""

from __future__ import annotations

import pytest

from network.analysis.funding import funding_mix, funding_trend
from tests.network.analysis.planner_net import boundary_network


def test_centre_trend_by_funder_sector():
    rows = {r["fy"]: r for r in funding_trend(boundary_network(), "c", [2015, 2016, 2017])}
    assert rows[2015]["ties"] == 0 and rows[2015]["shares"] == {}
    # FY2016: commission from X市 (2016-04-01..2017-03-31) and a grant starting 2017-03-31
    assert rows[2016]["counts"] == {"foundation": 1, "government": 1}
    assert rows[2016]["shares"]["government"] == pytest.approx(0.5)
    assert rows[2017]["shares"] == {"foundation": 1.0}


def test_mix_only_counts_funding_and_commission_into_the_target():
    rows = funding_mix(boundary_network(), as_of=2016)
    assert [r["id"] for r in rows] == ["c"]  # support c → k1 and membership k2 → g bring no money
    assert rows[0]["by_type"] == {"commission": 1, "funding": 1} and rows[0]["funders"] == 2
    assert funding_mix(boundary_network(), as_of="2017-04-01")[0]["counts"] == {"foundation": 1}
