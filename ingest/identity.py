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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.normalise import core_name, legal_form, normalise_name
from ingest.resolve import AmbiguousName
from ingest.validate import OrgDraft
from network.model import Org

__all__ = ["ambiguous_rows", "compatible"]

_AREA = ("prefecture", "city", "district")


@dataclass(frozen=True, slots=True)
class _Node:
    org: Org
    forms: frozenset[str]
    draft: OrgDraft | None  # None for a stored organisation


def _node(org: Org, draft: OrgDraft | None) -> _Node:
    forms = frozenset(f for f in (legal_form(n) for n in (org.name, *org.aliases)) if f)
    return _Node(org, forms, draft)


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


class _Index:
    def __init__(self, nodes: list[_Node]) -> None:
        self.nodes = nodes
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_core: dict[str, list[int]] = defaultdict(list)
        self.bare: dict[str, set[int]] = defaultdict(set)  # core → nodes with a name written without a form
        for i, n in enumerate(nodes):
            for name in dict.fromkeys((n.org.name, *n.org.aliases)):
                self.by_key[normalise_name(name)].append(i)
                self.by_core[core_name(name)].append(i)
                if not legal_form(name):
                    self.bare[core_name(name)].add(i)

    def candidates(self, i: int) -> list[int]:
        """The records node ``i``'s name points to, as :meth:`Resolver.match` looks them up."""
        org = self.nodes[i].org
        out: dict[int, None] = {}
        for name in (org.name, *org.aliases):
            out.update(dict.fromkeys(j for j in self.by_key.get(normalise_name(name), ()) if j != i))
        if not out:
            core = core_name(org.name)
            ids = self.by_core.get(core, ())
            if legal_form(org.name):
                ids = [j for j in ids if j in self.bare.get(core, ())]
            out.update(dict.fromkeys(j for j in ids if j != i))
        return list(out)

    def fits(self, i: int, j: int) -> bool:
        a, b = self.nodes[i], self.nodes[j]
        return compatible(a.org, b.org, a.forms, b.forms)


def _by_name(draft: OrgDraft, stored_corps: set[str]) -> bool:
    """Whether the resolver will match this row by its name (no id of its own, no stored 法人番号)."""
    return not draft.org.id and draft.org.corporate_number not in stored_corps


def ambiguous_rows(drafts: list[OrgDraft], stored: Iterable[Org]) -> dict[int, AmbiguousName]:
    """The drafts that must be refused as ambiguous, whatever the row order.

    Keyed by ``id(draft)``; each value is the :class:`AmbiguousName` to report
    (its ``candidates`` are the records the row could be).
    """
    nodes = [_node(o, None) for o in stored]
    stored_corps = {n.org.corporate_number for n in nodes if n.org.corporate_number}
    first = len(nodes)
    nodes += [_node(d.org, d) for d in drafts]
    index = _Index(nodes)
    subject = [i for i in range(first, len(nodes)) if _by_name(nodes[i].draft, stored_corps)]
    fits = {i: [j for j in index.candidates(i) if index.fits(i, j)] for i in subject}
    bad = {i: fits[i] for i in subject
           if any(not index.fits(a, b) for k, a in enumerate(fits[i]) for b in fits[i][k + 1:])}
    also: dict[int, list[int]] = {}  # rule 2 sees only rule 1's verdicts, so the row order cannot matter
    for i in subject:
        for j in () if i in bad else fits[i]:
            others = [t for t in index.candidates(j) if t != i and t not in bad and index.fits(j, t)]
            clash = [t for t in others if not index.fits(i, t)]
            if j not in bad and clash:
                also[i] = [j, *clash]
                break
    bad.update(also)
    out: dict[int, AmbiguousName] = {}
    for i in sorted(bad):
        orgs = [nodes[j].org for j in bad[i]]
        where = ", ".join(f"{o.name}{' (' + o.city + ')' if o.city else ''}"
                          f"{' [' + ('stored' if nodes[j].draft is None else f'row {nodes[j].draft.row}') + ']'}"
                          for j, o in zip(bad[i], orgs, strict=True))
        out[id(nodes[i].draft)] = AmbiguousName(f"{nodes[i].org.name!r} could be {where}", orgs)
    return out
