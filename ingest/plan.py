"""The state of one import (:class:`_Plan`) and the work shared by every kind of row.

:class:`_Plan` holds the report, the resolver and the records made so far;
:func:`_open` reports a table's columns (mapped, custom, ignored, repeated,
missing) and its cells holding control characters; :func:`_rows` gives a
table's rows with their raw values; :func:`_count` counts the records as
created, updated or unchanged against the store.  Used by :mod:`ingest.records`
and :mod:`ingest.importer`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ingest.controls import control_errors
from ingest.formats.custom import custom_columns, kept_message
from ingest.headers import map_headers, missing_column_reason
from ingest.readers import Table
from ingest.report import FileInfo, ImportReport, RowError
from ingest.resolve import AmbiguousName, Resolver, UnknownName
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
