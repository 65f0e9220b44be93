"""Files and forms in → normalised, validated, resolved records → store.

>>> from ingest import normalise_name
>>> normalise_name("㈱富士通エフサス")
'株式会社富士通エフサス'
"""

from __future__ import annotations

from ingest.forms import validate_org_form, validate_tie_form
from ingest.importer import import_files, plan_import
from ingest.normalise import check_corporate_number, core_name, normalise_name, parse_date
from ingest.project import project_participations, projected_ties
from ingest.report import ImportReport, RowError
from ingest.resolve import Resolver
from ingest.upload import read_upload

__all__ = [
    "import_files",
    "plan_import",
    "ImportReport",
    "RowError",
    "Resolver",
    "normalise_name",
    "core_name",
    "check_corporate_number",
    "parse_date",
    "project_participations",
    "projected_ties",
    "validate_org_form",
    "validate_tie_form",
    "read_upload",
]
