"""``renkei analyze|changes``: the analysis report and the change between two dates from the command line.

The paths between two organisations and the map are in :mod:`network.cli.map`.
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
    load_graph_from,
    sector_codes,
    type_codes,
)
from network.errors import RenkeiError
from network.labels import both, t
from network.store import open_store

__all__ = ["register", "write_json"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the ``renkei`` parser."""
    a = sub.add_parser("analyze", help=both("cli_analyze"))
    a.add_argument("--format", choices=["json", "markdown"], default="markdown")
    a.add_argument("--as-of", help=t("cli_help_as_of", "en"))
    a.add_argument("--sector-attr", default="sector", help="sector (default) or district")
    a.add_argument("--lang", choices=["ja", "en"], default="ja")
    a.add_argument("--types", help=t("cli_help_types", "en"))
    a.add_argument("--sectors", help="sectors to keep, comma-separated")
    a.add_argument("--district", help="keep one area (district)")
    a.add_argument(
        "--survey",
        help="survey round whose trust and value scores to add (default: the newest applied; none: leave them out)",
    )
    a.add_argument("--output")

    add_min_strength(a)
    a.set_defaults(handler=cmd_analyze)
    c = sub.add_parser("changes", help=both("cli_changes"))
    c.add_argument("before", help=t("cli_help_before", "en"))
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


def _add_survey(args: argparse.Namespace, result: dict) -> None:
    """Trust, value and reciprocity of a survey round (``--survey NAME``; by default the newest applied one)."""
    from network.survey.rounds import list_rounds
    from network.survey.scores import add_to_analysis, applied_round, survey_summary

    if args.survey == "none":
        return
    with open_store(args.store) as store:
        if args.survey:
            if args.survey not in {r.name for r in list_rounds(store)}:
                raise RenkeiError(both("cli_no_round", name=repr(args.survey)))
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
