"""Tests of network.analysis.whatif (expected values: hand counts on planner_net)."""

from __future__ import annotations

import pytest

from network.analysis.whatif import what_if
from network.analysis.years import year_view
from network.errors import RenkeiError
from tests.network.analysis.planner_net import boundary_network


def test_remove_the_centre_fy2016():
    r = what_if(year_view(boundary_network(), 2016), ["c"])
    # star c–{a, g, f, k1} plus isolates b, k2, k3: four singletons left, a kept
    assert r["cut_off"] == ["f", "g", "k1"] and r["cut_off_count"] == 3
    b, a = r["before"], r["after"]
    assert (b["orgs"], b["pairs"], b["components"], b["isolates"]) == (8, 4, 1, 3)
    assert (a["orgs"], a["pairs"], a["components"], a["isolates"]) == (7, 0, 0, 7)
    assert b["density"] == pytest.approx(4 / 28) and a["density"] == 0
    assert [x["id"] for x in b["top_brokers"]] == ["c"] and a["top_brokers"] == []


def test_remove_two_fy2017():
    r = what_if(year_view(boundary_network(), 2017), ["c", "k1"])
    # c–a, c–f, c–k1, k1–k2: a, f, k2 left alone; a kept (smallest id), f and k2 cut off
    assert r["cut_off"] == ["f", "k2"] and r["after"]["pairs"] == 0


def test_bad_ids_refused():
    U = year_view(boundary_network(), 2017)
    with pytest.raises(RenkeiError):
        what_if(U, [])
    with pytest.raises(RenkeiError, match="nobody"):
        what_if(U, ["nobody"])
