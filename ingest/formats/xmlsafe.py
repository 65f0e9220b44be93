"""Parse untrusted XML safely: :mod:`defusedxml` (no entity expansion, no external resources).

>>> root = parse_xml(b'<a xmlns="urn:x"><b/></a>')
>>> local(root.tag), [local(c.tag) for c in root]
('a', ['b'])
>>> parse_xml(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
Traceback (most recent call last):
...
defusedxml.common.EntitiesForbidden: EntitiesForbidden(name='x', system_id=None, public_id=None)
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as DET
from defusedxml.common import DefusedXmlException

from network.errors import InputError

__all__ = ["parse_xml", "local", "XMLProblem", "children", "DefusedXmlException"]

XMLProblem = (DET.ParseError, DefusedXmlException, ValueError)


_DECL = re.compile(rb"""^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_EXPAT = {"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}


def parse_xml(data: bytes) -> Element:
    """The root element of ``data`` (raises one of :data:`XMLProblem`).

    Expat reads no multi-byte encoding but UTF-8/UTF-16, so a file declaring
    Shift_JIS, CP932 or EUC-JP is decoded by Python first (strictly: a byte
    that does not decode is an error, never a guess).

    >>> x = '<?xml version="1.0" encoding="Shift_JIS"?><a>石巻市</a>'.encode("cp932")
    >>> parse_xml(x).text
    '石巻市'
    """
    m = _DECL.match(data[:300])
    if m and not m.group(1) and m.group(2).decode().lower() not in _EXPAT:
        enc = m.group(2).decode()
        try:
            text = data.decode("cp932" if enc.lower() in ("shift_jis", "shift-jis", "sjis", "x-sjis") else enc)
        except (LookupError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot decode as {enc}: {exc}") from exc
        data = (text[: m.start(2)] + "UTF-8" + text[m.end(2) :]).encode("utf-8")  # the declaration is ASCII
    return DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)


def local(tag: object) -> str:
    """A tag without its namespace: ``{http://graphml.graphdrawing.org/xmlns}node`` → ``node``."""
    t = str(tag)
    return t.rsplit("}", 1)[-1] if t.startswith("{") else t


def children(el: Element, name: str) -> list[Element]:
    """Direct children of ``el`` named ``name`` (any namespace)."""
    return [c for c in el if local(c.tag) == name]
