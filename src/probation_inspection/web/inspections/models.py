"""Providers, their delivery units, inspections and the team on each inspection.

An inspection records the framework id and version it uses, which never change afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from probation_inspection import access
from probation_inspection.access import Action, roles_that_may
from probation_inspection.web.choices import mirrors
from probation_inspection.web.input_limits import FRAMEWORK_TEXT

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


class Provider(models.Model):
    """A probation provider (a CRC or an NPS division) that is inspected."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DeliveryUnit(models.Model):
    """A local delivery unit of a provider; cases are managed in one."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="delivery_units")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="unique_unit_per_provider")
        ]

    def __str__(self) -> str:
        return self.name


@mirrors(access.Stage)
class Stage(models.TextChoices):
    """`access.Stage` with the labels pages show (import fails if they differ)."""

    PLANNING = access.Stage.PLANNING.value, "Planning"
    FIELDWORK = access.Stage.FIELDWORK.value, "Fieldwork"
    MODERATION = access.Stage.MODERATION.value, "Moderation"
    RATING = access.Stage.RATING.value, "Rating"
    REPORTING = access.Stage.REPORTING.value, "Reporting"
    PUBLISHED = access.Stage.PUBLISHED.value, "Published"


@mirrors(access.Role)
class Role(models.TextChoices):
    """`access.Role` with the labels pages show (import fails if they differ)."""

    LEAD_INSPECTOR = access.Role.LEAD_INSPECTOR.value, "Lead inspector"
    INSPECTOR = access.Role.INSPECTOR.value, "Inspector"
    QUALITY_ASSURANCE = access.Role.QUALITY_ASSURANCE.value, "Quality-assurance inspector"
    DATA_TEAM = access.Role.DATA_TEAM.value, "Data team"
    PROVIDER_READER = access.Role.PROVIDER_READER.value, "Provider reader"


#: Roles that may be assigned cases to assess: those the matrix lets edit an assessment.
ASSESSORS = frozenset(Role(role.value) for role in roles_that_may(Action.EDIT_ASSESSMENT))


class Inspection(models.Model):
    """One inspection of a provider against one framework version."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="inspections")
    framework_id = models.CharField(max_length=100)
    framework_version = models.CharField(max_length=50)
    fieldwork_start = models.DateField()
    fieldwork_end = models.DateField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.PLANNING)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["-fieldwork_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fieldwork_end__gte=models.F("fieldwork_start")),
                name="fieldwork_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} ({self.fieldwork_start:%B %Y})"

    def role_of(self, user: AbstractBaseUser | AnonymousUser) -> Role | None:
        """The user's role on this inspection's team; None for anyone not on it."""
        if not user.is_authenticated:
            return None
        member = self.team.filter(user_id=user.pk).first()
        return Role(member.role) if member else None


class TeamMember(models.Model):
    """A user on an inspection's team, in one role."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="one_role_per_inspection")
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.get_role_display()}"


class ImmutableFrameworkVersion(Exception):
    """A published framework version's text may never change: a new text is a new version."""


class FrameworkVersion(models.Model):
    """A framework file uploaded to the library and published: its text, kept as uploaded,
    and the hash of that text. Immutable: inspections and assessments record its id and
    version, so changing the text would change what they were made against."""

    framework_id = models.CharField(max_length=100)
    version = models.CharField(max_length=50)
    title = models.CharField(max_length=300)
    file_name = models.CharField(max_length=255)
    text = models.TextField(validators=[MaxLengthValidator(FRAMEWORK_TEXT)])
    sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["framework_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["framework_id", "version"],
                                    name="one_text_per_framework_version")
        ]

    def __str__(self) -> str:
        return f"{self.framework_id} {self.version}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            stored = FrameworkVersion.objects.filter(pk=self.pk).values_list(
                "framework_id", "version", "text", "sha256").first()
            if stored is not None and stored != (self.framework_id, self.version, self.text,
                                                 self.sha256):
                raise ImmutableFrameworkVersion(
                    f"framework {stored[0]} version {stored[1]} is published and cannot change: "
                    "publish the changed file as a new version")
        super().save(*args, **kwargs)  # type: ignore[arg-type]
