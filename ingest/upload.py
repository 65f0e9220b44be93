"""Preview an uploaded file before importing it (the app's Import page).

:func:`read_upload` decodes the bytes, recognises the kind of each table and
maps its headers, and returns the first rows — it writes nothing and needs no
store.  For a full check of every row against the store, call
``import_files(store, [(name, data)], dry_run=True)``.

Examples
--------
>>> p = read_upload("renkei.csv", "連携元,連携先,強さ\\nA,B,4\\n".encode("cp932"))
>>> t = p.tables[0]
>>> t.kind, t.encoding, t.columns, t.rows
('ties', 'cp932', {'source': '連携元', 'target': '連携先', 'strength': '強さ'}, [{'連携元': 'A', '連携先': 'B', '強さ': '4'}])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.headers import KIND_LABELS, detect_kind, map_headers, missing_column_reason, parse_kind
from ingest.readers import read_checked
from ingest.report import RowError
from ingest.validate import REASONS

__all__ = ["TablePreview", "UploadPreview", "read_upload"]


@dataclass
class TablePreview:
    """One table of an upload: kind, encoding, header mapping, first rows."""

    file: str
    kind: str | None
    kind_label: str
    encoding: str
    headers: list[str]
    columns: dict[str, str]  # field → header as written
    missing: list[str]
    ignored: list[str]
    n_rows: int
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class UploadPreview:
    """Every table of an upload; ``ok`` when all can be imported as they are."""

    name: str
    tables: list[TablePreview] = field(default_factory=list)

    @property
    def errors(self) -> list[RowError]:
        return [e for t in self.tables for e in t.errors]

    @property
    def ok(self) -> bool:
        return bool(self.tables) and not self.errors


def read_upload(name: str, data: bytes, kind: str | None = None, *, limit: int = 20) -> UploadPreview:
    """Decode ``data`` and describe each table, with its first ``limit`` rows."""
    forced = parse_kind(kind) if kind else None
    preview = UploadPreview(name)
    for table in read_checked(name, data):
        k = forced or (detect_kind(table.headers, table.hint) if table.headers else None)
        errors = list(table.errors)
        columns: dict[str, str] = {}
        missing: list[str] = []
        ignored: list[str] = []
        if k is None and table.headers:
            errors.append(RowError(table.file, 1, "", ",".join(table.headers), REASONS["unknown_kind"], "unknown_kind"))
        elif k is not None:
            hm = map_headers(table.headers, k)
            columns, missing = dict(hm.labels), hm.missing
            from ingest.formats.custom import custom_columns  # unknown columns are kept (issue 12)

            ignored = custom_columns(table.headers, set(hm.columns.values()), k).ignored
            errors += [RowError(table.file, 1, f, "", missing_column_reason(k, f), "missing_column") for f in missing]
        rows = [
            {
                h: ("" if v is None else v if isinstance(v, str) else str(v))
                for h, v in zip(table.headers, row, strict=False)
                if h
            }
            for row in table.rows[:limit]
        ]
        preview.tables.append(
            TablePreview(
                table.file,
                k,
                KIND_LABELS.get(k, "?") if k else "?",
                table.encoding,
                table.headers,
                columns,
                missing,
                ignored,
                len(table.rows),
                rows,
                errors,
            )
        )
    return preview
