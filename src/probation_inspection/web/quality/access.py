"""Who may open each quality page: team membership, then the role/stage rule of `access.can`.

Not on the team, or a provider reader before publication: 404. Otherwise refused: 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from probation_inspection.access import Action, PermissionRefused, Role, Stage, can, require
from probation_inspection.web.inspections.access import inspection_for
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.inspections.models import Role as WebRole


def hidden_from(role: Role | str, stage: Stage | str) -> bool:
    """Whether the inspection does not exist for this role yet (the provider before publishing)."""
    return not can(role, Action.VIEW_INSPECTION, stage)


def allowed(user: Any, pk: int, action: Action, *, is_assessor: bool = False
            ) -> tuple[Inspection, WebRole]:
    """The inspection and the user's role, when ``action`` is allowed now; else 404 or 403."""
    inspection, role = inspection_for(user, pk)
    check(role, action, inspection.stage, is_assessor=is_assessor)
    return inspection, role


def check(role: Role | str, action: Action, stage: Stage | str, *,
          is_assessor: bool = False) -> None:
    if hidden_from(role, stage):
        raise Http404("no such inspection")
    try:
        require(role, action, stage, is_assessor=is_assessor)
    except PermissionRefused as refused:
        raise PermissionDenied(_sentence(refused, action)) from None


def _sentence(refused: PermissionRefused, action: Action) -> str:
    what = action.value.replace("-", " ")
    return f"You cannot {what} here ({refused})."
