"""One record typed into a web form, checked with the same rules as an import.

The app's Add page calls :func:`validate_org_form` / :func:`validate_tie_form`
and, when there are no errors, writes the record with ``store.write``.  A new
organisation whose name (after normalisation: ``㈱○○`` = ``株式会社 ○○``) or
法人番号 is already stored is reported as a duplicate, with the stored one
named; a name that only *folds* like a stored one (みやぎ/ミヤギ, 髙/高, 前株/後株:
:mod:`ingest.fold`) is a ``possible_duplicate`` until the user says it is another
organisation (``allow_similar=True``), and :func:`similar_orgs` names the stored ones;
other similar names come back as "did you mean" hints.  Before any of that,
:func:`check_form_fields` refuses over-long values and control characters,
one error per field (tabs and line breaks only in ``note`` and ``evidence``).

Examples
--------
>>> from network.store.sqlite import SQLiteStore
>>> from network.store.base import ChangeSet
>>> store = SQLiteStore(":memory:")
>>> org, errors, hints = validate_org_form({"name": "株式会社 富士通エフサス", "sector": "企業"}, store)
>>> _ = store.write(ChangeSet(orgs=[org]))
>>> org2, errors, hints = validate_org_form({"name": "㈱富士通エフサス", "sector": "company"}, store)
>>> org2, errors[0].code, hints
(None, 'duplicate', ['株式会社 富士通エフサス'])
"""

from __future__ import annotations

from ingest import limits
from ingest.controls import MULTILINE_FIELDS, escape_controls
from ingest.guard import short_value
from ingest.report import RowError
from ingest.resolve import AmbiguousName, NoSector, Resolver, UnknownName
from ingest.validate import REASONS, validate_org_row, validate_tie_row
from network.errors import ValidationError
from network.model import Org, Tie, tie_id_for

__all__ = [
    "validate_org_form",
    "validate_tie_form",
    "similar_orgs",
    "check_form_fields",
    "FORM_FILE",
    "MULTILINE_FIELDS",
]

#: The ``file`` of every error a form check returns; ``row`` is 0, ``column`` the field name.
FORM_FILE = "form"

#: Free-text fields typed in a text area (:data:`ingest.controls.MULTILINE_FIELDS`, the rule imports
#: follow too): tabs and line breaks allowed, and as long as an imported cell (``MAX_CELL_CHARS``)
#: so whatever an import stored can be edited in the form.


def check_form_fields(data: dict) -> list[RowError]:
    """Every field of a form that is too long or holds a control character, one error each.

    Uses :func:`ingest.limits.check_text`: one-line fields (names, places,
    words) refuse every control character (tab and line breaks included) and
    bidirectional overrides, and more than ``MAX_FIELD_CHARS`` characters;
    :data:`MULTILINE_FIELDS` allow tab and line breaks and up to ``MAX_CELL_CHARS``.
    Each item of a list (``aliases``, ``tags``) is checked.  Markup is not
    refused: it is stored as text and escaped where shown.

    >>> [(e.column, e.code) for e in check_form_fields({"name": "a\\x00b", "note": "1行目\\n2行目"})]
    [('name', 'control_character')]
    """
    errors: list[RowError] = []
    for key, value in data.items():
        multiline = key in MULTILINE_FIELDS
        cap = max(limits.MAX_FIELD_CHARS, limits.MAX_CELL_CHARS) if multiline else limits.MAX_FIELD_CHARS
        for item in value if isinstance(value, list | tuple) else (value,):
            if not isinstance(item, str):
                continue
            try:
                limits.check_text(str(key), item, max_chars=cap, multiline=multiline)
            except ValidationError as exc:
                code = "too_long" if len(item) > cap else "control_character"
                errors.append(RowError(FORM_FILE, 0, str(key), escape_controls(short_value(item)), str(exc), code))
                break
    return errors


def _resolver(store: object | None, resolver: Resolver | None) -> Resolver:
    if resolver is not None:
        return resolver
    return Resolver(store.orgs() if store is not None else [])  # type: ignore[attr-defined]


def similar_orgs(data: dict, store: object | None = None, *, resolver: Resolver | None = None) -> list[Org]:
    """The stored organisations the form's name folds like (its area and 法人番号 allowing).

    >>> from ingest.resolve import Resolver
    >>> r = Resolver([Org("a", "みやぎ連携復興センター", "intermediary", city="仙台市")])
    >>> [o.id for o in similar_orgs({"name": "ミヤギ連携復興センタ―"}, resolver=r)]
    ['a']
    >>> similar_orgs({"name": "ミヤギ連携復興センタ―", "city": "石巻市"}, resolver=r)
    []
    """
    name = str(data.get("name") or "").strip()
    if not name:
        return []
    probe = Org(
        "",
        name,
        "",
        **{f: str(data.get(f) or "").strip() for f in ("prefecture", "city", "district", "corporate_number")},
    )
    return _resolver(store, resolver).similar(probe)


def validate_org_form(
    data: dict,
    store: object | None = None,
    *,
    resolver: Resolver | None = None,
    allow_merge: bool = False,
    allow_similar: bool = False,
) -> tuple[Org | None, list[RowError], list[str]]:
    """Check a new organisation: ``(org or None, errors, did_you_mean)``.

    Parameters
    ----------
    data : dict
        Field → value (``name``, ``sector``, ``kind``, ``prefecture``, ``city``,
        ``district``, ``corporate_number``, ``aliases`` (list or ``a|b``),
        ``tags``, ``url``, ``note``).
    store : Store, optional
        Whose organisations the record is matched against.
    allow_merge : bool
        When the organisation is already stored, return it updated with the
        form's values (and the typed name as an alias) instead of a
        ``duplicate`` error.
    allow_similar : bool
        The user said the name is another organisation than those it folds like:
        no ``possible_duplicate`` error.
    """
    errors = check_form_fields(data)
    if errors:
        return None, errors, []
    res = _resolver(store, resolver)
    draft, errors = validate_org_row(data, file=FORM_FILE, row=0, source=FORM_FILE)
    if draft is None:
        return None, errors, []
    try:
        found = res.match(draft.org)
    except AmbiguousName as exc:
        return (
            None,
            [RowError(FORM_FILE, 0, "name", draft.org.name, f"{REASONS['ambiguous_org']}: {exc}", "ambiguous_org")],
            [o.name for o in exc.candidates],
        )
    if found is not None and not allow_merge:
        reason = f"already stored as {found.name} ({found.id}) / すでに「{found.name}」として登録されています"
        return None, [RowError(FORM_FILE, 0, "name", draft.org.name, reason, "duplicate")], [found.name]
    like = res.similar(draft.org) if found is None and not allow_similar else []
    if like:
        names = "、".join(o.name for o in like)
        reason = (
            f"looks like {', '.join(o.name for o in like)}: the same organisation? / "
            f"「{names}」と同じ団体ではありませんか"
        )
        return (
            None,
            [RowError(FORM_FILE, 0, "name", draft.org.name, reason, "possible_duplicate")],
            [o.name for o in like],
        )
    hints = [o.name for o in res.suggest(draft.org.name) if found is None or o.id != found.id]
    try:
        org, _ = res.add(draft)
    except NoSector:
        return None, [RowError(FORM_FILE, 0, "sector", "", REASONS["no_sector"], "no_sector")], hints
    if found is not None:
        org.source = found.source
    return org, [], hints


def validate_tie_form(
    data: dict, store: object | None = None, *, resolver: Resolver | None = None
) -> tuple[Tie | None, list[RowError], list[str]]:
    """Check a new tie: ``(tie or None, errors, did_you_mean)``.

    ``source`` and ``target`` may be ids, 法人番号 or names (with or without the
    legal form, when only one organisation fits).  ``did_you_mean`` lists
    stored names like an unknown or ambiguous one.

    Examples
    --------
    >>> from ingest.resolve import Resolver
    >>> r = Resolver([Org("a", "公益財団法人 日本財団", "foundation"), Org("b", "石巻市", "government")])
    >>> tie, errors, hints = validate_tie_form({"source": "日本財団", "target": "石巻市", "type": "助成"},
    ...                                        resolver=r)
    >>> tie.source, tie.target, tie.directed, tie.strength
    ('a', 'b', True, 3)
    """
    errors = check_form_fields(data)
    if errors:
        return None, errors, []
    res = _resolver(store, resolver)
    draft, errors = validate_tie_row(data, file=FORM_FILE, row=0)
    if draft is None:
        return None, errors, []
    ends: list[str | None] = []
    hints: list[str] = []
    for column, ref in (("source", draft.source_ref), ("target", draft.target_ref)):
        try:
            ends.append(res.resolve(ref))
        except AmbiguousName as exc:
            ends.append(None)
            errors.append(RowError(FORM_FILE, 0, column, ref, f"{REASONS['ambiguous_org']}: {exc}", "ambiguous_org"))
            hints += [o.name for o in exc.candidates]
        except UnknownName:
            ends.append(None)
            errors.append(RowError(FORM_FILE, 0, column, ref, REASONS["unknown_org"], "unknown_org"))
            hints += [o.name for o in res.suggest(ref)]
    s, t = ends
    if s is not None and s == t:
        errors.append(RowError(FORM_FILE, 0, "target", draft.target_ref, REASONS["self_tie"], "self_tie"))
    if errors or s is None or t is None:
        return None, errors, list(dict.fromkeys(hints))
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
        FORM_FILE,
    )
    return tie, [], []
