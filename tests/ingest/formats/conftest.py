"""Fixtures for the format tests: a real SQLite store and a small network in NetworkX."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from network.store.sqlite import SQLiteStore


@pytest.fixture
def store(tmp_path: Path):
    s = SQLiteStore(tmp_path / "renkei.db")
    yield s
    s.close()


def peer_graph(directed: bool = False) -> nx.Graph:
    """Three organisations named in Japanese, sectors and tie types as a peer tool's words, one custom field each."""
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_node("みやぎ連携復興センター", sector="中間支援", 都道府県="宮城県", 担当者="佐藤 花子")
    G.add_node("石巻市", sector="行政", 都道府県="宮城県", 担当者="復興政策課")
    G.add_node("公益財団法人 日本財団", sector="財団", 担当者="助成課")
    G.add_edge(
        "石巻市",
        "みやぎ連携復興センター",
        type="委託",
        strength=4,
        start="2012-04-01",
        end="2016-03-31",
        窓口="復興支援員",
    )
    G.add_edge(
        "公益財団法人 日本財団", "みやぎ連携復興センター", type="助成", strength=3, start="2016-04-01", 窓口="助成事業"
    )
    return G


def assert_peer_network(store, *, custom: bool = True, dates: bool = True, directed: bool = True) -> None:
    """What :func:`peer_graph` must become in the store (``directed=False``: the file says its ties are undirected)."""
    orgs = {o.name: o for o in store.orgs()}
    assert set(orgs) == {"みやぎ連携復興センター", "石巻市", "公益財団法人 日本財団"}
    assert {n: o.sector for n, o in orgs.items()} == {
        "みやぎ連携復興センター": "intermediary",
        "石巻市": "government",
        "公益財団法人 日本財団": "foundation",
    }
    assert orgs["石巻市"].prefecture == "宮城県"
    ties = {(store.get_org(t.source).name, store.get_org(t.target).name): t for t in store.ties()}
    if not directed:
        ties = {k[::-1] if k[0] == "みやぎ連携復興センター" else k: t for k, t in ties.items()}
    commission = ties[("石巻市", "みやぎ連携復興センター")]
    funding = ties[("公益財団法人 日本財団", "みやぎ連携復興センター")]
    assert (commission.type, commission.strength, commission.directed) == ("commission", 4, directed)
    assert (funding.type, funding.strength, funding.directed) == ("funding", 3, directed)
    if dates:
        assert (commission.start, commission.end, funding.start, funding.end) == (
            "2012-04-01",
            "2016-03-31",
            "2016-04-01",
            None,
        )
    if custom:
        assert orgs["みやぎ連携復興センター"].custom == {"担当者": "佐藤 花子"}
        assert orgs["公益財団法人 日本財団"].custom == {"担当者": "助成課"}
        assert commission.custom == {"窓口": "復興支援員"} and funding.custom == {"窓口": "助成事業"}
