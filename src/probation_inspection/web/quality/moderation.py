"""Moderation in the database: the seeded queue, blind judgements, the verdict and the return.

Builds the moderation core's inputs from stored rows and stores what it decides, audited.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils import timezone

from probation_inspection import moderation as core
from probation_inspection.scoring import Answer as AnswerValue
from probation_inspection.scoring import JudgementPair
from probation_inspection.web import notify
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import Assessment, AssessmentStatus, QuestionKind
from probation_inspection.web.quality.models import Moderation as ModerationRow
from probation_inspection.web.quality.models import (
    ModerationFlag,
    ModerationQueue,
    QueueEntry,
)

#: The audit action for the status a moderation decision leaves the assessment in.
_STATUS_EVENTS = {
    core.AssessmentStatus.RETURNED: AuditAction.ASSESSMENT_RETURNED,
    core.AssessmentStatus.MODERATED: AuditAction.ASSESSMENT_MODERATED,
}


def person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def inspection_assessments(inspection: Any) -> Any:
    return Assessment.objects.filter(sampled_case__sample__inspection=inspection)


def stored_queue(inspection: Any, actor: Any) -> ModerationQueue:
    """The inspection's queue; made on first use with a random seed that is then kept."""
    queue = ModerationQueue.objects.filter(inspection=inspection).first()
    if queue is None:
        queue = ModerationQueue.objects.create(inspection=inspection,
                                               seed=secrets.randbelow(2**31))
        record(actor, inspection, AuditAction.MODERATION_QUEUE_CREATED, target=str(queue.pk),
               after={"seed": queue.seed, "share": queue.share, "minimum": queue.minimum})
    return queue


def policy_of(queue: ModerationQueue) -> core.SelectionPolicy:
    return core.SelectionPolicy(Fraction(queue.share), queue.minimum)


@transaction.atomic
def refresh_queue(inspection: Any, actor: Any) -> ModerationQueue:
    """Extend the queue for assessments submitted or flagged since it was last drawn."""
    # Locking the queue row serialises two QA inspectors opening the queue at once.
    queue = ModerationQueue.objects.select_for_update().get(
        pk=stored_queue(inspection, actor).pk)
    flagged = set(ModerationFlag.objects.filter(
        assessment__sampled_case__sample__inspection=inspection
    ).values_list("assessment_id", flat=True))
    submitted = inspection_assessments(inspection).exclude(submitted_at=None).order_by("pk")
    submissions = [core.Submission(str(a.pk), str(a.assessor_id), a.pk in flagged)
                   for a in submitted]
    held = list(queue.entries.select_related("assessment"))
    before = core.ModerationQueue(queue.seed, policy_of(queue), tuple(
        core.QueueEntry(str(e.assessment_id), str(e.assessment.assessor_id),
                        core.Reason(e.reason)) for e in held))
    after = core.select(submissions, queue.seed, queue=before)
    for entry in after.entries[len(before.entries):]:
        QueueEntry.objects.create(queue=queue, assessment_id=int(entry.assessment_id),
                                  reason=entry.reason.value)
        record(actor, inspection, AuditAction.MODERATION_QUEUED, target=entry.assessment_id,
               after={"reason": entry.reason.value, "seed": queue.seed})
    return queue


def inspector_side(assessment: Assessment) -> core.InspectorAssessment:
    """The inspector's submitted answers as the moderation core takes them."""
    key_answers: dict[str, AnswerValue] = {}
    prompts: dict[str, AnswerValue] = {}
    notes: dict[str, str] = {}
    for answer in assessment.answers.all():
        if not answer.value:
            continue
        target = key_answers if answer.kind == QuestionKind.KEY_QUESTION else prompts
        target[answer.question_id] = AnswerValue(answer.value)
        if answer.evidence:
            notes[answer.question_id] = answer.evidence
    return core.InspectorAssessment(str(assessment.pk), str(assessment.assessor_id),
                                    key_answers, prompts, notes)


#: A round's outcome while its verdict is still to come.
UNDECIDED = ""


def open_round(assessment: Assessment) -> ModerationRow | None:
    """The round whose judgements are saved and whose verdict is still to come."""
    return assessment.moderations.filter(outcome=UNDECIDED).order_by("-round").first()


def decided_rounds(assessment: Assessment) -> Any:
    """The assessment's rounds with a verdict, oldest first."""
    return assessment.moderations.exclude(outcome=UNDECIDED)


def needs_moderation(assessment: Assessment) -> bool:
    """Submitted and not yet moderated since it was last submitted."""
    if assessment.status != AssessmentStatus.SUBMITTED:
        return False
    latest = assessment.moderations.order_by("-round").first()
    return latest is None or latest.outcome in (UNDECIDED, core.Outcome.RETURNED)


def current_view(assessment: Assessment, moderation: ModerationRow | None
                 ) -> core.ModeratorView:
    saved = None
    if moderation is not None:
        saved = {kq: AnswerValue(v) for kq, v in moderation.judgements.items()}
    return core.moderator_view(inspector_side(assessment), saved)


def _core_moderation(row: ModerationRow) -> core.Moderation:
    judgements = tuple(
        core.KeyQuestionJudgement(kq, AnswerValue(row.inspector_answers[kq]), AnswerValue(value),
                                  row.question_comments.get(kq, ""))
        for kq, value in row.judgements.items()
    )
    return core.Moderation(str(row.assessment_id), str(row.assessment.assessor_id),
                           str(row.moderator_id), row.round, judgements,
                           core.Outcome(row.outcome), row.comment)


@transaction.atomic
def save_judgements(assessment: Assessment, moderator: Any, judgements: Mapping[str, str],
                    comments: Mapping[str, str]) -> ModerationRow:
    """Store the QA inspector's blind judgements as a new round (core checks them first)."""
    side = inspector_side(assessment)
    answers = {kq: AnswerValue(value) for kq, value in judgements.items()}
    # The core refuses self-moderation, missing or extra key questions and not-relevant.
    core.record_moderation(side, str(moderator.pk), answers, question_comments=comments)
    rounds = assessment.moderations.count()
    row = ModerationRow.objects.create(
        assessment=assessment, round=rounds + 1, moderator=moderator,
        judgements={kq: a.value for kq, a in answers.items()},
        question_comments={kq: c.strip() for kq, c in comments.items() if c.strip()},
        inspector_answers={kq: side.answers[kq].value for kq in answers},
    )
    record(moderator, assessment.sampled_case.sample.inspection, AuditAction.MODERATION_JUDGED,
           target=str(assessment.pk), after={"round": row.round, "judgements": row.judgements},
           sampled_case=assessment.sampled_case)
    return row


@transaction.atomic
def record_verdict(row: ModerationRow, moderator: Any, role: str, stage: str, *,
                   return_to_inspector: bool, comment: str) -> core.Moderation:
    """Record the outcome (the core decides agreed or disagreed) and move the assessment on."""
    assessment = Assessment.objects.select_for_update().get(pk=row.assessment_id)
    side = core.InspectorAssessment(str(assessment.pk), str(assessment.assessor_id),
                                    {kq: AnswerValue(v) for kq, v in row.inspector_answers.items()},
                                    {}, {})
    previous = [_core_moderation(r) for r in assessment.moderations.exclude(pk=row.pk)
                .exclude(outcome=UNDECIDED).select_related("assessment")]
    decided = core.record_moderation(
        side, str(moderator.pk), {kq: AnswerValue(v) for kq, v in row.judgements.items()},
        comment=comment, question_comments=row.question_comments,
        return_to_inspector=return_to_inspector, previous=previous,
    )
    target = (core.AssessmentStatus.RETURNED if decided.outcome is core.Outcome.RETURNED
              else core.AssessmentStatus.MODERATED)
    status = core.transition(assessment.status, target, role, stage, is_assessor=False,
                             comment=decided.comment)
    row.outcome, row.comment = decided.outcome.value, decided.comment
    row.decided_at = timezone.now()
    row.save(update_fields=["outcome", "comment", "decided_at"])
    inspection = assessment.sampled_case.sample.inspection
    record(moderator, inspection, AuditAction.MODERATION_RECORDED, target=str(assessment.pk),
           after={"round": row.round, "outcome": row.outcome, "comment": row.comment,
                  "disagreements": decided.disagreements}, sampled_case=assessment.sampled_case)
    record(moderator, inspection, _STATUS_EVENTS[status], target=str(assessment.pk),
           before={"status": assessment.status}, after={"status": status.value,
                                                        "comment": row.comment},
           sampled_case=assessment.sampled_case)
    assessment.status = status.value
    assessment.save(update_fields=["status", "updated_at"])
    if status is core.AssessmentStatus.RETURNED:
        notify.assessment_returned(assessment, row.comment)  # never raises: logs a failure
    return decided


@transaction.atomic
def flag(assessment: Assessment, actor: Any, reason: str) -> ModerationFlag:
    """The inspector asks for this case to be moderated; it joins the queue on its next draw."""
    flagged, created = ModerationFlag.objects.get_or_create(
        assessment=assessment, defaults={"flagged_by": actor, "reason": reason.strip()}
    )
    if created:
        record(actor, assessment.sampled_case.sample.inspection, AuditAction.MODERATION_FLAGGED,
               target=str(assessment.pk), after={"reason": flagged.reason},
               sampled_case=assessment.sampled_case)
    return flagged


def latest_return(assessment: Assessment) -> ModerationRow | None:
    """The moderation that returned this assessment, while it is still returned."""
    if assessment.status != AssessmentStatus.RETURNED:
        return None
    return assessment.moderations.filter(outcome=core.Outcome.RETURNED).order_by("-round").first()


def judgement_pairs(inspection: Any) -> list[JudgementPair]:
    """Each moderated assessment's first decided round, named by case and inspector."""
    rows = list(ModerationRow.objects.filter(
        assessment__sampled_case__sample__inspection=inspection
    ).exclude(outcome=UNDECIDED).select_related("assessment__assessor", "assessment__sampled_case"))
    names = {str(r.assessment_id): r.assessment.sampled_case.case_reference for r in rows}
    inspectors = {str(r.assessment.assessor_id): person(r.assessment.assessor) for r in rows}
    pairs = core.agreement_pairs([_core_moderation(r) for r in rows], names)
    return [JudgementPair(p.case_id, inspectors.get(p.inspector, p.inspector), p.key_question_id,
                          p.inspector_answer, p.moderator_answer) for p in pairs]
