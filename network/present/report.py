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
from network.explain import explain, label
from network.model import Sector

__all__ = ["analyze", "analyze_views", "to_markdown", "change_to_markdown", "org_rows", "clean"]


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
        "sector_gaps": sector_gaps(XU, attr=sector_attr),
        "sector_mixing": sector_mixing(XD, attr=sector_attr),
        "ei_index": ei_index(XU, attr=sector_attr),
        "bridges": frag["bridges"],
        "cut_points": frag["cut_points"],
        "single_tie": frag["single_tie"],
        "communities": describe_communities(XU, comm, centrality=bc["values"]) if comm else [],
        "community_ties": community_ties(XU, comm) if n and len(sizes) <= 200 else [],
        "components": {"count": comps["count"], "sizes": comps["sizes"][:100]},
        "isolates": comps["isolates"],
        "area_gaps": area_gaps(XU, attr="sector"),
        "introductions": suggest_introductions(XU, attr=sector_attr, membership=comm, top=introductions),
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
                    _group(v, "sector", lang) if k == "sector" and v else labels.get(v, v) if k == "community" else v
                )
                for k, v in r.items()
            }
            for r in rows
        ]
    return rows


# --------------------------------------------------------------------------- Markdown
def _t(lang: str, ja: str, en: str) -> str:
    return en if lang == "en" else ja


def _group(value: str, attr: str, lang: str) -> str:
    if attr == "sector":
        try:
            return Sector(value).label(lang)
        except ValueError:
            pass
    return _md(value) if value else _t(lang, "（未設定）", "(not set)")


def _md(text: object) -> str:
    """A user value as Markdown text: punctuation escaped (no link, image or HTML), controls shown as ``\\x1b``."""
    from network.present.export.text import md_text

    return md_text(text)


def _num(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def to_markdown(result: dict, *, lang: str = "ja", top: int = 10) -> str:
    """A readable report of :func:`analyze`'s result (``lang``: ``ja`` default, or ``en``)."""
    L = lang
    g = result["graph"]
    attr = g.get("sector_attr", "sector")
    names = {o["id"]: o["name"] for o in result["orgs"]}
    nm = lambda v: _md(names.get(v, v))  # noqa: E731
    out = [f"# {_t(L, '連携ネットワーク分析レポート', 'Partnership network report')}", ""]
    bm = g["betweenness"]
    method = (
        _t(L, "厳密計算", "exact")
        if bm["method"] == "exact"
        else _t(
            L,
            f"{bm['k']}団体を起点とする推定（乱数の種 {bm['seed']}）",
            f"estimated from {bm['k']} sampled sources (seed {bm['seed']})",
        )
    )
    out += [
        f"## {_t(L, '概要', 'Overview')}",
        "",
        f"- {_t(L, '基準日', 'As of')}: {g.get('as_of') or _t(L, 'すべての期間', 'all dates')}",
        f"- {_t(L, '団体数', 'Organisations')}: {g['nodes']}　{_t(L, '連携（組）', 'Tied pairs')}: {g['edges']}"
        f"　{_t(L, '連携（件）', 'Ties')}: {g['ties']}",
        f"- {label('density', L)}: {_num(g['density'])} — {explain('density', L)}",
        f"- {label('centralization_degree', L)}: {_num((g.get('centralization') or {}).get('degree'))}"
        f"　{label('centralization_betweenness', L)}: "
        f"{_num((g.get('centralization') or {}).get('betweenness'))} — {explain('centralization', L)}",
        f"- {label('components', L)}: {g['components']}　{label('isolates', L)}: {g['isolates']}"
        f"　{_t(L, 'コミュニティ', 'Communities')}: {g['communities']}",
        f"- {label('betweenness', L)}: {method}",
        "",
    ]
    orgs = [o for o in result["orgs"] if o["degree"] > 0]
    out += [
        f"## {_t(L, '主な仲介者', 'Key brokers')}",
        "",
        explain("betweenness", L),
        "",
        explain("constraint", L),
        "",
        explain("closeness", L),
        "",
        "| "
        + " | ".join(
            [
                label("name", L),
                label("sector", L),
                label("degree", L),
                label("betweenness", L),
                label("closeness", L),
                label("constraint", L),
                label("effective_size", L),
                label("total", L),
                label("cut_point", L),
            ]
        )
        + " |",
        "|" + "---|" * 9,
    ]
    for o in orgs[:top]:
        out.append(
            f"| {_md(o['name'])} | {_group(o['sector'], 'sector', L)} | {o['degree']} | "
            f"{_num(o['betweenness'])} | {_num(o.get('closeness'))} | {_num(o['constraint'])} | "
            f"{_num(o['effective_size'], 1)} | {o['brokerage']['total']} | {'✔' if o['cut_point'] else ''} |"
        )
    out += [
        "",
        f"## {_t(L, '仲介の役割（グールド＝フェルナンデス）', 'Brokerage roles (Gould–Fernandez)')}",
        "",
        _t(
            L,
            f"グループは「{ {'sector': '区分', 'district': '地区'}.get(attr, attr) }」で分けています。",
            f"Groups are defined by “{attr}”.",
        ),
        "",
    ]
    for role in ROLES:
        ranked = sorted(
            (o for o in orgs if o["brokerage"][role] > 0), key=lambda o: (-o["brokerage"][role], str(o["id"]))
        )[:5]
        who = (
            "、".join(f"{_md(o['name'])}（{o['brokerage'][role]}）" for o in ranked)
            if L == "ja"
            else ", ".join(f"{_md(o['name'])} ({o['brokerage'][role]})" for o in ranked)
        )
        out += [f"- **{label(role, L)}**: {who or _t(L, 'なし', 'none')}", f"  - {explain(role, L)}"]
    out += _gaps_section(result, attr, L)
    out += ["", f"## {label('sector_mixing', L)}", "", explain("sector_mixing", L), ""]
    gaps = sorted(
        (
            r
            for r in result["sector_mixing"]
            if r["from"] != r["to"] and r["possible"] and r["ratio"] is not None and r["ratio"] < 0.5
        ),
        key=lambda r: (r["ratio"], r["from"], r["to"]),
    )
    if gaps:
        out += [
            "| "
            + " | ".join(
                [
                    _t(L, "から", "From"),
                    _t(L, "へ", "To"),
                    _t(L, "連携", "Present"),
                    _t(L, "可能数", "Possible"),
                    label("density", L),
                    _t(L, "全体比", "Ratio"),
                ]
            )
            + " |",
            "|" + "---|" * 6,
        ]
        for r in gaps[:15]:
            out.append(
                f"| {_group(r['from'], attr, L)} | {_group(r['to'], attr, L)} | {r['present']} | "
                f"{r['possible']} | {_num(r['density'])} | {_num(r['ratio'], 2)} |"
            )
    else:
        out.append(
            _t(
                L,
                "全体の密度の半分を下回る分野の組み合わせはありません。",
                "No pair of groups falls below half the overall density.",
            )
        )
    ei = result["ei_index"]
    out += [
        "",
        f"### {label('ei_index', L)}",
        "",
        explain("ei_index", L),
        "",
        f"- {_t(L, '全体', 'Overall')}: {_num(ei['overall'], 2)}",
    ]
    out += [f"- {_group(k_, attr, L)}: {_num(v, 2)}" for k_, v in sorted(ei["by_group"].items())]
    out += _communities_section(result, L, top)
    out += ["", f"## {_t(L, '脆弱な点', 'Fragile points')}", "", explain("cut_point", L), ""]
    for c in result["cut_points"][:top]:
        lost = "、".join(nm(v) for v in c["cut_off"][:5]) if L == "ja" else ", ".join(nm(v) for v in c["cut_off"][:5])
        more = "…" if c["cut_off_count"] > 5 else ""
        out.append(
            _t(
                L,
                f"- **{nm(c['id'])}** が抜けると {c['cut_off_count']}団体が孤立: {lost}{more}",
                f"- If **{nm(c['id'])}** leaves, {c['cut_off_count']} lose their path: {lost}{more}",
            )
        )
    out += ["", explain("bridge", L), ""]
    for b in result["bridges"][:top]:
        out.append(
            _t(
                L,
                f"- {nm(b['a'])} — {nm(b['b'])}（切れると{b['cut_off_count']}団体が分断）",
                f"- {nm(b['a'])} — {nm(b['b'])} (cuts off {b['cut_off_count']})",
            )
        )
    st = result["single_tie"]
    out += ["", f"- {label('single_tie', L)}: {len(st)} — {explain('single_tie', L)}"]
    if result["isolates"]:
        iso = ", ".join(nm(v) for v in result["isolates"][:10])
        out += [
            f"- {label('isolates', L)}: {len(result['isolates'])}（{iso}{'…' if len(result['isolates']) > 10 else ''}）"
        ]
    out += ["", f"## {label('area_gaps', L)}", "", explain("area_gaps", L), ""]
    for a in result["area_gaps"][:top]:
        miss = (
            "、".join(_group(s, "sector", L) for s in a["missing"])
            if L == "ja"
            else ", ".join(_group(s, "sector", L) for s in a["missing"])
        )
        out.append(f"- {_md(a['area'])}（{a['orgs']}）: {miss}")
    if not result["area_gaps"]:
        out.append(
            _t(
                L,
                "空白のある地区はありません（地区が未設定の場合も含む）。",
                "No district lacks a sector (or no district is recorded).",
            )
        )
    out += ["", f"## {label('introductions', L)}", "", explain("introductions", L), ""]
    for i, s in enumerate(result["introductions"][:top], 1):
        out.append(
            f"{i}. **{_md(s['a_name'])} × {_md(s['b_name'])}** — "
            f"{_t(L, '紹介者', 'introducer')}: {_md(s['introducer_name'])}. "
            f"{_md(s['reason']['en' if L == 'en' else 'ja'])}"
        )
    if not result["introductions"]:
        out.append(_t(L, "提案できる組み合わせはありません。", "No introduction to suggest."))
    return "\n".join(out) + "\n"


def _gaps_section(result: dict, attr: str, L: str) -> list[str]:
    """Sector pairs with no tie (either direction) and the introductions that would close them."""
    out = ["", f"## {label('sector_gaps', L)}", "", explain("sector_gaps", L), ""]
    rows = result.get("sector_gaps") or []
    empty = [r for r in rows if r["ties"] == 0 and r["possible"]]
    if not empty:
        out.append(_t(L, "連携のない分野の組み合わせはありません。", "Every pair of groups has at least one tie."))
    sep = "、" if L == "ja" else "; "
    for r in empty:
        pair = f"{_group(r['a'], attr, L)} × {_group(r['b'], attr, L)}"
        intro = sep.join(
            _t(
                L,
                f"{_md(i['a_name'])} × {_md(i['b_name'])}（紹介者: {_md(i['introducer_name'])}）",
                f"{_md(i['a_name'])} × {_md(i['b_name'])} (introducer: {_md(i['introducer_name'])})",
            )
            for i in r.get("introductions") or []
        )
        intro = intro or _t(L, "共通の連携先がなく、紹介者が見つかりません", "no common partner to introduce them")
        out.append(
            _t(
                L,
                f"- **{pair}**（ありうる組 {r['possible']}）: {intro}",
                f"- **{pair}** ({r['possible']} possible pairs): {intro}",
            )
        )
    return out


def _communities_section(result: dict, L: str, top: int) -> list[str]:
    """Communities by their labels, and the pairs of communities with no tie between them."""
    out = ["", f"## {label('community', L)}", "", explain("community", L), ""]
    comms = result.get("communities") or []
    big = [c for c in comms if c["size"] >= 3][:top]
    out.append(
        _t(
            L,
            f"{len(comms)}個のコミュニティ（3団体以上: {len([c for c in comms if c['size'] >= 3])}個）。",
            f"{len(comms)} communities ({len([c for c in comms if c['size'] >= 3])} with 3+ organisations).",
        )
    )
    lab = {c["id"]: _md((c.get("label") or {}).get("en" if L == "en" else "ja", c["id"])) for c in comms}
    for c in big:
        secs = ("、" if L == "ja" else ", ").join(f"{_group(k, 'sector', L)} {v}" for k, v in c["sectors"].items())
        via = ("、" if L == "ja" else ", ").join(_md(x["name"]) for x in c.get("connectors", [])[:3])
        out.append(
            f"- **{lab[c['id']]}**（{c['size']}{_t(L, '団体', '')}）: {secs}"
            if L == "ja"
            else f"- **{lab[c['id']]}** ({c['size']} organisations): {secs}"
        )
        if via:
            out.append(
                _t(L, f"  - ほかのコミュニティとつなぐ団体: {via}", f"  - Tied to other communities through: {via}")
            )
    ids = {c["id"] for c in big}
    silent = [
        c for c in result["community_ties"] if c["a"] != c["b"] and c["ties"] == 0 and c["a"] in ids and c["b"] in ids
    ]
    if silent:
        pairs = ("、" if L == "ja" else "; ").join(f"{lab[c['a']]} × {lab[c['b']]}" for c in silent[:15])
        out.append(
            _t(
                L,
                f"- 互いに連携がないコミュニティの組: {pairs}",
                f"- Pairs of communities with no tie between them: {pairs}",
            )
        )
    return out


def change_to_markdown(diff: dict, *, lang: str = "ja", names: dict | None = None, top: int = 15) -> str:
    """A short Markdown summary of :func:`network.analysis.change.compare`.

    ``names`` maps organisation ids to names (ids are shown otherwise).

    >>> import networkx as nx
    >>> from network.analysis.change import compare
    >>> M = nx.MultiDiGraph([("a", "b")])
    >>> print(change_to_markdown(compare(M, 2023, 2024), lang="en").splitlines()[0])
    # Change 2023 → 2024
    """
    L = lang
    nm = lambda v: _md((names or {}).get(v, v))  # noqa: E731
    t = diff["ties"]
    d = diff["density"]
    out = [
        f"# {_t(L, '変化', 'Change')} {diff['before']} → {diff['after']}",
        "",
        f"- {label('density', L)}: {_num(d['before'])} → {_num(d['after'])}",
        f"- {_t(L, '連携のある団体', 'Organisations with a tie')}: "
        f"{(diff.get('active_orgs') or {}).get('before', '–')} → {(diff.get('active_orgs') or {}).get('after', '–')}",
        f"- {_t(L, '新しい連携', 'Ties added')}: {len(t['added'])}　{_t(L, '終了した連携', 'ended')}: "
        f"{len(t['ended'])}　{_t(L, '強まった', 'strengthened')}: {len(t['strengthened'])}　"
        f"{_t(L, '弱まった', 'weakened')}: {len(t['weakened'])}",
        "",
    ]
    for key, ja, en in (
        ("added", "新しい連携", "Ties added"),
        ("ended", "終了した連携", "Ties ended"),
        ("strengthened", "強まった連携", "Ties strengthened"),
        ("weakened", "弱まった連携", "Ties weakened"),
    ):
        if t[key]:
            out += [f"## {_t(L, ja, en)}", ""] + [f"- {nm(x['a'])} — {nm(x['b'])}" for x in t[key][:top]] + [""]
    b = diff["brokers"]
    out += [
        f"## {_t(L, '仲介者の変化', 'Brokers')}",
        "",
        f"- {_t(L, '新たに仲介者になった団体', 'Became brokers')}: "
        + (("、" if L == "ja" else ", ").join(nm(v) for v in b["became"][:top]) or "–"),
        f"- {_t(L, '仲介者でなくなった団体', 'Stopped being brokers')}: "
        + (("、" if L == "ja" else ", ").join(nm(v) for v in b["stopped"][:top]) or "–"),
        "",
    ]
    moved = sorted(
        (m for m in diff["mixing"] if m["from"] != m["to"] and m["change"] == m["change"] and abs(m["change"]) > 0),
        key=lambda m: -abs(m["change"]),
    )[:top]
    if moved:
        out += [f"## {label('sector_mixing', L)}", ""]
        out += [
            f"- {_group(m['from'], 'sector', L)} → {_group(m['to'], 'sector', L)}: "
            f"{_num(m['before'])} → {_num(m['after'])}"
            for m in moved
        ]
    return "\n".join(out) + "\n"
