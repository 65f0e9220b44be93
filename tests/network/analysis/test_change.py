"""Tests of network.analysis.change (expected values: hand counts)."""

from __future__ import annotations

import networkx as nx
import pytest

from network.analysis.change import compare


def history() -> nx.MultiDiGraph:
    M = nx.MultiDiGraph()
    for v, s in [("a", "npo"), ("b", "company"), ("c", "government"), ("d", "npo"), ("e", "npo")]:
        M.add_node(v, sector=s)
    t = dict(directed=False, type="collaboration")
    M.add_edge("a", "b", key="1", strength=2, start="2022-04-01", end="2024-03-31", **t)  # ends FY2023
    M.add_edge("a", "b", key="2", strength=4, start="2024-04-01", **t)  # a–b gets stronger in FY2024
    M.add_edge("b", "c", key="3", strength=3, start="2020-04-01", **t)
    M.add_edge("c", "d", key="4", strength=5, start="2020-04-01", end="2024-03-31", **t)  # ends
    M.add_edge("c", "d", key="5", strength=2, start="2024-04-01", **t)  # weaker successor
    M.add_edge("d", "e", key="6", strength=3, start="2024-04-01", **t)  # new
    M.add_edge("a", "c", key="7", strength=1, start="2021-04-01", end="2024-03-31", **t)  # ended
    return M


def test_ties_added_ended_strengthened_weakened():
    r = compare(history(), 2023, 2024)
    assert [(x["a"], x["b"]) for x in r["ties"]["added"]] == [("d", "e")]
    assert [(x["a"], x["b"]) for x in r["ties"]["ended"]] == [("a", "c")]
    assert [(x["a"], x["b"], x["strength_before"], x["strength_after"]) for x in r["ties"]["strengthened"]] == [
        ("a", "b", 2, 4)
    ]
    assert [(x["a"], x["b"], x["strength_before"], x["strength_after"]) for x in r["ties"]["weakened"]] == [
        ("c", "d", 5, 2)
    ]


def test_brokers_and_density_change():
    r = compare(history(), "2023-06-01", "2024-06-01")
    # 2023: a–b, b–c, c–d, a–c (triangle a, b, c + tail d): cut point c
    # 2024: path a–b–c–d–e: cut points b, c, d
    assert r["brokers"]["became"] == ["b", "d"] and r["brokers"]["stopped"] == []
    assert r["density"]["before"] == pytest.approx(4 / 10)
    assert r["density"]["after"] == pytest.approx(4 / 10)
    mix = {(m["from"], m["to"]): m for m in r["mixing"]}
    # npo–npo arcs: none in 2023, d–e both ways in 2024 of 3 × 2 possible
    assert mix[("npo", "npo")]["before"] == 0.0
    assert mix[("npo", "npo")]["after"] == pytest.approx(2 / 6)


def test_change_markdown_lists_the_changes():
    from network.present.report import change_to_markdown

    r = compare(history(), 2023, 2024)
    ja = change_to_markdown(r, names={"d": "D会", "e": "E会"})
    assert ja.startswith("# 変化 2023 → 2024")
    assert "- D会 — E会" in ja and "新たに仲介者になった団体: b、D会" in ja
    en = change_to_markdown(r, lang="en")
    assert "## Ties weakened" in en and "- c — d" in en


def test_sector_pairs_and_active_organisations_by_hand():
    r = compare(history(), 2023, 2024)
    gaps = {(g["a"], g["b"]): g for g in r["gaps"]}
    # FY2023: c–d and a–c tie government to npo (a, d, e: 3 possible); FY2024: c–d only
    g = gaps[("government", "npo")]
    assert (g["ties_before"], g["ties_after"]) == (2, 1)
    assert g["before"] == pytest.approx(2 / 3) and g["change"] == pytest.approx(-1 / 3)
    # npo–npo: d–e is new in FY2024 (1 of 3 pairs)
    assert gaps[("npo", "npo")]["after"] == pytest.approx(1 / 3) and gaps[("npo", "npo")]["ties_before"] == 0
    # e has no tie in FY2023: 4 active organisations, then 5 (5 in the views both times)
    assert r["active_orgs"] == {"before": 4, "after": 5} and r["orgs"] == {"before": 5, "after": 5}
