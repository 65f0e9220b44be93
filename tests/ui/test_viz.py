"""The map renderer: offline, escaped, counted, fixed above a size, aggregated above another."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from network.present.map.data import AGGREGATE_LIMIT, PHYSICS_LIMIT, SECTOR_COLOURS, render_map
from network.present.map.layout import aggregate_graph, compute_layout
from network.present.map.page import safe_json, vis_assets

EVIL = "<img src=x onerror=alert(1)>"


def _data(page: str) -> dict:
    """The JSON the page hands to vis-network."""
    m = re.search(r'<script type="application/json" id="renkei-data">(.*?)</script>', page, re.S)
    assert m, "the page carries its data block"
    return json.loads(m.group(1))


def _options(page: str) -> dict:
    return _data(page)["options"]


def _graph(n: int, seed: int = 1) -> nx.Graph:
    G = nx.barabasi_albert_graph(n, 2, seed=seed)
    sectors = list(SECTOR_COLOURS)
    for v in G:
        G.nodes[v].update(name=f"団体{v}", sector=sectors[v % len(sectors)])
    return G


def _sample() -> nx.MultiDiGraph:
    M = nx.MultiDiGraph()
    M.add_node("a", name="みやぎ連携復興センター", sector="intermediary", city="仙台市", district="青葉区")
    M.add_node("b", name=EVIL, sector="npo", kind=EVIL, note=EVIL, district=EVIL)
    M.add_node("c", name="石巻市", sector="government")
    M.add_edge("a", "b", key="t1", type="collaboration", directed=False, strength=4, start="2024-04-01", end=None)
    M.add_edge("c", "a", key="t2", type="commission", directed=True, strength=3, start=None, end=None)
    return M


def test_no_external_resource() -> None:
    page = render_map(_sample())
    # no <script src> or <link href> at all: everything is inline
    assert not re.search(r"<script[^>]*\bsrc\s*=", page)
    assert not re.search(r"<link[^>]*\bhref\s*=", page)
    assert "cdnjs" not in page and "jsdelivr" not in page  # pyvis's template pulls from these
    # the vis-network source shipped in pyvis is inlined verbatim
    js, css = vis_assets()
    assert js in page and css in page
    assert "url(" not in css.replace("url(none", "")  # the unused icons were dropped; nothing to fetch


def test_names_are_escaped() -> None:
    page = render_map(_sample(), lang="en")
    assert EVIL not in page
    assert "<img" not in page
    data = _data(page)
    node = {n["id"]: n for n in data["nodes"]}["b"]
    # the name reaches the page as data and is put on screen with textContent (network/present/map/map.js)
    assert (node["n"], node["k"]) == (EVIL, EVIL)
    assert node["label"] == EVIL[:23] + "…"  # labels are cut at 24 characters (network.present.map.data._org_data)
    script = page.split("<script>")[-1]
    assert "textContent" in script and "innerHTML" not in script and "title" not in script
    # the district was escaped in the legend built in Python when colouring by district
    page = render_map(_sample(), colour_by="district")
    assert EVIL not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_node_count_exposed() -> None:
    page = render_map(_sample())
    assert 'data-node-count="3"' in page
    assert 'data-edge-count="2"' in page
    data = _data(page)
    assert len(data["nodes"]) == 3 and len(data["edges"]) == 2
    # the directed commission tie carries an arrow; the undirected one does not (Tie.directed)
    arrows = {(e["f"], e["t"]): e.get("d") for e in data["edges"]}
    assert arrows == {("a", "b"): None, ("c", "a"): 1}


def test_colours_and_legend_by_sector() -> None:
    page = render_map(_sample(), lang="ja")
    data = _data(page)
    groups = data["options"]["groups"]
    colours = {n["id"]: groups[n["g"]]["color"]["background"] for n in data["nodes"]}
    assert colours == {
        "a": SECTOR_COLOURS["intermediary"],
        "b": SECTOR_COLOURS["npo"],
        "c": SECTOR_COLOURS["government"],
    }
    # Japanese labels from network.model.Sector
    for label in ("中間支援組織", "NPO・市民活動団体", "行政"):
        assert label in page
    assert "Intermediary" in render_map(_sample(), lang="en")


def test_size_by_measure() -> None:
    G = _sample()
    page = render_map(G, size_by={"a": 4.0, "b": 1.0, "c": 0.0})
    sizes = {n["id"]: n["size"] for n in _data(page)["nodes"]}
    # area grows with the measure: 8 + 32 * sqrt(x / max) (network.present.map.data._sizes)
    assert sizes == {"a": 40.0, "b": 24.0, "c": 8.0}


def test_highlight_marks_nodes_and_bridges() -> None:
    page = render_map(
        _sample(), highlight={"brokers": ["a"], "cut_points": ["a"], "bridges": [("b", "a")], "focus": ["c"]}
    )
    data = _data(page)
    nodes = {n["id"]: n.get("hl", {}) for n in data["nodes"]}
    assert nodes["a"]["shape"] == "diamond" and nodes["a"]["borderWidth"] == 5
    assert nodes["c"]["borderWidth"] == 6 and nodes["b"] == {}
    bridge = next(e for e in data["edges"] if {e["f"], e["t"]} == {"a", "b"})
    assert bridge["hl"] == "#D62728"


def test_physics_on_small_off_large() -> None:
    small = _options(render_map(_graph(50)))
    assert small["physics"]["enabled"] is True
    big = render_map(_graph(PHYSICS_LIMIT + 1))
    assert _options(big)["physics"]["enabled"] is False
    # positions come from Python: every node has x and y
    assert all("x" in n and "y" in n for n in _data(big)["nodes"])
    assert _options(render_map(_graph(50), physics=False))["physics"]["enabled"] is False


def test_aggregated_above_limit() -> None:
    n = AGGREGATE_LIMIT + 1
    page = render_map(_graph(n), lang="en")
    data = _data(page)
    # 8 sectors assigned round-robin in _graph → 8 group nodes
    assert len(data["nodes"]) == 8
    assert 'data-aggregated="1"' in page and f'data-org-count="{n}"' in page
    assert "too many to draw one by one" in page
    members = sum(int(n_["rows"][1][1].replace(",", "")) for n_ in data["nodes"])
    assert members == n


def test_aggregated_by_community() -> None:
    G = _graph(40)
    groups = {v: v % 3 for v in G}
    page = render_map(G, groups=groups, aggregate_limit=10, lang="ja")
    data = _data(page)
    # a community is named by its two best-connected members and its size (issue 15, item 2), counted here
    expected = []
    for c in range(3):
        members = sorted((v for v in G if v % 3 == c), key=lambda v: (-G.degree(v), str(v)))
        expected.append(f"団体{members[0]}・団体{members[1]}ほか{len(members) - 2}団体")
    assert sorted(n["label"] for n in data["nodes"]) == sorted(expected)
    assert [n["rows"][0][1] for n in data["nodes"]] == [n["label"] for n in data["nodes"]]  # the tooltip too


def test_aggregate_graph_counts_ties() -> None:
    # hand count: ties 1-2, 1-2 (inside x), 2-3 and 1-3 (x–y)
    G = nx.MultiGraph([(1, 2), (1, 2), (2, 3), (1, 3)])
    A = aggregate_graph(G, {1: "x", 2: "x", 3: "y"})
    assert A.nodes["x"] == {"members": 2, "internal": 2}
    assert A["x"]["y"]["weight"] == 2


@pytest.mark.parametrize("n", [1, 5, 350])
def test_layout_is_fixed_and_bounded(n: int) -> None:
    G = _graph(n) if n > 2 else nx.empty_graph(n)
    a, b = compute_layout(G), compute_layout(G)
    assert a == b  # same seed, same picture
    assert len(a) == n
    scale = 45 * n**0.5 + 120
    assert all(abs(c) <= scale + 1e-6 for xy in a.values() for c in xy)


def test_safe_json_escapes_markup() -> None:
    text = safe_json({"n": EVIL, "x": "</script><script>alert(1)</script>", "a": "R&D"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"n": EVIL, "x": "</script><script>alert(1)</script>", "a": "R&D"}


def test_empty_graph() -> None:
    page = render_map(nx.MultiDiGraph(), lang="en")
    assert 'data-node-count="0"' in page and "No organisation to show." in page


def test_size_legend_says_what_the_size_means() -> None:
    # a star: the centre has 4 ties, each leaf 1 (hand count) — the legend shows both ends of the scale
    G = nx.star_graph(4)
    degree = {v: float(d) for v, d in G.degree()}
    page = render_map(G, size_by=degree, size_title="次数（関係の数）", lang="ja")
    legend = page[page.index('<div id="renkei-legend">') : page.index('<div id="renkei-info">')]
    assert "点の大きさ＝次数（関係の数）" in legend
    assert re.findall(r'class="szval">([^<]*)<', legend) == ["1", "4"]
    assert "Dot size = Betweenness" in render_map(G, size_by=degree, size_title="Betweenness", lang="en")
    assert 'class="szval"' not in render_map(G, lang="ja")  # equal sizes: nothing to explain


def test_aggregated_legend_sizes_by_members() -> None:
    G = _graph(40)
    page = render_map(G, groups={v: 0 if v < 30 else 1 for v in G}, aggregate_limit=10, lang="en")
    legend = page[page.index('<div id="renkei-legend">') : page.index('<div id="renkei-info">')]
    assert "Dot size = Organisations" in legend
    assert re.findall(r'class="szval">([^<]*)<', legend) == ["10", "30"]
