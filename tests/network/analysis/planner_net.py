"""A small dated network for the planner's measures, with ties starting and ending on the fiscal
year's edges (03-31 / 04-01) and in January–March; every expected value in the tests is a hand count
on it (the per-year tables are written out in each test)."""

from __future__ import annotations

import networkx as nx


def boundary_network() -> nx.MultiDiGraph:
    M = nx.MultiDiGraph()
    nodes = [
        ("c", "センター", "intermediary", "中間支援組織", "X市", "d1"),
        ("a", "NPO甲", "npo", "NPO法人", "X市", "d1"),
        ("b", "株式会社乙", "company", "株式会社", "X市", "d2"),
        ("g", "X市", "government", "市", "X市", ""),
        ("f", "丙財団", "foundation", "公益財団法人", "", ""),
        ("k1", "d1自治会", "residents_group", "自治会", "X市", "d1"),
        ("k2", "d2地域活動協議会", "residents_group", "地域活動協議会", "X市", "d2"),
        ("k3", "d3自治会", "residents_group", "自治会", "Y町", "d3"),  # never tied
    ]
    for v, name, sector, kind, city, district in nodes:
        M.add_node(v, name=name, sector=sector, kind=kind, prefecture="Z県", city=city, district=district)
    u = dict(directed=False, strength=3)
    M.add_edge("c", "a", key="1", type="collaboration", start="2015-04-01", **u)  # FY2015 on
    M.add_edge("a", "b", key="2", type="information", start="2015-01-15", end="2016-03-31", **u)  # FY2014–15
    M.add_edge(
        "g", "c", key="3", type="commission", directed=True, strength=4, start="2016-04-01", end="2017-03-31"
    )  # FY2016 only
    M.add_edge("f", "c", key="4", type="funding", directed=True, strength=3, start="2017-03-31")  # FY2016 on
    M.add_edge("c", "k1", key="5", type="support", directed=True, strength=2, start="2016-04-01")  # FY2016 on
    M.add_edge("k1", "k2", key="6", type="collaboration", start="2017-04-01", **u)  # FY2017 on
    M.add_edge(
        "k2", "g", key="7", type="membership", directed=True, strength=2, start="2016-01-01", end="2016-03-31"
    )  # FY2015 only (January–March)
    return M
