"""Old entry points to the access rules, kept only while casework and inspections views still
import them (issue 11): every quality view now takes `inspections.gate`. Delete this module
once `git grep quality.access` finds no importer.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from probation_inspection.access import Action, PermissionRefused, Role, Stage, require
from probation_inspection.web.inspections.access import inspection_for
from probation_inspection.web.inspections.gate import hidden_from, refusal
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.inspections.models import Role as WebRole


def allowed(user: Any, pk: int, action: Action, *, is_assessor: bool = False
            ) -> tuple[Inspection, WebRole]:
    """The inspection and the user's role, when ``action`` is allowed now; else 404 or 403."""
    inspection, role = inspection_for(user, pk)
    check(role, action, inspection.stage, is_assessor=is_assessor)
    return inspection, role


def check(role: Role | str, action: Action, stage: Stage | str, *,
          is_assessor: bool = False) -> None:
    if hidden_from(role, str(stage)):
        raise Http404("no such inspection")
    try:
        require(role, action, stage, is_assessor=is_assessor)
    except PermissionRefused as refused:
        raise refusal(refused, action) from None
