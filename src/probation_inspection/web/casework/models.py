"""Case lists, samples and sampled cases, assessments and their answers.

Rows hold what the core packages computed; the rules themselves live in the core.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from probation_inspection.moderation import status as review
from probation_inspection.sampling import status as sampling
from probation_inspection.scoring import answers, walk
from probation_inspection.web.choices import mirrors
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.input_limits import LONG_TEXT, NOTE


class AttributeEncoder(json.JSONEncoder):
    """Writes a decimal case attribute (an OGRS or RSR score) as a JSON number.

    A decimal attribute has at most fifteen significant digits (nine before the point, six
    after: `framework.attributes`), so the float's shortest text is the decimal's own value.
    """

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


class AttributeDecoder(json.JSONDecoder):
    """Reads a case attribute's number with a point back as the `Decimal` the relevance rules
    compare exactly (``rsr >= 6.90``), never as a float."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("parse_float", Decimal)
        super().__init__(*args, **kwargs)


def audit_value(value: object) -> object:
    """A case attribute's value as an audit event holds it: a decimal as its text ("62.5")."""
    return str(value) if isinstance(value, Decimal) else value


def sample_type_label(inspection: Any, sample_type: str) -> str:
    """The label the inspection's framework version gives ``sample_type`` ("Case supervision");
    the id itself for a type the framework does not declare."""
    try:
        return framework_for(inspection.framework_id,
                             inspection.framework_version).sample_type(sample_type).label
    except KeyError:
        return sample_type


def check_sample_type(inspection: Any, sample_type: str) -> None:
    """`ValidationError` unless the inspection's framework version declares ``sample_type``."""
    declared = [d.id for d in framework_for(inspection.framework_id,
                                            inspection.framework_version).sample_types]
    if sample_type not in declared:
        raise ValidationError({"sample_type": f"{sample_type!r} is not a sample type of this "
                               f"inspection's framework (declared: {', '.join(declared)})"})


class CaseList(models.Model):
    """A provider's case list for one sample type, stored only once it has validated."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="case_lists"
    )
    #: The id of a sample type its inspection's framework version declares (`check_sample_type`).
    sample_type = models.CharField(max_length=30)
    filename = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    row_count = models.PositiveIntegerField()
    #: The file exactly as uploaded: the sampling core re-reads it to rebuild a drawn sample
    #: (same file, settings and seed give the same sample) before substituting a case.
    content = models.BinaryField()
    #: The columns chosen for fields the headers did not name ({"start_date": "Commencement"}):
    #: every later read of ``content`` needs them to see the same cases.
    column_map = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.row_count} cases)"

    @property
    def sample_type_label(self) -> str:
        """The sample type's label in the inspection's framework version."""
        return sample_type_label(self.inspection, self.sample_type)

    def clean(self) -> None:
        super().clean()
        if self.inspection_id is not None:
            check_sample_type(self.inspection, self.sample_type)


class PendingCaseList(models.Model):
    """An uploaded case list waiting for its uploader to choose columns for unmatched fields.

    Kept server-side (like ``CaseList.content``) so the file is not uploaded twice; only its
    uploader may use it, and it is discarded when confirmed, replaced, cancelled or stale.
    """

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="+"
    )
    #: The id of a sample type its inspection's framework version declares (`check_sample_type`).
    sample_type = models.CharField(max_length=30)
    filename = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    content = models.BinaryField()
    #: The fields (values) no header named, and the file's columns with a few values each
    #: ([{"header": ..., "values": [...]}]), as the core reported them: the page offers these.
    missing_fields = models.JSONField(default=list)
    columns = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.filename} (waiting for columns)"


class CaseListMappingPreset(models.Model):
    """The columns last chosen for a provider's case lists of one sample type, offered again
    the next time that provider's export leaves the same fields unmatched."""

    provider = models.ForeignKey(
        "inspections.Provider", on_delete=models.CASCADE, related_name="case_list_presets"
    )
    #: The id of a sample type of the inspection the columns were chosen in (any framework).
    sample_type = models.CharField(max_length=30)
    #: Field value to header, as in ``CaseList.column_map``.
    column_map = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "sample_type"],
                                    name="one_mapping_preset_per_provider_and_type")
        ]

    def __str__(self) -> str:
        return f"{self.sample_type} columns for provider {self.provider_id}"


class CurrentSamples(models.Manager["Sample"]):
    """Only the draw in force: a redrawn sample's earlier draws are history, and every page
    that finds "the sample" of a type means the current one."""

    def get_queryset(self) -> models.QuerySet[Sample]:
        return super().get_queryset().filter(superseded_at__isnull=True)


class Sample(models.Model):
    """The drawn sample of one sample type for an inspection, with how it was drawn.

    A redraw before fieldwork keeps the earlier draw, cases and all, as history: it is marked
    superseded (when, by whom, why) and `Sample.objects` no longer finds it; `Sample.draws`
    finds every draw.
    """

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="samples"
    )
    #: The id of a sample type its inspection's framework version declares (`check_sample_type`).
    sample_type = models.CharField(max_length=30)
    case_list = models.ForeignKey(CaseList, on_delete=models.PROTECT, related_name="samples")
    seed = models.BigIntegerField()
    confidence = models.FloatField(default=0.8)
    margin = models.FloatField(default=5)
    eligible = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    fieldwork_start = models.DateField()
    #: Per stratum: {"stratum": {...}, "label": str, "population": int, "allocated": int}.
    allocation = models.JSONField(default=list)
    representativeness = models.JSONField(default=list)
    # The database does not bound a TextField: the validator does (see input_limits).
    methodology = models.TextField(validators=[MaxLengthValidator(LONG_TEXT)])
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    #: Set when a redraw replaced this draw (null: the draw in force), with who and why.
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )
    redraw_reason = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE)])

    objects = CurrentSamples()
    draws = models.Manager()

    class Meta:
        base_manager_name = "draws"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "sample_type"], name="one_current_sample_per_type",
                condition=models.Q(superseded_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.sample_type_label} sample of {self.size}"

    @property
    def sample_type_label(self) -> str:
        """The sample type's label in the inspection's framework version."""
        return sample_type_label(self.inspection, self.sample_type)

    def clean(self) -> None:
        super().clean()
        if self.inspection_id is not None:
            check_sample_type(self.inspection, self.sample_type)


@mirrors(sampling.CaseStatus)
class CaseStatus(models.TextChoices):
    """`sampling.status.CaseStatus` with the labels pages show (import fails if they differ)."""

    SAMPLED = sampling.CaseStatus.SAMPLED.value, "In the sample"
    RESERVE = sampling.CaseStatus.RESERVE.value, "Reserve"
    SUBSTITUTED = sampling.CaseStatus.SUBSTITUTED.value, "Substituted"


class SampledCase(models.Model):
    """A case drawn into a sample or held as a reserve."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="cases")
    case_reference = models.CharField(max_length=50)
    #: Every attribute of the case from the case list, plus those inspectors edit
    #: (e.g. whether risk of serious harm issues apply), keyed by framework attribute name.
    attributes = models.JSONField(default=dict, encoder=AttributeEncoder,
                                  decoder=AttributeDecoder)
    stratum = models.JSONField(default=dict)
    delivery_unit = models.ForeignKey(
        "inspections.DeliveryUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    status = models.CharField(max_length=20, choices=CaseStatus.choices)
    #: Order among the reserves of its stratum (lowest used first); null for sampled cases.
    reserve_order = models.PositiveIntegerField(null=True, blank=True)
    substitution_reason = models.CharField(max_length=50, blank=True)
    substitution_note = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE)])
    substituted_at = models.DateTimeField(null=True, blank=True)
    replaced = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replacement"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    #: Bumped on every attribute change, so a stale edit can be detected.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["status", "reserve_order", "case_reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["sample", "case_reference"], name="case_once_per_sample"
            )
        ]

    def __str__(self) -> str:
        return self.case_reference


@mirrors(review.AssessmentStatus)
class AssessmentStatus(models.TextChoices):
    """`moderation.status.AssessmentStatus` with labels (import fails if they differ)."""

    DRAFT = review.AssessmentStatus.DRAFT.value, "Draft"
    SUBMITTED = review.AssessmentStatus.SUBMITTED.value, "Submitted"
    RETURNED = review.AssessmentStatus.RETURNED.value, "Returned"
    MODERATED = review.AssessmentStatus.MODERATED.value, "Moderated"


#: The GOV.UK tag colour each assessment status is shown in (the status tag include).
TAG_COLOURS = {
    AssessmentStatus.DRAFT: "yellow",
    AssessmentStatus.SUBMITTED: "green",
    AssessmentStatus.RETURNED: "red",
    AssessmentStatus.MODERATED: "purple",
}


class Assessment(models.Model):
    """One inspector's assessment of one sampled case against one framework version."""

    sampled_case = models.OneToOneField(
        SampledCase, on_delete=models.CASCADE, related_name="assessment"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    framework_id = models.CharField(max_length=100)
    framework_version = models.CharField(max_length=50)
    #: Incremented by every save; a save made from an older version is refused.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    @property
    def tag_colour(self) -> str:
        """The GOV.UK tag colour of this assessment's status."""
        return TAG_COLOURS[AssessmentStatus(self.status)]

    def __str__(self) -> str:
        return f"Assessment of {self.sampled_case} ({self.status})"


@mirrors(answers.Answer)
class AnswerValue(models.TextChoices):
    """`scoring.Answer` with the labels pages show (import fails if they differ)."""

    YES = answers.Answer.YES.value, "Yes"
    NO = answers.Answer.NO.value, "No"
    NOT_APPLICABLE = answers.Answer.NOT_APPLICABLE.value, "Not applicable"
    NOT_RELEVANT = answers.Answer.NOT_RELEVANT.value, "Not relevant"


@mirrors(walk.QuestionKind)
class QuestionKind(models.TextChoices):
    """`scoring.walk.QuestionKind` with the labels pages show (import fails if they differ)."""

    PROMPT = walk.QuestionKind.PROMPT.value, "Prompt"
    KEY_QUESTION = walk.QuestionKind.KEY_QUESTION.value, "Key question"


class Answer(models.Model):
    """The answer to one prompt or key question in an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    #: Blank until answered; "not-relevant" only ever set from the relevance rule.
    value = models.CharField(max_length=20, choices=AnswerValue.choices, blank=True)
    evidence = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE)])
    practice_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_id"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value or 'unanswered'}"


class DeliveryUnitConflict(models.Model):
    """A team member's declared conflict of interest with a delivery unit (they worked there,
    know its staff): automatic allocation never gives them a case from it."""

    member = models.ForeignKey(
        "inspections.TeamMember", on_delete=models.CASCADE, related_name="conflicts"
    )
    delivery_unit = models.ForeignKey(
        "inspections.DeliveryUnit", on_delete=models.CASCADE, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now_add=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True
    )

    class Meta:
        ordering = ["member__user__username", "delivery_unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["member", "delivery_unit"],
                                    name="one_conflict_per_member_and_unit")
        ]

    def __str__(self) -> str:
        return f"{self.member.user} with {self.delivery_unit}"
