"""Which organisation rows of one import are ambiguous, decided on the whole import at once.

:class:`~ingest.resolve.Resolver` matches rows one after another, so on its
own the outcome could depend on row order (a row without a city merged into
the stored 仙台市 group, or refused once a 石巻市 row came first), and a stored
``X`` could take both ``一般社団法人X`` and ``公益社団法人X`` as aliases.
:func:`ambiguous_rows` looks at every organisation row of the import and the
stored organisations together, before anything is merged.

Two records are *compatible* when nothing says they are different
organisations: equal 法人番号 when both have one (then nothing else counts), no
two different values of prefecture, city or district, and no two different
legal forms (a legal form is part of the identity: ``一般社団法人X`` and
``公益社団法人X`` are two entities).  A row's *candidates* are the other
records its name points to, exactly as the resolver looks them up (the same
normalised name or alias, else the same name without its legal form).
A row matched by name is **ambiguous** when

1. two of its compatible candidates are incompatible with each other (``中央町内会``
   with no city, when one is in 仙台市 and one in 石巻市), or
2. a compatible candidate could as well be another record that is incompatible
   with the row (a stored ``X`` when the import also holds ``公益社団法人X``
   next to this ``一般社団法人X``).

Rows found ambiguous by rule 1 are left out before rule 2 is applied.  Rows
with their own id, or a 法人番号 already stored, are matched by that and never
ambiguous.

Examples
--------
>>> from ingest.validate import validate_org_row
>>> from network.model import Org
>>> rows = [validate_org_row({"name": n, "sector": "npo"}, file="o.csv", row=i + 2)[0]
...         for i, n in enumerate(["一般社団法人X", "公益社団法人X"])]
>>> [str(e) for e in ambiguous_rows(rows, [Org("x", "X", "npo")]).values()]
["'一般社団法人X' could be X [stored], 公益社団法人X [row 3]", "'公益社団法人X' could be X [stored], 一般社団法人X [row 2]"]
>>> ambiguous_rows(rows[:1], [Org("x", "X", "npo")])
{}
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.normalise import core_name, legal_form, normalise_name
from ingest.resolve import AmbiguousName
from ingest.validate import OrgDraft
from network.model import Org

__all__ = ["ambiguous_rows", "contested_names", "examine", "compatible", "MAX_NAME_GROUP"]

_AREA = ("prefecture", "city", "district")


#: Different records one name may stand for in one import before its rows are refused
#: outright (the checks compare them pairwise).
MAX_NAME_GROUP = 500


@dataclass(slots=True)
class _Class:
    """Records that are alike for matching: the same names and aliases, 法人番号, legal forms and area."""

    org: Org  # the first of them
    forms: frozenset[str]
    keys: tuple[str, ...]
    drafts: list[OrgDraft]  # the import's rows in the class (none: only stored records)
    stored: bool = False


def compatible(a: Org, b: Org, forms_a: frozenset[str] = frozenset(), forms_b: frozenset[str] = frozenset()) -> bool:
    """Whether ``a`` and ``b`` could be one organisation (see the module docstring).

    >>> compatible(Org("a", "中央町内会", "x", city="仙台市"), Org("b", "中央町内会", "x"))
    True
    >>> compatible(Org("a", "甲", "x", city="仙台市"), Org("b", "甲", "x", city="石巻市"))
    False
    """
    if a.corporate_number and b.corporate_number:
        return a.corporate_number == b.corporate_number
    if forms_a and forms_b and forms_a.isdisjoint(forms_b):
        return False
    return all(not getattr(a, f) or not getattr(b, f) or getattr(a, f) == getattr(b, f) for f in _AREA)


def _core(name: str) -> str:
    return "\x00" + core_name(name)  # kept apart from the name keys in one counter


class _Index:
    """The import's rows and the stored records, grouped into classes and indexed by name."""

    def __init__(self, drafts: list[OrgDraft], stored: Iterable[Org]) -> None:
        self.classes: list[_Class] = []
        where: dict[tuple, int] = {}
        records = [(o, None) for o in stored] + [(d.org, d) for d in drafts]
        # only records sharing a name key or a core with another one can be candidates of anything
        seen: Counter[str] = Counter()
        for org, _ in records:
            if org.aliases:
                seen.update({*map(normalise_name, (org.name, *org.aliases)), *map(_core, (org.name, *org.aliases))})
            else:
                seen.update({normalise_name(org.name), _core(org.name)})
        for org, draft in records:
            if all(seen[normalise_name(n)] < 2 and seen[_core(n)] < 2 for n in (org.name, *org.aliases)):
                continue
            names = tuple(dict.fromkeys((org.name, *org.aliases)))
            forms = frozenset(f for f in map(legal_form, names) if f)
            sig = (tuple(map(normalise_name, names)), org.corporate_number, forms, *(getattr(org, f) for f in _AREA))
            i = where.get(sig)
            if i is None:
                i = where[sig] = len(self.classes)
                self.classes.append(_Class(org, forms, sig[0], []))
            if draft is None:
                self.classes[i].stored = True
            else:
                self.classes[i].drafts.append(draft)
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_core: dict[str, list[int]] = defaultdict(list)
        self.bare: dict[str, set[int]] = defaultdict(set)  # core → classes with a name written without a form
        for i, c in enumerate(self.classes):
            for name in dict.fromkeys((c.org.name, *c.org.aliases)):
                core = core_name(name)
                self.by_key[normalise_name(name)].append(i)
                self.by_core[core].append(i)
                if not legal_form(name):
                    self.bare[core].add(i)
        self._cand: dict[int, list[int]] = {}

    def crowded(self, i: int) -> bool:
        """Whether class ``i``'s name is shared by more than :data:`MAX_NAME_GROUP` classes (cheap: sizes only)."""
        c = self.classes[i]
        n = sum(len(self.by_key.get(k, ())) for k in c.keys)
        if n <= len(c.keys):  # only itself: the name without its legal form is looked up
            n = len(self.by_core.get(core_name(c.org.name), ()))
        return n > MAX_NAME_GROUP

    def candidates(self, i: int) -> list[int]:
        """The other classes class ``i``'s name points to, as :meth:`Resolver.match` looks them up."""
        if i in self._cand:
            return self._cand[i]
        org = self.classes[i].org
        out: dict[int, None] = {}
        for key in self.classes[i].keys:
            out.update(dict.fromkeys(j for j in self.by_key.get(key, ()) if j != i))
        if not out:
            core = core_name(org.name)
            ids = self.by_core.get(core, ())
            if legal_form(org.name):
                ids = [j for j in ids if j in self.bare.get(core, ())]
            out.update(dict.fromkeys(j for j in ids if j != i))
        self._cand[i] = list(out)
        return self._cand[i]

    def fits(self, i: int, j: int) -> bool:
        a, b = self.classes[i], self.classes[j]
        return compatible(a.org, b.org, a.forms, b.forms)


def _by_name(c: _Class, stored_corps: set[str]) -> bool:
    """Whether the resolver will match these rows by name (no id of their own, no stored 法人番号)."""
    return bool(c.drafts) and not c.org.id and c.org.corporate_number not in stored_corps


def _label(c: _Class) -> str:
    where = "stored" if c.stored or not c.drafts else f"row {c.drafts[0].row}"
    return f"{c.org.name}{' (' + c.org.city + ')' if c.org.city else ''} [{where}]"


def ambiguous_rows(drafts: list[OrgDraft], stored: Iterable[Org]) -> dict[int, AmbiguousName]:
    """The drafts that must be refused as ambiguous, whatever the row order.

    Keyed by ``id(draft)``; each value is the :class:`AmbiguousName` to report
    (its ``candidates`` are the records the row could be).  Rows alike in
    every respect that matters (names, 法人番号, forms, area) are decided once,
    together; a name that more than :data:`MAX_NAME_GROUP` different records
    share refuses its rows matched by name that have no 法人番号 (give ids or
    法人番号), so the pairwise checks stay bounded.
    """
    return examine(drafts, stored)[0]


def examine(drafts: list[OrgDraft], stored: Iterable[Org]) -> tuple[dict[int, AmbiguousName], set[str]]:
    """:func:`ambiguous_rows` and :func:`contested_names` from one index (what the importer calls)."""
    stored = list(stored)
    index = _Index(drafts, stored)
    stored_corps = {o.corporate_number for o in stored if o.corporate_number}
    subject = [i for i, c in enumerate(index.classes) if _by_name(c, stored_corps)]
    crowded = {i for i in subject if index.crowded(i)}
    fits = {i: [j for j in index.candidates(i) if index.fits(i, j)] for i in subject if i not in crowded}
    crowded = {i for i in crowded if not index.classes[i].org.corporate_number}  # a 法人番号 identifies them
    bad = {i: f for i, f in fits.items() if any(not index.fits(a, b) for k, a in enumerate(f) for b in f[k + 1 :])}
    also: dict[int, list[int]] = {}  # rule 2 sees only rule 1's verdicts, so the row order cannot matter
    for i, f in fits.items():
        for j in () if i in bad else f:
            if j in bad or index.crowded(j):
                continue
            clash = [
                t for t in index.candidates(j) if t != i and t not in bad and index.fits(j, t) and not index.fits(i, t)
            ]
            if clash:
                also[i] = [j, *clash]
                break
    bad.update(also)
    out: dict[int, AmbiguousName] = {}
    for i in crowded:
        c = index.classes[i]
        why = AmbiguousName(
            f"{c.org.name!r}: more than {MAX_NAME_GROUP} different records share the name (give ids or 法人番号)", []
        )
        out.update((id(d), why) for d in c.drafts)
    for i, could_be in bad.items():
        c = index.classes[i]
        why = AmbiguousName(
            f"{c.org.name!r} could be " + ", ".join(_label(index.classes[j]) for j in could_be),
            [index.classes[j].org for j in could_be],
        )
        out.update((id(d), why) for d in c.drafts)
    return out, _contested(index)


def contested_names(drafts: list[OrgDraft], stored: Iterable[Org]) -> set[str]:
    """Normalised names held by two records, stored or of this import, that are different organisations.

    A new organisation with such a name gets an id from its name and area
    (:meth:`ingest.resolve.Resolver.add`), so ids do not depend on row order.

    >>> from ingest.validate import validate_org_row
    >>> rows = [validate_org_row({"name": "中央町内会", "sector": "自治会", "city": c}, file="o.csv", row=2)[0]
    ...         for c in ("仙台市", "石巻市")]
    >>> contested_names(rows, [])
    {'中央町内会'}
    """
    return _contested(_Index(drafts, stored))


def _contested(index: _Index) -> set[str]:
    out = set()
    for key, ids in index.by_key.items():
        if len(ids) > MAX_NAME_GROUP:
            out.add(key)
        elif len(ids) > 1 and any(not index.fits(a, b) for k, a in enumerate(ids) for b in ids[k + 1 :]):
            out.add(key)
    return out
