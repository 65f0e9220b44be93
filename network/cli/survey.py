"""``renkei survey …``: survey rounds from the command line.

``create``, ``list``, ``close``, ``links`` (new personal links: printing them is
the one place a token appears; each call re-issues the links it prints, so the
earlier ones stop working), ``status``, ``import`` (paper answers), ``apply``
(answers → ties), ``scores``, ``letters`` (PDF invitation letters) and ``form``
(the printable paper questionnaire).

Registered by :func:`register`, which :func:`network.cli.build_parser` calls.

>>> from network.cli import main
>>> main(["--store", ":memory:", "survey", "list", "--format", "json"])
[]
0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from network.cli.shell import table, user_of
from network.errors import ValidationError
from network.labels import both, t
from network.store import open_store

__all__ = ["register", "cmd_survey"]


def _orgs_file(store: object, path: str) -> list[str]:
    """Organisation ids from a file: a CSV/XLSX with an ``id`` or name column, or one name per line."""
    from ingest.headers import normalise_header
    from ingest.normalise import clean_text
    from ingest.readers import read_path
    from ingest.report import ImportReport, RowError
    from ingest.resolve import Resolver

    resolver = Resolver(store.orgs())  # type: ignore[attr-defined]
    report = ImportReport()
    ids: list[str] = []
    for sheet in read_path(path):
        heads = [normalise_header(h) for h in sheet.headers]
        col = next((heads.index(h) for h in ("id", "org", "団体id", "name", "団体名", "団体") if h in heads), None)
        rows = [(sheet.row_numbers[i], r) for i, r in enumerate(sheet.rows)]
        if col is None:  # no header row: the first column of every line, the first line included
            col, rows = 0, [(1, sheet.headers), *rows]
        for rowno, cells in rows:
            ref = clean_text(cells[col] if col < len(cells) else "")
            if not ref:
                continue
            try:
                ids.append(resolver.resolve(ref))
            except LookupError as exc:
                report.errors.append(RowError(sheet.file, rowno, "org", ref, f"no single organisation: {exc}"))
    if report.errors:
        raise ValidationError(f"{len(report.errors)} organisation(s) in {path} not found; no round created", report)
    return ids


def _create(args: argparse.Namespace) -> int:
    from network.survey.rounds import create_round

    with open_store(args.store) as store:
        orgs = None if args.orgs in (None, "all") else _orgs_file(store, args.orgs)
        rnd = create_round(store, args.name, args.year, orgs=orgs, close_date=args.close, user=user_of(args))
    print(
        f"created round {rnd.name} (FY{rnd.fiscal_year}, {len(rnd.orgs)} organisations, closes "
        f"{rnd.close_date or '—'}) / 調査を作成しました。リンクは `renkei survey links` で発行します"
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    from network.survey.rounds import list_rounds

    with open_store(args.store) as store:
        rows = [
            {
                "name": r.name,
                "fiscal_year": r.fiscal_year,
                "orgs": len(r.orgs),
                "close_date": r.close_date,
                "closed": r.closed,
            }
            for r in list_rounds(store)
        ]
    sys.stdout.write(table(rows, ["name", "fiscal_year", "orgs", "close_date", "closed"], args.format))
    return 0


def _close(args: argparse.Namespace) -> int:
    from network.survey.rounds import close_round

    with open_store(args.store) as store:
        close_round(store, args.name, user=user_of(args))
    print(f"closed round {args.name}: its links no longer work / 調査を締め切りました")
    return 0


def _missing_orgs(store: object, name: str) -> list[str]:
    from network.survey.rounds import status

    return [m["org"] for m in status(store, name)["missing"]]


def _links(args: argparse.Namespace) -> int:
    from network.survey.rounds import issue_links

    with open_store(args.store) as store:
        orgs = _missing_orgs(store, args.name) if args.missing else None
        links = issue_links(store, args.name, orgs=orgs, base_url=args.base_url, user=user_of(args))
    print(
        f"issued {len(links)} new links; earlier links of these organisations no longer work / "
        f"新しいリンクを{len(links)}件発行しました（以前のリンクは無効）",
        file=sys.stderr,
    )
    _warn_loopback(args.base_url)
    out = table(links, ["org", "name", "url"], args.format)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    else:
        sys.stdout.write(out)
    return 0


def _warn_loopback(base_url: str) -> None:
    from urllib.parse import urlsplit

    if (urlsplit(base_url).hostname or "") in ("127.0.0.1", "localhost", "::1"):
        print(
            "note: these links point at this machine only; give --base-url with the address partners reach / "
            "このリンクはこの端末でしか開けません（--base-url で公開アドレスを指定）",
            file=sys.stderr,
        )


def _status(args: argparse.Namespace) -> int:
    from network.survey.rounds import status

    with open_store(args.store) as store:
        st = status(store, args.name)
    if args.format == "json":
        sys.stdout.write(json.dumps(st, ensure_ascii=False, indent=1) + "\n")
        return 0
    if args.format == "csv":  # the reminder list
        sys.stdout.write(table(st["missing"], ["org", "name", "started", "has_link"], "csv"))
        return 0
    rate = "—" if st["rate"] is None else f"{st['rate']:.0%}"
    print(
        f"{st['round']}: {st['answered']}/{st['invited']} answered ({rate}), {st['started']} started / "
        f"回答 {st['answered']}/{st['invited']}"
    )
    for m in st["missing"]:
        print(f"  not yet / 未回答: {m['name']} ({m['org']})")
    return 0


def _import(args: argparse.Namespace) -> int:
    from network.survey.paper import import_answers

    with open_store(args.store) as store:
        result = import_answers(store, args.name, args.file, dry_run=args.dry_run, user=user_of(args))
    verb = "checked" if args.dry_run else "imported"
    print(
        f"{verb} {len(result.answers)} answers from {len(result.responses)} organisations / "
        f"紙の回答 {len(result.answers)} 件"
    )
    return 0


def _apply(args: argparse.Namespace) -> int:
    from network.survey.apply import apply_round

    with open_store(args.store) as store:
        res = apply_round(store, args.name, user=user_of(args))
    d = res.to_dict()
    if args.format == "json":
        sys.stdout.write(json.dumps(d, ensure_ascii=False, indent=1) + "\n")
        return 0
    print(
        f"{d['ties']} survey ties ({d['confirmed']} confirmed pairs, {d['one_sided']} one-sided, "
        f"{d['disagreements']} disagreeing): {d['created']} created, {d['updated']} updated, "
        f"{d['unchanged']} unchanged, {d['ended']} ended; batch {d['batch']} "
        f"(undo: renkei undo --batch {d['batch']}) / 調査の結果を反映しました"
    )
    for u in d["unmatched"]:
        print(f"  unmatched name / 照合できない名前: {u['name']} ({u['reason']}, from {u['respondent']})")
    return 0


def _scores(args: argparse.Namespace) -> int:
    from network.survey.scores import survey_summary

    with open_store(args.store) as store:
        summary = survey_summary(store, args.name)
    if args.format == "json":
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
        return 0
    rows = [{"org": o, **v} for o, v in summary["orgs"].items()]
    sys.stdout.write(table(rows, ["org", "name", "trust", "value", "raters", "answered"], args.format))
    return 0


def _letters(args: argparse.Namespace) -> int:
    from network.survey.letters import letters_pdf
    from network.survey.rounds import issue_links

    with open_store(args.store) as store:
        orgs = _missing_orgs(store, args.name) if args.missing else None
        rnd = store.survey().get_round(args.name)  # type: ignore[attr-defined]
        links = issue_links(store, args.name, orgs=orgs, base_url=args.base_url, user=user_of(args))
    Path(args.output).write_bytes(letters_pdf(rnd, links, sender=args.sender))
    print(
        f"{len(links)} letters written to {args.output}; earlier links of these organisations no longer work / "
        f"案内状 {len(links)} 通",
        file=sys.stderr,
    )
    _warn_loopback(args.base_url)
    return 0


def _form(args: argparse.Namespace) -> int:
    from network.survey.letters import paper_form_pdf
    from network.survey.rounds import round_names

    with open_store(args.store) as store:
        rnd = store.survey().get_round(args.name)  # type: ignore[attr-defined]
        names = list(round_names(store, rnd).values())
    Path(args.output).write_bytes(paper_form_pdf(rnd, names))
    print(f"paper form written to {args.output} / 紙の調査票を書き出しました", file=sys.stderr)
    return 0


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "create": _create,
    "list": _list,
    "close": _close,
    "links": _links,
    "status": _status,
    "import": _import,
    "apply": _apply,
    "scores": _scores,
    "letters": _letters,
    "form": _form,
}


def cmd_survey(args: argparse.Namespace) -> int:
    return _HANDLERS[args.survey_command](args)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``survey`` and its subcommands to the ``renkei`` parser."""
    from network.survey.rounds import DEFAULT_BASE_URL

    p = subparsers.add_parser("survey", help=both("cli_survey"))
    p.set_defaults(handler=cmd_survey)
    sub = p.add_subparsers(dest="survey_command", required=True)
    c = sub.add_parser("create", help=both("cli_survey_create"))
    c.add_argument("name")
    c.add_argument("--year", required=True, help=t("cli_help_year", "en"))
    c.add_argument("--orgs", default="all", help="all (default) or a file of organisation ids or names")
    c.add_argument("--close", help="close date (YYYY-MM-DD); links work through that day")
    ls = sub.add_parser("list", help=both("cli_survey_list"))
    ls.add_argument("--format", choices=["table", "csv", "json"], default="table")
    sub.add_parser("close", help=both("cli_survey_close")).add_argument("name")
    lk = sub.add_parser("links", help=both("cli_survey_links"))
    lk.add_argument("name")
    lk.add_argument("--format", choices=["csv", "json", "table"], default="csv")
    lk.add_argument("--base-url", default=DEFAULT_BASE_URL, help=f"the app's address (default {DEFAULT_BASE_URL})")
    lk.add_argument("--missing", action="store_true", help="only organisations that have not answered (reminders)")
    lk.add_argument("--output", help="write to this file (CSV with a BOM for Excel)")
    s = sub.add_parser("status", help=both("cli_survey_status"))
    s.add_argument("name")
    s.add_argument(
        "--format",
        choices=["table", "json", "csv"],
        default="table",
        help="csv: the reminder list of organisations that have not answered",
    )
    im = sub.add_parser("import", help=both("cli_survey_import"))
    im.add_argument("name")
    im.add_argument("file")
    im.add_argument("--dry-run", action="store_true")
    ap = sub.add_parser("apply", help=both("cli_survey_apply"))
    ap.add_argument("name")
    ap.add_argument("--user")
    ap.add_argument("--format", choices=["table", "json"], default="table")
    sc = sub.add_parser("scores", help=both("cli_survey_scores"))
    sc.add_argument("name")
    sc.add_argument("--format", choices=["table", "csv", "json"], default="table")
    le = sub.add_parser("letters", help=both("cli_survey_letters"))
    le.add_argument("name")
    le.add_argument("--output", required=True)
    le.add_argument("--base-url", default=DEFAULT_BASE_URL)
    le.add_argument("--missing", action="store_true", help="only organisations that have not answered")
    le.add_argument("--sender", default="", help="who signs the letter (the centre's name)")
    fo = sub.add_parser("form", help=both("cli_survey_form"))
    fo.add_argument("name")
    fo.add_argument("--output", required=True)
