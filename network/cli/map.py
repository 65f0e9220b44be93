"""``renkei path|map``: who connects two organisations or groups, and the map as a picture or page.

>>> from network.cli import main
>>> main(["--store", ":memory:", "path", "石巻", "気仙沼"])  # the reason goes to stderr
1
"""

from __future__ import annotations

import argparse
import sys

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
from network.labels import both, t
from network.store import open_store

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands (``path``, ``map``) to the ``renkei`` parser."""
    pa = sub.add_parser("path", help=both("cli_path"))
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
    mp = sub.add_parser("map", help=both("cli_map"))
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
        raise RenkeiError(both("cli_unknown_group", attr=repr(attr)))
    members = group_members(U, attr, value, membership=membership)
    if not members:
        raise RenkeiError(both("cli_empty_group", word=repr(word)))
    return members


def _map_caption(args: argparse.Namespace, U) -> list[str]:  # noqa: ANN001 - a graph
    """The filters written under a picture, in the picture's language."""
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
        lines.append(both("cli_no_path"))
        for r in result.get("introductions", []):
            lines.append(f"  {both('cli_introduce')}: {printable(names[r['a']])} — {printable(names[r['b']])}")
    else:
        lines.append(both("cli_shortest", d=result["distance"], n=result["path_count"]))
        for p in result["paths"]:
            lines.append("  " + " → ".join(printable(names.get(v, str(v))) for v in p))
        lines.append(f"{both('cli_brokers')} ({both('cli_share')}):")
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
            raise RenkeiError(both("cli_no_applied_round"))
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
        raise RenkeiError(both("cli_bad_suffix", path=args.output))
    emit(args, data)
    print(f"{args.output}: {U.number_of_nodes()} organisations, {U.number_of_edges()} tied pairs", file=sys.stderr)
    return 0
