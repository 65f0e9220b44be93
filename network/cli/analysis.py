"""``renkei analyze|changes|path|map``: the analysis and the map from the command line.

>>> from network.cli import main
>>> main(["--store", ":memory:", "path", "石巻", "気仙沼"])  # the reason goes to stderr
1
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import BinaryIO

from network.cli.shell import (
    add_min_strength,
    as_json,
    emit,
    find_org,
    load_graph_from,
    printable,
    sector_code,
    sector_codes,
    type_codes,
)
from network.errors import RenkeiError
from network.store import open_store

__all__ = ["register", "write_json"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the ``renkei`` parser."""
    a = sub.add_parser("analyze", help="brokers, gaps, fragility, introductions / 分析")
    a.add_argument("--format", choices=["json", "markdown"], default="markdown")
    a.add_argument(
        "--as-of", help="a day (2016-06-30) or a fiscal year (2016, FY2016, 2016年度, 平成28年度): ties running then"
    )
    a.add_argument("--sector-attr", default="sector", help="sector (default) or district")
    a.add_argument("--lang", choices=["ja", "en"], default="ja")
    a.add_argument("--types", help="tie types to keep, comma-separated (e.g. 協働,助成)")
    a.add_argument("--sectors", help="sectors to keep, comma-separated")
    a.add_argument("--district", help="keep one area (district)")
    a.add_argument(
        "--survey",
        help="survey round whose trust and value scores to add (default: the newest applied; none: leave them out)",
    )
    a.add_argument("--output")

    add_min_strength(a)
    a.set_defaults(handler=cmd_analyze)
    c = sub.add_parser("changes", help="compare two dates or fiscal years / 変化の比較")
    c.add_argument("before", help="ISO date or fiscal year (2016, 令和2年度)")
    c.add_argument("after", help="ISO date or fiscal year")
    c.add_argument("--format", choices=["json", "markdown"], default="markdown")
    c.add_argument("--sector-attr", default="sector")
    c.add_argument("--types")
    c.add_argument("--sectors")
    c.add_argument("--district")
    c.add_argument("--lang", choices=["ja", "en"], default="ja")
    c.add_argument("--output")

    add_min_strength(c)
    c.set_defaults(handler=cmd_changes)
    pa = sub.add_parser("path", help="who connects two organisations or groups / 誰がつないでいるか")
    pa.add_argument("a", help="organisation id or name (with --groups: sector:npo, district:X, community:N)")
    pa.add_argument("b", help="organisation id or name, or a group with --groups")
    pa.add_argument("--groups", action="store_true", help="A and B are groups of organisations")
    pa.add_argument("--as-of")
    pa.add_argument("--types", help="tie types to keep, comma-separated")
    pa.add_argument("--max-paths", type=int, default=50)
    pa.add_argument("--format", choices=["json", "text"], default="text")
    pa.add_argument("--output")

    add_min_strength(pa)
    pa.set_defaults(handler=cmd_path)
    mp = sub.add_parser("map", help="the map as a picture (PNG, SVG) or page (HTML) / 地図を画像で書き出す")
    mp.add_argument("--output", required=True, help="FILE.png, FILE.svg or FILE.html")
    mp.add_argument("--as-of")
    mp.add_argument("--types")
    mp.add_argument("--sectors")
    mp.add_argument("--district")
    mp.add_argument("--colour-by", choices=["sector", "district", "community"], default="sector")
    mp.add_argument(
        "--size-by",
        choices=["none", "degree", "betweenness", "trust", "value"],
        default="degree",
        help="trust, value: as seen by partners in the newest applied survey round (unrated: smallest)",
    )
    mp.add_argument("--path", nargs=2, metavar=("A", "B"), help="highlight the shortest paths between A and B")
    mp.add_argument("--lang", choices=["ja", "en"], default="ja")
    mp.add_argument("--scale", type=float, default=2.0, help="PNG pixels per point (2 ≈ 200 dpi)")

    add_min_strength(mp)
    mp.set_defaults(handler=cmd_map)


def _add_survey(args: argparse.Namespace, result: dict) -> None:
    """Trust, value and reciprocity of a survey round (``--survey NAME``; by default the newest applied one)."""
    from network.survey.rounds import list_rounds
    from network.survey.scores import add_to_analysis, applied_round, survey_summary

    if args.survey == "none":
        return
    with open_store(args.store) as store:
        if args.survey:
            if args.survey not in {r.name for r in list_rounds(store)}:
                raise RenkeiError(f"no survey round {args.survey!r} / 調査がありません")
            name = args.survey
        else:
            name = applied_round(store)
            if name is None:
                return
        summary = survey_summary(store, name)
    orgs = result["orgs"]
    result["orgs"] = []  # the network part first; each organisation gets its scores as it is written
    add_to_analysis(result, summary)
    result["orgs"] = (add_to_analysis({"orgs": [o]}, summary)["orgs"][0] for o in orgs)


def _find_group(G, U, word: str) -> list:  # noqa: ANN001 - graphs
    """``sector:npo``, ``district:…``, ``city:…``, ``community:N`` or a bare sector word (NPO, 行政…)."""
    from network.analysis.paths import group_members

    attr, sep, value = word.partition(":")
    if not sep:
        attr, value = "sector", word
    attr = attr.strip().lower()
    if attr == "sector":
        value = sector_code(value)
    membership = None
    if attr == "community":
        from network.analysis.gaps import communities

        membership = communities(U)
    elif attr not in ("district", "city", "prefecture", "kind", "sector"):
        raise RenkeiError(f"unknown group {attr!r}: use sector:, district:, city:, community: / 不明なグループ")
    members = group_members(U, attr, value, membership=membership)
    if not members:
        raise RenkeiError(f"group {word!r} has no organisations / 該当する団体がありません")
    return members


def _map_caption(args: argparse.Namespace, U) -> list[str]:  # noqa: ANN001 - a graph
    """The filters written under a picture, in the picture's language."""
    from network.labels import t
    from network.model import Sector, TieType

    every = t("all", args.lang)
    types = "・".join(TieType(x).label(args.lang) for x in type_codes(args.types) or []) or every
    sectors = "・".join(Sector(x).label(args.lang) for x in sector_codes(args.sectors) or []) or every
    parts = [
        (t("period", args.lang), args.as_of or every),
        (t("caption_types", args.lang), types),
        (t("caption_sectors", args.lang), sectors),
        (t("caption_district", args.lang), args.district or every),
    ]
    line = "  ".join(f"{k}: {v}" for k, v in parts)
    count = t("caption_count", args.lang, orgs=U.number_of_nodes(), pairs=U.number_of_edges())
    return [line, f"{count} — {t('caption_brand', args.lang)}"]


def _analysis_views(args: argparse.Namespace):  # noqa: ANN202 - (XU, XD, ties, as_of) or None
    """The two views straight from the store's arrays (no NetworkX graph), or ``None`` to use the graph."""
    from network.analysis.views import indexed_views_from_arrays, select
    from network.store.base import ORG_COLUMNS, load_arrays

    if args.sector_attr not in ORG_COLUMNS:
        return None  # a group attribute outside the columns: the graph carries every attribute
    columns = tuple(dict.fromkeys(("name", "sector", "district", args.sector_attr)))  # what the report shows
    with open_store(args.store) as store:
        T = load_arrays(store, args.as_of, columns)
    filters = {
        "types": type_codes(args.types),
        "sectors": sector_codes(args.sectors),
        "district": args.district,
        "min_strength": getattr(args, "min_strength", None) or 1,
    }
    XU, XD = indexed_views_from_arrays(T, **filters)
    ties, as_of = int(select(T, **filters)[1].sum()), T.as_of  # ties counted as analyze() counts them
    del T
    return XU, XD, ties, as_of


def cmd_analyze(args: argparse.Namespace) -> int:
    from network.present.report import analyze, analyze_views, to_markdown

    views = _analysis_views(args)
    if views is None:
        G = load_graph_from(args, args.as_of)
        result = analyze(
            G,
            as_of=args.as_of,
            sector_attr=args.sector_attr,
            types=type_codes(args.types),
            sectors=sector_codes(args.sectors),
            district=args.district,
        )
        del G
    else:
        XU, XD, ties, as_of = views
        del views
        result = analyze_views(
            XU,
            XD,
            ties=ties,
            as_of=as_of,
            sector_attr=args.sector_attr,
            types=type_codes(args.types),
            sectors=sector_codes(args.sectors),
            district=args.district,
        )
        del XU, XD  # the orgs iterator keeps what it needs
    _add_survey(args, result)
    if args.format == "json":
        if getattr(args, "output", None):
            with open(args.output, "wb") as f:
                write_json(result, f)
        else:
            write_json(result, sys.stdout.buffer)
            sys.stdout.flush()
    else:
        result["orgs"] = list(result["orgs"])
        emit(args, to_markdown(result, lang=args.lang))
    return 0


def write_json(result: dict, out: BinaryIO) -> None:
    """Write the report as one JSON object, a list's items one a line, organisations as they come.

    Never holds the whole text: each top-level value (a dict indented, a list one compact item a
    line) is encoded and written in turn, so ``orgs`` may be an iterator.  NaN is refused, as
    :func:`network.cli.shell.as_json` refuses it (the report writes it as ``null``).

    >>> import io
    >>> buf = io.BytesIO()
    >>> write_json({"graph": {"nodes": 2}, "orgs": iter([{"id": "a"}, {"id": "b"}]), "bridges": []}, buf)
    >>> print(buf.getvalue().decode())
    {
     "graph": {
      "nodes": 2
     },
     "orgs": [
      {"id": "a"},
      {"id": "b"}
     ],
     "bridges": []
    }
    <BLANKLINE>
    """
    enc = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
    pretty = json.JSONEncoder(ensure_ascii=False, allow_nan=False, indent=1)
    out.write(b"{")
    first = True
    for key, value in result.items():
        out.write(("\n" if first else ",\n").encode() + b" " + enc.encode(key).encode() + b": ")
        first = False
        if isinstance(value, dict):
            out.write(pretty.encode(value).replace("\n", "\n ").encode())
            continue
        if not isinstance(value, (list, tuple)) and not hasattr(value, "__next__"):
            out.write(enc.encode(value).encode())
            continue
        buf: list[str] = []
        count = 0
        for item in value:
            buf.append(enc.encode(item))
            count += 1
            if len(buf) >= 1000:
                out.write((("[\n  " if count == len(buf) else ",\n  ") + ",\n  ".join(buf)).encode())
                buf = []
        if buf:
            out.write((("[\n  " if count == len(buf) else ",\n  ") + ",\n  ".join(buf)).encode())
        out.write(b"\n ]" if count else b"[]")
    out.write(b"\n}\n")


def cmd_changes(args: argparse.Namespace) -> int:
    from network.analysis.change import compare
    from network.present.report import change_to_markdown, clean

    G = load_graph_from(args)
    before = int(args.before) if args.before.isdigit() else args.before
    after = int(args.after) if args.after.isdigit() else args.after
    diff = compare(
        G,
        before,
        after,
        sector_attr=args.sector_attr,
        types=type_codes(args.types),
        sectors=sector_codes(args.sectors),
        district=args.district,
    )
    if args.format == "json":
        emit(args, as_json(clean(diff)))
    else:
        names = {n: d.get("name", n) for n, d in G.nodes(data=True)}
        emit(args, change_to_markdown(diff, lang=args.lang, names=names))
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    from network.analysis.paths import bridging_introductions, connectors
    from network.analysis.views import undirected_view

    G = load_graph_from(args, args.as_of)
    U = undirected_view(G, as_of=args.as_of, types=type_codes(args.types))
    if args.groups:
        a, b = _find_group(G, U, args.a), _find_group(G, U, args.b)
    else:
        a, b = find_org(G, args.a), find_org(G, args.b)
    result = connectors(U, a, b, max_paths=args.max_paths)
    if not result["connected"]:
        result["introductions"] = bridging_introductions(U, a if args.groups else [a], b if args.groups else [b])
    names = {v: str(d.get("name", v)) for v, d in G.nodes(data=True)}
    if args.format == "json":
        for r in result["brokers"]:
            r["name"] = names.get(r["id"], "")
        emit(args, as_json(result))
        return 0
    lines = []
    if not result["connected"]:
        lines.append("no path: the two are not connected / 経路がありません（つながっていません）")
        for r in result.get("introductions", []):
            lines.append(f"  introduce / 紹介: {printable(names[r['a']])} — {printable(names[r['b']])}")
    else:
        lines.append(
            f"shortest path: {result['distance']} step(s), {result['path_count']} path(s) "
            f"/ 最短経路 {result['distance']} 段階・{result['path_count']} 本"
        )
        for p in result["paths"]:
            lines.append("  " + " → ".join(printable(names.get(v, str(v))) for v in p))
        lines.append("brokers / 仲介する団体 (share of shortest paths / 最短経路に占める割合):")
        for r in result["brokers"]:
            lines.append(f"  {r['share']:.3f}\t{printable(names.get(r['id'], str(r['id'])))}\t{r['id']}")
    emit(args, "\n".join(lines) + "\n")
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    from network.analysis.views import filter_graph, undirected_view

    G = load_graph_from(args, args.as_of)
    H = filter_graph(
        G, as_of=args.as_of, types=type_codes(args.types), sectors=sector_codes(args.sectors), district=args.district
    )
    U = undirected_view(H)
    if args.colour_by == "community":
        from network.analysis.gaps import communities

        for v, c in communities(U).items():
            U.nodes[v]["community"] = c
    sizes = None
    if args.size_by == "degree":
        sizes = {v: float(d) for v, d in U.degree()}
    elif args.size_by == "betweenness":
        from network.analysis.brokers import betweenness

        sizes = betweenness(U)["values"]
    elif args.size_by in ("trust", "value"):  # as seen by partners, in the newest applied survey round
        from network.survey.scores import applied_scores

        with open_store(args.store) as store:
            by_org = applied_scores(store)
        if not by_org:
            raise RenkeiError("no survey round has been applied: renkei survey apply NAME / 調査が反映されていません")
        sizes = {v: float(by_org.get(v, {}).get(args.size_by) or 0.0) for v in U}
    path_nodes: list = []
    path_edges: list = []
    if args.path:
        from network.analysis.paths import connectors

        r = connectors(U, find_org(G, args.path[0]), find_org(G, args.path[1]))
        path_nodes = sorted({v for p in r["paths"] for v in p}, key=str)
        path_edges = [(e["source"], e["target"]) for e in r["edges"]]
    out = args.output.lower()
    caption = _map_caption(args, U)
    if out.endswith(".html"):
        from network.present.map.data import render_map

        data: bytes | str = render_map(
            U,
            colour_by=args.colour_by,
            size_by=sizes,
            lang=args.lang,
            highlight={"focus": path_nodes, "bridges": path_edges},
        )
    elif out.endswith((".svg", ".png")):
        from network.present.map.picture import scene, to_png, to_svg

        sc = scene(
            U, colour_by=args.colour_by, size_by=sizes, highlight=path_nodes, highlight_edges=path_edges, lang=args.lang
        )
        data = to_svg(sc, caption) if out.endswith(".svg") else to_png(sc, caption, scale=args.scale)
    else:
        raise RenkeiError(f"{args.output}: give a file ending in .png, .svg or .html / 拡張子を指定してください")
    emit(args, data)
    print(f"{args.output}: {U.number_of_nodes()} organisations, {U.number_of_edges()} tied pairs", file=sys.stderr)
    return 0
