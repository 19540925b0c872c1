"""Narrative sections with their revisions, report details, report versions and FA comments;
the written records: strengths and areas per standard, practice examples, recommendations.

A published version's snapshot is frozen: saving, updating or deleting it raises.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from probation_inspection.reporting import PracticeKind, workflow
from probation_inspection.reporting.practice import MAX_PRACTICE
from probation_inspection.reporting.practice import PracticeState as CorePracticeState
from probation_inspection.reporting.records import MAX_ADDRESSEE, MAX_POINT
from probation_inspection.web.choices import mirrors
from probation_inspection.web.immutable import Immutable, RecordIsImmutable
from probation_inspection.web.input_limits import LONG_TEXT, NARRATIVE_SECTION, NOTE, PEOPLE


class ReportIsFrozen(Exception):
    """Raised on any attempt to change or delete a published report version."""


class RevisionIsAppendOnly(RecordIsImmutable):
    """Raised on any attempt to change or delete a narrative revision."""


class NarrativeSection(models.Model):
    """The current Markdown text of one section of the report (``keys.SECTION_KEYS``)."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="narrative_sections"
    )
    key = models.CharField(max_length=100)
    # The database does not bound a TextField: the validator does (see input_limits).
    text = models.TextField(blank=True, validators=[MaxLengthValidator(NARRATIVE_SECTION)])
    #: Incremented by every edit; an edit made from an older version is refused.
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["inspection_id", "key"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "key"], name="one_section_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} (version {self.version})"


class NarrativeRevision(Immutable):
    """One saved version of a section's text, who wrote it and when; never altered."""

    refusal = RevisionIsAppendOnly

    section = models.ForeignKey(
        NarrativeSection, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True, validators=[MaxLengthValidator(NARRATIVE_SECTION)])
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["section_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["section", "version"], name="one_revision_per_version")
        ]


class ReportDetails(models.Model):
    """What the cover prints that no other row holds: title, month, names, notice."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="report_details"
    )
    title = models.CharField(max_length=300)
    publication = models.CharField(max_length=50, blank=True)
    #: Blank: the team's lead inspector (full name) is printed.
    lead_inspector = models.CharField(max_length=200, blank=True)
    #: One name a line; blank: the team's inspectors are printed.
    inspectors = models.TextField(blank=True, validators=[MaxLengthValidator(PEOPLE)])
    programme_manager = models.CharField(max_length=200, blank=True)
    chief_inspector = models.CharField(max_length=200, blank=True)
    notice = models.TextField(blank=True, validators=[MaxLengthValidator(LONG_TEXT)])

    def __str__(self) -> str:
        return self.title


@mirrors(workflow.State)
class ReportState(models.TextChoices):
    """`reporting.workflow.State` with the labels pages show (import fails if they differ)."""

    DRAFT = workflow.State.DRAFT.value, "Draft"
    FACTUAL_ACCURACY_CHECK = workflow.State.FACTUAL_ACCURACY_CHECK.value, "Factual-accuracy check"
    SIGNED_OFF = workflow.State.SIGNED_OFF.value, "Signed off"
    PUBLISHED = workflow.State.PUBLISHED.value, "Published"


class ReportVersionQuerySet(models.QuerySet["ReportVersion"]):
    def update(self, **kwargs: Any) -> int:
        if self.filter(state=ReportState.PUBLISHED).exists():
            raise ReportIsFrozen("a published report version cannot be updated")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(state=ReportState.PUBLISHED).exists():
            raise ReportIsFrozen("a published report version cannot be deleted")
        return super().delete()


class ReportVersion(models.Model):
    """One version of an inspection's report as it moves from draft to published."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="report_versions"
    )
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=30, choices=ReportState.choices,
                             default=ReportState.DRAFT)
    #: ``Report.to_json()`` frozen at publication; null until then.
    snapshot = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    state_changed_at = models.DateTimeField(null=True, blank=True)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        ordering = ["inspection_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"],
                                    name="one_report_version_per_number"),
            models.CheckConstraint(
                condition=~models.Q(state=ReportState.PUBLISHED) | models.Q(snapshot__isnull=False),
                name="published_report_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"Report version {self.number} ({self.get_state_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and type(self).objects.filter(
            pk=self.pk, state=ReportState.PUBLISHED
        ).exists():
            raise ReportIsFrozen(f"report version {self.number} is published and never changes")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.state == ReportState.PUBLISHED:
            raise ReportIsFrozen(f"report version {self.number} is published: never deleted")
        return super().delete(*args, **kwargs)


@mirrors(workflow.Answer)
class CommentAnswer(models.TextChoices):
    """`reporting.workflow.Answer` with the labels pages show (import fails if they differ)."""

    ACCEPTED = workflow.Answer.ACCEPTED.value, "Accepted"
    CHANGED = workflow.Answer.CHANGED.value, "Changed"
    NOT_ACCEPTED = workflow.Answer.NOT_ACCEPTED.value, "Not accepted"


#: The tag colour of each answer, with its label (never the colour alone).
ANSWER_TAGS = {CommentAnswer.ACCEPTED: "green", CommentAnswer.CHANGED: "turquoise",
               CommentAnswer.NOT_ACCEPTED: "orange"}


class ReportComment(models.Model):
    """A provider reader's comment on a draft during its factual-accuracy check, and the
    lead's answer to it (blank until answered; sign-off waits for every answer)."""

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    #: The report section the comment is about (a contents anchor), blank for the whole.
    section = models.CharField(max_length=100, blank=True)
    text = models.TextField(validators=[MaxLengthValidator(NOTE)])
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.CharField(max_length=20, choices=CommentAnswer.choices, blank=True)
    #: Why the comment is not accepted (required then), or what was changed.
    answer_reason = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE)])
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    @property
    def answer_tag(self) -> str:
        """The GOV.UK tag colour of the answer (grey: not answered yet)."""
        if not self.answer:
            return "grey"
        return ANSWER_TAGS[CommentAnswer(self.answer)]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.version}"


class PointKind(models.TextChoices):
    """What a line under a standard is: the report prints each kind as its own list."""

    STRENGTH = "strength", "Strength"
    AREA = "area", "Area for improvement"


class StandardPoint(models.Model):
    """One strength or area for improvement under a standard, as an inspector wrote (or
    accepted) it; printed in ``position`` order under "Strengths:" or "Areas for improvement:"."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="standard_points"
    )
    standard_id = models.CharField(max_length=50)
    kind = models.CharField(max_length=20, choices=PointKind.choices)
    text = models.TextField(validators=[MaxLengthValidator(MAX_POINT)])
    position = models.PositiveIntegerField(default=0)
    #: The question a proposed sentence came from; blank when typed from scratch.
    question_id = models.CharField(max_length=100, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["inspection_id", "standard_id", "kind", "position", "id"]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.kind}: {self.text[:40]}"


@mirrors(CorePracticeState)
class PracticeState(models.TextChoices):
    """`reporting.practice.PracticeState` with the labels pages show."""

    DRAFT = CorePracticeState.DRAFT.value, "Draft"
    APPROVED = CorePracticeState.APPROVED.value, "Approved"


@mirrors(PracticeKind)
class PracticeKindChoice(models.TextChoices):
    """`reporting.PracticeKind` with the labels pages show."""

    GOOD = PracticeKind.GOOD.value, "Good practice"
    POOR = PracticeKind.POOR.value, "Poor practice"


class PracticeExample(models.Model):
    """A practice example for the report: chosen from a flagged case note or domain-one
    evidence, its names changed, edited, and approved by the lead; only approved ones print."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="practice_records"
    )
    standard_id = models.CharField(max_length=50)
    kind = models.CharField(max_length=10, choices=PracticeKindChoice.choices,
                            default=PracticeKindChoice.GOOD)
    text = models.TextField(validators=[MaxLengthValidator(MAX_PRACTICE)])
    state = models.CharField(max_length=10, choices=PracticeState.choices,
                             default=PracticeState.DRAFT)
    #: Where it was chosen from ("Case X123, 2.2.1", "Meeting M4"), for the team; never printed.
    source = models.CharField(max_length=300, blank=True)
    answer = models.ForeignKey("casework.Answer", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["inspection_id", "standard_id", "id"]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.kind} practice ({self.state})"


class Recommendation(models.Model):
    """One recommendation and its addressee; the report numbers them in ``position`` order."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="recommendations"
    )
    addressee = models.CharField(max_length=MAX_ADDRESSEE)
    text = models.TextField(validators=[MaxLengthValidator(MAX_POINT)])
    position = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["inspection_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.addressee} should: {self.text[:40]}"
