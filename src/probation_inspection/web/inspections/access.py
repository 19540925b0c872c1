"""Which inspections a user is on the team of (the inspection list).

Whether a member may see or change one is the access gate's (`inspections.gate`); the
`inspection_for` below is its predecessor, kept only while a view still calls it.
"""

from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from probation_inspection.web.inspections.models import Inspection, Role

AnyUser = AbstractBaseUser | AnonymousUser


def visible_inspections(user: AnyUser) -> QuerySet[Inspection]:
    """Only the inspections the user is on the team of (none for an anonymous user)."""
    if not isinstance(user, User):
        return Inspection.objects.none()
    return (
        Inspection.objects.filter(team__user=user)
        .select_related("provider")
        .distinct()
    )


def inspection_for(
    user: AnyUser, pk: int, roles: Collection[Role] | None = None
) -> tuple[Inspection, Role]:
    """The inspection and the user's role on it; 404 when not on the team, 403 for the role."""
    inspection = get_object_or_404(visible_inspections(user), pk=pk)
    role = inspection.role_of(user)
    if role is None:  # pragma: no cover - excluded by visible_inspections
        raise PermissionDenied
    if roles is not None and role not in roles:
        raise PermissionDenied(
            f"Your role on this inspection ({role.label.lower()}) cannot do this."
        )
    return inspection, role
