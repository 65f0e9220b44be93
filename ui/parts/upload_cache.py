"""The import page's uploads, parsed once per content (not once per use and per rerun).

Streamlit reruns the page on every click, and the page needs each upload twice
(the preview and the dry run).  A big workbook costs its full memory each time it
is parsed, so the tables are kept under the file's SHA-256 (``st.cache_data``:
each run gets its own copy, so the plan may change it), the preview is built from
them, and the dry run is kept under the store's revision as well.
"""

from __future__ import annotations

import hashlib
import math

import streamlit as st

from ingest.formats.custom import custom_columns
from ingest.headers import KIND_LABELS, detect_kind, map_headers, missing_column_reason
from ingest.importer import plan_import
from ingest.limits import MAX_UPLOAD_BYTES
from ingest.readers import Table, read_checked
from ingest.report import ImportReport, RowError
from ingest.upload import TablePreview
from ingest.validate import REASONS

__all__ = ["UPLOAD_MB", "digest", "parsed", "preview", "dry_run"]

#: ``st.file_uploader``'s limit in MiB: the import limit, so a bigger file never leaves the browser.
UPLOAD_MB = max(1, math.ceil(MAX_UPLOAD_BYTES / 1024 / 1024))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@st.cache_data(show_spinner=False, max_entries=8)
def _parsed(name: str, sha: str, _data: bytes) -> list[Table]:
    return read_checked(name, _data)


def parsed(name: str, data: bytes) -> list[Table]:
    """The tables of one upload (parsed on the first call for this content only)."""
    return _parsed(name, digest(data), data)


def preview(tables: list[Table], *, limit: int = 20) -> list[TablePreview]:
    """Kind, encoding, header mapping and first rows of each table (as ``ingest.upload.read_upload``)."""
    out = []
    for table in tables:
        k = detect_kind(table.headers, table.hint) if table.headers else None
        errors = list(table.errors)
        columns: dict[str, str] = {}
        missing: list[str] = []
        ignored: list[str] = []
        if k is None and table.headers:
            errors.append(RowError(table.file, 1, "", ",".join(table.headers), REASONS["unknown_kind"], "unknown_kind"))
        elif k is not None:
            hm = map_headers(table.headers, k)
            columns, missing = dict(hm.labels), hm.missing
            ignored = custom_columns(table.headers, set(hm.columns.values()), k).ignored  # unknown ones are kept
            errors += [RowError(table.file, 1, f, "", missing_column_reason(k, f), "missing_column") for f in missing]
        rows = [
            {
                h: ("" if v is None else v if isinstance(v, str) else str(v))
                for h, v in zip(table.headers, row, strict=False)
                if h
            }
            for row in table.rows[:limit]
        ]
        out.append(
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
    return out


@st.cache_data(show_spinner=False, max_entries=8)
def _dry_run(revision: int, keys: tuple[tuple[str, str], ...], _store: object, _tables: list[Table]) -> ImportReport:
    _, report, _ = plan_import(_tables, store=_store, report=ImportReport(dry_run=True), compare_ties=True)
    return report


def dry_run(store: object, sources: list[tuple[str, bytes]], tables: list[Table]) -> ImportReport:
    """``import_files(store, sources, dry_run=True)`` from the already parsed ``tables``, per store revision."""
    keys = tuple((name, digest(data)) for name, data in sources)
    return _dry_run(store.revision(), keys, store, tables)  # type: ignore[attr-defined]
