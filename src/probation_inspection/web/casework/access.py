"""Access to a sampled case: team members may look as the role/stage matrix allows; only its
assignee may change it, and only while the stage allows assessment.

Refusals raise PermissionDenied with a message the 403 page shows (Http404 for non-members).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from probation_inspection.access import Action
from probation_inspection.web.casework.models import SampledCase
from probation_inspection.web.inspections.models import Role
from probation_inspection.web.quality.access import check


def case_for(user: Any, pk: int, action: Action = Action.VIEW_CASES
             ) -> tuple[SampledCase, Role]:
    """The case and the user's role, when ``action`` on it is allowed now; else 404 or 403."""
    case = get_object_or_404(
        SampledCase.objects.select_related("sample__inspection__provider", "assigned_to"),
        pk=pk,
    )
    role = case.sample.inspection.role_of(user)
    if role is None:
        # Not on the team: the case does not exist as far as this user can tell.
        raise Http404("no such case")
    check(role, action, case.sample.inspection.stage,
          is_assessor=case.assigned_to_id == getattr(user, "pk", None))
    return case, role


def require_assignee(user: Any, case: SampledCase) -> None:
    if case.assigned_to_id != user.pk:
        raise PermissionDenied(
            f"Case {case.case_reference} is assigned to "
            f"{case.assigned_to.get_full_name() if case.assigned_to else 'nobody'}: "
            "you can change only cases assigned to you."
        )
