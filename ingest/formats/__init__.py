"""Files from other tools → the tables :mod:`ingest.importer` validates.

Each reader turns one file into :class:`~ingest.readers.Table` s of
organisation and tie rows with Renkei's column names (``name``, ``sector``,
``source``, ``target``, ``type`` …) plus any other attribute as a custom
column, so validation, name resolution, reports, dry runs and ``--keep-good``
apply unchanged.  :func:`read_format` is the dispatch seam
:func:`ingest.readers.read_source` calls first: it returns ``None`` for a file
that is not one of these formats.

Formats: GraphML (``.graphml``), GEXF 1.2/1.3 (``.gexf``), Kumu (a workbook
with ``Elements`` and ``Connections`` sheets, or its JSON blueprint), Pajek
(``.net``), UCINET DL (``.dl``: full matrix, edgelist1, nodelist1) and
Cytoscape JSON (``.cyjs``).  XML is parsed with :mod:`defusedxml`.
"""

from __future__ import annotations

from ingest.formats.dispatch import FORMAT_NAMES, read_format

__all__ = ["read_format", "FORMAT_NAMES"]
