"""Tests of network.analysis.districts (expected values: hand counts on planner_net)."""

from __future__ import annotations

from network.analysis.districts import council_rank, district_coverage
from network.analysis.years import year_view
from tests.network.analysis.planner_net import boundary_network


def coverage(fy: int, **extra) -> dict:
    U = year_view(boundary_network(), fy)
    U.add_node("n2", name="NPO丁", sector="npo", kind="NPO法人", prefecture="Z県", city="X市", district="d4")
    r = district_coverage(U, centre="c", **extra)
    return {(c["city"], d["district"]): d for c in r["cities"] for d in c["districts"]} | {"_": r}


def test_grouped_by_city_with_districts_without_a_council():
    r = coverage(2017)["_"]
    assert [c["city"] for c in r["cities"]] == ["X市", "Y町"]
    x = r["cities"][0]
    assert [d["district"] for d in x["districts"]] == ["d1", "d2", "d4"]
    assert x["no_council"] == ["d4"] and x["unplaced"] == 1  # the city office g has no district


def test_council_ties_to_centre_office_and_other_councils_fy2017():
    d = coverage(2017)
    d1, d2, d3 = d[("X市", "d1")], d[("X市", "d2")], d[("Y町", "d3")]
    assert d1["councils"] == ["k1"] and d1["council_tied_centre"] is True and d1["council_tied_office"] is False
    assert d1["exchange"] == [{"council": "k1", "partner": "k2", "partner_district": "d2"}]
    assert d2["councils"] == ["k2"] and d2["council_tied_centre"] is False
    assert d3["council_tied_centre"] is False and d3["council_tied_office"] is False and d3["exchange"] == []
    assert d[("X市", "d4")]["council_tied_centre"] is None


def test_office_tie_in_fy2015_january_to_march():
    d2 = coverage(2015)[("X市", "d2")]  # k2 → X市 (membership 2016-01-01..03-31)
    assert d2["council_tied_office"] is True and d2["offices"] == ["g"]


def test_sectors_a_district_has_no_tie_to():
    d = coverage(2017)
    # d1's organisations reach a (npo), f (foundation), k1/k2 (residents), c (intermediary)
    assert d[("X市", "d1")]["missing_sectors"] == ["company", "government"]
    assert d[("X市", "d2")]["missing_sectors"] == ["company", "foundation", "government", "intermediary", "npo"]
    assert d[("X市", "d1")]["sectors"] == {"intermediary": 1, "npo": 1, "residents_group": 1}


def test_council_ranks():
    assert council_rank("地域活動協議会") == 0 and council_rank("まちづくり協議会") == 1
    assert council_rank("連合振興町会") == 2 and council_rank("町内会連合会") == 2
    assert council_rank("自治会") == 3 and council_rank("NPO法人") is None
