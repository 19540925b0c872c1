"""Domain-one evidence in the database: interviews, meetings, documents, notes and facts.

Every item is checked by the evidence or scoring core before anything is stored, then audited.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from probation_inspection import evidence as core
from probation_inspection.evidence.context import COLUMNS
from probation_inspection.framework.model import Framework, Questionnaire
from probation_inspection.scoring import InterviewResponse as CoreResponse
from probation_inspection.scoring import QuestionResult, tally_interviews
from probation_inspection.tabular import reader_input_csv, record_rows
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.limits import untrusted_limits
from probation_inspection.web.quality.models import (
    ContextualFact,
    EvidenceDocument,
    InterviewResponse,
    KeyQuestionAnswer,
    Meeting,
    PresentationNote,
)
from probation_inspection.web.security import PRIVATE_FILE_MODE, private_folder


def evidence_dir() -> Path:
    """Where uploaded documents live: under var/, never under the static or web root."""
    return Path(getattr(settings, "EVIDENCE_DIR", Path(settings.VAR_DIR) / "evidence"))


def size_limit() -> int:
    """EVIDENCE_SIZE_LIMIT if set, else UNTRUSTED_FILE_LIMITS["evidence_bytes"]."""
    configured = getattr(settings, "EVIDENCE_SIZE_LIMIT", None)
    return int(configured) if configured else untrusted_limits().evidence_bytes


def questionnaire_of(framework: Framework) -> Questionnaire | None:
    return framework.questionnaires[0] if framework.questionnaires else None


def interview_id(questionnaire: Questionnaire) -> str:
    return f"I-{questionnaire.id}"


#: The key of ``InterviewResponse.answers`` under which per-case answers are kept:
#: ``{"cases": {case reference: {question id: answer id}}}``.
CASES = "cases"


def stored_answers(row: InterviewResponse) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """A stored interview's answers to the questions asked once, and its per-case answers by
    case reference."""
    return ({q: a for q, a in row.answers.items() if q != CASES},
            dict(row.answers.get(CASES, {})))


def _core_response(row: InterviewResponse) -> CoreResponse:
    answers, case_answers = stored_answers(row)
    return CoreResponse(row.interviewee, answers, row.grade, case_answers=case_answers)


def interview_results(inspection: Any, questionnaire: Questionnaire
                      ) -> dict[str, QuestionResult]:
    rows = InterviewResponse.objects.filter(inspection=inspection,
                                            questionnaire_id=questionnaire.id)
    return tally_interviews(questionnaire, [_core_response(row) for row in rows])


@transaction.atomic
def save_interview(inspection: Any, actor: Any, questionnaire: Questionnaire, interviewee: str,
                   grade: str, answers: Mapping[str, str],
                   case_answers: Mapping[str, Mapping[str, str]] | None = None
                   ) -> InterviewResponse:
    """Add or replace one interviewee's answers, with the per-case questions' answers for each
    case they hold in the sample; the core checks them against the others."""
    interviewee = interviewee.strip()
    others = InterviewResponse.objects.filter(
        inspection=inspection, questionnaire_id=questionnaire.id
    ).exclude(interviewee=interviewee)
    cases = {case.strip(): {q: a for q, a in given.items() if a}
             for case, given in (case_answers or {}).items() if case.strip()}
    new = CoreResponse(interviewee, {q: a for q, a in answers.items() if a}, grade.strip(),
                       case_answers={case: given for case, given in cases.items() if given})
    tally_interviews(questionnaire, [*(_core_response(r) for r in others), new])
    row, created = InterviewResponse.objects.get_or_create(
        inspection=inspection, questionnaire_id=questionnaire.id, interviewee=interviewee,
        defaults={"recorded_by": actor},
    )
    before = None if created else {"grade": row.grade, "answers": row.answers}
    stored: dict[str, Any] = dict(new.answers)
    if new.case_answers:
        stored[CASES] = {case: dict(given) for case, given in new.case_answers.items()}
    row.grade, row.answers, row.recorded_by = new.group, stored, actor
    row.save()
    record(actor, inspection, AuditAction.INTERVIEW_RECORDED, target=interviewee, before=before,
           after={"grade": row.grade, "answers": row.answers})
    return row


@transaction.atomic
def save_meeting(inspection: Any, actor: Any, framework: Framework, *, kind: str, held_on: date,
                 role_group: str, participants: Iterable[str], notes: str,
                 standards: Iterable[str]) -> Meeting:
    checked = core.record_meeting("new", kind, held_on, role_group, participants, notes,
                                  standards, framework)
    row = Meeting.objects.create(
        inspection=inspection, kind=checked.kind.value, held_on=checked.held_on,
        role_group=checked.role_group.value, participants="\n".join(checked.participants),
        notes=checked.notes, standards=list(checked.standards), recorded_by=actor,
    )
    record(actor, inspection, AuditAction.MEETING_RECORDED, target=row.evidence_id,
           after={"kind": row.kind, "held_on": row.held_on.isoformat(),
                  "role_group": row.role_group, "standards": row.standards})
    return row


def store_document(inspection: Any, actor: Any, framework: Framework, *, title: str,
                   document_type: str, file_name: str, content: bytes,
                   standards: Iterable[str]) -> EvidenceDocument:
    """Check the upload, write it under a random name outside the web root, then record it.

    Raises UploadRejected or EvidenceError before anything is written.
    """
    upload = core.check_upload(file_name, content, size_limit=size_limit(),
                               limits=untrusted_limits())
    checked = core.record_document("new", title, document_type, upload, standards, framework)
    # The provider's documents: folder and files readable by the app's own user only.
    folder = private_folder(evidence_dir())
    stored_name = uuid.uuid4().hex
    path = folder / stored_name
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
    try:
        with transaction.atomic():
            row = EvidenceDocument.objects.create(
                inspection=inspection, title=checked.title,
                document_type=checked.document_type.value, file_name=checked.file_name,
                stored_name=stored_name, kind=checked.kind.value, size=checked.size,
                standards=list(checked.standards), uploaded_by=actor,
            )
            record(actor, inspection, AuditAction.DOCUMENT_UPLOADED, target=row.evidence_id,
                   after={"title": row.title, "file_name": row.file_name, "size": row.size,
                          "kind": row.kind})
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return row


def document_path(document: EvidenceDocument) -> Path:
    return evidence_dir() / document.stored_name


@transaction.atomic
def save_presentation_notes(inspection: Any, actor: Any, notes: Mapping[int, str]) -> None:
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    checked = core.presentation_notes(framework, notes)
    for note in checked:
        row, _ = PresentationNote.objects.get_or_create(
            inspection=inspection, number=note.question.number, defaults={"updated_by": actor}
        )
        if row.notes != note.notes:
            record(actor, inspection, AuditAction.PRESENTATION_NOTE, target=row.evidence_id,
                   before={"notes": row.notes}, after={"notes": note.notes})
            row.notes, row.updated_by = note.notes, actor
            row.save()


def facts_csv(rows: Iterable[Mapping[str, str]]) -> str:
    """Form fields as the core's CSV, so typed and imported facts pass the same checks.

    Read straight back by the core's importer, never served: written exactly, not neutralised.
    """
    return reader_input_csv(COLUMNS, record_rows(COLUMNS, rows))


@transaction.atomic
def save_facts(inspection: Any, actor: Any, facts: Iterable[core.ContextualFact]) -> int:
    """Store each fact, replacing the same measure's earlier figures."""
    count = 0
    for fact in facts:
        row = ContextualFact.objects.filter(inspection=inspection, measure=fact.measure).first()
        before = None if row is None else _fact_json(row)
        row = row or ContextualFact(inspection=inspection, measure=fact.measure)
        row.name, row.unit = fact.name, fact.unit.value
        row.provider_figure, row.national_figure = fact.provider_figure, fact.national_figure
        row.target, row.period, row.source = fact.target, fact.period, fact.source
        row.updated_by = actor
        row.save()
        record(actor, inspection, AuditAction.CONTEXTUAL_FACT, target=fact.measure, before=before,
               after=_fact_json(row))
        count += 1
    return count


def _fact_json(row: ContextualFact) -> dict[str, str | None]:
    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    return {"provider_figure": text(row.provider_figure),
            "national_figure": text(row.national_figure), "target": text(row.target),
            "period": row.period, "source": row.source}


def known_evidence(inspection: Any, framework: Framework) -> dict[str, str]:
    """Every evidence item a rating rationale may cite: id to a short description."""
    items: dict[str, str] = {}
    questionnaire = questionnaire_of(framework)
    if questionnaire is not None and InterviewResponse.objects.filter(
        inspection=inspection, questionnaire_id=questionnaire.id
    ).exists():
        items[interview_id(questionnaire)] = questionnaire.title
    for meeting in Meeting.objects.filter(inspection=inspection):
        items[meeting.evidence_id] = (f"{meeting.get_kind_display()} with "
                                      f"{meeting.get_role_group_display().lower()}, "
                                      f"{meeting.held_on:%d %B %Y}")
    for document in EvidenceDocument.objects.filter(inspection=inspection):
        items[document.evidence_id] = document.title
    for note in PresentationNote.objects.filter(inspection=inspection).exclude(notes=""):
        items[note.evidence_id] = f"Presentation notes, question {note.number}"
    for fact in ContextualFact.objects.filter(inspection=inspection):
        items[fact.evidence_id] = fact.name
    return items


def current_answers(inspection: Any) -> dict[str, KeyQuestionAnswer]:
    """The current (highest) version of each judgement key question's answer, by its id."""
    current: dict[str, KeyQuestionAnswer] = {}
    for row in KeyQuestionAnswer.objects.filter(inspection=inspection).order_by("version", "id"):
        current[row.key_question_id] = row
    return current


def core_answer(row: KeyQuestionAnswer) -> core.KeyQuestionAnswer:
    return core.KeyQuestionAnswer(row.key_question_id, row.standard_id, row.judgement,
                                  tuple(row.evidence))


def standard_answers(inspection: Any, framework: Framework) -> tuple[core.StandardAnswers, ...]:
    """Each judgement standard declaring key questions, with their current answers."""
    return core.answers_by_standard(
        framework, [core_answer(row) for row in current_answers(inspection).values()])


@transaction.atomic
def answer_key_question(inspection: Any, actor: Any, framework: Framework, key_question_id: str,
                        *, judgement: str, evidence: Iterable[str]) -> KeyQuestionAnswer:
    """Record a new version of the answer, checked by the core against the recorded evidence;
    audited with the version before. EvidenceError names the field at fault."""
    checked = core.answer_key_question(framework, key_question_id, judgement, evidence,
                                       known_evidence=set(known_evidence(inspection, framework)))
    before = (KeyQuestionAnswer.objects.select_for_update()
              .filter(inspection=inspection, key_question_id=key_question_id)
              .order_by("-version").first())
    row = KeyQuestionAnswer.objects.create(
        inspection=inspection, standard_id=checked.standard_id,
        key_question_id=checked.key_question_id, version=(before.version + 1) if before else 1,
        judgement=checked.judgement, evidence=list(checked.evidence), answered_by=actor)
    record(actor, inspection, AuditAction.KEY_QUESTION_ANSWERED, target=key_question_id,
           before=None if before is None else {"version": before.version,
                                               "judgement": before.judgement,
                                               "evidence": before.evidence},
           after={"version": row.version, "standard": row.standard_id,
                  "judgement": row.judgement, "evidence": row.evidence})
    return row
