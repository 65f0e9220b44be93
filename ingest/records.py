"""Rows → records, kind by kind: organisations, ties, participations (each with every reason a row is bad).

Organisations are validated all together, checked for ambiguity as a whole
(:mod:`ingest.identity`), then matched by :class:`~ingest.resolve.Resolver`;
ties go through the fast path of :mod:`ingest.tierows` first and the full
validation for the rest.  Each function fills the :class:`~ingest.plan._Plan`
it is given.
"""

from __future__ import annotations

from collections.abc import Iterator

from ingest.identity import examine
from ingest.normalise import clean_text, normalise_name
from ingest.plan import _column_order, _open, _Opened, _parts, _Plan, _rows, _values
from ingest.readers import Table
from ingest.report import PossibleDuplicate, RowError
from ingest.resolve import AmbiguousName, NoSector
from ingest.tierows import TieRows
from ingest.validate import (
    REASONS,
    validate_org_row,
    validate_participation_row,
    validate_tie_row,
)
from network.model import Activity, Participation, Tie, activity_id_for, tie_id_for

__all__: list[str] = []


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
    """Every tie row of ``table``, kept (or, in stream mode, spilled to disk: :mod:`ingest.tiestream`)."""
    opened = _open(table, "ties", plan)
    if opened is None:
        return
    at, found = len(plan.report.errors), []
    if plan.spill is not None:
        add = plan.spill.add
        for tie in tie_stream(table, opened, plan, found):
            add(tie)
    else:
        ties = plan.ties
        for tie in tie_stream(table, opened, plan, found):
            if tie.id in ties:
                plan.duplicates += 1
            ties[tie.id] = tie
    plan.report.errors[at:at] = found  # a table's bad cells come before its bad rows


def tie_stream(
    table: Table, opened: _Opened, plan: _Plan, found: list[RowError], *, first: bool = True
) -> Iterator[Tie]:
    """The tie of each good row of ``table``, in order: the fast path (:mod:`ingest.tierows`), else the full way.

    ``first``: the planning read — rows counted, bad rows reported (their cells to ``found``).
    Otherwise a read again of the same rows (:mod:`ingest.tiestream`), reporting nothing.
    """
    pairs, labels, custom, width = opened.pairs, opened.labels, opened.custom, opened.width
    fast = None if custom.columns else TieRows(dict(pairs), table.file, plan.resolver.resolve)  # type: ignore[attr-defined]
    counts = plan.report.count("ties")
    for part, bad in _parts(table, opened, found):
        counts.read += len(part.rows)
        for row, number in zip(part.rows, part.row_numbers, strict=True):
            if number in bad:
                plan.reject(table, row, number, [], "ties")
                continue
            tie = fast.tie(row) if fast is not None else None
            if tie is None:
                if len(row) < width:
                    row = row + [None] * (width - len(row))
                tie, errors = _tie_row(table, plan, number, _values(table, row, number, pairs, custom), labels)
                if tie is None:
                    plan.reject(table, row, number, errors, "ties")
                    continue
            yield tie


def _tie_row(table: Table, plan: _Plan, number: int, values: dict, labels: dict) -> tuple[Tie | None, list[RowError]]:
    """One tie row the full way: ``(tie, [])``, or ``(None, every reason the row is bad)``."""
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
            tie = Tie(
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
            return tie, []
    else:  # a bad cell: still report unknown or ambiguous organisations of the row
        for f in ("source", "target"):
            ref = clean_text(values.get(f))
            if ref:
                plan.ref(ref, table.file, number, labels[f], errors)
        errors.sort(key=_column_order(table))
    return None, errors


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
