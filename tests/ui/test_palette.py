"""Map colours: twenty distinct group colours, legends in numeric order (issue 15, item 2)."""

from __future__ import annotations

import itertools
import math

import networkx as nx

from network.present.map.data import GROUP_COLOURS, group_colours, group_order, render_map


def _lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB → CIELAB (D65), the textbook formulas (CIE 15:2004)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def test_twenty_group_colours_are_pairwise_distinct():
    assert len(GROUP_COLOURS) == 20 and len(set(GROUP_COLOURS)) == 20
    worst = min(math.dist(_lab(a), _lab(b)) for a, b in itertools.combinations(GROUP_COLOURS, 2))
    assert worst >= 14.0


def test_communities_1_and_9_differ_and_sort_numerically():
    colours = group_colours("community", range(20))
    assert colours[1] != colours[9]
    assert len(set(colours.values())) == 20
    assert list(colours) == list(range(20))
    assert sorted(["2", 10, 1, 0, 11], key=group_order)[:4] == [0, 1, 10, 11]


def test_legend_lists_communities_in_numeric_order():
    G = nx.Graph()
    for c in range(12):
        G.add_node(f"n{c}", name=f"団体{c}", sector="npo", community=c)
    html = render_map(G, colour_by="community", lang="ja")
    # one organisation per community: the community is named after it (not "コミュニティ 3")
    assert "コミュニティ 3" not in html
    pos = [html.find(f"</span>団体{c}</div>") for c in (0, 1, 2, 10, 11)]
    assert all(p >= 0 for p in pos), pos
    assert pos == sorted(pos)
