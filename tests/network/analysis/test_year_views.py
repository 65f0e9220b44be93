"""``YearViews`` (issue 14): each fiscal year's view from arrays read once equals :func:`year_view`, order included,
and ``trend`` built on it gives the rows it gave on ``year_view``."""

from __future__ import annotations

import networkx as nx
import pytest
from renkei.data.generate import generate_graph

from network.analysis.trend import trend, year_measures
from network.analysis.years import YearViews, fiscal_years_of, year_view


def _graph(seed: int) -> nx.MultiDiGraph:
    G = generate_graph(300, 1500, seed=seed)
    edges = list(G.edges(keys=True, data=True))
    for i, (_, _, _, d) in enumerate(edges[:50]):  # odd starts and ends: missing, a time, malformed, basic format
        d["start"] = [None, "", "2021-04-01T09:00", "not a date", "20190401"][i % 5]
        d["end"] = [None, "2020-03-31", "", "bad", None][i % 5]
    for i, (u, v, _, _) in enumerate(edges[50:120]):  # a second tie in the pair
        G.add_edge(v, u, key=f"again{i}", strength=1 + i % 5, start=f"{2016 + i % 8}-10-01")
    G.add_node("lone", sector="npo")  # no tie: known every year
    u = edges[0][0]
    G.add_edge(u, u, key="self", start="2018-04-01")  # a self-tie: no pair, but it makes u known
    return G


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_year_equals_year_view(seed: int) -> None:
    G = _graph(seed)
    views = YearViews(G)
    years = fiscal_years_of(G)
    assert len(years) > 5
    for fy in [years[0] - 1, *years, years[-1] + 1]:
        old, new = year_view(G, fy), views(fy)
        assert list(new.nodes) == list(old.nodes), fy
        assert [dict(new.nodes[v]) for v in new] == [dict(old.nodes[v]) for v in old]
        assert list(new.edges) == list(old.edges), fy  # the same adjacency order
        for a, b, d in old.edges(data=True):
            assert new[a][b] == {k: d[k] for k in ("weight", "strength", "ties")}, (fy, a, b)
        assert new.graph["as_of"] == old.graph["as_of"]


def test_trend_rows_equal_the_rows_of_year_view() -> None:
    G = _graph(4)
    years = fiscal_years_of(G)
    first, last = years[1], years[-1]
    centre = max(G, key=lambda v: G.degree(v))
    rows = trend(G, first, last, centre=centre)
    expected, previous = [], year_view(G, first - 1)
    for fy in range(first, last + 1):
        U = year_view(G, fy)
        expected.append({"fy": fy, **year_measures(U, previous=previous, centre=centre)})
        previous = U
    assert len(rows) == len(expected) > 5
    for got, want in zip(rows, expected):
        assert got.keys() == want.keys()
        for k in want:
            if isinstance(want[k], float) and want[k] != want[k]:
                assert got[k] != got[k], (got["fy"], k)
            else:
                assert got[k] == want[k], (got["fy"], k)
