"""Enrich stored organisations from the national 法人番号 data (国税庁法人番号公表サイト).

The National Tax Agency publishes every corporation as a headerless CSV (one
file per prefecture, or the whole country; Shift_JIS or Unicode; often in a
ZIP) with a fixed column order (:data:`COLUMNS`).  :func:`plan_enrich` streams
such files row by row — a prefecture has millions of rows, memory stays bounded
by the size of the *store*, not of the file — and for every stored
organisation

- whose 法人番号 is in the file: fills ``kind`` (法人種別 code → words,
  :data:`KINDS`), ``prefecture`` and ``city`` when they are empty (a different
  stored value is kept and reported: an office's area may not be the
  registered head office's), and the custom fields ``市区町村コード``
  (prefectureCode + cityCode), and, for a closed one, ``閉鎖日``, ``閉鎖事由``
  (:data:`CLOSE_CAUSES`) and ``承継先法人番号``;
- without a 法人番号, with a city, whose folded name (:mod:`ingest.fold`) and city
  match exactly one entry: suggests that entry's 法人番号 (never written: the user
  adds it, and an import then merges by it).

Rows withdrawn (process ``99``) and past records (``latest`` = 0, in the
difference files) are skipped.  A row with too few columns or a malformed
法人番号 is a bad row (file, row, column, reason); :func:`enrich` then writes
nothing.  :func:`enrich` writes the changes in one ``store.write`` (one
transaction, audited like any write) or, by default, nothing.

Examples
--------
>>> from network.model import Org
>>> row = ["1", "7000012050002", "01", "0", "2024-01-05", "2015-10-05", "国税庁", "", "101", "東京都",
...        "千代田区", "霞が関３丁目１－１", "", "13", "101", "1008978", "", "", "", "", "", "", "2015-10-05",
...        "1", "National Tax Agency", "Tokyo", "Chiyoda ku", "", "コクゼイチョウ", "0"]
>>> import io
>>> plan = plan_enrich([Org("nta", "国税庁", "government", corporate_number="7000012050002")],
...                    [("nta.csv", io.BytesIO(",".join(row).encode("cp932")))])
>>> [(c.field, c.after) for c in plan.changes]
[('kind', '国の機関'), ('prefecture', '東京都'), ('city', '千代田区'), ('市区町村コード', '13101')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ingest.fold import fold, fold_core, fold_form, fold_parts, fold_text
from ingest.houjin import CLOSE_CAUSES, COLUMNS, KINDS, Entry, Source, read_entries
from ingest.normalise import check_corporate_number, normalise_name
from ingest.report import RowError
from network.errors import ValidationError
from network.model import Org
from network.store.base import ChangeSet

__all__ = [
    "COLUMNS",
    "KINDS",
    "CLOSE_CAUSES",
    "CUSTOM_FIELDS",
    "Change",
    "Suggestion",
    "EnrichPlan",
    "plan_enrich",
    "enrich",
    "read_entries",
]

#: Custom fields enrich writes (organisation attributes, as imported custom columns are kept).
CUSTOM_FIELDS = ("市区町村コード", "閉鎖日", "閉鎖事由", "承継先法人番号")


@dataclass(frozen=True)
class Change:
    """One field of one organisation: ``before`` → ``after`` (``kept``: a different stored value, not changed)."""

    org_id: str
    name: str
    field: str
    before: str
    after: str
    kept: bool = False


@dataclass(frozen=True)
class Suggestion:
    """A 法人番号 for an organisation without one: its folded name and city match one entry only."""

    org_id: str
    name: str
    number: str
    entry_name: str
    city: str


@dataclass
class EnrichPlan:
    """What :func:`plan_enrich` found; :meth:`to_text` prints it."""

    rows: int = 0
    matched: int = 0
    changes: list[Change] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)  # the organisations to write, changed
    written: bool = False
    batch: str = ""

    def to_text(self, *, max_errors: int = 20) -> str:
        """The plan for a terminal (values shown with their control characters escaped)."""
        from ingest.controls import escape_controls as esc

        changed = [c for c in self.changes if not c.kept]
        lines = [
            f"{self.rows} rows read, {self.matched} organisations matched by 法人番号, "
            f"{len({c.org_id for c in changed})} to change / 読込 {self.rows} 行、法人番号で一致 {self.matched} 団体"
        ]
        for c in self.changes:
            verb = "kept (file says" if c.kept else "→"
            tail = f" {c.after!r})" if c.kept else f" {c.after!r}"
            lines.append(f"  {c.org_id} {esc(c.name)}: {c.field} {c.before!r} {verb}{esc(tail)}")
        for s in self.suggestions:
            lines.append(
                f"  suggest / 候補: {s.org_id} {esc(s.name)} ({esc(s.city)}) → 法人番号 {s.number} "
                f"({esc(s.entry_name)})"
            )
        if self.errors:
            lines.append(f"{len(self.errors)} bad rows / 不正な行 {len(self.errors)} 件:")
            for e in self.errors[:max_errors]:
                lines.append(f"  {esc(e.file)} row {e.row} [{e.column}] {esc(e.value)!r}: {e.reason}")
        if self.written:
            lines.append(f"written (audit batch {self.batch}) / 書き込みました")
        else:
            lines.append("nothing written (add --write) / 書き込みなし（--write で書き込み）")
        return "\n".join(lines)


# ----------------------------------------------------------------------------- matching
@lru_cache(maxsize=4096)
def _city_key(city: str) -> str:
    """A city name as compared: normalised and folded (七ケ浜町 = 七ヶ浜町); a few thousand, so cached."""
    return fold_text(normalise_name(city))


def _city_keys(city: str) -> tuple[str, ...]:
    """The city names an entry's city matches: itself, without its 郡, and the 市 of a ward.

    >>> _city_keys("仙台市青葉区"), _city_keys("宮城郡七ヶ浜町"), _city_keys("石巻市")
    (('仙台市青葉区', '仙台市'), ('宮城郡七ヶ浜町', '七ヶ浜町'), ('石巻市',))
    """
    c = _city_key(city)
    keys = [c]
    i = c.find("郡")
    if 0 < i < len(c) - 1:
        keys.append(c[i + 1 :])
    i = c.find("市")
    if 0 < i < len(c) - 1 and c.endswith("区"):
        keys.append(c[: i + 1])
    return tuple(keys)


class _Wanted:
    """Stored organisations without a 法人番号, indexed by city and folded name (what suggestions look up)."""

    def __init__(self, orgs: Iterable[Org]) -> None:
        self.by_city: dict[str, dict[str, list[Org]]] = {}
        for o in orgs:
            if o.corporate_number or not o.city:
                continue
            keys = self.by_city.setdefault(_city_key(o.city), {})
            for n in (o.name, *o.aliases):
                keys.setdefault(fold(n), []).append(o)
                if not fold_form(n):  # a name without its legal form: match the entry's without its own
                    keys.setdefault("\x00" + fold_core(n), []).append(o)
        self.hits: dict[str, dict[str, Entry]] = {}  # org id → entries (two are enough: then ambiguous)

    def see(self, e: Entry) -> None:
        for city in _city_keys(e.city):
            keys = self.by_city.get(city)
            if keys is None:
                continue
            form, core = fold_parts(e.name)  # not cached: each of millions of names is seen once
            found = [*keys.get(form + core, ()), *keys.get("\x00" + core, ())]
            for o in found:
                if o.prefecture and _city_key(o.prefecture) != _city_key(e.prefecture):
                    continue
                got = self.hits.setdefault(o.id, {})
                if len(got) < 2:
                    got[e.number] = e


def _apply(org: Org, e: Entry) -> tuple[Org, list[Change]]:
    """``org`` with what entry ``e`` says filled in, and the changes (and kept differences)."""
    changes: list[Change] = []
    new = replace(org, custom=dict(org.custom))
    for f, value in (("kind", KINDS.get(e.kind, "")), ("prefecture", e.prefecture), ("city", e.city)):
        old = getattr(org, f)
        if not value or old == value:
            continue
        if old:
            changes.append(Change(org.id, org.name, f, old, value, kept=True))
        else:
            setattr(new, f, value)
            changes.append(Change(org.id, org.name, f, old, value))
    custom = {
        "市区町村コード": e.municipal_code if len(e.municipal_code) == 5 else "",
        "閉鎖日": e.close_date,
        "閉鎖事由": CLOSE_CAUSES.get(e.close_cause, e.close_cause) if e.close_date else "",
        "承継先法人番号": e.successor,
    }
    for f, value in custom.items():
        old = org.custom.get(f, "")
        if value and old != value:
            new.custom[f] = value
            changes.append(Change(org.id, org.name, f, old, value))
    return new, changes


def plan_enrich(
    orgs: Iterable[Org], sources: Iterable[Source], *, progress: Callable[[int, int], object] | None = None
) -> EnrichPlan:
    """Read ``sources`` against ``orgs``: what would change, what is suggested, which rows are bad.

    Nothing is written.  Memory holds the organisations and, per organisation,
    at most two matching entries — never the file.
    """
    orgs = list(orgs)
    by_corp = {o.corporate_number: o for o in orgs if o.corporate_number}
    wanted = _Wanted(orgs)
    found: dict[str, Entry] = {}
    plan = EnrichPlan()
    for source in sources:
        for e in read_entries(source, plan.errors, progress=progress):
            plan.rows += 1
            if e.number in by_corp:
                found[e.number] = e  # a later (newer) row of one number wins
            elif wanted.by_city:
                wanted.see(e)
    plan.matched = len(found)
    for number, e in found.items():
        new, changes = _apply(by_corp[number], e)
        plan.changes += changes
        if any(not c.kept for c in changes):
            plan.orgs.append(new)
    taken = set(by_corp)
    by_id = {o.id: o for o in orgs}
    for oid, hits in wanted.hits.items():
        if len(hits) == 1:
            (e,) = hits.values()
            if e.number not in taken and check_corporate_number(e.number):
                o = by_id[oid]
                plan.suggestions.append(Suggestion(oid, o.name, e.number, e.name, e.city))
    return plan


def enrich(
    store: object,
    sources: Iterable[Source],
    *,
    write: bool = False,
    user: str = "system",
    progress: Callable[[int, int], object] | None = None,
) -> EnrichPlan:
    """:func:`plan_enrich` against ``store``'s organisations, then (``write=True``) one audited write.

    Raises :class:`~network.errors.ValidationError` (``exc.report`` is the plan) when a row is bad
    and ``write`` is asked: nothing is written.
    """
    plan = plan_enrich(store.orgs(), sources, progress=progress)  # type: ignore[attr-defined]
    if write and plan.errors:
        raise ValidationError(
            f"{len(plan.errors)} bad rows, nothing written / 不正な行があるため書き込みませんでした", plan
        )
    if write and plan.orgs:
        result = store.write(ChangeSet(orgs=plan.orgs), user=user)  # type: ignore[attr-defined]
        plan.written, plan.batch = True, result.batch
    return plan
