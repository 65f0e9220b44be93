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

from ingest.controls import control_errors
from ingest.formats.custom import custom_columns, kept_message
from ingest.formats.wordmap import apply_word_map, load_word_map
from ingest.headers import REQUIRED, detect_kind, map_headers, missing_column_reason, parse_kind
from ingest.identity import examine
from ingest.normalise import clean_text, normalise_name
from ingest.readers import Source, Table, load_sources
from ingest.report import FileInfo, ImportReport, PossibleDuplicate, RowError, write_rejects
from ingest.resolve import AmbiguousName, NoSector, Resolver, UnknownName
from ingest.tierows import TieRows
from ingest.validate import (
    REASONS,
    validate_org_row,
    validate_participation_row,
    validate_tie_row,
)
from network.errors import ValidationError
from network.model import (
    ORG_FIELDS,
    TIE_FIELDS,
    Activity,
    Org,
    Participation,
    Sector,
    Tie,
    activity_id_for,
    tie_id_for,
)
from network.store.base import ChangeSet

__all__ = ["import_files", "plan_import", "Source", "load_sources"]

_SKIP = ("created_at", "updated_at")


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


_COMPARE = {cls: tuple(f for f in fields_ if f not in _SKIP) for cls, fields_ in ((Org, ORG_FIELDS), (Tie, TIE_FIELDS))}


def _tally(counts: object, old: Org | Tie | None, new: Org | Tie) -> None:
    """Count ``new`` as created, unchanged or updated against what the store holds (``old``)."""
    if old is None:
        counts.created += 1  # type: ignore[attr-defined]
    elif _same(old, new):
        counts.unchanged += 1  # type: ignore[attr-defined]
    else:
        counts.updated += 1  # type: ignore[attr-defined]


def _same(a: Org | Tie, b: Org | Tie) -> bool:
    """Equal but for timestamps (what the store counts as unchanged)."""
    return all(getattr(a, f) == getattr(b, f) for f in _COMPARE[type(a)])


class _Plan:
    """Mutable state of one import: the report, the resolver, the records."""

    def __init__(self, store: object | None, report: ImportReport) -> None:
        self.report = report
        self.store = store
        existing = list(store.orgs()) if store is not None else []  # type: ignore[attr-defined]
        self.before = {o.id: o for o in existing}
        self.resolver = Resolver(existing)
        self.orgs: dict[str, Org] = {}
        self.ties: dict[str, Tie] = {}
        self.activities: dict[str, Activity] = {}
        self.participations: dict[tuple, Participation] = {}
        self.bad_data: dict[tuple[str, int], dict] = {}
        self.unknown_shown = 0
        self.duplicates = 0
        self.default_sector = ""

    def reject(self, table: Table, row: list, number: int, errors: list[RowError], kind: str) -> None:
        self.report.errors += errors
        self.report.count(kind).rejected += 1
        self.bad_data[(table.file, number)] = {h: v for h, v in zip(table.headers, row, strict=False) if h}

    def ref(self, value: str, file: str, number: int, column: str, errors: list[RowError]) -> str | None:
        try:
            return self.resolver.resolve(value)
        except AmbiguousName as exc:
            errors.append(RowError(file, number, column, value, f"{REASONS['ambiguous_org']}: {exc}", "ambiguous_org"))
        except UnknownName:
            reason = REASONS["unknown_org"]
            if self.unknown_shown < 20:
                self.unknown_shown += 1
                near = self.resolver.suggest(value)
                if near:
                    reason += " — did you mean / もしかして: " + ", ".join(o.name for o in near)
            errors.append(RowError(file, number, column, value, reason, "unknown_org"))
        return None


def _open(table: Table, kind: str, plan: _Plan) -> tuple | None:
    """Report a table's columns; ``(pairs, labels, custom, bad rows, width)``, or ``None`` when refused."""
    hm = map_headers(table.headers, kind)
    custom = custom_columns(table.headers, set(hm.columns.values()) | _repeated(table.headers, hm), kind)
    info = FileInfo(table.file, kind, table.encoding, len(table.rows), dict(hm.labels), custom.ignored)
    info.custom_columns = custom.names
    plan.report.files.append(info)
    if kept_message(table.file, custom):
        plan.report.warnings.append(kept_message(table.file, custom))
    if custom.ignored:
        plan.report.warnings.append(f"{table.file}: ignored columns / 無視した列: {', '.join(custom.ignored)}")
    if hm.duplicate:
        plan.report.warnings.append(
            f"{table.file}: repeated columns, first used / 重複した列: {', '.join(hm.duplicate)}"
        )
    if hm.missing:
        for f in hm.missing:
            plan.report.errors.append(RowError(table.file, 1, f, "", missing_column_reason(kind, f), "missing_column"))
        plan.report.count(kind).rejected += len(table.rows)
        plan.report.count(kind).read += len(table.rows)
        return None
    pairs = list(hm.columns.items())
    labels = hm.labels
    bad = table.bad_rows
    free = [(c.header, c.index) for c in custom.columns]  # custom fields are free text
    for e in control_errors(table, pairs, labels, free_text=free):  # ingest.controls: the rule per field
        plan.report.errors.append(e)
        bad.add(e.row)
    return pairs, labels, custom, bad, len(table.headers)


def _values(table: Table, row: list, number: int, pairs: list, custom: object) -> dict:
    """One row as field → raw value, with its custom fields (``(fields, errors)``) under ``custom``."""
    values = {f: row[i] for f, i in pairs}
    values["custom"] = custom.values(row, table.file, number) if custom.columns else ({}, [])  # type: ignore[attr-defined]
    return values


def _rows(table: Table, kind: str, plan: _Plan) -> Iterable[tuple[list, int, dict, dict]]:
    opened = _open(table, kind, plan)
    if opened is None:
        return
    pairs, labels, custom, bad, width = opened
    counts = plan.report.count(kind)
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        counts.read += 1
        if number in bad:
            plan.reject(table, row, number, [], kind)
            continue
        if len(row) < width:
            row = row + [None] * (width - len(row))
        yield row, number, _values(table, row, number, pairs, custom), labels


def _repeated(headers: list, hm: object) -> set[int]:
    """Indexes of the repeated columns of a known field (reported as repeated, not kept as custom)."""
    dup = set(hm.duplicate)  # type: ignore[attr-defined]
    return {i for i, h in enumerate(headers) if h is not None and str(h).strip() in dup}


def _column_order(table: Table) -> Callable[[RowError], int]:
    """Sort key putting a row's errors in the order of the file's columns."""
    where = {h: i for i, h in enumerate(table.headers)}
    return lambda e: where.get(e.column, len(where))


def _orgs(tables: list[Table], plan: _Plan) -> None:
    """Every organisation row of the import: validated, checked for ambiguity as a whole, then matched."""
    rows = []
    for table in tables:
        for row, number, values, labels in _rows(table, "orgs", plan):
            draft, errors = validate_org_row(values, file=table.file, row=number, labels=labels, source=table.file)
            if draft is not None and not draft.org.sector:
                draft.org.sector = plan.default_sector  # --default-sector: for new organisations only
            custom, bad_custom = values["custom"]
            if bad_custom:
                draft, errors = None, sorted(errors + bad_custom, key=_column_order(table))
            rows.append((table, row, number, labels, draft, errors, custom))
    drafts = [r[4] for r in rows if r[4] is not None]
    ambiguous, plan.resolver.contested = examine(drafts, plan.before.values())  # ingest.identity
    for table, row, number, labels, draft, errors, custom in rows:
        if draft is not None:
            try:
                if id(draft) in ambiguous:
                    plan.resolver.refuse(draft.org.name, ambiguous[id(draft)])
                    raise ambiguous[id(draft)]
                org, how = plan.resolver.add(draft)
                like = plan.resolver.similar(org) if how == "new" else []  # ingest.fold: never merged
                if like:
                    plan.report.possible_duplicates.append(
                        PossibleDuplicate(table.file, number, org.name, org.id, [(o.id, o.name) for o in like])
                    )
                org.custom = {**org.custom, **custom} if custom else org.custom
                if org.id in plan.before:
                    org.source = plan.before[org.id].source  # provenance: the first import
                plan.orgs[org.id] = org
                continue
            except AmbiguousName as exc:
                errors = [
                    RowError(
                        table.file,
                        number,
                        labels.get("name", "name"),
                        draft.org.name,
                        f"{REASONS['ambiguous_org']}: {exc}",
                        "ambiguous_org",
                    )
                ]
            except NoSector:
                errors = [
                    RowError(table.file, number, labels.get("sector", "sector"), "", REASONS["no_sector"], "no_sector")
                ]
        plan.reject(table, row, number, errors, "orgs")


def _ties(table: Table, plan: _Plan) -> None:
    """Every tie row of ``table``: the fast path (:mod:`ingest.tierows`) first, the full validation for the rest."""
    opened = _open(table, "ties", plan)
    if opened is None:
        return
    pairs, labels, custom, bad, width = opened
    fast = None if custom.columns else TieRows(dict(pairs), table.file, plan.resolver.resolve)
    plan.report.count("ties").read += len(table.rows)
    ties = plan.ties
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        if number in bad:
            plan.reject(table, row, number, [], "ties")
            continue
        tie = fast.tie(row) if fast is not None else None
        if tie is not None:
            if tie.id in ties:
                plan.duplicates += 1
            ties[tie.id] = tie
            continue
        if len(row) < width:
            row = row + [None] * (width - len(row))
        _tie_row(table, plan, row, number, _values(table, row, number, pairs, custom), labels)


def _tie_row(table: Table, plan: _Plan, row: list, number: int, values: dict, labels: dict) -> None:
    """One tie row the full way: a tie, or every reason the row is bad."""
    draft, errors = validate_tie_row(values, file=table.file, row=number, labels=labels)
    custom, bad_custom = values["custom"]
    if bad_custom:
        draft, errors = None, errors + bad_custom
    if draft is not None:
        try:  # both ends known
            s, t = plan.resolver.resolve(draft.source_ref), plan.resolver.resolve(draft.target_ref)
        except LookupError:  # report each end on its own
            s = plan.ref(draft.source_ref, table.file, number, labels["source"], errors)
            t = plan.ref(draft.target_ref, table.file, number, labels["target"], errors)
        if s is not None and s == t:
            errors.append(
                RowError(table.file, number, labels["target"], draft.target_ref, REASONS["self_tie"], "self_tie")
            )
        if not errors:
            if not draft.directed and t < s:
                s, t = t, s
            tid = tie_id_for(s, t, draft.type, draft.start, draft.project, draft.directed)
            if tid in plan.ties:
                plan.duplicates += 1
            plan.ties[tid] = Tie(
                tid,
                s,
                t,
                draft.type,
                draft.directed,
                draft.strength,
                draft.start,
                draft.end,
                draft.project,
                draft.evidence,
                draft.last_confirmed,
                1.0,
                draft.note,
                table.file,
                custom=custom,
            )
            return
    else:  # a bad cell: still report unknown or ambiguous organisations of the row
        for f in ("source", "target"):
            ref = clean_text(values.get(f))
            if ref:
                plan.ref(ref, table.file, number, labels[f], errors)
        errors.sort(key=_column_order(table))
    plan.reject(table, row, number, errors, "ties")


def _participations(table: Table, plan: _Plan) -> None:
    for row, number, values, labels in _rows(table, "participations", plan):
        draft, errors = validate_participation_row(values, file=table.file, row=number, labels=labels)
        if draft is not None:
            org = plan.ref(draft.org_ref, table.file, number, labels["org"], errors)
            if not errors and org is not None:
                aid = activity_id_for(normalise_name(draft.activity))
                plan.activities.setdefault(aid, Activity(aid, draft.activity))
                p = Participation(org, aid, draft.role, draft.date)
                plan.participations[(org, aid, draft.role, draft.date or "")] = p
                continue
        elif clean_text(values.get("org")):
            plan.ref(clean_text(values.get("org")), table.file, number, labels["org"], errors)
            errors.sort(key=_column_order(table))
        plan.reject(table, row, number, errors, "participations")


def plan_import(
    tables: list[Table],
    *,
    store: object | None = None,
    kind: str | None = None,
    report: ImportReport | None = None,
    compare_ties: bool = True,
    default_sector: str = "",
) -> tuple[ChangeSet, ImportReport, dict]:
    """Validate and resolve ``tables`` against ``store``: ``(changes, report, bad_rows)``.

    Nothing is written.  ``bad_rows`` maps ``(file, row)`` to the bad row's
    cells (for the rejects file).  ``compare_ties=False`` skips reading the
    stored ties to count created/updated/unchanged ones (a real import takes
    those counts from the store's write instead).  ``default_sector`` (a code) is the
    sector of a new organisation whose row gives none and whose kind and name tell none.
    """
    with _bulk():
        return _plan(
            tables,
            store=store,
            kind=kind,
            report=report or ImportReport(),
            compare_ties=compare_ties,
            default_sector=default_sector,
        )


def _plan(
    tables: list[Table],
    *,
    store: object | None,
    kind: str | None,
    report: ImportReport,
    compare_ties: bool,
    default_sector: str = "",
) -> tuple[ChangeSet, ImportReport, dict]:
    plan = _Plan(store, report)
    plan.default_sector = default_sector
    forced = parse_kind(kind) if kind else None
    by_kind: dict[str, list[Table]] = {k: [] for k in REQUIRED}
    for table in tables:
        report.errors += table.errors
        if not table.headers:
            if not table.errors:
                report.files.append(FileInfo(table.file, None, table.encoding, 0))
            continue
        k = forced or detect_kind(table.headers, table.hint)
        if k is None:
            report.files.append(FileInfo(table.file, None, table.encoding, len(table.rows)))
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
    for table in by_kind["participations"]:
        _participations(table, plan)
    if plan.duplicates:
        report.warnings.append(
            f"{plan.duplicates} tie rows repeat an earlier one (same ends, type, start and "
            f"project); the last one is kept / 同じ連携の重複行 {plan.duplicates} 件（後の行を採用）"
        )
    _count(plan, compare_ties)
    report.merged = {oid: list(o.aliases) for oid, o in plan.orgs.items() if o.aliases}
    changes = ChangeSet(
        orgs=list(plan.orgs.values()),
        ties=list(plan.ties.values()),
        activities=list(plan.activities.values()),
        participations=list(plan.participations.values()),
    )
    return changes, report, plan.bad_data


def _count(plan: _Plan, compare_ties: bool) -> None:
    report, store = plan.report, plan.store
    for oid, org in plan.orgs.items():
        _tally(report.count("orgs"), plan.before.get(oid), org)
    if plan.ties:
        c = report.count("ties")
        if not compare_ties:
            c.created = len(plan.ties)  # provisional: import_files corrects it from the store's counts
        else:
            has = store is not None and store.counts().get("ties", 0) > 0  # type: ignore[attr-defined]
            old_ties = {t.id: t for t in store.ties()} if has else {}  # type: ignore[attr-defined]
            for tid, tie in plan.ties.items():
                _tally(c, old_ties.get(tid), tie)
    if plan.participations:
        old_acts = {a.id: a for a in store.activities()} if store is not None else {}  # type: ignore[attr-defined]
        old_parts = (
            {(p.org, p.activity, p.role, p.date or "") for p in store.participations()}  # type: ignore[attr-defined]
            if store is not None
            else set()
        )
        c = report.count("activities")
        for aid, act in plan.activities.items():
            old = old_acts.get(aid)
            if old is not None:
                act.kind, act.start, act.end, act.note = old.kind, old.start, old.end, old.note
            c.read += 1
            if old is None:
                c.created += 1
            elif old.name == act.name:
                c.unchanged += 1
            else:
                c.updated += 1
        c = report.count("participations")
        for key in plan.participations:
            if key in old_parts:
                c.unchanged += 1
            else:
                c.created += 1


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
    tables = apply_word_map(load_sources(paths, local=local), load_word_map(word_map), kind)  # --map (ingest.formats)
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
