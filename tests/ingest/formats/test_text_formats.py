"""Pajek files written by NetworkX and igraph, and UCINET DL files written from the DL specification."""

from __future__ import annotations

import io

import igraph as ig
import networkx as nx
import pytest

from ingest.importer import import_files
from network.errors import ValidationError
from network.model import Org
from network.store.base import ChangeSet


def _ties(store) -> dict[tuple[str, str], object]:  # noqa: ANN001
    return {(store.get_org(t.source).name, store.get_org(t.target).name): t for t in store.ties()}


def test_networkx_pajek_with_attributes(store):
    G = nx.DiGraph()
    G.add_node("みやぎ連携復興センター", sector="中間支援", 担当者="佐藤")
    G.add_node("石巻市", sector="行政")
    G.add_node("公益財団法人 日本財団", sector="財団")
    G.add_edge("石巻市", "みやぎ連携復興センター", weight=4, type="委託", start="2012-04-01", end="2016-03-31")
    G.add_edge("公益財団法人 日本財団", "みやぎ連携復興センター", weight=3, type="助成", 窓口="助成課")
    buf = io.BytesIO()
    nx.write_pajek(G, buf)
    import_files(store, [("peer.net", buf.getvalue())])
    orgs = {o.name: o for o in store.orgs()}
    assert {n: o.sector for n, o in orgs.items()} == {
        "みやぎ連携復興センター": "intermediary",
        "石巻市": "government",
        "公益財団法人 日本財団": "foundation",
    }
    assert orgs["みやぎ連携復興センター"].custom == {"担当者": "佐藤"}
    ties = _ties(store)
    c = ties[("石巻市", "みやぎ連携復興センター")]
    f = ties[("公益財団法人 日本財団", "みやぎ連携復興センター")]
    assert (c.type, c.strength, c.directed, c.start, c.end) == ("commission", 4, True, "2012-04-01", "2016-03-31")
    assert (f.type, f.strength, f.custom) == ("funding", 3, {"窓口": "助成課"})


def test_igraph_pajek_links_known_organisations(store, tmp_path):
    """igraph writes names and weights only: the organisations come from the store, the ties from the file."""
    store.write(ChangeSet(orgs=[Org("a", "石巻市", "government"), Org("b", "公益財団法人 日本財団", "foundation")]))
    g = ig.Graph(directed=False)
    g.add_vertices(2)
    g.vs["name"] = ["石巻市", "公益財団法人 日本財団"]
    g.add_edges([(1, 0)])
    g.es["weight"] = [2]
    g.write_pajek(str(tmp_path / "ig.net"))
    r = import_files(store, [tmp_path / "ig.net"])
    assert r.counts["orgs"].created == 0 and store.counts()["orgs"] == 2
    (t,) = store.ties()
    assert ({t.source, t.target}, t.type, t.strength, t.directed) == ({"a", "b"}, "collaboration", 2, False)


def test_pajek_relations_are_tie_types_and_bad_values_bad_rows(store):
    text = """% a multi-relational network
*Vertices 3
1 "みやぎ連携復興センター" 0.1 0.2 0.5 ic Red
2 "石巻市" 0.3 0.4 0.5 sector 行政
3 "渡波地区自治会" box sector 自治会
*Arcs :1 "委託"
2 1 4
*Edges :2 "協働"
1 3 5 l "見守り"
*Edges :3 "情報交換"
1 2 12
"""
    with pytest.raises(ValidationError) as exc:
        import_files(store, [("m.net", text.encode())])
    errors = [(e.file, e.row, e.column, e.code) for e in exc.value.report.errors]
    assert (
        ("m.net", 3, "sector", "no_sector") in errors
        or ("m.net", 3, "sector", "missing_column") in errors
        or any(e[1] == 3 for e in errors)
    )
    assert ("m.net", 11, "strength", "strength_range") in errors
    store.write(ChangeSet(orgs=[Org("c", "みやぎ連携復興センター", "intermediary")]))
    r = import_files(store, [("m.net", text.encode())], keep_good=True, rejects_path=str(store.path) + ".rej")
    assert r.counts["ties"].rejected == 1
    ties = _ties(store)
    assert (ties[("石巻市", "みやぎ連携復興センター")].type, ties[("石巻市", "みやぎ連携復興センター")].directed) == (
        "commission",
        True,
    )
    w = ties[("みやぎ連携復興センター", "渡波地区自治会")]
    assert (w.type, w.strength, w.directed, w.custom) == ("collaboration", 5, False, {"label": "見守り"})


DL_FULL = """DL N=4
FORMAT = FULLMATRIX
LABELS:
みやぎ連携復興センター,石巻市,"公益財団法人 日本財団",渡波地区自治会
DATA:
0 1 0 1
1 0 0 0
3 0 0 0
1 0 0 0
"""


@pytest.fixture
def four(store):
    store.write(
        ChangeSet(
            orgs=[
                Org("a", "みやぎ連携復興センター", "intermediary"),
                Org("b", "石巻市", "government"),
                Org("c", "公益財団法人 日本財団", "foundation"),
                Org("d", "渡波地区自治会", "residents_group"),
            ]
        )
    )
    return store


def test_dl_full_matrix(four):
    r = import_files(four, [("net.dl", DL_FULL.encode())])
    assert r.counts["orgs"].created == 0 and four.counts()["orgs"] == 4
    ties = _ties(four)
    assert set(ties) == {
        ("みやぎ連携復興センター", "石巻市"),
        ("石巻市", "みやぎ連携復興センター"),
        ("公益財団法人 日本財団", "みやぎ連携復興センター"),
        ("みやぎ連携復興センター", "渡波地区自治会"),
        ("渡波地区自治会", "みやぎ連携復興センター"),
    }  # asymmetric: each cell a directed tie
    f = ties[("公益財団法人 日本財団", "みやぎ連携復興センター")]
    assert (f.strength, f.directed, f.type) == (3, True, "collaboration")


def test_dl_full_matrix_labels_embedded_symmetric_two_relations(four):
    text = """dl n=3 nm=2
labels embedded
matrix labels:
協働, 助成
data:
 みやぎ連携復興センター 石巻市 渡波地区自治会
みやぎ連携復興センター 0 2 5
石巻市 2 0 0
渡波地区自治会 5 0 0
 みやぎ連携復興センター 石巻市 渡波地区自治会
みやぎ連携復興センター 0 0 0
石巻市 4 0 0
渡波地区自治会 0 0 0
"""
    import_files(four, [("rel.dl", text.encode())])
    ties = _ties(four)
    collab = {k: t for k, t in ties.items() if t.type == "collaboration"}
    assert len(collab) == 2 and all(not t.directed for t in collab.values())  # symmetric: one tie per pair
    assert sorted(t.strength for t in collab.values()) == [2, 5]
    (fund,) = [t for t in ties.values() if t.type == "funding"]
    assert (four.get_org(fund.source).name, four.get_org(fund.target).name, fund.strength, fund.directed) == (
        "石巻市",
        "みやぎ連携復興センター",
        4,
        True,
    )


def test_dl_edgelist1_embedded_and_numbered(four):
    embedded = """DL n=4
format = edgelist1
labels embedded:
data:
石巻市 みやぎ連携復興センター 4
"公益財団法人 日本財団" みやぎ連携復興センター
"""
    import_files(four, [("e.dl", embedded.encode())])
    ties = _ties(four)
    assert ties[("石巻市", "みやぎ連携復興センター")].strength == 4
    assert ties[("公益財団法人 日本財団", "みやぎ連携復興センター")].strength == 1  # no value: 1
    numbered = (
        "dl n=4 format=edgelist1\nlabels:\nみやぎ連携復興センター 石巻市 公益財団法人日本財団 渡波地区自治会\n"
        "data:\n1 4 2\n4 1 2\n"
    )
    import_files(four, [("n.dl", numbered.encode())])
    (w,) = [t for k, t in _ties(four).items() if "渡波地区自治会" in k]
    assert (w.strength, w.directed) == (2, False)  # the pair both ways, one value: symmetric


def test_dl_nodelist1_and_errors(four):
    text = (
        'dl n=4\nformat=nodelist1\nlabels:\nみやぎ連携復興センター,石巻市,"公益財団法人 日本財団",渡波地区自治会\n'
        "data:\n1 2 4\n3 1\n"
    )
    import_files(four, [("l.dl", text.encode())])
    ties = _ties(four)
    assert set(ties) == {
        ("みやぎ連携復興センター", "石巻市"),
        ("みやぎ連携復興センター", "渡波地区自治会"),
        ("公益財団法人 日本財団", "みやぎ連携復興センター"),
    }
    bad = "dl n=2\nformat=fullmatrix\nlabels:\nみやぎ連携復興センター,石巻市\ndata:\n0 x\n1 0\n"
    with pytest.raises(ValidationError) as exc:
        import_files(four, [("bad.dl", bad.encode())])
    (e,) = exc.value.report.errors
    assert (e.file, e.row, e.value, e.code) == ("bad.dl", 6, "x", "unreadable")
    with pytest.raises(ValidationError) as exc:
        import_files(four, [("x.dl", b"dl n=2 format=lowerhalf\ndata:\n1\n")])
    assert exc.value.report.errors[0].code == "unreadable"
