"""Programme roles: what a user may do across the inspection programme, outside any one
inspection (create inspections, import published reports). Granted by an administrator.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from probation_inspection.access import ProgrammeRole as CoreProgrammeRole
from probation_inspection.web.choices import mirrors


@mirrors(CoreProgrammeRole)
class ProgrammeRole(models.TextChoices):
    """`access.ProgrammeRole` with the labels pages show (import fails if they differ)."""

    PROGRAMME_MANAGER = CoreProgrammeRole.PROGRAMME_MANAGER.value, "Inspection programme manager"
    DATA_TEAM = CoreProgrammeRole.DATA_TEAM.value, "Research and data team"


class ProgrammeMembership(models.Model):
    """One user holding one programme role; what it allows is `access.PROGRAMME_MATRIX`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="programme_roles")
    role = models.CharField(max_length=40, choices=ProgrammeRole.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="one_of_each_programme_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.get_role_display()}"
