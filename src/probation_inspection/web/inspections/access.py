"""Which inspections a user is on the team of (the inspection list).

Whether a member may see or change one is the access gate's (`inspections.gate`).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db.models import QuerySet

from probation_inspection.web.inspections.models import Inspection

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

