"""Rows → records, kind by kind: organisations, ties, participations (each with every reason a row is bad).

Organisations are validated all together, checked for ambiguity as a whole
(:mod:`ingest.identity`), then matched by :class:`~ingest.resolve.Resolver`;
ties go through the fast path of :mod:`ingest.tierows` first and the full
validation for the rest.  Each function fills the :class:`~ingest.plan._Plan`
it is given.
"""

from __future__ import annotations

from ingest.identity import examine
from ingest.normalise import clean_text, normalise_name
from ingest.plan import _column_order, _open, _Plan, _rows, _values
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
