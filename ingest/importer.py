"""Import files into a store in one transaction, or not at all.

:func:`import_files` reads every file, validates every row, matches every
organisation, builds one :class:`~network.store.base.ChangeSet` and calls
``store.write`` once — so an interrupted import leaves the store as it was.
When any row is bad nothing is written (:class:`~network.errors.ValidationError`
carries the report) unless ``keep_good=True``, which writes the good rows and
the bad ones to a rejects CSV.  Ids are stable, so importing the same file
again changes nothing.

Organisations are read before ties and participations, whatever the order of
the files, so a ties file may name organisations from an organisations file
of the same import.  A tie naming an organisation that is neither stored nor
imported is a bad row: organisations are never created from a ties file.

Examples
--------
>>> from network.store.sqlite import SQLiteStore
>>> store = SQLiteStore(":memory:")
>>> orgs = "団体名,区分\\n㈱富士通エフサス,企業\\n日本財団,財団\\n".encode("cp932")
>>> ties = "連携元,連携先,関係\\n日本財団,富士通エフサス,助成\\n".encode()
>>> r = import_files(store, [("orgs.csv", orgs), ("ties.csv", ties)])
>>> r.counts["orgs"].created, r.counts["ties"].created, r.files[0].encoding
(2, 1, 'cp932')
>>> import_files(store, [("orgs.csv", orgs), ("ties.csv", ties)]).counts["ties"].unchanged
1
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.formats.wordmap import apply_word_map, load_word_map
from ingest.headers import REQUIRED, detect_kind, parse_kind
from ingest.normalise import clean_text
from ingest.plan import _count, _Plan, row_count
from ingest.readers import Source, Table, load_sources
from ingest.records import _orgs, _participations, _ties
from ingest.report import FileInfo, ImportReport, RowError, write_rejects
from ingest.stream import is_streamed
from ingest.tiestream import StreamedTies, TieSpill
from ingest.validate import REASONS
from network.errors import ValidationError
from network.model import Sector
from network.store.base import ChangeSet

__all__ = ["import_files", "plan_import", "Source", "load_sources"]


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cycle collector while building many small records (about 30% faster).

    Reference counting still frees everything; the collector resumes afterwards.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def plan_import(
    tables: list[Table],
    *,
    store: object | None = None,
    kind: str | None = None,
    report: ImportReport | None = None,
    compare_ties: bool = True,
    default_sector: str = "",
    stream: bool | None = None,
) -> tuple[ChangeSet, ImportReport, dict]:
    """Validate and resolve ``tables`` against ``store``: ``(changes, report, bad_rows)``.

    Nothing is written.  ``bad_rows`` maps ``(file, row)`` to the bad row's
    cells (for the rejects file).  ``compare_ties=False`` skips reading the
    stored ties to count created/updated/unchanged ones (a real import takes
    those counts from the store's write instead).  ``default_sector`` (a code) is the
    sector of a new organisation whose row gives none and whose kind and name tell none.
    ``stream`` (default: when a table is streamed, :mod:`ingest.stream`): keep no tie records;
    ``changes.ties`` is then a :class:`~ingest.tiestream.StreamedTies`, its records made
    from a temporary file as they are written.
    """
    if stream is None:
        stream = any(is_streamed(t) for t in tables)
    with _bulk():
        return _plan(
            tables,
            store=store,
            kind=kind,
            report=report or ImportReport(),
            compare_ties=compare_ties,
            default_sector=default_sector,
            stream=stream,
        )


def _plan(
    tables: list[Table],
    *,
    store: object | None,
    kind: str | None,
    report: ImportReport,
    compare_ties: bool,
    default_sector: str = "",
    stream: bool = False,
) -> tuple[ChangeSet, ImportReport, dict]:
    plan = _Plan(store, report)
    plan.default_sector = default_sector
    plan.spill = TieSpill() if stream else None
    slots: list[tuple[int, Table]] = []  # where a streamed table's reading errors go, once it is read
    forced = parse_kind(kind) if kind else None
    by_kind: dict[str, list[Table]] = {k: [] for k in REQUIRED}
    for table in tables:
        report.errors += table.errors
        if is_streamed(table):
            slots.append((len(report.errors), table))
        if not table.headers:
            if not table.errors:
                report.files.append(FileInfo(table.file, None, table.encoding, 0))
            continue
        k = forced or detect_kind(table.headers, table.hint)
        if k is None:
            report.files.append(FileInfo(table.file, None, table.encoding, row_count(table)))
            report.errors.append(
                RowError(
                    table.file, 1, "", ",".join(map(clean_text, table.headers)), REASONS["unknown_kind"], "unknown_kind"
                )
            )
            continue
        by_kind[k].append(table)
    _orgs(by_kind["orgs"], plan)
    for table in by_kind["ties"]:
        _ties(table, plan)
    if plan.spill is not None:
        plan.streamed = StreamedTies(plan.spill.ids, plan.spill.read)
        plan.duplicates += plan.streamed.duplicates
    for table in by_kind["participations"]:
        _participations(table.whole() if is_streamed(table) else table, plan)  # type: ignore[attr-defined]
    if plan.duplicates:
        report.warnings.append(
            f"{plan.duplicates} tie rows repeat an earlier one (same ends, type, start and "
            f"project); the last one is kept / 同じ連携の重複行 {plan.duplicates} 件（後の行を採用）"
        )
    _count(plan, compare_ties)
    for at, table in reversed(slots):
        report.errors[at:at] = table.read_errors  # type: ignore[attr-defined]
    report.merged = {oid: list(o.aliases) for oid, o in plan.orgs.items() if o.aliases}
    changes = ChangeSet(
        orgs=list(plan.orgs.values()),
        ties=plan.tie_records(),  # type: ignore[arg-type]
        activities=list(plan.activities.values()),
        participations=list(plan.participations.values()),
    )
    return changes, report, plan.bad_data


def import_files(
    store: object,
    paths: Iterable[Source],
    *,
    kind: str | None = None,
    keep_good: bool = False,
    rejects_path: str | os.PathLike | None = None,
    user: str = "system",
    dry_run: bool = False,
    progress: Callable[[int, int], object] | None = None,
    word_map: str | os.PathLike | dict | None = None,
    local: bool = False,
    default_sector: str | None = None,
) -> ImportReport:
    """Import organisation, tie and participation files into ``store`` in one write.

    Parameters
    ----------
    store : Store
        Where to write (``store.write`` is called once, or not at all).
    paths : iterable of path or (name, bytes)
        CSV (UTF-8, UTF-8 with BOM, CP932), XLSX or JSON files.
    kind : str, optional
        ``orgs``, ``ties`` or ``participations`` (English or Japanese) for every
        table, instead of recognising it from the headers.
    keep_good : bool
        Write the good rows even when some are bad; the bad ones go to
        ``rejects_path`` (default: ``<first file>.rejects.csv`` beside it).
    dry_run : bool
        Validate and count, write nothing; bad rows do not raise.
    progress : callable(done, total), optional
        Passed to ``store.write``; if it raises, nothing is written.
    word_map : path or dict, optional
        The user's own words for sectors, tie types and strengths (``--map``; see
        :mod:`ingest.formats.wordmap`).
    local : bool
        Paths are files of this machine (the command line): read whatever their size
        and number of rows; the upload limits (:mod:`ingest.limits`) still apply to
        ``(name, bytes)`` sources.
    default_sector : str, optional
        The sector (code or label) of new organisations whose rows give none and whose
        kind and name tell none (``--default-sector``; a UCINET DL file has no sectors).
        A stored organisation keeps its own.

    Returns
    -------
    ImportReport

    Raises
    ------
    ValidationError
        When a row is bad and ``keep_good`` is False (``exc.report`` lists them).
    """
    with _bulk():
        return _import(
            store,
            list(paths),
            kind=kind,
            keep_good=keep_good,
            rejects_path=rejects_path,
            user=user,
            dry_run=dry_run,
            progress=progress,
            word_map=word_map,
            local=local,
            default_sector=Sector.parse(default_sector).value if default_sector else "",
        )


def _import(
    store: object,
    paths: list[Source],
    *,
    kind: str | None,
    keep_good: bool,
    rejects_path: str | os.PathLike | None,
    user: str,
    dry_run: bool,
    progress: Callable[[int, int], object] | None,
    word_map: object = None,
    local: bool = False,
    default_sector: str = "",
) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    words = load_word_map(word_map)
    tables = load_sources(paths, local=local)
    for t in tables:
        if is_streamed(t) and words:
            t.word_map = (words, kind)  # type: ignore[attr-defined]  # its chunks are mapped as they are read
    tables = apply_word_map(tables, words, kind)  # --map (ingest.formats); a streamed table: its headers now
    changes, report, bad_data = plan_import(
        tables, store=store, kind=kind, report=report, compare_ties=dry_run, default_sector=default_sector
    )
    if dry_run:
        return report
    if report.errors and not keep_good:
        raise ValidationError(
            f"{len(report.errors)} bad rows, nothing written / "
            f"不正な行が {len(report.errors)} 件あるため書き込みませんでした",
            report,
        )
    if report.errors:
        if rejects_path is None:
            first = paths[0]
            if isinstance(first, tuple):
                rejects_path = Path(first[0]).stem + ".rejects.csv"
            else:
                rejects_path = str(Path(first).with_suffix("")) + ".rejects.csv"
        write_rejects(str(rejects_path), report.errors, bad_data)
        report.rejects_path = str(rejects_path)
    result = store.write(changes, user=user, progress=progress)  # type: ignore[attr-defined]
    if changes.ties:
        # the store counted every record; the ties are what the other kinds leave
        others = [c for k, c in report.counts.items() if k != "ties"]
        ties = report.count("ties")
        ties.created = result.created - sum(c.created for c in others)
        ties.updated = result.updated - sum(c.updated for c in others)
        ties.unchanged = result.unchanged - sum(c.unchanged for c in others)
    report.written = True
    report.batch = result.batch
    return report
