"""Tests of network.present.report and network.explain.

Sources: DESIGN.md ("Interfaces": the JSON fields), hand counts on a small
network, and the module functions the report assembles (each tested against
its own source in the other test files).
"""

from __future__ import annotations

import json

import networkx as nx
import pytest

from network.analysis.brokers import ROLES
from network.explain import EXPLANATIONS, LABELS, explain
from network.present.report import analyze, org_rows, to_markdown


def stored() -> nx.MultiDiGraph:
    M = nx.MultiDiGraph()
    for v, name, s, d in [
        ("r1", "北町内会", "residents_group", "北"),
        ("r2", "南町内会", "residents_group", "南"),
        ("c", "まちセン", "intermediary", "北"),
        ("g", "区役所", "government", "南"),
        ("f", "財団", "foundation", "北"),
        ("co", "株式会社A|B", "company", "南"),
        ("iso", "孤立団体", "npo", "北"),
    ]:
        M.add_node(v, name=name, sector=s, district=d)
    t = dict(directed=False, type="collaboration", strength=3)
    M.add_edge("r1", "c", key="1", **t)
    M.add_edge("r2", "c", key="2", **t)
    M.add_edge("c", "g", key="3", **t)
    M.add_edge("g", "co", key="4", **t)
    M.add_edge("f", "c", key="5", directed=True, type="funding", strength=4)
    M.add_edge("f", "g", key="6", directed=True, type="funding", strength=2, end="2020-03-31")
    return M


def test_json_has_the_design_fields_and_no_nan():
    r = analyze(stored())
    text = json.dumps(r, ensure_ascii=False, allow_nan=False)  # NaN written as null
    assert json.loads(text) == r
    assert {"graph", "orgs", "sector_mixing", "ei_index", "bridges", "introductions"} <= set(r)
    g = r["graph"]
    assert (g["nodes"], g["edges"], g["ties"], g["components"], g["isolates"]) == (7, 6, 6, 2, 1)
    assert g["density"] == pytest.approx(6 / 21)
    assert g["betweenness"]["method"] == "exact"
    org = {o["id"]: o for o in r["orgs"]}
    assert set(org["c"]) >= {
        "id",
        "name",
        "sector",
        "degree",
        "betweenness",
        "constraint",
        "effective_size",
        "brokerage",
        "community",
        "cut_point",
    }
    assert set(org["c"]["brokerage"]) == {*ROLES, "total"}
    assert org["iso"]["constraint"] is None and org["iso"]["effective_size"] is None
    assert org["c"]["cut_point"] and org["g"]["cut_point"] and not org["f"]["cut_point"]
    assert r["orgs"][0]["id"] == "c"  # sorted by betweenness: the intermediary first
    # r1 → c → r2 (both residents' groups, broker intermediary): itinerant, both ways
    assert org["c"]["brokerage"]["itinerant"] == 2
    for s in r["introductions"]:
        assert {"a", "b", "introducer", "score", "reason"} <= set(s)
        assert set(s["reason"]) == {"ja", "en"}


def test_as_of_and_filters_reach_the_views():
    r = analyze(stored(), as_of="2019-06-01")
    assert r["graph"]["as_of"] == "2019-06-01" and r["graph"]["ties"] == 6
    r = analyze(stored(), as_of="2021-06-01")
    assert r["graph"]["ties"] == 5 and r["graph"]["edges"] == 5
    r = analyze(stored(), types=["funding"])
    assert r["graph"]["edges"] == 2 and r["graph"]["filters"]["types"] == ["funding"]


def test_sector_attr_district():
    r = analyze(stored(), sector_attr="district")
    groups = {row["from"] for row in r["sector_mixing"]}
    assert groups == {"北", "南"}
    assert set(r["ei_index"]["by_group"]) == {"北", "南"}


def test_markdown_in_japanese_and_english():
    r = analyze(stored())
    ja = to_markdown(r)
    en = to_markdown(r, lang="en")
    assert ja.startswith("# 連携ネットワーク分析レポート")
    assert explain("gatekeeper", "ja") in ja and explain("cut_point", "ja") in ja
    assert en.startswith("# Partnership network report") and explain("gatekeeper", "en") in en
    assert "まちセン" in ja and "株式会社A\\|B" in ja  # table cells escape "|"
    assert "区役所" in ja and "孤立団体" in ja


def test_org_rows_and_explanations():
    r = analyze(stored())
    rows = org_rows(r)
    assert len(rows) == 7 and rows[0]["id"] == "c" and rows[0]["itinerant"] == 2
    ja = org_rows(r, lang="ja")
    assert "門番役" in ja[0] and "団体名" in ja[0]
    assert set(EXPLANATIONS) <= set(LABELS) | {"introductions"}
    for key in (*ROLES, "betweenness", "constraint", "effective_size", "cut_point"):
        assert EXPLANATIONS[key]["ja"] and EXPLANATIONS[key]["en"]


def test_empty_and_untied_networks():
    # hand-checked edge cases: no organisation; organisations without ties;
    # a tie whose optional fields are None
    r = analyze(nx.MultiDiGraph())
    assert r["graph"]["nodes"] == 0 and r["graph"]["density"] is None and r["orgs"] == []
    assert to_markdown(r).startswith("# ")
    M = nx.MultiDiGraph()
    M.add_nodes_from(["a", "b", "c"])
    r = analyze(M)
    assert (r["graph"]["isolates"], r["graph"]["density"]) == (3, 0.0)
    assert all(o["constraint"] is None for o in r["orgs"])
    M.add_edge("a", "b", key="x", strength=None, directed=None, type=None)
    r = analyze(M)
    assert r["graph"]["edges"] == 1 and json.dumps(r, allow_nan=False)
