"""Who may import published reports into the shared store: a programme-level permission
(`import-published-reports` in the core access module), never a role on some inspection.
"""

from __future__ import annotations

from typing import Any

from probation_inspection.access import ProgrammeAction
from probation_inspection.web.accounts import access


def may_import(user: Any) -> bool:
    return access.may(user, ProgrammeAction.IMPORT_PUBLISHED_REPORTS)


def require_importer(user: Any) -> None:
    access.require(user, ProgrammeAction.IMPORT_PUBLISHED_REPORTS, "import published reports")
