"""Who may import published reports into the store: the data team and lead inspectors.

An import belongs to no inspection, so the role is the one the user holds on any team.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from probation_inspection.web.inspections.models import SAMPLE_MANAGERS, TeamMember

#: The roles that import reports (the same people who manage samples).
IMPORTERS = SAMPLE_MANAGERS


def may_import(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff) or TeamMember.objects.filter(user=user, role__in=IMPORTERS).exists()


def require_importer(user: Any) -> None:
    if not may_import(user):
        raise PermissionDenied(
            "Only the data team and lead inspectors import published reports."
        )
