"""The national 法人番号 CSV (国税庁法人番号公表サイト): its fixed columns, its codes, and its rows streamed.

The file is headerless, in a fixed column order (:data:`COLUMNS`), Shift_JIS
or UTF-8, often inside a ZIP; :func:`read_entries` reads it row by row (a
prefecture has millions of rows) and yields the :class:`Entry` of each
current one, reporting bad rows.  :mod:`ingest.enrich` matches the entries
to stored organisations.

>>> KINDS["301"], len(COLUMNS)
('株式会社', 30)
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ingest.report import RowError
from network.errors import ValidationError

__all__ = ["COLUMNS", "KINDS", "CLOSE_CAUSES", "Entry", "Source", "read_entries"]


#: The fixed columns of the 法人番号 CSV (リソース定義書), in order.
COLUMNS: tuple[str, ...] = (
    "sequence",
    "corporateNumber",
    "process",
    "correct",
    "updateDate",
    "changeDate",
    "name",
    "nameImageId",
    "kind",
    "prefectureName",
    "cityName",
    "streetNumber",
    "addressImageId",
    "prefectureCode",
    "cityCode",
    "postCode",
    "addressOutside",
    "addressOutsideImageId",
    "closeDate",
    "closeCause",
    "successorCorporateNumber",
    "changeCause",
    "assignmentDate",
    "latest",
    "enName",
    "enPrefectureName",
    "enCityName",
    "enAddressOutside",
    "furigana",
    "hihyoji",
)
_I = {c: i for i, c in enumerate(COLUMNS)}
_MIN_COLUMNS = _I["successorCorporateNumber"] + 1  # older layouts end earlier; what is used must be there

#: 法人種別 code → words (the ten fixed codes).
KINDS: dict[str, str] = {
    "101": "国の機関",
    "201": "地方公共団体",
    "301": "株式会社",
    "302": "有限会社",
    "303": "合名会社",
    "304": "合資会社",
    "305": "合同会社",
    "399": "その他の設立登記法人",
    "401": "外国会社等",
    "499": "その他",
}
#: 登記記録の閉鎖等の事由 code → words.
CLOSE_CAUSES: dict[str, str] = {
    "01": "清算の結了等",
    "11": "合併による解散等",
    "21": "登記官による閉鎖",
    "31": "その他の清算の結了等",
}

Source = str | os.PathLike | tuple[str, IO[bytes]]


@dataclass(frozen=True, slots=True)
class Entry:
    """The columns of one 法人番号 row that enrich uses."""

    number: str
    name: str
    kind: str
    prefecture: str
    city: str
    municipal_code: str
    close_date: str
    close_cause: str
    successor: str


# ----------------------------------------------------------------------------- reading
class _Counting(io.RawIOBase):
    """A binary stream that counts the bytes read (for the progress bar)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.done = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # noqa: ANN001 - a writable buffer
        data = self.raw.read(len(b))
        b[: len(data)] = data
        self.done += len(data)
        return len(data)


def _open(source: Source) -> tuple[str, IO[bytes], int]:
    """``(name, binary stream, size)``; a ZIP gives its one CSV (the site's downloads are zipped)."""
    if isinstance(source, tuple):
        name, fh = source
        try:
            size = fh.seek(0, 2)
            fh.seek(0)
        except (OSError, AttributeError):
            size = 0
        return name, fh, size
    path = Path(source)
    if zipfile.is_zipfile(path):
        z = zipfile.ZipFile(path)
        csvs = [i for i in z.infolist() if i.filename.lower().endswith(".csv")]
        if len(csvs) != 1:
            raise ValidationError(f"{path.name}: expected one CSV in the ZIP, found {len(csvs)}")
        return f"{path.name}/{csvs[0].filename}", z.open(csvs[0]), csvs[0].file_size
    return path.name, open(path, "rb"), path.stat().st_size  # noqa: SIM115 - closed by read_entries


def _encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the first bytes decode as such, else Shift_JIS (CP932)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp932"


def read_entries(
    source: Source, errors: list[RowError], *, progress: Callable[[int, int], object] | None = None
) -> Iterator[Entry]:
    """The current entries of one file, streamed; bad rows go to ``errors``.

    ``progress(bytes_read, total_bytes)`` is called every 20,000 rows.
    """
    name, raw, size = _open(source)
    counting = _Counting(raw)
    buffered = io.BufferedReader(counting, 1 << 16)
    try:
        enc = _encoding(buffered.peek(1 << 16)[: 1 << 16])
        text = io.TextIOWrapper(buffered, encoding=enc, newline="")
        number = 0
        try:
            for number, row in enumerate(csv.reader(text), start=1):
                if progress is not None and number % 20_000 == 0:
                    progress(counting.done, size)
                if len(row) < _MIN_COLUMNS:
                    if row and any(row):
                        errors.append(
                            RowError(
                                name,
                                number,
                                "",
                                ",".join(row)[:80],
                                f"{len(row)} columns, the 法人番号 layout has {len(COLUMNS)} / 列数が違います",
                                "enrich_columns",
                            )
                        )
                    continue
                if row[_I["process"]] == "99" or (len(row) > _I["latest"] and row[_I["latest"]] == "0"):
                    continue
                corp = row[_I["corporateNumber"]]
                if len(corp) != 13 or not corp.isdigit():
                    errors.append(
                        RowError(
                            name,
                            number,
                            "corporateNumber",
                            corp[:20],
                            "not a 13-digit 法人番号 / 法人番号が13桁の数字ではありません",
                            "enrich_number",
                        )
                    )
                    continue
                yield Entry(
                    corp,
                    row[_I["name"]],
                    row[_I["kind"]],
                    row[_I["prefectureName"]],
                    row[_I["cityName"]],
                    row[_I["prefectureCode"]] + row[_I["cityCode"]],
                    row[_I["closeDate"]],
                    row[_I["closeCause"]],
                    row[_I["successorCorporateNumber"]],
                )
        except UnicodeDecodeError as exc:
            errors.append(
                RowError(
                    name, number + 1, "", "", f"not {enc} text ({exc.reason}) / 文字コードが違います", "enrich_encoding"
                )
            )
        if progress is not None:
            progress(size, size)
    finally:
        raw.close()
