"""XLSX workbooks → one :class:`~ingest.table.Table` per sheet, after the inflation check of :mod:`ingest.workbook`."""

from __future__ import annotations

import io

from ingest.controls import escape_controls
from ingest.report import RowError
from ingest.table import Table
from ingest.workbook import inflation_problem

__all__: list[str] = []


def _one_line(exc: BaseException) -> str:
    """One line saying why XML or a zip could not be read (never a traceback)."""
    chain_ = [exc]
    while chain_[-1].__cause__ or chain_[-1].__context__:  # openpyxl wraps the parser's error
        chain_.append(chain_[-1].__cause__ or chain_[-1].__context__)  # type: ignore[arg-type]
        if len(chain_) > 8:
            break
    defused = [e for e in chain_ if type(e).__module__.startswith("defusedxml")]
    if defused:
        return (
            "the XML declares entities or a DTD, refused for safety (entity expansion, external entities) / "
            f"安全のため XML のエンティティ宣言は受け付けません ({type(defused[0]).__name__})"
        )
    root = chain_[-1]
    text = " ".join(str(root).split()) or type(root).__name__
    return f"{type(root).__name__}: {text}"[:300]


def _read_xlsx(name: str, data: bytes) -> list[Table]:
    """Every sheet of a workbook, whatever its ``<dimension>`` declares; an unreadable sheet is one error.

    Read-only openpyxl trusts a sheet's ``<dimension>``, which some programs
    leave stale (``A1:C2`` over 9 rows): ``reset_dimensions()`` makes it read
    every row and column there is.  XML that cannot be parsed, or that declares
    entities (refused by defusedxml: entity expansion, external entities), ends
    the sheet with one error naming the sheet and the row it stopped at, and
    none of that sheet's rows is imported.
    """
    import openpyxl

    problem = inflation_problem(name, data)
    if problem is not None:
        return [Table(name, "xlsx", errors=[problem])]
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to open is a message about the file
        t = Table(name, "xlsx")
        t.errors.append(
            RowError(
                name, 0, "", "", f"not a readable XLSX workbook / XLSX として読めません: {_one_line(exc)}", "unreadable"
            )
        )
        return [t]
    tables = []
    try:
        for ws in wb.worksheets:
            table = Table(f"{name}:{escape_controls(ws.title)}", "xlsx", hint=ws.title)
            n = 0
            try:
                if hasattr(ws, "reset_dimensions"):  # a chartsheet has none
                    ws.reset_dimensions()
                for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
                    cells = list(values)
                    if not any(c is not None and str(c).strip() for c in cells):
                        continue
                    if not table.headers:
                        table.headers = ["" if c is None else str(c).strip() for c in cells]
                        continue
                    table.rows.append(cells)
                    table.row_numbers.append(n)
            except Exception as exc:  # noqa: BLE001 - bad XML in one sheet: a message, never a traceback
                tables.append(
                    Table(
                        table.file,
                        "xlsx",
                        errors=[
                            RowError(
                                table.file,
                                n + 1,
                                "",
                                "",
                                f"sheet not readable from row {n + 1}, nothing of it imported / "
                                f"シートを読めません: {_one_line(exc)}",
                                "unreadable",
                            )
                        ],
                    )
                )
                continue
            if table.headers:
                tables.append(table)
    finally:
        wb.close()
    return tables
