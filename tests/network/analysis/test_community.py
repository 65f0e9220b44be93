"""Tests of community descriptions (issue 10, item 4): label, members, sectors, districts and
the organisations that tie a community to the others.

Expected values: hand counts on two triangles joined by one tie (comments below).
"""

from __future__ import annotations

import networkx as nx

from network.analysis.community import describe_communities
from network.analysis.gaps import community_ties
from network.present.groups import with_labels
from network.present.report import analyze, to_markdown


def two_groups() -> nx.Graph:
    """Triangle a, b, c (+ g hanging on a) and triangle d, e, f; c–d joins them."""
    U = nx.Graph()
    for v, s, d in [
        ("a", "npo", "北"),
        ("b", "npo", "北"),
        ("c", "intermediary", "北"),
        ("g", "company", ""),
        ("d", "government", "南"),
        ("e", "residents_group", "南"),
        ("f", "residents_group", "南"),
    ]:
        U.add_node(v, name=f"団体{v.upper()}", sector=s, district=d)
    U.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("a", "g"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")])
    return U


MEMBERS = {"a": 0, "b": 0, "c": 0, "g": 0, "d": 1, "e": 1, "f": 1}


def test_describe_communities_by_hand():
    U = two_groups()
    bc = nx.betweenness_centrality(U)
    out = describe_communities(U, MEMBERS, centrality=bc)
    c0, c1 = out
    # betweenness: c lies between {a, b, g} and {d, e, f} (9 pairs), a between g and the other 5
    assert c0["members"] == ["c", "a", "b", "g"]
    assert c0["names"] == ["団体C", "団体A"]
    # the words are presentation's (network.present.groups): the analysis takes no language
    assert with_labels([c0])[0]["label"] == {"ja": "団体C・団体Aほか2団体", "en": "団体C, 団体A and 2 others"}
    assert c0["size"] == 4 and c1["size"] == 3
    assert c0["sectors"] == {"npo": 2, "intermediary": 1, "company": 1}
    assert c0["districts"] == {"北": 3}  # g has no district
    assert c1["districts"] == {"南": 3}
    # only c ties community 0 to the others (c–d), only d community 1
    assert c0["connectors"] == [{"id": "c", "name": "団体C", "ties": 1, "communities": [1]}]
    assert c1["connectors"] == [{"id": "d", "name": "団体D", "ties": 1, "communities": [0]}]
    assert c1["members"][0] == "d"


def test_labels_of_small_communities():
    U = nx.Graph()
    U.add_node("x", name="甲")
    U.add_edge("y", "z")
    nx.set_node_attributes(U, {"y": "乙", "z": "丙"}, "name")
    out = describe_communities(U, {"x": 1, "y": 0, "z": 0}, centrality={"x": 0, "y": 0, "z": 0})
    out = with_labels(out)
    assert out[0]["label"] == {"ja": "乙・丙", "en": "乙, 丙"}  # ties broken by degree then id
    assert out[1]["label"] == {"ja": "甲", "en": "甲"}


def test_community_ties_name_the_organisations_between():
    rows = {(r["a"], r["b"]): r for r in community_ties(two_groups(), MEMBERS)}
    assert rows[(0, 1)]["ties"] == 1
    assert (rows[(0, 1)]["a_orgs"], rows[(0, 1)]["b_orgs"]) == (["c"], ["d"])
    assert rows[(0, 0)]["ties"] == 4 and rows[(0, 0)]["a_orgs"] == []


def test_report_json_and_markdown_carry_labels_and_members():
    M = nx.MultiDiGraph()
    U = two_groups()
    M.add_nodes_from(U.nodes(data=True))
    for k, (u, v) in enumerate(U.edges()):
        M.add_edge(u, v, key=str(k), type="collaboration", directed=False, strength=3)
    r = analyze(M)
    by_size = sorted(r["communities"], key=lambda c: -c["size"])
    assert all(
        {"id", "size", "label", "members", "sectors", "districts", "connectors"} <= set(c) for c in r["communities"]
    )
    assert sum(c["size"] for c in r["communities"]) == 7
    assert sorted(v for c in r["communities"] for v in c["members"]) == sorted(U)
    assert by_size[0]["label"]["ja"] in to_markdown(r)
    assert by_size[0]["label"]["en"] in to_markdown(r, lang="en")
