"""Which organisation a name, id or 法人番号 means — never a guess.

A :class:`Resolver` indexes the organisations already stored and those of the
import being read.  An organisation row is merged into an existing one with
the same id, the same 法人番号, or — when the row gives no id of its own — the
same normalised name or alias (unless their 法人番号 or area differ) or, when
exactly one fits, the same name without its legal form.  Its other spellings
become aliases.

A reference in a tie or participation is looked up the same way: id, then
法人番号, then normalised name or alias, then the name without its legal form
(``日本財団`` for ``公益財団法人 日本財団``).  More than one match is an
:class:`AmbiguousName`, none an :class:`UnknownName`.

Names that differ only by what Japanese users type differently (かな/カナ,
ヶ/ケ, 髙/高, ー/－, 前株/後株: :mod:`ingest.fold`) are never matched: :meth:`Resolver.similar`
lists them as possible duplicates and :meth:`Resolver.suggest` puts them first
in a "did you mean".

Examples
--------
>>> from ingest.validate import validate_org_row
>>> r = Resolver()
>>> for i, n in enumerate(["株式会社 富士通エフサス", "（株）富士通エフサス", "㈱富士通エフサス"]):
...     org, how = r.add(validate_org_row({"name": n, "sector": "企業"}, file="o.csv", row=i + 2)[0])
>>> len(r.orgs), org.name, org.aliases
(1, '株式会社 富士通エフサス', ['（株）富士通エフサス', '㈱富士通エフサス'])
>>> r.resolve("富士通エフサス") == org.id
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ingest.fold import fold, fold_core, fold_form, similar_keys
from ingest.normalise import clean_corporate_number, core_name, legal_form, normalise_name
from ingest.validate import OrgDraft
from network.model import Org, org_id_for

__all__ = ["Resolver", "UnknownName", "AmbiguousName", "NoSector"]

_AREA = ("prefecture", "city", "district")
_FILL = ("sector", "kind", "prefecture", "city", "district", "corporate_number", "url", "note")


class UnknownName(LookupError):
    """No organisation fits a name."""


class AmbiguousName(LookupError):
    """More than one organisation fits a name; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[Org]) -> None:
        super().__init__(message)
        self.candidates = candidates


class NoSector(ValueError):
    """A new organisation has no sector and none can be inferred."""


def _forms(org: Org) -> frozenset[str]:
    return frozenset(f for f in map(legal_form, (org.name, *org.aliases)) if f)


def _compatible(a: Org, b: Org) -> bool:
    """No 法人番号, area or legal form says they differ (the rule of :mod:`ingest.identity`)."""
    if a.corporate_number and b.corporate_number and a.corporate_number != b.corporate_number:
        return False
    fa, fb = _forms(a), _forms(b)
    if fa and fb and fa.isdisjoint(fb):
        return False
    return all(not getattr(a, f) or not getattr(b, f) or getattr(a, f) == getattr(b, f) for f in _AREA)


def _describe(orgs: list[Org]) -> str:
    return ", ".join(f"{o.name} ({o.id}{', ' + o.city if o.city else ''})" for o in orgs)


class Resolver:
    """Index of organisations by id, 法人番号, normalised name/alias and core name.

    Parameters
    ----------
    orgs : iterable of Org
        The organisations already stored.
    """

    def __init__(self, orgs: Iterable[Org] = ()) -> None:
        self.orgs: dict[str, Org] = {}
        self.existing: set[str] = set()
        self._by_corp: dict[str, str] = {}
        self._by_key: dict[str, list[str]] = {}
        self._by_core: dict[str, list[str]] = {}
        self._by_fold: dict[str, list[str]] = {}  # ingest.fold keys: for possible duplicates only
        self._by_fold_core: dict[str, list[str]] = {}
        self._cache: dict[str, str | LookupError] = {}
        self._other_ids: dict[str, str] = {}  # an id a row gave for an org stored under another id
        self._refused: dict[str, AmbiguousName] = {}  # names of rows refused as ambiguous (see refuse)
        #: Normalised names that several different organisations share (``ingest.identity.contested_names``):
        #: a new one gets an id from its name and area, whichever row comes first.
        self.contested: set[str] = set()
        for o in orgs:
            self._index(o)
            self.existing.add(o.id)

    # ------------------------------------------------------------------ index
    def _index(self, org: Org) -> None:
        old = self.orgs.get(org.id)
        if old is not None:
            self._unindex(old)
        self.orgs[org.id] = org
        if org.corporate_number:
            self._by_corp[org.corporate_number] = org.id
        for name in (org.name, *org.aliases):
            key = normalise_name(name)
            ids = self._by_key.setdefault(key, [])
            if org.id not in ids:
                ids.append(org.id)
            ids = self._by_core.setdefault(core_name(name), [])
            if org.id not in ids:
                ids.append(org.id)
            for table, key in ((self._by_fold, fold(name)), (self._by_fold_core, fold_core(name))):
                ids = table.setdefault(key, [])
                if org.id not in ids:
                    ids.append(org.id)
        self._cache.clear()

    def _unindex(self, org: Org) -> None:
        if self._by_corp.get(org.corporate_number) == org.id:
            del self._by_corp[org.corporate_number]
        for name in (org.name, *org.aliases):
            for table, key in (
                (self._by_key, normalise_name(name)),
                (self._by_core, core_name(name)),
                (self._by_fold, fold(name)),
                (self._by_fold_core, fold_core(name)),
            ):
                ids = table.get(key)
                if ids and org.id in ids:
                    ids.remove(org.id)

    def _by_core_name(self, name: str) -> list[str]:
        """Orgs whose name without legal form is ``name``'s, when one side has no legal form."""
        form = legal_form(name)
        ids = self._by_core.get(core_name(name), [])
        if not form:
            return list(ids)
        return [
            i
            for i in ids
            if any(
                not legal_form(n) and core_name(n) == core_name(name)
                for n in (self.orgs[i].name, *self.orgs[i].aliases)
            )
        ]

    # ------------------------------------------------------------------ org rows
    def match(self, org: Org) -> Org | None:
        """The known organisation an organisation row describes, or ``None`` (a new one).

        Raises :class:`AmbiguousName` when several fit.
        """
        if org.id and org.id in self.orgs:
            return self.orgs[org.id]
        if org.corporate_number and org.corporate_number in self._by_corp:
            return self.orgs[self._by_corp[org.corporate_number]]
        if org.id:
            return None  # an explicit id not seen before is a new organisation, whatever its name
        ids: list[str] = []
        for name in (org.name, *org.aliases):
            ids += [i for i in self._by_key.get(normalise_name(name), []) if i not in ids]
        if not ids:
            ids = self._by_core_name(org.name)
        fits = [self.orgs[i] for i in ids if _compatible(self.orgs[i], org)]
        if len(fits) > 1:
            raise AmbiguousName(f"{org.name!r} fits {_describe(fits)}", fits)
        return fits[0] if fits else None

    def add(self, draft: OrgDraft) -> tuple[Org, str]:
        """Add an organisation row: ``(org, "new")`` or ``(merged org, "merged")``.

        Raises :class:`AmbiguousName`, or :class:`NoSector` for a new
        organisation without a sector.
        """
        row = draft.org
        found = self.match(row)
        if found is None:
            if not row.sector:
                raise NoSector(row.name)
            key = normalise_name(row.name)
            oid = row.id or org_id_for(key, row.corporate_number)
            shared = not row.id and not row.corporate_number and key in self.contested
            if oid in self.orgs or shared:  # a name several organisations share: its area in the id
                area = "|".join(getattr(row, f) for f in _AREA)
                oid = org_id_for(f"{key}|{area}", row.corporate_number)
                n = 1
                while oid in self.orgs:
                    n += 1
                    oid = org_id_for(f"{key}|{area}|{n}", row.corporate_number)
            org = row  # the draft is ours to finish
            org.id = oid
            if org.aliases:
                org.aliases = [a for a in dict.fromkeys(row.aliases) if a != row.name]
            self._index(org)
            return org, "new"
        merged = replace(found)
        for f in _FILL:
            value = getattr(row, f)
            if value and not (f == "sector" and not draft.sector_given):
                setattr(merged, f, value)
        merged.aliases = [a for a in dict.fromkeys([*found.aliases, row.name, *row.aliases]) if a != found.name]
        if row.tags:
            merged.tags = list(dict.fromkeys(row.tags))
        if row.id and row.id != found.id:
            self._other_ids[row.id] = found.id  # so ties of this import may still use the row's id
        self._index(merged)
        return merged, "merged"

    def refuse(self, name: str, why: AmbiguousName) -> None:
        """Remember that an organisation row named ``name`` was refused as ambiguous.

        A reference spelled that way is then ambiguous too, instead of falling
        back to a name without its legal form (``一般社団法人X`` → ``X``).
        """
        self._refused[normalise_name(name)] = why
        self._cache.clear()

    # ------------------------------------------------------------------ references
    def resolve(self, ref: str) -> str:
        """The id of the organisation ``ref`` (id, 法人番号 or name) names.

        Raises :class:`UnknownName` or :class:`AmbiguousName`.
        """
        hit = self._cache.get(ref)
        if hit is None:
            hit = self._resolve(ref)
            self._cache[ref] = hit
        if isinstance(hit, LookupError):
            raise hit
        return hit

    def _resolve(self, ref: str) -> str | LookupError:
        if ref in self.orgs:
            return ref
        if ref in self._other_ids:
            return self._other_ids[ref]
        corp = clean_corporate_number(ref)
        if corp in self._by_corp:
            return self._by_corp[corp]
        key = normalise_name(ref)
        ids = self._by_key.get(key)
        if not ids and key in self._refused:
            return self._refused[key]
        ids = ids or self._by_core_name(ref)
        if len(ids) == 1:
            return ids[0]
        if ids:
            fits = [self.orgs[i] for i in ids]
            return AmbiguousName(f"{ref!r} fits {_describe(fits)}", fits)
        return UnknownName(ref)

    def similar(self, org: Org) -> list[Org]:
        """Other organisations ``org``'s names fold like (:mod:`ingest.fold`): possible duplicates.

        The same folded name, or the same folded name without its legal form when
        one of the two names has none.  Left out: ``org`` itself, and those a
        different 法人番号 or area says are another organisation.  Nothing is merged.
        """
        ids: dict[str, None] = {}
        for name in (org.name, *org.aliases):
            ids.update(dict.fromkeys(self._by_fold.get(fold(name), ())))
            bare = not fold_form(name)
            for i in self._by_fold_core.get(fold_core(name), ()):
                other = self.orgs[i]
                if bare or any(
                    not fold_form(n) and fold_core(n) == fold_core(name) for n in (other.name, *other.aliases)
                ):
                    ids[i] = None
        ids.pop(org.id, None)
        return [self.orgs[i] for i in ids if _same_place(self.orgs[i], org)]

    def suggest(self, name: str, n: int = 3) -> list[Org]:
        """Organisations whose names look like ``name`` (for "did you mean").

        First those whose name folds like ``name`` (:meth:`similar`), then the
        closest folded names (rapidfuzz, fast on large stores).
        """
        key = fold(name)
        if not key:
            return []
        out = self.similar(Org("", name, ""))
        keys = similar_keys(key, list(self._by_fold), limit=n * 2)
        core = fold_core(name)
        if core and core != key:
            keys += similar_keys(core, list(self._by_fold_core), limit=n)
        for k in keys:
            for i in self._by_fold.get(k, []) + self._by_fold_core.get(k, []):
                if self.orgs[i] not in out:
                    out.append(self.orgs[i])
        return out[:n]


def _same_place(a: Org, b: Org) -> bool:
    """No 法人番号 or area says ``a`` and ``b`` are two organisations."""
    if a.corporate_number and b.corporate_number and a.corporate_number != b.corporate_number:
        return False
    return all(not getattr(a, f) or not getattr(b, f) or getattr(a, f) == getattr(b, f) for f in _AREA)
