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
    assert [(x["a"], x["b"], x["strength_before"], x["strength_after"])
            for x in r["ties"]["strengthened"]] == [("a", "b", 2, 4)]
    assert [(x["a"], x["b"], x["strength_before"], x["strength_after"])
            for x in r["ties"]["weakened"]] == [("c", "d", 5, 2)]


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
    from network.report import change_to_markdown

    r = compare(history(), 2023, 2024)
    ja = change_to_markdown(r, names={"d": "D会", "e": "E会"})
    assert ja.startswith("# 変化 2023 → 2024")
    assert "- D会 — E会" in ja and "新たに仲介者になった団体: b、D会" in ja
    en = change_to_markdown(r, lang="en")
    assert "## Ties weakened" in en and "- c — d" in en
