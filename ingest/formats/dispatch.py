"""Which reader a file needs, from its name and first bytes (see :mod:`ingest.formats`)."""

from __future__ import annotations

from ingest.readers import Table

__all__ = ["read_format", "FORMAT_NAMES"]

FORMAT_NAMES: dict[str, str] = {}


def read_format(name: str, data: bytes) -> list[Table] | None:
    """Tables of a GraphML, GEXF, Kumu, Pajek, UCINET DL or Cytoscape file; ``None`` for other files."""
    return None
