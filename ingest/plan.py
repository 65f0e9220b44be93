"""The state of one import (:class:`_Plan`) and the work shared by every kind of row.

:class:`_Plan` holds the report, the resolver and the records made so far;
:func:`_open` reports a table's columns (mapped, custom, ignored, repeated,
missing) and its cells holding control characters; :func:`_rows` gives a
table's rows with their raw values; :func:`_count` counts the records as
created, updated or unchanged against the store.  Used by :mod:`ingest.records`
and :mod:`ingest.importer`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from ingest.controls import control_errors
from ingest.formats.custom import custom_columns, kept_message
from ingest.headers import map_headers, missing_column_reason
from ingest.readers import Table
from ingest.report import FileInfo, ImportReport, RowError
from ingest.resolve import AmbiguousName, Resolver, UnknownName
from ingest.stream import is_streamed
from ingest.tiestream import TieSpill
from ingest.validate import REASONS
from network.model import ORG_FIELDS, TIE_FIELDS, Activity, Org, Participation, Tie

__all__: list[str] = []

_SKIP = ("created_at", "updated_at")

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
        #: stream mode (:mod:`ingest.tiestream`): ties go to a file on disk, not to :attr:`ties`
        self.spill: TieSpill | None = None
        self.streamed: Sequence[Tie] | None = None

    def tie_records(self) -> Sequence[Tie]:
        """The ties to write: those kept, or (stream mode) those made again from the spill as they are written."""
        return self.streamed if self.streamed is not None else list(self.ties.values())

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


def _open(table: Table, kind: str, plan: _Plan) -> _Opened | None:
    """Report a table's columns (:class:`_Opened`), or ``None`` when a required one is missing (every row refused)."""
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
        info.rows = n = row_count(table)
        plan.report.count(kind).rejected += n
        plan.report.count(kind).read += n
        return None
    return _Opened(list(hm.columns.items()), hm.labels, custom, len(table.headers), info)


class _Opened(NamedTuple):
    """A table's mapped columns (``(field, index)`` pairs), their labels, its custom columns, width and report."""

    pairs: list[tuple[str, int]]
    labels: dict[str, str]
    custom: object
    width: int
    info: FileInfo


def row_count(table: Table) -> int:
    """How many rows ``table`` has (a streamed table is read through once to know)."""
    if is_streamed(table):
        for _ in table.chunks():  # type: ignore[attr-defined]
            pass
        return table.n_rows  # type: ignore[attr-defined]
    return len(table.rows)


def _parts(table: Table, opened: _Opened, found: list[RowError]) -> Iterator[tuple[Table, set[int]]]:
    """``(rows, bad row numbers)`` of ``table``: itself, or its chunks when streamed (:mod:`ingest.stream`).

    Cells holding a refused character (:mod:`ingest.controls`, the rule per field) are added to
    ``found`` and their rows to the bad ones.  After the last chunk the report gives the rows read.
    """
    parts = table.chunks() if is_streamed(table) else (table,)  # type: ignore[attr-defined]
    free = [(c.header, c.index) for c in opened.custom.columns]  # type: ignore[attr-defined]  # free text
    for part in parts:
        bad = part.bad_rows
        for e in control_errors(part, opened.pairs, opened.labels, free_text=free):
            found.append(e)
            bad.add(e.row)
        yield part, bad
    if is_streamed(table):
        opened.info.rows = table.n_rows  # type: ignore[attr-defined]


def _values(table: Table, row: list, number: int, pairs: list, custom: object) -> dict:
    """One row as field → raw value, with its custom fields (``(fields, errors)``) under ``custom``."""
    values = {f: row[i] for f, i in pairs}
    values["custom"] = custom.values(row, table.file, number) if custom.columns else ({}, [])  # type: ignore[attr-defined]
    return values


def _rows(table: Table, kind: str, plan: _Plan) -> Iterable[tuple[list, int, dict, dict]]:
    """Each good row of ``table`` with its values and labels; bad cells reported as they are found.

    A row's own problems are the caller's to report: for organisations they come after every
    table's bad cells (all rows are validated, then matched), so a streamed table's chunks may
    add theirs as they go.
    """
    opened = _open(table, kind, plan)
    if opened is None:
        return
    pairs, labels, custom, width = opened.pairs, opened.labels, opened.custom, opened.width
    counts = plan.report.count(kind)
    for part, bad in _parts(table, opened, plan.report.errors):
        for row, number in zip(part.rows, part.row_numbers, strict=True):
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


def _count(plan: _Plan, compare_ties: bool) -> None:
    report, store = plan.report, plan.store
    for oid, org in plan.orgs.items():
        _tally(report.count("orgs"), plan.before.get(oid), org)
    ties = plan.tie_records()
    if ties:
        c = report.count("ties")
        if not compare_ties:
            c.created = len(ties)  # provisional: import_files corrects it from the store's counts
        else:
            has = store is not None and store.counts().get("ties", 0) > 0  # type: ignore[attr-defined]
            old_ties = {t.id: t for t in store.ties()} if has else {}  # type: ignore[attr-defined]
            for tie in ties:
                _tally(c, old_ties.get(tie.id), tie)
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
