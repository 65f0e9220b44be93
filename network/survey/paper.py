"""Answers typed in from the paper form: ``renkei survey import NAME FILE`` and the Survey page.

One row per (respondent, partner); headers in Japanese or English (see
:data:`HEADERS`).  ``respondent`` must be on the round's list (id or name);
``partner`` may be on it or any other name (kept as typed, matched on apply like
an import, never merged).  Every bad row is reported with its row, column and
reason (within the questionnaire's limits: at most ``LIMITS.partners`` partners per
respondent, the partner name, note and comment sizes), and nothing is written unless every row is good; then, in one
transaction, each respondent in the file gets exactly the file's answers, marked
submitted.  Importing the same file again gives the same answers.

>>> sorted(HEADERS)[:3]
['comment', 'contributions', 'date']
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ingest.headers import normalise_header
from ingest.normalise import clean_text, parse_date
from ingest.report import ImportReport, RowError
from network.errors import ValidationError
from network.survey.model import ITEMS, LIMITS, Answer, Response, check_answer, check_response

__all__ = ["HEADERS", "read_answers", "import_answers", "PaperImport"]

#: field → header words accepted (Japanese and English); the field name itself is always accepted.
HEADERS: dict[str, tuple[str, ...]] = {
    "respondent": ("回答団体", "回答者", "回答した団体", "respondent org", "団体"),
    "partner": ("相手団体", "相手の団体", "連携先", "相手", "partner org", "partner name"),
    "frequency": ("頻度", "連携の頻度", "how often"),
    "strength": ("強さ", "関係の深さ", "深さ", "continuum"),
    "types": ("種類", "関係の種類", "関係", "type", "tie types"),
    "trust_openness": ("話し合いへの開かれ", "開放性", "率直な話し合い", "openness"),
    "trust_reliability": ("信頼性", "約束の実行", "reliability"),
    "trust_mission": ("目的の共有", "使命の共有", "mission"),
    "value_influence": ("影響力", "influence", "power and influence"),
    "value_resources": ("資源の提供", "資源", "resources", "resource contribution"),
    "value_involvement": ("関与", "関わりの深さ", "involvement"),
    "note": ("備考", "メモ", "notes"),
    "date": ("回答日", "日付", "answer date"),
    "contributions": ("提供できるもの", "自団体が提供するもの", "貢献", "contribution"),
    "comment": ("自由記述", "コメント", "意見", "comments"),
}
_LOOKUP = {normalise_header(w): f for f, words in HEADERS.items() for w in (f, *words)}
_SPLIT = str.maketrans({c: "," for c in "、・/／;；\n"})


@dataclass
class PaperImport:
    """What an import read: answers, responses, and the report (errors by row and column)."""

    answers: list[Answer] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)


def _words(cell: object) -> list[str]:
    return [w.strip() for w in clean_text(cell).translate(_SPLIT).split(",") if w.strip()]


def read_answers(store: object, name: str, path: str | os.PathLike | tuple[str, bytes]) -> PaperImport:
    """Read and check a paper-answer file against round ``name``; writes nothing."""
    from ingest.readers import read_checked
    from ingest.resolve import Resolver

    rnd = store.survey().get_round(name)  # type: ignore[attr-defined]
    listed = set(rnd.orgs)
    list_orgs = [o for o in store.orgs() if o.id in listed]  # type: ignore[attr-defined]
    resolver = Resolver(list_orgs)
    if isinstance(path, tuple):
        fname, data = path
    else:
        fname, data = os.path.basename(path), open(path, "rb").read()  # noqa: SIM115
    out = PaperImport()
    errors = out.report.errors
    seen: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}  # good answers per respondent so far (at most LIMITS.partners)
    by_org: dict[str, Response] = {}
    for table in read_checked(fname, data):
        errors.extend(table.errors)
        cols = {i: _LOOKUP.get(normalise_header(h)) for i, h in enumerate(table.headers)}
        have = set(cols.values())
        for need in ("respondent", "partner"):
            if need not in have:
                errors.append(
                    RowError(table.file, 1, need, "", f"missing column {need} / 列「{HEADERS[need][0]}」がありません")
                )
        if not {"respondent", "partner"} <= have:
            continue
        header_of = {f: table.headers[i] for i, f in cols.items() if f}
        for cells, rowno in zip(table.rows, table.row_numbers):
            if rowno in table.bad_rows:
                continue
            row = {f: cells[i] if i < len(cells) else None for i, f in cols.items() if f}
            if not any(clean_text(v) for v in row.values()):
                continue

            def bad(f: str, reason: str, row=row, rowno=rowno, file=table.file, heads=header_of) -> None:  # noqa: ANN001
                errors.append(RowError(file, rowno, heads.get(f, f), clean_text(row.get(f)), reason))

            resp_text = clean_text(row.get("respondent"))
            try:
                respondent = resolver.resolve(resp_text)
            except LookupError as exc:
                bad(
                    "respondent",
                    f"not on the list of this round / 調査の一覧にない団体です ({exc})"
                    if resp_text
                    else "empty / 空欄です",
                )
                continue
            partner_text = clean_text(row.get("partner"))
            if not partner_text:
                bad("partner", "empty / 空欄です")
                continue
            try:
                partner, partner_name = resolver.resolve(partner_text), ""
            except LookupError:
                partner, partner_name = "", partner_text
            a = Answer(
                name,
                respondent,
                partner=partner,
                partner_name=partner_name,
                source="paper",
                frequency=clean_text(row.get("frequency")),
                strength=clean_text(row.get("strength")) or None,
                types=_words(row.get("types")),
                note=clean_text(row.get("note")),
            )  # type: ignore[arg-type]
            for item in ITEMS:
                setattr(a, item.key, clean_text(row.get(item.key)) or None)
            ok = True
            try:  # the partner alone (itself, a name too long …), then each other cell alone: one error per cell
                check_answer(Answer(name, respondent, partner=partner, partner_name=partner_name, source="paper"))
            except ValidationError as exc:
                bad("partner", str(exc))
                ok = False
            for f in ("frequency", "strength", "types", *(i.key for i in ITEMS), "note"):
                probe = Answer(name, respondent, partner=respondent + "/probe", source="paper")
                setattr(probe, f, getattr(a, f))
                try:
                    check_answer(probe)
                except ValidationError as exc:
                    bad(f, str(exc))
                    ok = False
            if ok:
                try:
                    check_answer(a)
                except ValidationError as exc:
                    bad("partner", str(exc))
                    ok = False
            day = clean_text(row.get("date"))
            if day:
                try:
                    a.date = parse_date(day) or ""
                except ValueError:
                    a.date = ""
                if not a.date:
                    bad("date", "not a date / 日付ではありません")
                    ok = False
            key = (respondent, a.partner_key)
            if ok and key in seen:
                bad(
                    "partner", f"the same partner again (row {seen[key]}) / 同じ相手が重複しています（{seen[key]}行目）"
                )
                ok = False
            if ok and counts.get(respondent, 0) >= LIMITS.partners:
                bad(
                    "partner",
                    f"more than {LIMITS.partners} partners for {resp_text} / "
                    f"相手の団体は1団体につき{LIMITS.partners}件まで",
                )
                ok = False
            resp = by_org.setdefault(respondent, Response(name, respondent))
            extra = _words(row.get("contributions"))
            comment = clean_text(row.get("comment"))
            joined = "\n".join(x for x in (resp.comment, comment) if x)
            for f, probe in (
                ("contributions", Response(name, respondent, resp.contributions + extra, "")),
                ("comment", Response(name, respondent, [], joined)),
            ):
                try:
                    check_response(probe)
                except ValidationError as exc:
                    bad(
                        f,
                        str(exc)
                        + (
                            " (all rows of this respondent together / この団体の全行の合計)"
                            if f == "comment" and resp.comment
                            else ""
                        ),
                    )
                    ok = False
            if ok:
                resp.contributions = list(dict.fromkeys(resp.contributions + extra))
                resp.comment = joined
                seen[key] = rowno
                counts[respondent] = counts.get(respondent, 0) + 1
                out.answers.append(a)
    for r in by_org.values():
        check_response(r)
    out.responses = list(by_org.values())
    return out


def import_answers(
    store: object,
    name: str,
    path: str | os.PathLike | tuple[str, bytes],
    *,
    dry_run: bool = False,
    user: str = "system",
) -> PaperImport:
    """Read, check, and (when every row is good) store the answers in one transaction.

    Raises ``ValidationError`` (with ``report``) when any row is bad: nothing is written.  The
    import is one audit entry (who, which respondents, how many answers) by ``user``.
    """
    result = read_answers(store, name, path)
    if result.report.errors:
        raise ValidationError(
            f"{len(result.report.errors)} problem(s) in the paper answers; nothing was written / "
            "問題があるため何も書き込んでいません",
            result.report,
        )
    if not dry_run:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        store.survey().replace_answers(
            name,
            result.answers,
            result.responses,
            now=now,  # type: ignore[attr-defined]
            by=user,
        )
        result.report.written = True
    return result
