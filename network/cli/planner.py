"""``renkei trend|whatif|report``: the planner's fiscal-year views and the annual report.

>>> from network.cli import main
>>> main(["--store", ":memory:", "trend", "2021", "2020"])  # the first year after the last: refused
1
"""

from __future__ import annotations

import argparse
import os
import sys

from network.cli.shell import as_json, emit, load_graph_from
from network.errors import RenkeiError
from network.labels import both, t
from network.store import open_store

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the ``renkei`` parser."""
    tr = sub.add_parser("trend", help=both("cli_trend"))
    tr.add_argument("first", help=t("cli_help_first", "en"))
    tr.add_argument("last", help="last fiscal year")
    tr.add_argument("--format", choices=["json", "csv", "markdown"], default="markdown")
    tr.add_argument("--centre", help="the centre's organisation id (default $RENKEI_CENTRE, else guessed)")
    tr.add_argument("--lang", choices=["ja", "en"], default="ja")
    tr.add_argument("--output")
    tr.set_defaults(handler=cmd_trend)
    wi = sub.add_parser("whatif", help=both("cli_whatif"))
    wi.add_argument("ids", nargs="+", help="organisation ids (or exact names)")
    wi.add_argument("--year", help="one fiscal year's network (default: every tie)")
    wi.add_argument("--format", choices=["json", "markdown"], default="markdown")
    wi.add_argument("--lang", choices=["ja", "en"], default="ja")
    wi.add_argument("--output")
    wi.set_defaults(handler=cmd_whatif)
    rp = sub.add_parser("report", help=both("cli_report"))
    rp.add_argument("--output", help="FILE.pdf, FILE.md or FILE.json (Markdown on stdout when omitted)")
    rp.add_argument("--format", choices=["pdf", "markdown", "json"], help="default: from the --output suffix")
    rp.add_argument("--year", help="fiscal year (default: the newest with dated ties)")
    rp.add_argument("--lang", choices=["ja", "en"], default="ja")
    rp.add_argument("--centre", help="the centre's organisation id (default $RENKEI_CENTRE, else guessed)")
    rp.set_defaults(handler=cmd_report)


def _centre(args: argparse.Namespace, G) -> object:  # type: ignore[no-untyped-def]
    """The centre from --centre or RENKEI_CENTRE, checked; else guessed (said on stderr)."""
    from network.present.annual import resolve_centre

    centre, guessed = resolve_centre(G, getattr(args, "centre", None) or os.environ.get("RENKEI_CENTRE"))
    if guessed:
        print(f"renkei: no --centre given; using {centre} ({G.nodes[centre].get('name', '')})", file=sys.stderr)
    return centre


def _fy(text: str) -> int:
    from network.model import parse_fiscal_year

    return parse_fiscal_year(text)


def cmd_trend(args: argparse.Namespace) -> int:
    from network.analysis.trend import trend
    from network.present.trend_text import trend_text

    G = load_graph_from(args)
    rows = trend(G, _fy(args.first), _fy(args.last), centre=_centre(args, G))
    emit(args, trend_text(rows, args.format, lang=args.lang))
    return 0


def cmd_whatif(args: argparse.Namespace) -> int:
    from network.analysis.views import undirected_view
    from network.analysis.whatif import what_if
    from network.analysis.years import year_view
    from network.present.report import clean
    from network.present.trend_text import whatif_text

    G = load_graph_from(args)
    by_name = {str(d.get("name")): v for v, d in G.nodes(data=True)}
    ids = [v if v in G else by_name.get(v, v) for v in args.ids]
    r = what_if(year_view(G, _fy(args.year)) if args.year else undirected_view(G), ids)
    r["names"] = {v: str(G.nodes[v].get("name") or v) for v in [*r["removed"], *r["cut_off"]]}
    emit(args, as_json(clean(r)) if args.format == "json" else whatif_text(r, lang=args.lang))
    return 0


def _survey(args: argparse.Namespace, year: int) -> dict | None:
    """The newest applied survey round of ``year`` or earlier (:func:`network.survey.scores.applied_section`)."""
    from network.present.report import clean
    from network.survey.scores import applied_section

    with open_store(args.store) as store:
        return clean(applied_section(store, up_to=year))


def cmd_report(args: argparse.Namespace) -> int:
    from network.present.annual import annual_report, annual_to_markdown

    fmt = args.format or (
        "pdf"
        if (args.output or "").lower().endswith(".pdf")
        else "json"
        if (args.output or "").lower().endswith(".json")
        else "markdown"
    )
    if fmt == "pdf" and not args.output:
        raise RenkeiError("a PDF needs --output FILE.pdf")
    G = load_graph_from(args)
    data = annual_report(G, year=_fy(args.year) if args.year else None, centre=_centre(args, G))
    data["survey"] = _survey(args, data["year"])
    if fmt == "pdf":
        from network.present.pdf_report import render_pdf

        emit(args, render_pdf(data, lang=args.lang))
    else:
        emit(args, as_json(data) if fmt == "json" else annual_to_markdown(data, lang=args.lang))
    return 0
