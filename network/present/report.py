"""The analysis report: one JSON-ready dict, and a Markdown report for a meeting.

:func:`analyze` runs every measure of :mod:`network.analysis` on the views of
a stored network and returns the object ``renkei analyze --format json``
prints (DESIGN.md, "Interfaces"); NaN is ``None`` (JSON ``null``).
:func:`to_markdown` turns it into a report a planner can hand out (Japanese by
default, ``lang="en"``), each finding with its plain-language meaning.
:func:`org_rows` flattens the per-organisation measures for a table.

Examples
--------
>>> import networkx as nx
>>> M = nx.MultiDiGraph()
>>> M.add_nodes_from([("a", {"name": "A", "sector": "npo"}), ("b", {"name": "B", "sector": "company"}),
...                   ("c", {"name": "C", "sector": "government"})])
>>> _ = M.add_edge("a", "b", key="t1", directed=False, strength=3, type="collaboration")
>>> _ = M.add_edge("b", "c", key="t2", directed=False, strength=4, type="information")
>>> r = analyze(M)
>>> r["graph"]["nodes"], r["graph"]["edges"], [o["id"] for o in r["orgs"] if o["cut_point"]]
(3, 2, ['b'])
>>> r["orgs"][0]["brokerage"]["liaison"]
2
>>> "門番役" in to_markdown(r)
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import date

import networkx as nx
import numpy as np

from network.analysis.brokers import (
    EXACT_THRESHOLD,
    ROLES,
    betweenness,
    brokerage_arrays,
    constraint,
    effective_size,
)
from network.analysis.centrality import centralization, closeness
from network.analysis.community import describe_communities
from network.analysis.engine import Indexed
from network.analysis.fragility import fragility
from network.analysis.gaps import (
    area_gaps,
    communities,
    community_ties,
    components,
    ei_index,
    sector_gaps,
    sector_mixing,
)
from network.analysis.introductions import suggest_introductions
from network.analysis.views import filter_graph, indexed_views
from network.explain import label
from network.present.groups import with_labels
from network.present.introductions import with_reasons

__all__ = ["analyze", "analyze_views", "to_markdown", "change_to_markdown", "org_rows", "clean"]

# the Markdown texts live in network.present.markdown; importable from here as before
from network.present.markdown import change_to_markdown, group_text, to_markdown  # noqa: E402


def clean(obj):  # type: ignore[no-untyped-def]
    """Make ``obj`` JSON-ready: NaN/inf → ``None``, numpy scalars → Python."""
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [clean(v) for v in obj]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    return obj


def analyze(
    G: nx.MultiDiGraph,
    *,
    as_of: str | int | date | None = None,
    sector_attr: str = "sector",
    types: str | Iterable[str] | None = None,
    sectors: str | Iterable[str] | None = None,
    district: str | Iterable[str] | None = None,
    exact_threshold: int = EXACT_THRESHOLD,
    k: int | None = None,
    seed: int = 0,
    introductions: int = 20,
    limit: int = 50,
) -> dict:
    """Run the whole analysis on a stored network.

    Parameters
    ----------
    G : MultiDiGraph following the ``load_graph`` conventions.
    as_of : ISO date or fiscal year; ``None`` keeps every tie.
    sector_attr : node attribute the brokerage roles, mixing and E–I use
        (``"sector"`` or ``"district"``…).
    types, sectors, district : view filters.
    exact_threshold, k, seed : betweenness (exact up to the threshold, else ``k`` sampled
        sources; ``None``: 2,048, fewer above ~25,000 organisations).
    introductions : number of suggested introductions.
    limit : cut-off organisations listed per cut point / bridge.

    Returns
    -------
    dict
        ``graph``, ``orgs``, ``sector_gaps``, ``sector_mixing``, ``ei_index``, ``bridges``,
        ``cut_points``, ``single_tie``, ``communities``, ``community_ties``,
        ``components``, ``isolates``, ``area_gaps``, ``introductions``;
        JSON-ready (NaN → ``None``).
    """
    filtered = any(x is not None for x in (as_of, types, sectors, district))
    H = filter_graph(G, as_of=as_of, types=types, sectors=sectors, district=district) if filtered else G
    XU, XD = indexed_views(H)  # the undirected and directed views, built with NumPy
    as_of_ = H.graph.get("as_of") if filtered else G.graph.get("as_of")
    result = analyze_views(
        XU,
        XD,
        ties=H.number_of_edges(),
        as_of=as_of_,
        sector_attr=sector_attr,
        types=types,
        sectors=sectors,
        district=district,
        exact_threshold=exact_threshold,
        k=k,
        seed=seed,
        introductions=introductions,
        limit=limit,
    )
    result["orgs"] = list(result["orgs"])
    return result


def analyze_views(
    XU: Indexed,
    XD: Indexed,
    *,
    ties: int,
    as_of: str | None = None,
    sector_attr: str = "sector",
    types: str | Iterable[str] | None = None,
    sectors: str | Iterable[str] | None = None,
    district: str | Iterable[str] | None = None,
    exact_threshold: int = EXACT_THRESHOLD,
    k: int | None = None,
    seed: int = 0,
    introductions: int = 20,
    limit: int = 50,
) -> dict:
    """:func:`analyze` on views already built (``indexed_views`` or ``indexed_views_from_arrays``).

    ``ties`` is the number of ties the views came from, ``as_of`` the label of their date filter.
    The result is :func:`analyze`'s, except that ``orgs`` is an iterator yielding one organisation
    at a time (best broker first), so a large network's report can be written as it goes.
    """
    bc = betweenness(XU, exact_threshold=exact_threshold, k=k, seed=seed)
    cl = closeness(XU, exact_threshold=exact_threshold, seed=seed)
    con, es = constraint(XU), effective_size(XU)
    group, _ = XD.codes(sector_attr)
    roles = brokerage_arrays(XD, group)
    del group
    comm = communities(XU, seed=seed)
    comps = components(XU)
    frag = fragility(XU, limit=limit)
    n = XU.n
    sizes = np.bincount(np.fromiter(comm.values(), dtype=np.int64, count=len(comm))) if comm else []
    result = {
        "graph": {
            "nodes": n,
            "edges": int(len(XU.src)),
            "ties": int(ties),
            "arcs": int(len(XD.src)),
            "density": 2 * len(XU.src) / (n * (n - 1)) if n > 1 else math.nan,
            "components": comps["count"],
            "component_sizes": comps["sizes"][:20],
            "isolates": len(comps["isolates"]),
            "communities": int(len(sizes)),
            "as_of": as_of,
            "sector_attr": sector_attr,
            "filters": {"types": _listed(types), "sectors": _listed(sectors), "district": _listed(district)},
            "betweenness": {k_: bc[k_] for k_ in ("method", "k", "seed", "estimator", "engine")}
            | {"exact_threshold": exact_threshold},
            "closeness": {k_: cl[k_] for k_ in ("method", "k", "seed")} | {"exact_threshold": exact_threshold},
            # Freeman (1979): degree over (n-1)(n-2), normalised betweenness over n-1
            "centralization": centralization(XU, betweenness_values=bc["values"]),
            "community_seed": seed,
        },
        "sector_gaps": [
            {**r, "introductions": with_reasons(r["introductions"])} if r.get("introductions") else r
            for r in sector_gaps(XU, attr=sector_attr)
        ],
        "sector_mixing": sector_mixing(XD, attr=sector_attr),
        "ei_index": ei_index(XU, attr=sector_attr),
        "bridges": frag["bridges"],
        "cut_points": frag["cut_points"],
        "single_tie": frag["single_tie"],
        "communities": with_labels(describe_communities(XU, comm, centrality=bc["values"])) if comm else [],
        "community_ties": community_ties(XU, comm) if n and len(sizes) <= 200 else [],
        "components": {"count": comps["count"], "sizes": comps["sizes"][:100]},
        "isolates": comps["isolates"],
        "area_gaps": area_gaps(XU, attr="sector"),
        "introductions": with_reasons(suggest_introductions(XU, attr=sector_attr, membership=comm, top=introductions)),
    }
    result = clean(result)
    orgs = _orgs(
        XU,
        XD,
        bc["values"],
        cl["values"],
        con,
        es,
        roles,
        comm,
        comps["membership"],
        {c["id"] for c in frag["cut_points"]},
        sector_attr,
    )
    return {"graph": result["graph"], "orgs": orgs, **{k_: v for k_, v in result.items() if k_ != "graph"}}


def _orgs(
    XU: Indexed,
    XD: Indexed,
    bc: dict,
    cl: dict,
    con: dict,
    es: dict,
    roles: np.ndarray,
    comm: dict,
    comp: dict,
    cut: set,
    sector_attr: str,
) -> Iterator[dict]:
    """One JSON-ready organisation at a time, highest betweenness first (then by id)."""
    nodes = XU.nodes
    n = XU.n
    names = XU.labels("name")
    secs, dists, grp = XU.labels("sector"), XU.labels("district"), XU.labels(sector_attr)
    b = np.fromiter((bc[v] for v in nodes), dtype=float, count=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(np.array([str(v) for v in nodes]), kind="stable")] = np.arange(n)
    order = np.lexsort((rank, -b)).tolist()
    del b, rank
    deg = XU.degree.tolist()
    xd = XD.index
    for i in order:
        v = nodes[i]
        r = roles[xd[v]].tolist()
        yield {
            "id": v,
            "name": names[i] or str(v),
            "sector": secs[i],
            "district": dists[i],
            "group": grp[i],
            "degree": deg[i],
            "betweenness": _f(bc[v]),
            "closeness": _f(cl[v]),
            "constraint": _f(con[v]),
            "effective_size": _f(es[v]),
            "brokerage": {**dict(zip(ROLES, r, strict=True)), "total": sum(r)},
            "community": comm.get(v),
            "component": comp.get(v),
            "cut_point": v in cut,
        }


def _f(x: float) -> float | None:
    return None if x != x or x in (math.inf, -math.inf) else float(x)


def _listed(x):  # type: ignore[no-untyped-def]
    if x is None:
        return None
    return [x] if isinstance(x, str) else sorted(getattr(v, "value", v) for v in x)


def org_rows(result: dict, *, lang: str | None = None) -> list[dict]:
    """Per-organisation measures as flat rows (one dict per organisation), for a table.

    With ``lang`` (``ja``/``en``) the keys are the localized labels, sectors their names and
    communities their labels (codes and numbers stay in the rows without ``lang``).
    """
    rows = []
    for o in result["orgs"]:
        row = {
            k: o.get(k)
            for k in (
                "id",
                "name",
                "sector",
                "district",
                "degree",
                "betweenness",
                "closeness",
                "constraint",
                "effective_size",
                "community",
                "cut_point",
            )
        }
        row.update({r: o["brokerage"][r] for r in (*ROLES, "total")})
        rows.append(row)
    if lang:
        keys = {
            k: label(k, lang)
            for k in (
                *ROLES,
                "total",
                "degree",
                "betweenness",
                "closeness",
                "constraint",
                "effective_size",
                "community",
                "cut_point",
                "name",
                "sector",
                "district",
            )
        }
        keys["id"] = "ID"
        labels = {c["id"]: (c.get("label") or {}).get(lang, c["id"]) for c in result.get("communities", [])}
        rows = [
            {
                keys[k]: (
                    group_text(v, "sector", lang)
                    if k == "sector" and v
                    else labels.get(v, v)
                    if k == "community"
                    else v
                )
                for k, v in r.items()
            }
            for r in rows
        ]
    return rows


# --------------------------------------------------------------------------- Markdown
