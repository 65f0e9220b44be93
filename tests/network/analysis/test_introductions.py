"""Tests of network.analysis.introductions.

Sources: NetworkX's ``adamic_adar_index`` (the score's definition) and hand counts.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest

from network.analysis.introductions import suggest_introductions
from network.present.introductions import reason_text


def town() -> nx.Graph:
    """A city office and an intermediary both know two NPOs and a company."""
    U = nx.Graph()
    for v, s, d in [
        ("city", "government", "北"),
        ("hub", "intermediary", "北"),
        ("n1", "npo", "北"),
        ("n2", "npo", "南"),
        ("co", "company", "北"),
    ]:
        U.add_node(v, name=v.upper(), sector=s, district=d)
    for a, b, st in [
        ("city", "n1", 2),
        ("city", "n2", 2),
        ("city", "co", 1),
        ("hub", "n1", 5),
        ("hub", "n2", 4),
        ("hub", "co", 4),
    ]:
        U.add_edge(a, b, strength=st, weight=float(st))
    return U


def test_scores_are_adamic_adar_with_same_area_bonus():
    U = town()
    got = {tuple(sorted((s["a"], s["b"]))): s for s in suggest_introductions(U, same_area_bonus=1.5, top=50)}
    aa = {(min(u, v), max(u, v)): p for u, v, p in nx.adamic_adar_index(U)}
    # n1–n2 share city and hub but are both NPOs (same sector): not suggested
    assert ("n1", "n2") not in got
    # city–hub are already... not tied: government × intermediary, common n1, n2, co
    s = got[("city", "hub")]
    assert s["adamic_adar"] == pytest.approx(aa[("city", "hub")])
    assert s["adamic_adar"] == pytest.approx(3 / math.log(2))  # each partner has degree 2
    assert s["score"] == pytest.approx(1.5 * s["adamic_adar"])  # both in 北
    s = got[("co", "n2")]
    assert s["score"] == pytest.approx(s["adamic_adar"]) and not s["same_area"]


def test_best_introducer_has_the_strongest_ties_to_both():
    s = {tuple(sorted((x["a"], x["b"]))): x for x in suggest_introductions(town())}[("co", "n1")]
    # common partners: city (2, 1) and hub (5, 4) → hub
    assert s["introducer"] == "hub" and s["common_partners"] == 2
    # pair order follows the graph's node order: n1 before co
    assert (s["a_group"], s["b_group"], s["area"], s["common_partners"]) == ("npo", "company", "北", 2)
    # the words are presentation's (the analysis takes no language)
    assert reason_text(s, "en").startswith("N1 (NPO / civic group) and CO (Company) share 2 partners; HUB")
    assert "共通の連携先が2団体" in reason_text(s, "ja") and "同じ地区（北）" in reason_text(s, "ja")


def test_ranking_and_focus():
    U = town()
    ranked = suggest_introductions(U)
    assert [x["score"] for x in ranked] == sorted((x["score"] for x in ranked), reverse=True)
    assert (ranked[0]["a"], ranked[0]["b"]) == ("city", "hub")
    only = suggest_introductions(U, org="n2")
    assert only and all(x["a"] == "n2" for x in only)
    npo = suggest_introductions(U, sector="npo")
    assert npo and all("npo" in (U.nodes[x["a"]]["sector"], U.nodes[x["b"]]["sector"]) for x in npo)
    assert len({(x["a"], x["b"]) for x in npo}) == len(npo)


def test_across_communities_qualifies_same_sector_pairs():
    U = town()
    member = {"city": 0, "hub": 0, "n1": 0, "n2": 1, "co": 0}
    got = {tuple(sorted((s["a"], s["b"]))): s for s in suggest_introductions(U, membership=member)}
    assert got[("n1", "n2")]["across"] == ["community"]


def test_no_suggestion_without_shared_partners():
    assert suggest_introductions(nx.Graph([("a", "b")])) == []
