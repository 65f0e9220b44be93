"""What an import found and did: bad rows, files read, counts per kind.

Examples
--------
>>> e = RowError("ties.csv", 3, "強さ", "9", "strength out of range 1–5 / 強さは1〜5", "strength_range")
>>> r = ImportReport(errors=[e])
>>> r.ok, r.to_rows()[0]["column"]
(False, '強さ')
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field

__all__ = ["RowError", "FileInfo", "KindCounts", "PossibleDuplicate", "ImportReport", "write_rejects"]


@dataclass(frozen=True)
class RowError:
    """One bad cell or row.

    ``row`` is the row number a spreadsheet shows (the header is row 1; for
    JSON the position of the object, from 1; 0 for the file as a whole).
    ``column`` is the header as the file writes it.  ``reason`` is English and
    Japanese; ``code`` is a stable identifier (``unknown_sector``, ``bad_date`` …).
    """

    file: str
    row: int
    column: str
    value: str
    reason: str
    code: str = ""


@dataclass
class FileInfo:
    """One table read: a CSV/JSON file, or one sheet of a workbook."""

    file: str
    kind: str | None
    encoding: str
    rows: int
    columns: dict[str, str] = field(default_factory=dict)  # field → header as written
    ignored_columns: list[str] = field(default_factory=list)
    custom_columns: list[str] = field(default_factory=list)  # kept as custom fields (ingest.formats.custom)


@dataclass
class KindCounts:
    """Rows read and records created, updated, unchanged, rejected for one kind."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class PossibleDuplicate:
    """A new organisation whose name folds like others' (:meth:`ingest.resolve.Resolver.similar`).

    Kept apart; ``candidates`` are ``(id, name)`` of the organisations it looks like.
    Same 法人番号, same id, or the name added as an alias merges them.
    """

    file: str
    row: int
    name: str
    org_id: str
    candidates: list[tuple[str, str]]

    def text(self) -> str:
        """One line for the command line.

        >>> PossibleDuplicate("o.csv", 3, "ミヤギ", "org-b", [("org-a", "みやぎ")]).text()
        "o.csv row 3 'ミヤギ' looks like 'みやぎ' (org-a): kept apart / 別の団体として登録"
        """
        like = ", ".join(f"{n!r} ({i})" for i, n in self.candidates)
        return f"{self.file} row {self.row} {self.name!r} looks like {like}: kept apart / 別の団体として登録"


@dataclass
class ImportReport:
    """The outcome of :func:`ingest.importer.import_files` (also of a failed one).

    ``errors`` lists every bad row; ``counts`` maps ``orgs``/``ties``/
    ``participations``/``activities`` to :class:`KindCounts`; ``written`` is
    False for a dry run or when nothing was written because of bad rows.
    """

    files: list[FileInfo] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, KindCounts] = field(default_factory=dict)
    written: bool = False
    dry_run: bool = False
    batch: str = ""
    rejects_path: str | None = None
    merged: dict[str, list[str]] = field(default_factory=dict)  # org id → spellings merged into it
    #: new organisations whose names fold like others' (ingest.fold): suggested, never merged
    possible_duplicates: list[PossibleDuplicate] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, kind: str) -> KindCounts:
        return self.counts.setdefault(kind, KindCounts())

    def to_rows(self) -> list[dict]:
        """The bad rows as dicts (file, row, column, value, reason, code) for a table."""
        return [asdict(e) for e in self.errors]

    def summary_rows(self) -> list[dict]:
        """One dict per kind: kind, read, created, updated, unchanged, rejected."""
        return [{"kind": k, **asdict(c)} for k, c in self.counts.items()]

    def summary(self) -> str:
        """One line: per kind, created/updated/unchanged/rejected (and whether written).

        >>> ImportReport(counts={"ties": KindCounts(read=3, created=2, unchanged=1)}, written=True).summary()
        'ties 3 read: 2 created, 0 updated, 1 unchanged, 0 rejected (新規 2 / 更新 0 / 変更なし 1 / 不正 0)'
        """
        parts = [
            f"{k} {c.read} read: {c.created} created, {c.updated} updated, {c.unchanged} unchanged, "
            f"{c.rejected} rejected (新規 {c.created} / 更新 {c.updated} / 変更なし {c.unchanged} / "
            f"不正 {c.rejected})"
            for k, c in self.counts.items()
        ]
        line = "; ".join(parts) or "no rows / 行なし"
        kept = list(dict.fromkeys(c for f in self.files for c in f.custom_columns))  # issue 12
        if kept:
            line += f"; kept as custom fields / 独自項目として保存: {', '.join(kept)}"
        if self.possible_duplicates:  # ingest.fold: listed by to_text, and by renkei import
            n = len(self.possible_duplicates)
            line += f"; {n} possible duplicates, kept apart / 重複の可能性 {n} 件"
        if self.dry_run:
            line += " — dry run, nothing written / 試行のみ"
        elif not self.written:
            line += " — nothing written / 書き込みなし"
        return line

    def to_text(self, *, max_errors: int | None = None) -> str:
        """A plain-text report for the command line (control characters shown escaped, ``\\x1b``)."""
        from ingest.controls import escape_controls as esc  # controls imports this module

        lines = []
        for f in self.files:
            lines.append(f"{esc(f.file)}: {f.kind or '?'} ({f.encoding}), {f.rows} rows / 行")
        for k, c in self.counts.items():
            lines.append(
                f"{k}: read {c.read}, created {c.created}, updated {c.updated}, "
                f"unchanged {c.unchanged}, rejected {c.rejected} "
                f"(読込 {c.read} / 新規 {c.created} / 更新 {c.updated} / 変更なし {c.unchanged} / 不正 {c.rejected})"
            )
        lines += [f"warning / 注意: {esc(w)}" for w in self.warnings]
        if self.possible_duplicates:
            lines.append(
                f"{len(self.possible_duplicates)} possible duplicates / 重複の可能性 "
                f"{len(self.possible_duplicates)} 件 (same 法人番号 or id, or an alias, merges them / "
                "同じ法人番号・ID または別名で統合):"
            )
            lines += [f"  {esc(d.text())}" for d in self.possible_duplicates]
        if self.errors:
            lines.append(f"{len(self.errors)} bad rows / 不正な行 {len(self.errors)} 件:")
            shown = self.errors if max_errors is None else self.errors[:max_errors]
            for e in shown:
                lines.append(f"  {esc(e.file)} row {e.row} [{esc(e.column)}] {e.value!r}: {esc(e.reason)}")
            if len(shown) < len(self.errors):
                lines.append(f"  … {len(self.errors) - len(shown)} more / ほか {len(self.errors) - len(shown)} 件")
        if self.rejects_path:
            lines.append(f"rejected rows written to / 不正な行の出力先: {self.rejects_path}")
        if self.dry_run:
            lines.append("dry run: nothing written / 試行のみ（書き込みなし）")
        elif not self.written:
            lines.append("nothing written / 書き込みなし")
        return "\n".join(lines)


def write_rejects(path: str, errors: list[RowError], rows: dict[tuple[str, int], dict]) -> None:
    """Write bad rows to a CSV (UTF-8 with BOM, so Excel opens it in Japanese).

    Columns: file, row, column, value, reason, code, data (the row's cells as a
    JSON object keyed by the headers as written).  Every cell goes through
    :func:`network.present.export.csv_safe`, as the exports do: a value a spreadsheet
    would run as a formula (``=cmd|' /C calc'!A0``) gets a leading apostrophe.
    """
    from network.present.export import csv_safe

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["file", "row", "column", "value", "reason", "code", "data"])
    for e in errors:
        data = rows.get((e.file, e.row))
        w.writerow(
            [
                csv_safe(c)
                for c in (
                    e.file,
                    e.row,
                    e.column,
                    e.value,
                    e.reason,
                    e.code,
                    json.dumps(data, ensure_ascii=False, default=str) if data else "",
                )
            ]
        )
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(buf.getvalue())
