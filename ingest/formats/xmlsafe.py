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

from xml.etree.ElementTree import Element

import defusedxml.ElementTree as DET
from defusedxml.common import DefusedXmlException

__all__ = ["parse_xml", "local", "XMLProblem", "children", "DefusedXmlException"]

XMLProblem = (DET.ParseError, DefusedXmlException, ValueError)


def parse_xml(data: bytes) -> Element:
    """The root element of ``data`` (raises one of :data:`XMLProblem`)."""
    return DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)


def local(tag: object) -> str:
    """A tag without its namespace: ``{http://graphml.graphdrawing.org/xmlns}node`` → ``node``."""
    t = str(tag)
    return t.rsplit("}", 1)[-1] if t.startswith("{") else t


def children(el: Element, name: str) -> list[Element]:
    """Direct children of ``el`` named ``name`` (any namespace)."""
    return [c for c in el if local(c.tag) == name]
