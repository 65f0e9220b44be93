"""An XLSX is a zip: bound what it inflates to before openpyxl reads it.

The upload limit (``MAX_UPLOAD_BYTES``) counts compressed bytes, and XML
compresses a thousand to one: a 500 KB workbook can hold a 500 MB cell.
:func:`inflation_problem` refuses a workbook

- whose parts use another compression than stored or deflate (Excel writes
  only those; bzip2 and LZMA members inflate in one call, unbounded);
- whose declared sizes add up to more than ``MAX_XLSX_INFLATED_BYTES``
  (64 MiB by default), without inflating anything;
- whose parts, inflated here in 1 MiB steps, turn out bigger than they
  declare (declared sizes can lie; Python's ``zipfile`` would silently cut
  such a part short), so no more than the budget is ever inflated;
- whose XML holds one text run longer than 8 × ``MAX_CELL_CHARS`` bytes (at
  least 1 MiB; a cell over ``MAX_CELL_CHARS`` but under that is reported with
  its row and column instead), or more than ``MAX_XLSX_SHARED_STRINGS``
  shared strings (each costs about 150 bytes once parsed).

Only one step is held at a time, so the check itself needs a few MiB; nothing
is kept.  A zip that ``zipfile`` cannot open
is left to openpyxl, which reports it as unreadable.

Examples
--------
>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
...     z.writestr("xl/worksheets/sheet1.xml", b"<a/>" * 1000)
>>> inflation_problem("book.xlsx", buf.getvalue()) is None
True
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from ingest import limits
from ingest.report import RowError

__all__ = ["inflation_problem"]

_STEP = 1 << 20
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:,.1f} MiB"


def _too_large(name: str, what: str, ja: str) -> RowError:
    return RowError(name, 0, "", "", f"{name}: {what}; split or re-save the workbook / {ja}", "xlsx_too_large")


_SI = re.compile(rb"<(?:\w+:)?si[\s>/]")


class _Meter:
    """What one part holds, measured chunk by chunk: bytes, the longest text run, shared strings."""

    def __init__(self, name: str, long_run: int) -> None:
        self.total = self.longest = self.run = self.strings = 0
        self.xml = name.lower().endswith((".xml", ".rels", ".vml"))
        self.sst = "sharedstrings" in name.lower()
        self.long_run = long_run
        self.tail = b""
        self._long = re.compile(b"[^<]{%d,}" % long_run)

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        if not self.xml or not chunk:
            return
        cut = chunk.find(b"<")
        if cut < 0:
            self.run += len(chunk)
        else:
            self.longest = max(self.longest, self.run + cut)
            self.run = len(chunk) - chunk.rindex(b"<") - 1
            if self._long.search(chunk):
                self.longest = max(self.longest, self.long_run)
        self.longest = max(self.longest, self.run)
        if self.sst:  # matches wholly inside the carried tail were counted with the chunk before
            self.strings += len(_SI.findall(self.tail + chunk)) - len(_SI.findall(self.tail))
            self.tail = chunk[-16:]

    def over(self) -> bool:
        """True once the part is known to be refused (no need to inflate the rest)."""
        return self.longest >= self.long_run or self.strings > limits.MAX_XLSX_SHARED_STRINGS


def _measure(data: bytes, info: zipfile.ZipInfo, cap: int, meter: _Meter) -> None:
    """Inflate ``info`` in steps into ``meter``, stopping once it passes ``cap`` bytes."""
    head = data[info.header_offset : info.header_offset + 30]
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    start = info.header_offset + 30 + name_len + extra_len
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, min(len(raw), cap + 1), _STEP):
            meter.feed(bytes(raw[at : at + _STEP]))
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    for at in range(0, len(raw), _STEP):
        chunk = raw[at : at + _STEP]
        while chunk and meter.total <= cap and not meter.over():
            meter.feed(inflater.decompress(chunk, _STEP))
            chunk = inflater.unconsumed_tail
        if meter.total > cap or inflater.eof or meter.over():
            return


def inflation_problem(name: str, data: bytes) -> RowError | None:
    """Why the workbook ``data`` may not be opened (a file-level :class:`RowError`), or ``None``."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None  # not a zip at all: openpyxl says so
    budget = limits.MAX_XLSX_INFLATED_BYTES
    for info in infos:
        if info.compress_type not in _METHODS:
            return RowError(
                name,
                0,
                "",
                info.filename,
                f"{name}: part {info.filename} uses compression method "
                f"{info.compress_type}, not stored or deflate as Excel writes / "
                "Excel が使わない圧縮方式です",
                "unreadable",
            )
    declared = sum(i.file_size for i in infos)
    if declared > budget:
        return _too_large(
            name,
            f"the parts declare {_mib(declared)} uncompressed, over the limit of {_mib(budget)}",
            f"展開後のサイズが上限（{_mib(budget)}）を超えます",
        )
    long_run = max(limits.MAX_CELL_CHARS * 8, 1 << 20)
    for info in infos:
        meter = _Meter(info.filename, long_run)
        try:
            _measure(data, info, info.file_size, meter)
        except (zipfile.BadZipFile, zlib.error) as exc:
            return RowError(
                name,
                0,
                "",
                info.filename,
                f"{name}: part {info.filename} is damaged / 壊れています: {exc}",
                "unreadable",
            )
        part = f"part {info.filename}"
        if meter.total > info.file_size:
            return _too_large(
                name,
                f"{part} declares {info.file_size:,} bytes but inflates to more (damaged or forged)",
                "宣言されたサイズより大きく展開されます（破損または改ざん）",
            )
        if meter.longest >= long_run:
            return _too_large(
                name,
                f"{part} holds one text of {_mib(meter.longest)} or more (a cell holds at "
                f"most {limits.MAX_CELL_CHARS:,} characters)",
                "セルの文字数が多すぎます",
            )
        if meter.strings > limits.MAX_XLSX_SHARED_STRINGS:
            return _too_large(
                name,
                f"{part} holds over {limits.MAX_XLSX_SHARED_STRINGS:,} shared strings",
                f"共有文字列が多すぎます（上限 {limits.MAX_XLSX_SHARED_STRINGS:,}）",
            )
    return None
