"""A CSV of this machine read in chunks, never whole: what lets ``renkei import`` take a file of any length.

:func:`open_csv` looks at a local file and, when it is a plain CSV (or TSV) —
not a workbook, JSON or graph format, not a Kumu sheet, its encoding decoding the
whole file cleanly (UTF-8, UTF-8 with BOM, UTF-16, CP932 or EUC-JP, checked by
streaming the bytes through a strict decoder) and its headers fit to store —
returns a :class:`StreamedTable`: the headers now, the rows later, as tables of
at most :data:`CHUNK_ROWS` rows (:meth:`StreamedTable.chunks`), each checked
against the limits of :mod:`ingest.guard` as a whole table would be.  Any other
file returns ``None`` and is read in memory as before (:func:`ingest.readers.read_checked`).

Rows are read exactly as :mod:`ingest.csvfile` reads them (same delimiter rule,
same blank rows skipped, same ``'=…`` cells restored, same row numbers), so a
streamed table gives the importer the rows, errors and numbers the whole table
would.  Problems found while reading (:attr:`StreamedTable.read_errors`, the
cells over the limits) are known once a pass is over; the importer puts them
where the whole table's errors stand in the report.  The file is read again to
write its ties (:mod:`ingest.tiestream`); a file whose size or modification
time changes in between refuses the import (:class:`FileChanged`), nothing written.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "ties.csv"
>>> _ = p.write_text("連携元,連携先\\nA,B\\n\\nC,D\\n", encoding="cp932")
>>> t = open_csv(p, "ties.csv")
>>> t.encoding, t.headers, [(c.rows, c.row_numbers) for c in t.chunks()]
('cp932', ['連携元', '連携先'], [([['A', 'B'], ['C', 'D']], [2, 4])])
"""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest import limits
from ingest.controls import header_errors
from ingest.csvfile import _NEUTRALISED
from ingest.encoding import _BAD_CHARS
from ingest.guard import apply_limits, wide_csv_fields
from ingest.report import RowError
from ingest.table import Table, _kind_hint
from network.errors import RenkeiError

__all__ = ["CHUNK_ROWS", "StreamedTable", "FileChanged", "open_csv", "is_streamed"]

#: Rows per chunk: small enough that a chunk's cells and records stay a few MiB.
CHUNK_ROWS = 20_000
_BLOCK = 1 << 20  # bytes read at a time while checking the encoding


class FileChanged(RenkeiError):
    """The file changed between the reads of one import: nothing is written."""


def _decodes(path: Path, encoding: str, skip: int = 0, *, bad_chars: bool = False) -> bool:
    """Whether the whole file (after ``skip`` bytes) decodes strictly as ``encoding``, streamed."""
    dec = codecs.getincrementaldecoder(encoding)("strict")
    with path.open("rb") as f:
        f.seek(skip)
        try:
            while block := f.read(_BLOCK):
                text = dec.decode(block)
                if bad_chars and _BAD_CHARS.search(text):
                    return False
            text = dec.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return not (bad_chars and _BAD_CHARS.search(text))


def _holds(path: Path, needles: tuple[bytes, ...]) -> bool:
    """Whether any of ``needles`` occurs in the file (read a block at a time, blocks overlapping)."""
    keep = max(map(len, needles)) - 1
    tail = b""
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            data = tail + block
            if any(n in data for n in needles):
                return True
            tail = data[-keep:]
    return False


def _encoding(path: Path, head: bytes) -> str | None:
    """The encoding :func:`ingest.encoding.decode_bytes` would find, when it decodes the file cleanly; else ``None``.

    ``None`` also for what only the whole file tells (JIS escapes, charset-normalizer's guesses,
    undecodable bytes): such a file is read in memory, as before.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig" if _decodes(path, "utf-8", 3) else None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16" if _decodes(path, "utf-16") else None
    if _holds(path, (b"\x1b$B", b"\x1b$@")):
        return None
    if _decodes(path, "utf-8"):
        return "utf-8"
    for enc in ("cp932", "euc_jp"):
        if _decodes(path, enc, bad_chars=True):
            return enc
    return None


def _plain_csv(name: str, head: bytes) -> bool:
    """Whether :func:`ingest.readers.read_source` would read this file with the CSV reader."""
    from ingest.formats.dispatch import sniff

    lower = name.lower()
    if lower.endswith((".xlsx", ".xlsm", ".json")) or head[:4] == b"PK\x03\x04":
        return False
    return sniff(name, head) is None and head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] not in (b"[", b"{")


@dataclass
class StreamedTable(Table):
    """A CSV table whose rows stay in the file: :meth:`chunks` reads them, a chunk at a time.

    ``headers``, ``file``, ``encoding`` and ``hint`` are those the whole table would have;
    ``rows`` stays empty.  After a pass, :attr:`n_rows` is the number of rows read and
    :attr:`read_errors` what the whole table's ``errors`` would hold (an unreadable
    stretch, then the cells over the limits, in row order).
    """

    path: Path = Path()
    delimiter: str = ","
    quoted: bool = True
    stamp: tuple[int, int] = (0, 0)
    word_map: tuple | None = None
    raw_headers: list[str] = field(default_factory=list)  # as the file writes them (before ``--map``)
    n_rows: int = 0
    read_errors: list[RowError] = field(default_factory=list)

    def check_unchanged(self) -> None:
        """Raise :class:`FileChanged` when the file's size or modification time differ from the first look."""
        st = self.path.stat()
        if (st.st_size, st.st_mtime_ns) != self.stamp:
            raise FileChanged(
                f"{self.file}: the file changed while it was imported; nothing written / "
                "取り込み中にファイルが変更されました（書き込みなし）"
            )

    def chunks(self) -> Iterator[Table]:
        """The rows as tables of at most :data:`CHUNK_ROWS` rows, each within the limits (see the class)."""
        self.check_unchanged()
        unreadable: list[RowError] = []
        over: list[RowError] = []
        self.n_rows = 0
        with (
            self.path.open(encoding=self.encoding, newline="") as f,
            wide_csv_fields(self.stamp[0] + 1),
        ):
            reader = csv.reader(f, delimiter=self.delimiter)
            chunk = self._chunk()
            n = 0
            try:
                for n, row in enumerate(reader, start=1):
                    if n == 1 or not any(row) or (not row[0].strip() and not any(c.strip() for c in row)):
                        continue
                    if self.quoted:
                        row = [c[1:] if c.startswith(_NEUTRALISED) else c for c in row]
                    chunk.rows.append(row)
                    chunk.row_numbers.append(n)
                    if len(chunk.rows) >= CHUNK_ROWS:
                        yield self._checked(chunk, over)
                        chunk = self._chunk()
            except csv.Error as exc:  # as ingest.csvfile reports it: the rows before it are kept
                at = self.n_rows + len(chunk.rows) + 2
                unreadable.append(
                    RowError(
                        self.file,
                        at,
                        "",
                        "",
                        f"not a readable CSV from row {at} / CSV として読めません: {exc}",
                        "unreadable",
                    )
                )
                chunk.bad_rows.add(at)
            if chunk.rows or chunk.bad_rows:
                yield self._checked(chunk, over)
        self.check_unchanged()
        self.read_errors = unreadable + over

    def _chunk(self) -> Table:
        return Table(self.file, self.encoding, list(self.raw_headers), hint=self.hint)

    def _checked(self, chunk: Table, over: list[RowError]) -> Table:
        """``chunk`` within the limits (its errors added to ``over``), then the word map (``--map``)."""
        self.n_rows += len(chunk.rows)
        apply_limits(chunk, rows_limited=False)
        over += chunk.errors
        chunk.errors = []
        if self.word_map is not None:
            from ingest.formats.wordmap import apply_word_map

            apply_word_map([chunk], *self.word_map)
        return chunk

    def whole(self) -> Table:
        """The rows in memory, as :func:`ingest.readers.read_checked` would have read them (for small kinds)."""
        t = Table(self.file, self.encoding, list(self.headers), hint=self.hint)
        for chunk in self.chunks():
            t.rows += chunk.rows
            t.row_numbers += chunk.row_numbers
            t.bad_rows |= chunk.bad_rows
        t.errors = list(self.read_errors)
        return t


def is_streamed(table: Table) -> bool:
    """Whether ``table`` is a :class:`StreamedTable` (its rows read by :meth:`~StreamedTable.chunks`)."""
    return isinstance(table, StreamedTable)


def open_csv(path: str | os.PathLike, name: str) -> StreamedTable | None:
    """A :class:`StreamedTable` over the file at ``path`` (labelled ``name``), or ``None``: read it in memory."""
    path = Path(path)
    st = path.stat()
    if st.st_size == 0:
        return None
    with path.open("rb") as f:
        head = f.read(1 << 16)
    if not _plain_csv(name, head):
        return None
    enc = _encoding(path, head)
    if enc is None:
        return None
    with path.open(encoding=enc, newline="") as f:
        first = ""
        while "\n" not in first and (piece := f.read(1 << 16)):
            first += piece
        first = first.split("\n", 1)[0]
        f.seek(0)
        delimiter = "\t" if ("\t" in first and "," not in first) or name.lower().endswith(".tsv") else ","
        with wide_csv_fields(st.st_size + 1):
            try:
                headers = [h.strip() for h in next(csv.reader(f, delimiter=delimiter), [])]
            except csv.Error:
                return None
    quoted = enc == "utf-16" or _holds(path, (b"'",))
    table = StreamedTable(
        name,
        enc,
        headers,
        hint=_kind_hint(name),
        path=path,
        delimiter=delimiter,
        quoted=quoted,
        stamp=(st.st_size, st.st_mtime_ns),
        raw_headers=list(headers),
    )
    from ingest.formats.kumu import _csv_sheet

    if not any(headers) or len(headers) > limits.MAX_COLUMNS or header_errors(table) or _csv_sheet(table) is not None:
        return None
    return table
