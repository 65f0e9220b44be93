"""``renkei demo|import|orgs|ties|project|export``: data in and out of the store.

>>> from network.cli import main
>>> main(["--store", ":memory:", "ties", "--format", "json"])
[]
0
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from network.cli.shell import (
    add_min_strength,
    emit,
    load_graph_from,
    printable,
    progress_bar,
    sector_code,
    table,
    user_of,
)
from network.errors import RenkeiError
from network.labels import both
from network.labels import t as label
from network.store import open_store

__all__ = ["register"]


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the ``renkei`` parser."""
    d = sub.add_parser("demo", help=both("cli_demo"))
    d.add_argument("--sample", default="miyagi", help="miyagi (default), tsurumi or all")

    d.set_defaults(handler=cmd_demo)
    i = sub.add_parser(
        "import",
        help=both("cli_import"),
    )
    i.add_argument("files", nargs="+")
    i.add_argument("--kind", choices=["orgs", "ties", "participations"])
    i.add_argument("--keep-good", action="store_true", help="write the good rows, reject the bad ones")
    i.add_argument("--rejects", help="file for rejected rows (with --keep-good)")
    i.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    i.add_argument("--map", metavar="FILE", help=both("cli_help_words"))
    i.add_argument(
        "--default-sector",
        metavar="SECTOR",
        help=both("cli_help_default_sector"),
    )
    i.add_argument("--user")

    i.set_defaults(handler=cmd_import)
    o = sub.add_parser("orgs", help=both("cli_orgs"))
    o.add_argument("--sector")
    o.add_argument("--district")
    o.add_argument("--city")
    o.add_argument("--search")
    o.add_argument("--format", choices=["table", "csv", "json"], default="table")

    o.set_defaults(handler=cmd_orgs)
    t = sub.add_parser("ties", help=both("cli_ties"))
    t.add_argument("--org")
    t.add_argument("--type")
    t.add_argument("--sector")
    t.add_argument("--district")
    t.add_argument("--as-of", help=label("cli_help_as_of", "en"))
    t.add_argument("--format", choices=["table", "csv", "json"], default="table")

    t.set_defaults(handler=cmd_ties)
    pr = sub.add_parser("project", help=both("cli_project"))
    pr.add_argument("--since", help="only participations on or after this date")
    pr.add_argument("--until", help="only participations on or before this date")
    pr.add_argument(
        "--write", action="store_true", help="store them as information ties (strength 1, weight = shared activities)"
    )
    pr.add_argument("--format", choices=["table", "csv", "json"], default="table")

    pr.set_defaults(handler=cmd_project)
    e = sub.add_parser("export", help=both("cli_export"))
    e.add_argument(
        "--format",
        choices=["graphml", "gexf", "csv", "json", "kumu", "pajek", "dl"],
        default="graphml",
        help="kumu: XLSX workbook for Kumu; pajek: .net; dl: UCINET DL (see docs/formats.md)",
    )
    e.add_argument("--as-of")
    e.add_argument("--output")

    add_min_strength(e)
    e.set_defaults(handler=cmd_export)


def cmd_demo(args: argparse.Namespace) -> int:
    from renkei.data.samples import SAMPLES, sample_files

    from ingest.importer import import_files

    if args.sample != "all" and args.sample not in SAMPLES:
        raise RenkeiError(f"unknown sample {args.sample!r}: choose {', '.join(SAMPLES)} or all")
    names = list(SAMPLES) if args.sample == "all" else [args.sample]
    with open_store(args.store) as store:
        for name in names:
            report = import_files(store, sample_files(name), user=user_of(args))
            print(f"{name}: {report.summary()}")
        counts = store.counts()
        print(f"store {store.url}: {counts['orgs']} organisations, {counts['ties']} ties")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ingest.importer import import_files

    update, close = progress_bar("import")
    try:
        with open_store(args.store) as store:
            report = import_files(
                store,
                [Path(f) for f in args.files],
                kind=args.kind,
                keep_good=args.keep_good,
                rejects_path=args.rejects,
                user=user_of(args),
                dry_run=args.dry_run,
                progress=update,
                word_map=args.map,
                local=True,
                default_sector=args.default_sector,
            )  # any length: the limits guard uploads
    except (RenkeiError, OSError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a file no reader foresaw: one line naming it, never a traceback
        names = ", ".join(Path(f).name for f in args.files)
        reason = " ".join(str(exc).split())[:200]
        raise RenkeiError(f"{both('cli_cannot_import', names=names)}: {type(exc).__name__}: {reason}") from exc
    finally:
        close()
    print(report.summary())
    for dup in report.possible_duplicates:  # names that fold alike (ingest.fold): never merged
        print(f"{both('cli_possible_duplicate')}: {printable(dup.text())}", file=sys.stderr)
    if report.errors:
        print(report.to_text(), file=sys.stderr)
    return 1 if report.errors and not args.keep_good else 0  # a dry run exits as the import would


def cmd_orgs(args: argparse.Namespace) -> int:
    with open_store(args.store) as store:
        orgs = store.orgs(sector=sector_code(args.sector), district=args.district, city=args.city, search=args.search)
    cols = ["id", "name", "sector", "kind", "prefecture", "city", "district", "corporate_number"]
    sys.stdout.write(table([o.to_dict() for o in orgs], cols, args.format))
    return 0


def cmd_ties(args: argparse.Namespace) -> int:
    from network.model import TieType

    type_ = TieType.parse(args.type).value if args.type else None
    with open_store(args.store) as store:
        ties = store.ties(
            org=args.org, type=type_, sector=sector_code(args.sector), district=args.district, as_of=args.as_of
        )
        names = {o.id: o.name for o in store.orgs()}
    rows = [
        t.to_dict() | {"source_name": names.get(t.source, ""), "target_name": names.get(t.target, "")} for t in ties
    ]
    cols = [
        "id",
        "source",
        "source_name",
        "target",
        "target_name",
        "type",
        "directed",
        "strength",
        "start",
        "end",
        "project",
    ]
    sys.stdout.write(table(rows, cols, args.format))
    return 0


def cmd_project(args: argparse.Namespace) -> int:
    from ingest.project import projected_ties
    from network.store.base import ChangeSet

    with open_store(args.store) as store:
        acts = {a.id: a.name for a in store.activities()}
        ties = projected_ties(store.participations(), since=args.since, until=args.until, activity_names=acts)
        names = {o.id: o.name for o in store.orgs()}
        ties = [t for t in ties if t.source in names and t.target in names]
        if args.write:
            result = store.write(ChangeSet(ties=ties), user=user_of(args))
            print(
                both(
                    "cli_projected",
                    n=len(ties),
                    created=result.created,
                    updated=result.updated,
                    unchanged=result.unchanged,
                )
            )
            return 0
    rows = [
        {
            "source": t.source,
            "source_name": names[t.source],
            "target": t.target,
            "target_name": names[t.target],
            "weight": int(t.weight),
            "activities": t.note,
        }
        for t in ties
    ]
    sys.stdout.write(
        table(rows, ["source", "source_name", "target", "target_name", "weight", "activities"], args.format)
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from network.present.export import export_bytes

    G = load_graph_from(args, args.as_of)
    data = export_bytes(G, args.format)
    if args.format == "csv" and not args.output:
        raise RenkeiError("csv export holds two files (orgs.csv, ties.csv): give --output FILE.zip or a folder")
    if args.format == "csv" and not args.output.endswith(".zip"):
        import io
        import zipfile

        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            z.extractall(out)
        return 0
    if args.format == "kumu" and not args.output and sys.stdout.isatty():
        raise RenkeiError("kumu export is an XLSX workbook: give --output FILE.xlsx (or redirect to a file)")
    emit(args, data)
    return 0
