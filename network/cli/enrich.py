"""``renkei enrich FILE… [--write]``: fill organisations from the national 法人番号 data.

Registered by :func:`register`, which :func:`network.cli.build_parser` calls.  The
work is :func:`ingest.enrich.enrich`; this module parses arguments, shows a
progress bar (bytes of the files read) and prints what would change, what was
written and the 法人番号 it suggests.  Without ``--write`` nothing is written.

>>> from network.cli import main
>>> main(["--store", ":memory:", "enrich", "/nonexistent.csv"])
1
"""

from __future__ import annotations

import argparse
from dataclasses import asdict

from network.cli.shell import as_json, progress_bar, user_of
from network.store import open_store

__all__ = ["register", "cmd_enrich"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``enrich`` to the ``renkei`` parser."""
    c = sub.add_parser(
        "enrich",
        help="fill organisations from the national 法人番号 data / 法人番号公表データで補完",
        description="Reads the 国税庁法人番号公表サイト CSV files (headerless, Shift_JIS or "
        "Unicode, or their ZIP) and fills kind, prefecture, city, 市区町村コード and "
        "closure of the organisations whose 法人番号 matches; suggests a 法人番号 for "
        "organisations without one whose name and city match one entry.",
    )
    c.add_argument("files", nargs="+", metavar="FILE", help="法人番号 CSV or ZIP files (one per prefecture, or all)")
    c.add_argument(
        "--write",
        action="store_true",
        help="write the changes (one audited transaction); without it nothing is written / 書き込む",
    )
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.add_argument("--user")
    c.set_defaults(handler=cmd_enrich)


def cmd_enrich(args: argparse.Namespace) -> int:
    """Plan (and with ``--write`` write) the enrichment, then print it."""
    from ingest.enrich import enrich

    update, close = progress_bar("enrich")
    try:
        with open_store(args.store) as store:
            plan = enrich(
                store,
                args.files,
                write=args.write,
                user=user_of(args),
                progress=lambda done, total: update(done, total),
            )
    finally:
        close()
    if args.format == "json":
        print(
            as_json(
                {
                    "rows": plan.rows,
                    "matched": plan.matched,
                    "written": plan.written,
                    "batch": plan.batch,
                    "changes": [asdict(c) for c in plan.changes],
                    "suggestions": [asdict(s) for s in plan.suggestions],
                    "errors": [asdict(e) for e in plan.errors],
                }
            ),
            end="",
        )
    else:
        print(plan.to_text())  # stored and file values shown with control characters escaped
    return 1 if plan.errors else 0
