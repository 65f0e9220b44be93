"""Text that every output can hold: files, terminals and Markdown.

Three rules, one per kind of reader (docs/trust.md, "Exports never break"):

- :func:`clean_text` — **files** (GraphML, GEXF, CSV, JSON, Kumu, Pajek, DL): every
  character that is a C0 control other than tab, line feed and carriage return, DEL,
  a C1 control (U+0080–U+009F), a lone surrogate, or the noncharacters U+FFFE/U+FFFF
  is written as U+FFFD.  What is left is allowed by the XML 1.0 ``Char`` production
  (minus the controls XML 1.0 §2.2 discourages) and encodes as UTF-8, so no stored
  value can make an export unreadable; these are also the characters the importers
  refuse, so an export imports again.
- :func:`shown` — **terminals** (``renkei orgs``, ``ties``, ``history``): the same
  characters, plus tab, newline and the bidirectional overrides, are shown escaped
  (``\\x1b``, ``\\n``, ``\\u202e``) so that no value can move the cursor, recolour,
  retitle the window or hide text.
- :func:`md_text` — **Markdown**: every ASCII punctuation character that can start or end
  Markdown syntax is backslash-escaped (CommonMark §2.4), so a name is always text: no link, image, HTML, emphasis or
  autolink; controls are shown as with :func:`shown`.

>>> clean_text("A\\x1b[31mB\\x00C\\ufffe")
'A\\ufffd[31mB\\ufffdC\\ufffd'
>>> shown("A\\x1b[2J\\tB")
'A\\\\x1b[2J\\\\tB'
>>> md_text("![x](http://h/p.png)")
'\\\\!\\\\[x\\\\]\\\\(http\\\\:\\\\/\\\\/h\\\\/p\\\\.png\\\\)'
"""

from __future__ import annotations

import json
import re

__all__ = ["clean_text", "clean", "shown", "md_text", "terminal_json", "xml_escape"]

_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NOT_SHOWN = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
#: Markdown's syntax characters (CommonMark, GFM, and ``$`` for Streamlit's math); ``, ; ' " ? % =`` are left as
#: typed, since no inline construct starts with them.
_MD_PUNCT = re.compile(r"""([!#$&()*+\-./:<>@\[\\\]^_`{|}~])""")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean_text(s: str) -> str:
    """``s`` with every character a file format cannot hold replaced by U+FFFD."""
    return _NOT_TEXT.sub("\ufffd", s)


def clean(value: object) -> object:
    """:func:`clean_text` applied to a string, or to every string of a list, tuple or dict."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): clean(v) for k, v in value.items()}
    return value


def _escape(m: re.Match) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    o = ord(ch)
    return f"\\x{o:02x}" if o <= 0xFF else f"\\u{o:04x}"


def shown(value: object) -> str:
    """``value`` as text for a terminal: controls, surrogates and bidi overrides escaped."""
    return _NOT_SHOWN.sub(_escape, "" if value is None else str(value))


def md_text(value: object) -> str:
    """``value`` as Markdown text that renders exactly as written, on one line."""
    s = "" if value is None else str(value)
    s = _MD_PUNCT.sub(r"\\\1", s)
    return _NOT_SHOWN.sub(lambda m: " " if m.group() in "\n\r\t" else _escape(m), s)


def terminal_json(obj: object, **kwargs: object) -> str:
    """JSON for a terminal: Japanese as is, but C1 controls, bidi overrides and lone
    surrogates written as ``\\uXXXX`` escapes (``json`` escapes C0 already).

    >>> terminal_json(["\\x9b31m", "東北"])
    '["\\\\u009b31m", "東北"]'
    """
    text = json.dumps(obj, ensure_ascii=False, **kwargs)  # type: ignore[arg-type]
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def xml_escape(value: object, *, attribute: bool = False) -> str:
    """``value`` cleaned (:func:`clean_text`) and escaped for XML text or a double-quoted attribute.

    Carriage returns (and tabs and newlines in attributes) are written as character
    references, so that XML's end-of-line and attribute normalisation keep them.

    >>> xml_escape('a<b & "c"\\r', attribute=True)
    'a&lt;b &amp; &quot;c&quot;&#13;'
    """
    s = clean_text("" if value is None else str(value))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if attribute:
        s = s.replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
    return s
