"""Tests of ingest.project: the one-mode projection of participations (weights by hand)."""

from __future__ import annotations

from ingest.project import project_participations, projected_ties
from network.model import Participation as P
from network.model import tie_id_for

# A small council network, counted by hand:
#   地活協連絡会: a, b, c      防災訓練: a, b      子ども食堂ネット: b, c, d
# shared activities: a–b 2, a–c 1, b–c 2, b–d 1, c–d 1; a–d 0
PARTS = [
    P("a", "地活協連絡会"),
    P("b", "地活協連絡会"),
    P("c", "地活協連絡会"),
    P("a", "防災訓練", date="2019-09-01"),
    P("b", "防災訓練", date="2019-09-01"),
    P("b", "子ども食堂ネット", date="2023-06-01"),
    P("c", "子ども食堂ネット", date="2023-06-01"),
    P("d", "子ども食堂ネット", date="2023-06-01"),
    P("a", "地活協連絡会", role="会長"),
]  # a second role in the same activity counts once


def test_weights_are_shared_activities():
    G = project_participations(PARTS)
    weights = {tuple(sorted(e)): d["weight"] for *e, d in G.edges(data=True)}
    assert weights == {("a", "b"): 2, ("a", "c"): 1, ("b", "c"): 2, ("b", "d"): 1, ("c", "d"): 1}
    assert sorted(G["b"]["c"]["activities"]) == ["地活協連絡会", "子ども食堂ネット"]
    assert not G.has_edge("a", "d")


def test_date_window_keeps_undated_participations():
    G = project_participations(PARTS, since="2020-04-01")
    weights = {tuple(sorted(e)): d["weight"] for *e, d in G.edges(data=True)}
    # 防災訓練 (2019) drops out; the undated 地活協連絡会 stays
    assert weights == {("a", "b"): 1, ("a", "c"): 1, ("b", "c"): 2, ("b", "d"): 1, ("c", "d"): 1}


def test_projected_ties_are_stable_undirected_records():
    ties = projected_ties(PARTS)
    assert [(t.source, t.target, t.weight) for t in ties] == [
        ("a", "b", 2.0),
        ("a", "c", 1.0),
        ("b", "c", 2.0),
        ("b", "d", 1.0),
        ("c", "d", 1.0),
    ]
    t = ties[0]
    assert (t.type, t.directed, t.strength, t.evidence) == ("information", False, 1, "participation")
    assert t.id == tie_id_for("a", "b", "information", None, "participation", False)
    assert projected_ties(PARTS)[0].id == t.id


def test_isolated_participant_is_a_node():
    G = project_participations([P("a", "x"), P("b", "y")])
    assert sorted(G.nodes) == ["a", "b"] and G.number_of_edges() == 0
