"""Stored moderation, domain-one evidence and rating decisions of an inspection.

Rows hold what the core packages computed or checked; the rules live in the core.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from probation_inspection.evidence import DocumentType, FileKind, MeetingKind, RoleGroup, Unit
from probation_inspection.moderation import Outcome, Reason
from probation_inspection.scoring import DecisionKind
from probation_inspection.web.choices import choices_from
from probation_inspection.web.immutable import Immutable, RecordIsImmutable
from probation_inspection.web.input_limits import (
    FACT_PERIOD,
    FACT_SOURCE,
    MEETING_NOTES,
    NAME,
    NOTE,
    PEOPLE,
    SHORT_LABEL,
)


class ModerationQueue(models.Model):
    """An inspection's moderation queue: the stored seed and policy that draw it."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="moderation_queue"
    )
    seed = models.BigIntegerField()
    #: The share of each inspector's submitted assessments drawn, as a fraction "1/5".
    share = models.CharField(max_length=20, default="1/5")
    minimum = models.PositiveIntegerField(default=2)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Moderation queue (seed {self.seed}, share {self.share}, at least {self.minimum})"


class QueueEntry(models.Model):
    """An assessment selected for moderation, drawn or flagged; never removed once queued."""

    queue = models.ForeignKey(ModerationQueue, on_delete=models.CASCADE, related_name="entries")
    assessment = models.OneToOneField(
        "casework.Assessment", on_delete=models.CASCADE, related_name="queue_entry"
    )
    reason = models.CharField(max_length=20, choices=choices_from(Reason))
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]


class ModerationFlag(models.Model):
    """An inspector's request that one of their cases is moderated."""

    assessment = models.OneToOneField(
        "casework.Assessment", on_delete=models.CASCADE, related_name="moderation_flag"
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE)])
    flagged_at = models.DateTimeField(auto_now_add=True)


class Moderation(models.Model):
    """One round of moderation of one assessment.

    The QA inspector's key-question judgements are saved first (blind); the inspector's
    answers are snapshotted then, so agreement keeps comparing what was moderated even after
    a returned assessment is revised. The outcome is blank until the verdict is recorded.
    """

    assessment = models.ForeignKey(
        "casework.Assessment", on_delete=models.CASCADE, related_name="moderations"
    )
    round = models.PositiveIntegerField()
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="moderations"
    )
    #: {key question id: answer} as the QA inspector judged it.
    judgements = models.JSONField(default=dict)
    #: {key question id: comment} on individual judgements.
    question_comments = models.JSONField(default=dict)
    #: {key question id: answer} as the inspector had it when the judgements were saved.
    inspector_answers = models.JSONField(default=dict)
    outcome = models.CharField(max_length=20, choices=choices_from(Outcome), blank=True)
    comment = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE)])
    judged_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment_id", "round"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "round"], name="one_moderation_per_round")
        ]

    def __str__(self) -> str:
        return f"Moderation round {self.round} of {self.assessment_id}: {self.outcome or 'open'}"


class InterviewResponse(models.Model):
    """One interviewee's answers to the framework's structured questionnaire."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="interview_responses"
    )
    questionnaire_id = models.CharField(max_length=100)
    #: A reference, never a name: interviews are confidential.
    interviewee = models.CharField(max_length=SHORT_LABEL)
    #: Grade or role group (PO, PSO...), for breakdowns.
    grade = models.CharField(max_length=SHORT_LABEL, blank=True)
    #: {question id: answer id}; a question left out was not asked. Per-case questions'
    #: answers under "cases": {case reference: {question id: answer id}}.
    answers = models.JSONField(default=dict)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["interviewee"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "questionnaire_id", "interviewee"],
                name="one_response_per_interviewee",
            )
        ]

    def __str__(self) -> str:
        return f"Interviewee {self.interviewee}"


class Meeting(models.Model):
    """A meeting or focus group held during fieldwork."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(max_length=20, choices=choices_from(MeetingKind))
    held_on = models.DateField()
    role_group = models.CharField(max_length=40, choices=choices_from(RoleGroup))
    # The database does not bound a TextField: the validators do (see input_limits).
    participants = models.TextField(validators=[MaxLengthValidator(PEOPLE)])
    notes = models.TextField(validators=[MaxLengthValidator(MEETING_NOTES)])
    standards = models.JSONField(default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    @property
    def evidence_id(self) -> str:
        return f"M{self.pk}"

    def __str__(self) -> str:
        return f"{self.evidence_id}: {self.get_kind_display()} with {self.get_role_group_display()}"


class EvidenceDocument(models.Model):
    """A provider document; the file lives under EVIDENCE_DIR, outside the web root."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="evidence_documents"
    )
    title = models.CharField(max_length=NAME)
    document_type = models.CharField(max_length=40, choices=choices_from(DocumentType))
    #: The cleaned name the file was uploaded with (shown and used for downloads).
    file_name = models.CharField(max_length=120)
    #: The name on disk: random, so nothing a user typed ever becomes a path.
    stored_name = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=choices_from(FileKind))
    size = models.PositiveIntegerField()
    standards = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    @property
    def evidence_id(self) -> str:
        return f"D{self.pk}"

    def __str__(self) -> str:
        return f"{self.evidence_id}: {self.title}"


class PresentationNote(models.Model):
    """The team's notes on the provider's answer to one of the five presentation questions."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="presentation_notes"
    )
    number = models.PositiveSmallIntegerField()
    notes = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE)])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="one_note_per_question")
        ]

    @property
    def evidence_id(self) -> str:
        return f"P{self.number}"


class ContextualFact(models.Model):
    """A performance measure: the provider's figure, the national figure and the target."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="contextual_facts"
    )
    measure = models.CharField(max_length=100)
    name = models.CharField(max_length=300)
    unit = models.CharField(max_length=10, choices=choices_from(Unit))
    provider_figure = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    national_figure = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    period = models.CharField(max_length=FACT_PERIOD, blank=True)
    source = models.CharField(max_length=FACT_SOURCE, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "measure"], name="one_fact_per_measure")
        ]

    @property
    def evidence_id(self) -> str:
        return f"F-{self.measure}"


class RatingDecisionIsAppendOnly(RecordIsImmutable):
    """A stored rating decision was about to be changed or deleted."""


class RatingDecision(Immutable):
    """One version of the lead inspector's decision on one standard; never changed afterwards."""

    refusal = RatingDecisionIsAppendOnly

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="rating_decisions"
    )
    standard_id = models.CharField(max_length=20)
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=choices_from(DecisionKind))
    #: The case-data rule's rating when decided; blank for a judgement standard.
    rule_rating = models.CharField(max_length=50, blank=True)
    rating = models.CharField(max_length=50)
    rationale = models.TextField(blank=True, validators=[MaxLengthValidator(NOTE)])
    #: Evidence item ids the rationale cites (M1, D2, P3, F-order-completions, interviews).
    evidence = models.JSONField(default=list)
    #: The core's StandardRating.to_json() at the time, so the log can be rebuilt exactly.
    result = models.JSONField(default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "standard_id", "version"], name="one_decision_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"Standard {self.standard_id} v{self.version}: {self.rating} ({self.kind})"


class KeyQuestionAnswerIsAppendOnly(RecordIsImmutable):
    """A stored answer to a judgement key question was about to be changed or deleted."""


class KeyQuestionAnswer(Immutable):
    """One version of the team's answer to a judgement standard's key question (domain one):
    the reasoned judgement and the evidence items it cites. A change is a new version; the
    current answer is the highest version."""

    refusal = KeyQuestionAnswerIsAppendOnly

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="key_question_answers"
    )
    standard_id = models.CharField(max_length=20)
    key_question_id = models.CharField(max_length=40)
    version = models.PositiveIntegerField()
    judgement = models.TextField(validators=[MaxLengthValidator(NOTE)])
    #: Evidence item ids the judgement cites (M1, D2, P3, F-order-completions, interviews).
    evidence = models.JSONField(default=list)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "key_question_id", "version"],
                                    name="one_key_question_answer_per_version")
        ]

    def __str__(self) -> str:
        return f"Key question {self.key_question_id} v{self.version}"
