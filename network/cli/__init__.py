"""The ``renkei`` command line: a thin shell over the library.

Each command parses its arguments, calls one library function, and turns
Renkei's named errors into a one-line reason (plus the row report for bad
input) and a non-zero exit code.

>>> main(["--store", ":memory:", "orgs", "--format", "json"])
[]
0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from network.errors import RenkeiError, ValidationError
from network.store import default_store_url, open_store

__all__ = ["main", "build_parser"]

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}


def command(name: str) -> Callable:
    def register(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = fn
        return fn

    return register


def _progress_bar(desc: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A tqdm bar on stderr, shown for long jobs only (over 5,000 rows)."""
    state: dict = {}

    def update(done: int, total: int) -> None:
        if total < 5000:
            return
        if "bar" not in state:
            from tqdm import tqdm

            state["bar"] = tqdm(total=total, desc=desc, unit="row", file=sys.stderr, leave=False)
        bar = state["bar"]
        bar.update(done - bar.n)

    def close() -> None:
        if "bar" in state:
            state["bar"].close()

    return update, close


def _user(args: argparse.Namespace) -> str:
    return getattr(args, "user", None) or os.environ.get("RENKEI_USER") or os.environ.get("USER") or "cli"


def _emit(args: argparse.Namespace, data: bytes | str) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    if getattr(args, "output", None):
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


# --------------------------------------------------------------------------- commands
@command("demo")
def cmd_demo(args: argparse.Namespace) -> int:
    from renkei.data.samples import SAMPLES, sample_files

    from ingest.importer import import_files

    if args.sample != "all" and args.sample not in SAMPLES:
        raise RenkeiError(f"unknown sample {args.sample!r}: choose {', '.join(SAMPLES)} or all")
    names = list(SAMPLES) if args.sample == "all" else [args.sample]
    with open_store(args.store) as store:
        for name in names:
            report = import_files(store, sample_files(name), user=_user(args))
            print(f"{name}: {report.summary()}")
        counts = store.counts()
        print(f"store {store.url}: {counts['orgs']} organisations, {counts['ties']} ties")
    return 0


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    from ingest.importer import import_files

    update, close = _progress_bar("import")
    try:
        with open_store(args.store) as store:
            report = import_files(store, [Path(f) for f in args.files], kind=args.kind,
                                  keep_good=args.keep_good, rejects_path=args.rejects, user=_user(args),
                                  dry_run=args.dry_run, progress=update,
                                  word_map=args.map)
    except (RenkeiError, OSError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a file no reader foresaw: one line naming it, never a traceback
        names = ", ".join(Path(f).name for f in args.files)
        reason = " ".join(str(exc).split())[:200]
        raise RenkeiError(f"{names}: cannot import, nothing written / 取り込めません（書き込みなし）: "
                          f"{type(exc).__name__}: {reason}") from exc
    finally:
        close()
    print(report.summary())
    if report.errors:
        print(report.to_text(), file=sys.stderr)
    return 1 if report.errors and not args.keep_good else 0  # a dry run exits as the import would


def _load_graph(args: argparse.Namespace, as_of: str | None = None):  # noqa: ANN202 - a MultiDiGraph
    with open_store(args.store) as store:
        return store.load_graph(as_of=as_of)


def _json(obj: object) -> str:
    """One JSON document, Japanese as is, NaN refused (the report writes it as null)."""
    return json.dumps(obj, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _table(rows: list[dict], columns: list[str], fmt: str) -> str:
    """Rows for a terminal: ``table`` (tab-separated, controls shown as ``\\x1b``), ``csv`` or ``json``.

    No stored value reaches the terminal raw (docs/trust.md, "Exports never break").
    """
    from network.export.text import clean, shown, terminal_json

    if fmt == "json":
        return terminal_json(rows, indent=1) + "\n"
    if fmt == "csv":
        import csv
        import io

        from network.export import csv_safe

        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows([[csv_safe(clean(r.get(c))) for c in columns] for r in rows])
        return buf.getvalue()
    lines = ["\t".join(columns)]
    lines += ["\t".join(shown(r.get(c)) for c in columns) for r in rows]
    return "\n".join(lines) + "\n"


@command("orgs")
def cmd_orgs(args: argparse.Namespace) -> int:
    with open_store(args.store) as store:
        orgs = store.orgs(sector=_sector(args.sector), district=args.district, city=args.city,
                          search=args.search)
    cols = ["id", "name", "sector", "kind", "prefecture", "city", "district", "corporate_number"]
    sys.stdout.write(_table([o.to_dict() for o in orgs], cols, args.format))
    return 0


@command("ties")
def cmd_ties(args: argparse.Namespace) -> int:
    from network.model import TieType

    type_ = TieType.parse(args.type).value if args.type else None
    with open_store(args.store) as store:
        ties = store.ties(org=args.org, type=type_, sector=_sector(args.sector), district=args.district,
                          as_of=args.as_of)
        names = {o.id: o.name for o in store.orgs()}
    rows = [t.to_dict() | {"source_name": names.get(t.source, ""), "target_name": names.get(t.target, "")}
            for t in ties]
    cols = ["id", "source", "source_name", "target", "target_name", "type", "directed", "strength",
            "start", "end", "project"]
    sys.stdout.write(_table(rows, cols, args.format))
    return 0


def _sector(word: str | None) -> str | None:
    from network.model import Sector

    return Sector.parse(word).value if word else None


@command("analyze")
def cmd_analyze(args: argparse.Namespace) -> int:
    from network.report import analyze, to_markdown

    G = _load_graph(args, args.as_of)
    result = analyze(G, as_of=args.as_of, sector_attr=args.sector_attr, types=_types(args.types),
                     sectors=_sectors(args.sectors), district=args.district)
    _add_survey(args, result)
    if args.format == "json":
        _emit(args, _json(result))
    else:
        _emit(args, to_markdown(result, lang=args.lang))
    return 0


def _add_survey(args: argparse.Namespace, result: dict) -> None:
    """Trust, value and reciprocity of a survey round (``--survey NAME``; the newest round by default)."""
    from network.survey.rounds import list_rounds
    from network.survey.scores import add_to_analysis, survey_summary

    if args.survey == "none":
        return
    with open_store(args.store) as store:
        rounds = list_rounds(store)
        if args.survey:
            if args.survey not in {r.name for r in rounds}:
                raise RenkeiError(f"no survey round {args.survey!r} / 調査がありません")
            name = args.survey
        elif rounds:
            name = max(rounds, key=lambda r: (r.fiscal_year, r.created_at, r.name)).name
        else:
            return
        add_to_analysis(result, survey_summary(store, name))


def _types(words: str | None) -> list[str] | None:
    from network.model import TieType

    return [TieType.parse(w).value for w in words.split(",") if w.strip()] if words else None


def _sectors(words: str | None) -> list[str] | None:
    return [_sector(w) for w in words.split(",") if w.strip()] if words else None


@command("changes")
def cmd_changes(args: argparse.Namespace) -> int:
    from network.analysis.change import compare
    from network.report import change_to_markdown, clean

    G = _load_graph(args)
    before = int(args.before) if args.before.isdigit() else args.before
    after = int(args.after) if args.after.isdigit() else args.after
    diff = compare(G, before, after, sector_attr=args.sector_attr, types=_types(args.types),
                   sectors=_sectors(args.sectors), district=args.district)
    if args.format == "json":
        _emit(args, _json(clean(diff)))
    else:
        names = {n: d.get("name", n) for n, d in G.nodes(data=True)}
        _emit(args, change_to_markdown(diff, lang=args.lang, names=names))
    return 0


def printable(text: str) -> str:
    """Text safe for a terminal: control characters shown as escapes (``\\x1b``), not sent."""
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


def _find_org(G, word: str):  # noqa: ANN001, ANN202 - a MultiDiGraph, a node id
    """An organisation by id, else by its name (normalised; without its legal form when only one fits)."""
    from ingest.normalise import core_name, normalise_name

    if word in G:
        return word
    for key in (normalise_name, core_name):
        hits = [v for v, d in G.nodes(data=True) if key(str(d.get("name", ""))) == key(word)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise RenkeiError(f"{word!r} names {len(hits)} organisations ({', '.join(map(str, hits[:5]))}): "
                              f"give an id / 複数の団体が該当します")
    raise RenkeiError(f"no organisation {word!r} / 団体が見つかりません")


def _find_group(G, U, word: str) -> list:  # noqa: ANN001 - graphs
    """``sector:npo``, ``district:…``, ``city:…``, ``community:N`` or a bare sector word (NPO, 行政…)."""
    from network.analysis.paths import group_members

    attr, sep, value = word.partition(":")
    if not sep:
        attr, value = "sector", word
    attr = attr.strip().lower()
    if attr == "sector":
        value = _sector(value)
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


@command("path")
def cmd_path(args: argparse.Namespace) -> int:
    from network.analysis.paths import bridging_introductions, connectors
    from network.analysis.views import undirected_view

    G = _load_graph(args, args.as_of)
    U = undirected_view(G, as_of=args.as_of, types=_types(args.types))
    if args.groups:
        a, b = _find_group(G, U, args.a), _find_group(G, U, args.b)
    else:
        a, b = _find_org(G, args.a), _find_org(G, args.b)
    result = connectors(U, a, b, max_paths=args.max_paths)
    if not result["connected"]:
        result["introductions"] = bridging_introductions(U, a if args.groups else [a], b if args.groups else [b])
    names = {v: str(d.get("name", v)) for v, d in G.nodes(data=True)}
    if args.format == "json":
        for r in result["brokers"]:
            r["name"] = names.get(r["id"], "")
        _emit(args, _json(result))
        return 0
    lines = []
    if not result["connected"]:
        lines.append("no path: the two are not connected / 経路がありません（つながっていません）")
        for r in result.get("introductions", []):
            lines.append(f"  introduce / 紹介: {printable(names[r['a']])} — {printable(names[r['b']])}")
    else:
        lines.append(f"shortest path: {result['distance']} step(s), {result['path_count']} path(s) "
                     f"/ 最短経路 {result['distance']} 段階・{result['path_count']} 本")
        for p in result["paths"]:
            lines.append("  " + " → ".join(printable(names.get(v, str(v))) for v in p))
        lines.append("brokers / 仲介する団体 (share of shortest paths / 最短経路に占める割合):")
        for r in result["brokers"]:
            lines.append(f"  {r['share']:.3f}\t{printable(names.get(r['id'], str(r['id'])))}\t{r['id']}")
    _emit(args, "\n".join(lines) + "\n")
    return 0


@command("map")
def cmd_map(args: argparse.Namespace) -> int:
    from network.analysis.views import filter_graph, undirected_view

    G = _load_graph(args, args.as_of)
    H = filter_graph(G, as_of=args.as_of, types=_types(args.types), sectors=_sectors(args.sectors),
                     district=args.district)
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
    path_nodes: list = []
    path_edges: list = []
    if args.path:
        from network.analysis.paths import connectors

        r = connectors(U, _find_org(G, args.path[0]), _find_org(G, args.path[1]))
        path_nodes = sorted({v for p in r["paths"] for v in p}, key=str)
        path_edges = [(e["source"], e["target"]) for e in r["edges"]]
    out = args.output.lower()
    caption = _map_caption(args, U)
    if out.endswith(".html"):
        from network.viz import render_map

        data: bytes | str = render_map(U, colour_by=args.colour_by, size_by=sizes, lang=args.lang,
                                       highlight={"focus": path_nodes, "bridges": path_edges})
    elif out.endswith((".svg", ".png")):
        from network.picture import scene, to_png, to_svg

        sc = scene(U, colour_by=args.colour_by, size_by=sizes, highlight=path_nodes, highlight_edges=path_edges,
                   lang=args.lang)
        data = to_svg(sc, caption) if out.endswith(".svg") else to_png(sc, caption, scale=args.scale)
    else:
        raise RenkeiError(f"{args.output}: give a file ending in .png, .svg or .html / 拡張子を指定してください")
    _emit(args, data)
    print(f"{args.output}: {U.number_of_nodes()} organisations, {U.number_of_edges()} tied pairs", file=sys.stderr)
    return 0


def _map_caption(args: argparse.Namespace, U) -> list[str]:  # noqa: ANN001 - a graph
    """The filters written under a picture, in the picture's language."""
    ja = args.lang == "ja"
    every = "すべて" if ja else "all"
    from network.model import Sector, TieType

    types = "・".join(TieType(t).label(args.lang) for t in _types(args.types) or []) or every
    sectors = "・".join(Sector(x).label(args.lang) for x in _sectors(args.sectors) or []) or every
    parts = [("期間" if ja else "Period", args.as_of or every), ("関係" if ja else "Tie types", types),
             ("区分" if ja else "Sectors", sectors), ("地区" if ja else "District", args.district or every)]
    line = "  ".join(f"{k}: {v}" for k, v in parts)
    count = (f"{U.number_of_nodes()} 団体・{U.number_of_edges()} 組の関係" if ja
             else f"{U.number_of_nodes()} organisations, {U.number_of_edges()} tied pairs")
    return [line, count + " — Renkei 連携"]


@command("project")
def cmd_project(args: argparse.Namespace) -> int:
    from ingest.project import projected_ties
    from network.store.base import ChangeSet

    with open_store(args.store) as store:
        acts = {a.id: a.name for a in store.activities()}
        ties = projected_ties(store.participations(), since=args.since, until=args.until, activity_names=acts)
        names = {o.id: o.name for o in store.orgs()}
        ties = [t for t in ties if t.source in names and t.target in names]
        if args.write:
            result = store.write(ChangeSet(ties=ties), user=_user(args))
            print(f"{len(ties)} projected ties: {result.created} created, {result.updated} updated, "
                  f"{result.unchanged} unchanged / 共同参加からの関係 {len(ties)} 件")
            return 0
    rows = [{"source": t.source, "source_name": names[t.source], "target": t.target,
             "target_name": names[t.target], "weight": int(t.weight), "activities": t.note} for t in ties]
    sys.stdout.write(_table(rows, ["source", "source_name", "target", "target_name", "weight", "activities"],
                            args.format))
    return 0


@command("export")
def cmd_export(args: argparse.Namespace) -> int:
    from network.export import export_bytes

    G = _load_graph(args, args.as_of)
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
    _emit(args, data)
    return 0


_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _absolute_store(url: str) -> str:
    """The store URL with a relative SQLite path made absolute (the app runs from the repository)."""
    if "://" in url and not url.startswith("sqlite://"):
        return url
    with open_store(url) as store:
        path = getattr(store, "path", url)
    return str(Path(path).resolve()) if path != ":memory:" else path


def serve_argv(url: str, address: str, port: int, *, token: str = "") -> tuple[list[str], dict, Path]:
    """The Streamlit command line, environment and folder ``renkei serve`` runs (see docs/trust.md).

    Streamlit refuses WebSocket handshakes under unknown host names
    (``server.allowedHosts``: loopback names, ``--address``, ``RENKEI_ALLOWED_HOSTS``;
    not set for a server bound beyond loopback, where the app's own check accepts
    any IP address as well), and uploads over the import limit
    (``server.maxUploadSize`` = ``RENKEI_MAX_UPLOAD_BYTES`` in MiB, rounded up).
    """
    import math

    from network.trust.hosts import ENV_TOKEN, allowed_hosts, is_loopback_address
    from network.trust.limits import MAX_UPLOAD_BYTES
    from renkei import app_path

    app = app_path()  # the folder holds .streamlit/config.toml too
    env = dict(os.environ, RENKEI_STORE=url)
    env.pop(ENV_TOKEN, None)
    if token:
        env[ENV_TOKEN] = token
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
           "--server.address", address, "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "none",
           "--client.toolbarMode", "minimal",
           "--server.maxUploadSize", str(max(1, math.ceil(MAX_UPLOAD_BYTES / 1024 / 1024)))]
    if is_loopback_address(address):  # beyond loopback any IP address is fine: only the app's check can say so
        for name in allowed_hosts(address):
            cmd += ["--server.allowedHosts", name]
    return cmd, env, app.parent


@command("serve")
def cmd_serve(args: argparse.Namespace) -> int:
    import secrets

    from network.trust.users import users_for

    url = _absolute_store(args.store or default_store_url())
    with users_for(url) as users:
        local = users.count() == 0
    if local and args.address not in _LOOPBACK:
        raise RenkeiError(f"no accounts yet: create an admin first (renkei user add NAME --role admin) "
                          f"before serving on {args.address}")
    token = "" if args.no_token else os.environ.get("RENKEI_START_TOKEN") or secrets.token_urlsafe(24)
    cmd, env, cwd = serve_argv(url, args.address, args.port, token=token)
    host = f"[{args.address}]" if ":" in args.address else args.address
    link = f"http://{host}:{args.port}/" + (f"?token={token}" if local and token else "")
    print(f"Renkei: {link}  (store {url}{'; local mode' if local else ''})", flush=True)
    sys.stderr.flush()
    # Streamlit takes this process's place (same pid): a stop signal reaches it and frees the port
    os.chdir(cwd)
    os.execve(cmd[0], cmd, env)
    return 0  # pragma: no cover - execve does not return


# --- planner: trend, whatif, report (h-reports)
def _centre(args: argparse.Namespace, G) -> object:  # type: ignore[no-untyped-def]
    """The centre from --centre or RENKEI_CENTRE, checked; else guessed (said on stderr)."""
    from network.annual import resolve_centre

    centre, guessed = resolve_centre(G, getattr(args, "centre", None) or os.environ.get("RENKEI_CENTRE"))
    if guessed:
        print(f"renkei: no --centre given; using {centre} ({G.nodes[centre].get('name', '')})", file=sys.stderr)
    return centre


def _fy(text: str) -> int:
    from network.model import parse_fiscal_year

    return parse_fiscal_year(text)


@command("trend")
def cmd_trend(args: argparse.Namespace) -> int:
    from network.analysis.trend import trend
    from network.annual import trend_text

    G = _load_graph(args)
    rows = trend(G, _fy(args.first), _fy(args.last), centre=_centre(args, G))
    _emit(args, trend_text(rows, args.format, lang=args.lang))
    return 0


@command("whatif")
def cmd_whatif(args: argparse.Namespace) -> int:
    from network.analysis.views import undirected_view
    from network.analysis.whatif import what_if
    from network.analysis.years import year_view
    from network.annual import whatif_text
    from network.report import clean

    G = _load_graph(args)
    by_name = {str(d.get("name")): v for v, d in G.nodes(data=True)}
    ids = [v if v in G else by_name.get(v, v) for v in args.ids]
    r = what_if(year_view(G, _fy(args.year)) if args.year else undirected_view(G), ids)
    r["names"] = {v: str(G.nodes[v].get("name") or v) for v in [*r["removed"], *r["cut_off"]]}
    _emit(args, _json(clean(r)) if args.format == "json" else whatif_text(r, lang=args.lang))
    return 0


@command("report")
def cmd_report(args: argparse.Namespace) -> int:
    from network.annual import annual_report, annual_to_markdown

    fmt = args.format or ("pdf" if (args.output or "").lower().endswith(".pdf") else
                          "json" if (args.output or "").lower().endswith(".json") else "markdown")
    if fmt == "pdf" and not args.output:
        raise RenkeiError("a PDF needs --output FILE.pdf")
    G = _load_graph(args)
    data = annual_report(G, year=_fy(args.year) if args.year else None, centre=_centre(args, G))
    if fmt == "pdf":
        from network.pdf_report import render_pdf

        _emit(args, render_pdf(data, lang=args.lang))
    else:
        _emit(args, _json(data) if fmt == "json" else annual_to_markdown(data, lang=args.lang))
    return 0


# --------------------------------------------------------------------------- parser
def _version() -> str:
    from renkei import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="renkei", description="Renkei 連携 — partnership network mapper")
    p.add_argument("--store", help="store URL or SQLite file (default: $RENKEI_STORE or renkei.db)")
    p.add_argument("--version", action="version", version=f"renkei {_version()}")
    sub = p.add_subparsers(dest="command", required=True)

    d = sub.add_parser("demo", help="load a sample network / サンプルを読み込む")
    d.add_argument("--sample", default="miyagi", help="miyagi (default), tsurumi or all")

    i = sub.add_parser("import", help="import CSV/XLSX/JSON, GraphML, GEXF, Kumu, Pajek, UCINET DL, Cytoscape files / ファイルを取り込む")
    i.add_argument("files", nargs="+")
    i.add_argument("--kind", choices=["orgs", "ties", "participations"])
    i.add_argument("--keep-good", action="store_true", help="write the good rows, reject the bad ones")
    i.add_argument("--rejects", help="file for rejected rows (with --keep-good)")
    i.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    i.add_argument("--map", metavar="FILE", help="CSV/JSON of your words → sector/tie-type codes / 語の対応表")
    i.add_argument("--user")

    o = sub.add_parser("orgs", help="list organisations / 団体一覧")
    o.add_argument("--sector")
    o.add_argument("--district")
    o.add_argument("--city")
    o.add_argument("--search")
    o.add_argument("--format", choices=["table", "csv", "json"], default="table")

    t = sub.add_parser("ties", help="list ties / 連携一覧")
    t.add_argument("--org")
    t.add_argument("--type")
    t.add_argument("--sector")
    t.add_argument("--district")
    t.add_argument("--as-of", help="a day (2016-06-30) or a fiscal year (2016, FY2016, 2016年度, 平成28年度): ties running then")
    t.add_argument("--format", choices=["table", "csv", "json"], default="table")

    a = sub.add_parser("analyze", help="brokers, gaps, fragility, introductions / 分析")
    a.add_argument("--format", choices=["json", "markdown"], default="markdown")
    a.add_argument("--as-of", help="a day (2016-06-30) or a fiscal year (2016, FY2016, 2016年度, 平成28年度): ties running then")
    a.add_argument("--sector-attr", default="sector", help="sector (default) or district")
    a.add_argument("--lang", choices=["ja", "en"], default="ja")
    a.add_argument("--types", help="tie types to keep, comma-separated (e.g. 協働,助成)")
    a.add_argument("--sectors", help="sectors to keep, comma-separated")
    a.add_argument("--district", help="keep one area (district)")
    a.add_argument("--survey", help="survey round whose trust and value scores to add (default: the newest; "
                                    "none: leave them out)")
    a.add_argument("--output")

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

    pa = sub.add_parser("path", help="who connects two organisations or groups / 誰がつないでいるか")
    pa.add_argument("a", help="organisation id or name (with --groups: sector:npo, district:X, community:N)")
    pa.add_argument("b", help="organisation id or name, or a group with --groups")
    pa.add_argument("--groups", action="store_true", help="A and B are groups of organisations")
    pa.add_argument("--as-of")
    pa.add_argument("--types", help="tie types to keep, comma-separated")
    pa.add_argument("--max-paths", type=int, default=50)
    pa.add_argument("--format", choices=["json", "text"], default="text")
    pa.add_argument("--output")

    mp = sub.add_parser("map", help="the map as a picture (PNG, SVG) or page (HTML) / 地図を画像で書き出す")
    mp.add_argument("--output", required=True, help="FILE.png, FILE.svg or FILE.html")
    mp.add_argument("--as-of")
    mp.add_argument("--types")
    mp.add_argument("--sectors")
    mp.add_argument("--district")
    mp.add_argument("--colour-by", choices=["sector", "district", "community"], default="sector")
    mp.add_argument("--size-by", choices=["none", "degree", "betweenness"], default="degree")
    mp.add_argument("--path", nargs=2, metavar=("A", "B"), help="highlight the shortest paths between A and B")
    mp.add_argument("--lang", choices=["ja", "en"], default="ja")
    mp.add_argument("--scale", type=float, default=2.0, help="PNG pixels per point (2 ≈ 200 dpi)")

    pr = sub.add_parser("project", help="ties from shared activities (participations) / 共同参加から関係を作る")
    pr.add_argument("--since", help="only participations on or after this date")
    pr.add_argument("--until", help="only participations on or before this date")
    pr.add_argument("--write", action="store_true",
                    help="store them as information ties (strength 1, weight = shared activities)")
    pr.add_argument("--format", choices=["table", "csv", "json"], default="table")

    e = sub.add_parser("export", help="GraphML, GEXF, CSV, JSON, Kumu, Pajek, UCINET DL / 書き出し")
    e.add_argument("--format", choices=["graphml", "gexf", "csv", "json", "kumu", "pajek", "dl"], default="graphml",
                   help="kumu: XLSX workbook for Kumu; pajek: .net; dl: UCINET DL (see docs/formats.md)")
    e.add_argument("--as-of")
    e.add_argument("--output")

    s = sub.add_parser("serve", help="start the app / アプリを起動")
    s.add_argument("--port", type=int, default=8501)
    s.add_argument("--address", default="127.0.0.1",
                   help="listen address (default 127.0.0.1; 0.0.0.0 for an office server, needs accounts)")
    s.add_argument("--no-token", action="store_true",
                   help="local mode without the start token printed with the URL (see docs/trust.md)")
    # --- planner: trend, whatif, report (h-reports)
    tr = sub.add_parser("trend", help="measures per fiscal year / 年度ごとの推移")
    tr.add_argument("first", help="first fiscal year (2016, FY2016, 平成28年度)")
    tr.add_argument("last", help="last fiscal year")
    tr.add_argument("--format", choices=["json", "csv", "markdown"], default="markdown")
    tr.add_argument("--centre", help="the centre's organisation id (default $RENKEI_CENTRE, else guessed)")
    tr.add_argument("--lang", choices=["ja", "en"], default="ja")
    tr.add_argument("--output")
    wi = sub.add_parser("whatif", help="the network without some organisations / もし抜けたら")
    wi.add_argument("ids", nargs="+", help="organisation ids (or exact names)")
    wi.add_argument("--year", help="one fiscal year's network (default: every tie)")
    wi.add_argument("--format", choices=["json", "markdown"], default="markdown")
    wi.add_argument("--lang", choices=["ja", "en"], default="ja")
    wi.add_argument("--output")
    rp = sub.add_parser("report", help="annual report, PDF or Markdown / 年次報告")
    rp.add_argument("--output", help="FILE.pdf, FILE.md or FILE.json (Markdown on stdout when omitted)")
    rp.add_argument("--format", choices=["pdf", "markdown", "json"], help="default: from the --output suffix")
    rp.add_argument("--year", help="fiscal year (default: the newest with dated ties)")
    rp.add_argument("--lang", choices=["ja", "en"], default="ja")
    rp.add_argument("--centre", help="the centre's organisation id (default $RENKEI_CENTRE, else guessed)")
    for extra in EXTRA_PARSERS:
        extra(sub)
    # survey rounds (network.cli.survey): its parser and its handler
    from network.cli.survey import register as register_survey

    COMMANDS["survey"] = register_survey(sub)
    return p


#: Other modules add subcommands here: a function (subparsers) -> None registering
#: its parser, plus a ``@command(name)`` handler.
EXTRA_PARSERS: list[Callable] = []


def _load_extras() -> None:
    for mod in ("network.cli.copy", "network.cli.accounts"):
        try:
            __import__(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise


def main(argv: Sequence[str] | None = None) -> int:
    _load_extras()
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ValidationError as exc:
        print(f"renkei: {exc}", file=sys.stderr)
        report = getattr(exc, "report", None)
        if report is not None and hasattr(report, "to_text"):
            print(report.to_text(), file=sys.stderr)
        return 1
    except (RenkeiError, ValueError, OSError) as exc:
        print(f"renkei: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("renkei: interrupted; nothing was written by the unfinished step", file=sys.stderr)
        return 130

