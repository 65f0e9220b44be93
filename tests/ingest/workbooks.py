"""Real workbooks for the ingest tests: written by openpyxl, then edited part by part.

:func:`book` saves a workbook with openpyxl (what a spreadsheet program
writes); :func:`edit` rewrites one part of it (a sheet's XML, the shared
strings), keeping every other part byte for byte, so a test file is a real
workbook with exactly one thing wrong.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable

import openpyxl

__all__ = ["book", "edit", "stale_dimension", "inflating_book", "lie_about_size", "SHEET"]

SHEET = "xl/worksheets/sheet1.xml"


def book(
    rows: Iterable[Iterable[object]], headers: Iterable[str] = ("name", "sector", "city"), title: str = "orgs"
) -> bytes:
    """An XLSX with one sheet: ``headers`` then ``rows``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def edit(data: bytes, member: str, fn: Callable[[bytes], bytes], *, add: dict[str, bytes] | None = None) -> bytes:
    """``data`` with the part ``member`` replaced by ``fn(old bytes)`` (and parts ``add`` added)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            part = src.read(info.filename)
            z.writestr(info.filename, fn(part) if info.filename == member else part)
        for name, part in (add or {}).items():
            z.writestr(name, part)
    return out.getvalue()


def stale_dimension(data: bytes, ref: str) -> bytes:
    """``data`` whose first sheet declares ``<dimension ref=ref>`` whatever it holds."""
    return edit(data, SHEET, lambda b: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), b))


def inflating_book(path: str, inflated: int) -> int:
    """Write to ``path`` a real workbook whose one cell inflates to ``inflated`` bytes; its size on disk.

    The sheet is streamed into the zip in 1 MiB chunks, so building a 500 MB
    inflation takes little memory.  Returns the compressed file's size.
    """
    import os

    base = zipfile.ZipFile(io.BytesIO(book([("AAA", "npo", "仙台市")])))
    sheet = base.read(SHEET)
    head, tail = sheet.split(b"AAA", 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in base.infolist():
            if info.filename != SHEET:
                z.writestr(info.filename, base.read(info.filename))
        with z.open(SHEET, "w", force_zip64=True) as out:
            out.write(head)
            chunk = b"x" * (1 << 20)
            left = inflated
            while left > 0:
                out.write(chunk[:left])
                left -= len(chunk)
            out.write(tail)
    return os.path.getsize(path)


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """``data`` whose local and central headers declare ``member`` to inflate to ``size`` bytes."""
    import struct

    out = bytearray(data)
    name = member.encode()
    for sig, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (at := out.find(sig, start)) >= 0:
            start = at + 4
            name_at = at + (46 if sig == b"PK\x01\x02" else 30)
            if out[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", out, at + offset, size)
    return bytes(out)
