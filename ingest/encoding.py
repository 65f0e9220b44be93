"""Bytes → text, with the encoding detected, never asked (UTF-8, UTF-8 with BOM, CP932, EUC-JP, UTF-16, JIS).

A byte-order mark decides first (and JIS escape sequences); then strict UTF-8;
then strict CP932 (what Excel in Japan writes) and EUC-JP — rejecting decodings
that produce private-use or control characters; then charset-normalizer,
trusted only for Japanese encodings.  Short Shift_JIS files fool statistical
detectors, so the order is fixed.  When no encoding decodes the whole file, the
closest one is used and ``clean`` is False.

>>> decode_bytes("区分".encode("cp932"))[1:]
('cp932', True)
"""

from __future__ import annotations

import re

__all__ = ["decode_bytes"]

_BAD_CHARS = re.compile("[\ufffd\ue000-\uf8ff\x80-\x9f]")
_CN_TRUSTED = {"euc_jp", "euc_jis_2004", "iso2022_jp", "shift_jis_2004", "shift_jisx0213", "utf_16", "utf_32"}


def _clean(text: str) -> int:
    return len(_BAD_CHARS.findall(text))


def decode_bytes(data: bytes) -> tuple[str, str, bool]:
    """Decode a text file: ``(text, encoding, clean)``.

    ``clean`` is False when some bytes could not be decoded (they become
    U+FFFD in ``text``).

    >>> decode_bytes("区分".encode("utf-8-sig"))[1:], decode_bytes("区分".encode("cp932"))[1:]
    (('utf-8-sig', True), ('cp932', True))
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", True
        except UnicodeDecodeError:
            return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", True
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), "utf-16", False
    if b"\x1b$B" in data or b"\x1b$@" in data:  # ISO-2022-JP (JIS) is 7-bit: it would pass as UTF-8
        try:
            return data.decode("iso2022_jp"), "iso2022_jp", True
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", True
    except UnicodeDecodeError:
        pass
    for enc in ("cp932", "euc_jp"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _BAD_CHARS.search(text):
            return text, enc, True
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding in _CN_TRUSTED:
            text = str(best)
            if not _BAD_CHARS.search(text):
                return text, best.encoding, True
    except Exception:  # pragma: no cover - the detector is a best effort
        pass
    guesses = [(data.decode(enc, errors="replace"), enc) for enc in ("utf-8", "cp932")]
    text, enc = min(guesses, key=lambda g: _clean(g[0]))
    return text, enc, False
