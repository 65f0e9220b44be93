"""The picture's legend says what a dot's size means (issue 15, item 2)."""

from __future__ import annotations

import networkx as nx

from network.present.map.picture import scene, to_svg


def test_legend_says_what_the_size_means():
    G = nx.star_graph(3)
    nx.set_node_attributes(G, "npo", "sector")
    s = scene(G, size_by=dict(G.degree()), size_title="次数", lang="ja")
    assert s["title"] == "区分  (点の大きさ＝次数)"
    assert "点の大きさ＝次数" in to_svg(s, [])
    assert scene(G, lang="ja")["title"] == "区分"  # equal sizes: nothing to explain
