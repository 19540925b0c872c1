"""Programme-level permissions for a signed-in user: their programme roles, asked of the core
`access.programme_can`. A refusal is the 403 page with a sentence saying who may.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from probation_inspection.access import (
    PROGRAMME_MATRIX,
    ProgrammeAction,
    ProgrammeRole,
    programme_can,
)
from probation_inspection.web.accounts.models import ProgrammeMembership

#: How a refusal names the holders of each programme role.
HOLDERS = {
    ProgrammeRole.PROGRAMME_MANAGER: "an inspection programme manager",
    ProgrammeRole.DATA_TEAM: "the research and data team",
}


def programme_roles(user: Any) -> frozenset[ProgrammeRole]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    held = ProgrammeMembership.objects.filter(user=user).values_list("role", flat=True)
    return frozenset(ProgrammeRole(role) for role in held)


def may(user: Any, action: ProgrammeAction) -> bool:
    """Whether ``user`` may take the programme-level ``action`` now."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    administrator = bool(user.is_staff or user.is_superuser)
    return programme_can(programme_roles(user), action, administrator=administrator)


def require(user: Any, action: ProgrammeAction, what: str) -> None:
    """Raise PermissionDenied naming the roles that may, unless ``user`` may ``action``."""
    if not may(user, action):
        who = " or ".join(HOLDERS[role] for role in ProgrammeRole
                          if role in PROGRAMME_MATRIX[action])
        raise PermissionDenied(f"Only {who} can {what}. If you need to, ask an administrator "
                               "for the programme role.")
