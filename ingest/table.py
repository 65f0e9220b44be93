"""A table of rows as the readers hand it to the importer, and what a source is.

:class:`Table` is one CSV/JSON file or one worksheet: headers, rows (lists of
cells parallel to the headers), the row numbers a user sees, and the problems
found while reading.  :data:`Source` is what :func:`ingest.readers.load_sources`
takes: a path, or ``(name, bytes)`` for an upload.

>>> Table("orgs.csv", "utf-8", ["団体名"], [["れんぷく"]], [2]).row_numbers
[2]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.report import RowError

__all__ = ["Table", "Source"]


@dataclass
class Table:
    """Rows of one CSV/JSON file or one worksheet.

    ``file`` labels the table in error reports (``book.xlsx:団体`` for a
    sheet); ``rows`` are lists of cell values parallel to ``headers`` (strings
    from CSV; str/int/float/datetime from XLSX and JSON); ``row_numbers`` gives
    the row number a user sees for each row; ``errors`` holds problems found
    while reading, and ``bad_rows`` the row numbers those errors concern.
    """

    file: str
    encoding: str
    headers: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    hint: str = ""
    errors: list[RowError] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)


def _kind_hint(name: str) -> str:
    stem = Path(name).stem
    return re.split(r"[_\-.\s]", stem)[0] if stem else ""


#: A file path, or ``(name, bytes)`` for an upload.
Source = str | os.PathLike | tuple[str, bytes]
