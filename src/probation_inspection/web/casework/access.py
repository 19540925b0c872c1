"""Access to a sampled case: team members may look; only its assignee may change it.

Refusals raise PermissionDenied with a message the 403 page shows.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from probation_inspection.web.casework.models import SampledCase
from probation_inspection.web.inspections.access import visible_inspections
from probation_inspection.web.inspections.models import Role


def case_for(user: Any, pk: int) -> tuple[SampledCase, Role]:
    case = get_object_or_404(
        SampledCase.objects.select_related("sample__inspection__provider", "assigned_to"),
        pk=pk,
        sample__inspection__in=visible_inspections(user),
    )
    role = case.sample.inspection.role_of(user)
    assert role is not None  # visible_inspections admits team members only
    return case, role


def require_assignee(user: Any, case: SampledCase) -> None:
    if case.assigned_to_id != user.pk:
        raise PermissionDenied(
            f"Case {case.case_reference} is assigned to "
            f"{case.assigned_to.get_full_name() if case.assigned_to else 'nobody'}: "
            "you can change only cases assigned to you."
        )
