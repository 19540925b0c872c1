"""Casework pages: my cases, the assessment form, a case's history and live results.

Views read the request (through the gate and the assessment form), call the core packages and
the services, and render; no rules here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from probation_inspection.access import Action
from probation_inspection.moderation.errors import ErrorCode, IllegalTransition
from probation_inspection.moderation.status import REOPENABLE, reopen
from probation_inspection.scoring.merge import FieldConflict
from probation_inspection.scoring.progress import section_progress
from probation_inspection.scoring.submission import SubmissionProblem
from probation_inspection.stages import assessment_open
from probation_inspection.web import notify
from probation_inspection.web.audit.actions import READS, AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework import results as live_results
from probation_inspection.web.casework.access import CaseMember, case_view
from probation_inspection.web.casework.forms import (
    AssessmentForm,
    ReopenAssessmentForm,
    attribute_fields,
    layout,
    slug,
)
from probation_inspection.web.casework.models import (
    Answer,
    AnswerValue,
    Assessment,
    AssessmentStatus,
    CaseStatus,
    SampledCase,
)
from probation_inspection.web.casework.questions import page_rules, questions, relevance_attributes
from probation_inspection.web.casework.services import (
    FieldKey,
    save_assessment,
    start_assessment,
)
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.gate import Member, inspection_view
from probation_inspection.web.inspections.models import Role, Stage, TeamMember
from probation_inspection.web.labels import phrase

#: A prompt's answers (an inspector's: not relevant is the relevance rules'); a judgement's
#: are the first two.
PROMPT_CHOICES = [(answer.value, answer.label) for answer in
                  (AnswerValue.YES, AnswerValue.NO, AnswerValue.NOT_APPLICABLE)]
EDITABLE = {AssessmentStatus.DRAFT, AssessmentStatus.RETURNED}


#: A case whose assessment is not started yet, for the status filter.
NOT_STARTED = "not-started"
#: Stages at which an assessment is still worked on: its drafts and returns are current work.
CURRENT_STAGES = frozenset({Stage.FIELDWORK, Stage.MODERATION})


class MyCasesFilter(forms.Form):
    """The filters of My cases (a GET form): one inspection, one status, or all."""

    inspection = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(required=False, choices=[
        ("", "Any status"), (NOT_STARTED, "Not started"), *AssessmentStatus.choices])

    def __init__(self, data: Any, inspections: list[tuple[int, str]]) -> None:
        super().__init__(data)
        field = self.fields["inspection"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "All inspections"), *inspections]


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """The cases assigned to the user, on inspections where they may see cases now: current
    work first (drafts and returns of inspections still in fieldwork or moderation), each with
    its progress (questions answered of those that apply), filtered by inspection and status."""
    user = request.user
    if isinstance(user, AnonymousUser):  # pragma: no cover - login_required signs users in
        raise PermissionDenied
    cases = list(
        SampledCase.objects.filter(assigned_to=user, status=CaseStatus.SAMPLED)
        .select_related("sample__inspection__provider")
        .order_by("sample__inspection__fieldwork_start", "case_reference")
    )
    assessments = {
        assessment.sampled_case_id: assessment
        for assessment in Assessment.objects.filter(sampled_case__in=cases)
    }
    roles = {member.inspection_id: member.role for member in
             TeamMember.objects.filter(user=user)}
    visible = [case for case in cases
               if case.sample.inspection_id in roles
               and CaseMember(user, case.sample.inspection,
                              Role(roles[case.sample.inspection_id]), case, is_assessor=True
                              ).may(Action.VIEW_CASES)]
    inspections = {case.sample.inspection_id: str(case.sample.inspection) for case in visible}
    chosen = MyCasesFilter(request.GET, sorted(inspections.items(), key=lambda item: item[1]))
    inspection, status = None, ""
    if chosen.is_valid():
        inspection, status = chosen.cleaned_data["inspection"], chosen.cleaned_data["status"]

    def status_of(case: SampledCase) -> str:
        assessment = assessments.get(case.pk)
        return assessment.status if assessment else NOT_STARTED

    rows = [case for case in visible
            if (inspection is None or case.sample.inspection_id == inspection)
            and (not status or status_of(case) == status)]
    progress = _progress([assessments[case.pk].pk for case in rows if case.pk in assessments])

    def current(case: SampledCase) -> bool:
        return (case.sample.inspection.stage in CURRENT_STAGES
                and status_of(case) in {AssessmentStatus.RETURNED, AssessmentStatus.DRAFT,
                                        NOT_STARTED})

    # Returned work first (someone waits on it), then drafts, then cases not started.
    urgency = {AssessmentStatus.RETURNED: 0, AssessmentStatus.DRAFT: 1, NOT_STARTED: 2}
    rows.sort(key=lambda case: (not current(case), urgency.get(status_of(case), 3),
                                case.sample.inspection.fieldwork_start, case.case_reference))
    table = []
    for case in rows:
        assessment = assessments.get(case.pk)
        answered, applicable = progress.get(assessment.pk, (0, 0)) if assessment else (0, 0)
        table.append({"case": case, "assessment": assessment, "current": current(case),
                      "answered": answered, "applicable": applicable})
    return render(request, "casework/my_cases.html", {
        "rows": table, "filter": chosen, "filtered": bool(inspection or status),
        "any_cases": bool(visible)})


def _progress(assessment_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(answered, applicable) per assessment: a question the relevance rules set not relevant
    is not counted; one with any answer is answered."""
    counted = (Answer.objects.filter(assessment_id__in=assessment_ids)
               .exclude(value=AnswerValue.NOT_RELEVANT)
               .values("assessment_id")
               .annotate(applicable=Count("id"), answered=Count("id", filter=~Q(value=""))))
    return {row["assessment_id"]: (row["answered"], row["applicable"]) for row in counted}


def _require_change(member: CaseMember, action: Action) -> None:
    """403 unless the member may take ``action`` on the case now; someone else's case is
    refused in the words the page has always used."""
    case = member.case
    if not member.is_assessor:
        raise PermissionDenied(
            f"Case {case.case_reference} is assigned to "
            f"{case.assigned_to.get_full_name() if case.assigned_to else 'nobody'}: "
            "you can change only cases assigned to you."
        )
    member.require(action)


@case_view(Action.VIEW_CASES)
def assess(request: HttpRequest, member: CaseMember) -> HttpResponse:
    """The assessment form: sections per standard with progress, live relevance, autosave
    (a background post answered in JSON) and a stale save merged field by field."""
    case, inspection, stage = member.case, member.inspection, member.stage
    # At most one (a one-to-one); read without first()'s ordering.
    assessment = next(iter(Assessment.objects.filter(sampled_case=case)), None)
    framework = framework_for(
        assessment.framework_id if assessment else inspection.framework_id,
        assessment.framework_version if assessment else inspection.framework_version,
    )
    may_edit = member.is_assessor and member.may(Action.EDIT_ASSESSMENT)
    if assessment is None and may_edit and assessment_open(stage, AssessmentStatus.DRAFT):
        assessment = start_assessment(case, framework, request.user)
    sample_type = case.sample.sample_type
    errors: list[PageError] = []
    warnings: list[Any] = []
    conflicts: list[ConflictChoice] = []
    changes: list[Any] = []
    refused = raced = False
    attributes = dict(case.attributes)
    if request.method != "POST":
        # Opening a case shows case-level data: who read it is part of the record.
        record(request.user, inspection, AuditAction.CASE_VIEWED, target=case.case_reference,
               sampled_case=case)

    if request.method == "POST":
        form = AssessmentForm(request.POST, framework=framework, sample_type=sample_type)
        valid = form.is_valid()
        autosave = form.is_autosave
        # A background save is a draft save, whatever else was posted.
        submit = form.submit and not autosave
        _require_change(member, Action.SUBMIT_ASSESSMENT if submit else Action.EDIT_ASSESSMENT)
        if assessment is None or assessment.status not in EDITABLE:
            message = "This assessment has been submitted and cannot be changed."
            if autosave:
                return _autosaved(False, message, status=409)
            messages.error(request, message)
            return redirect("casework:assess", pk=case.pk)
        if not assessment_open(stage, assessment.status):
            message = (f"At the {stage} stage only assessments returned by moderation can be "
                       "changed.")
            if autosave:
                return _autosaved(False, message, status=409)
            messages.error(request, message)
            return redirect("casework:assess", pk=case.pk)
        if not valid:
            errors, refused = error_list(form), form.refused
            if autosave:
                return _autosaved(False, errors[0].message if errors else "check the page",
                                  status=400 if refused else 200)
        else:
            result = save_assessment(
                assessment, framework, request.user,
                loaded_version=form.loaded_version,
                posted=form.answers(),
                attributes=form.attributes, submit=submit, case=case,
            )
            changes = result.changes
            if not result.saved:
                raced = True
                if autosave:
                    return _autosaved(False, "someone else is saving this case: try again",
                                      status=409)
                errors = [PageError(
                    "Someone else saved this assessment while you were saving. Your changes "
                    "were not saved: check what changed below, then save again.",
                    "changes-since",
                )]
            elif autosave:
                if result.conflicts:
                    return _autosaved(True, _conflict_words(len(result.conflicts)),
                                      conflicts=len(result.conflicts), status=409)
                return _autosaved(True, f"Saved at {timezone.localtime():%H:%M}",
                                  version=result.version)
            else:
                warnings = result.warnings
                conflicts = _choices(result.conflicts, framework, sample_type, changes)
                if conflicts:
                    errors = [PageError(
                        "Someone else saved this assessment after you opened it. Your other "
                        "changes were saved; where you both changed the same thing, choose "
                        "which to keep below and save again.", "conflicts"), *(PageError(
                        f"{choice.label}: {_who(choice)} saved a different "
                        f"{'value' if choice.kind == 'attribute' else choice.kind} "
                        "after you opened this page. Choose which to keep",
                        choice.anchor) for choice in conflicts)]
                elif submit and result.missing:
                    errors = [PageError(problem.message, _anchor(problem.field, framework))
                              for problem in _page_order(result.missing, framework,
                                                         sample_type)]
                elif submit:
                    messages.success(request, f"Assessment of {case.case_reference} submitted")
                    return redirect("casework:my-cases")
                elif not warnings:
                    messages.success(request, "Draft saved" if not changes else
                                     "Draft saved with the changes others made since you "
                                     "opened it")
                    return redirect("casework:assess", pk=case.pk)
        # Only reached when the page is shown again: show what is stored now.
        case.refresh_from_db(fields=["attributes", "version"])
        attributes = dict(case.attributes)
        if assessment is not None:
            assessment.refresh_from_db()

    answers = (
        {answer.question_id: answer for answer in assessment.answers.all()} if assessment else {}
    )
    editable = (may_edit and assessment is not None and assessment.status in EDITABLE
                and assessment_open(stage, assessment.status))
    standards = layout(framework, sample_type, attributes, answers)
    progress = section_progress(framework, sample_type, attributes,
                                {key: answer.value for key, answer in answers.items()})
    return render(request, "casework/assess.html", {
        "case": case,
        "inspection": inspection,
        "role": member.role,
        "assessment": assessment,
        "framework": framework,
        "editable": editable,
        "attribute_fields": attribute_fields(framework, sample_type, attributes),
        "standards": standards,
        "sections": [(standard, blocks, counted, f"standard-{slug(standard.id)}")
                     for (standard, blocks), counted in zip(standards, progress, strict=True)],
        "rules": page_rules(framework, sample_type),
        "error_list": errors,
        "warnings": warnings,
        "changes": changes if (conflicts or errors) else [],
        "conflicts": conflicts,
        "conflict_fields": {choice.field for choice in conflicts},
        "case_facts": _case_facts(framework, attributes),
        "prompt_choices": PROMPT_CHOICES,
        "judgement_choices": PROMPT_CHOICES[:2],
        "missing_fields": {error.field.removeprefix("answer-") for error in errors},
        "may_reopen": (assessment is not None and assessment.status in REOPENABLE
                       and member.may(Action.REOPEN_ASSESSMENT)),
    }, status=409 if conflicts or raced else 400 if refused else 200)


def _autosaved(saved: bool, message: str, *, version: int | None = None, conflicts: int = 0,
               status: int = 200) -> JsonResponse:
    """The answer to the page's background save: what the status line says, and the version
    the form saves from next (only after a clean save)."""
    return JsonResponse({"saved": saved, "message": message, "version": version,
                         "conflicts": conflicts}, status=status)


def _conflict_words(count: int) -> str:
    fields = "answer" if count == 1 else "answers"
    return (f"Your other changes were saved, but someone else changed {count} {fields} you "
            "also changed. Choose which to keep")


@dataclass(frozen=True)
class ConflictChoice:
    """One field both sides changed, as the page offers it: theirs (stored) or mine."""

    kind: str
    field: str
    label: str
    theirs: str
    mine: str
    theirs_words: str
    mine_words: str
    who: str

    @property
    def anchor(self) -> str:
        return f"choose-{self.field}"


def _who(choice: ConflictChoice) -> str:
    return choice.who or "Someone else"


def _choices(conflicts: list[FieldConflict[FieldKey, object]], framework: Any,
             sample_type: str, changes: list[Any]) -> list[ConflictChoice]:
    """The conflicts in page order (attributes first, then questions in form order; within a
    question its answer, note and practice flag), with the words the page shows."""
    position = {question.id: index
                for index, question in enumerate(questions(framework, sample_type))}
    kinds = ("answer", "evidence", "practice")
    labels = {attribute.name: attribute for attribute in framework.attributes}
    texts = {question.id: question.text for question in questions(framework, sample_type)}
    actors: dict[tuple[str, str], str] = {}
    for event in changes:
        key = ("attribute" if event.action == AuditAction.CASE_ATTRIBUTE else "question",
               event.target)
        if event.actor is not None:
            actors[key] = event.actor.get_full_name() or event.actor.get_username()

    def order(conflict: FieldConflict[FieldKey, object]) -> tuple[int, int, int]:
        kind, name = conflict.key
        if kind == "attribute":
            return (0, 0, 0)
        return (1, position.get(name, 0), kinds.index(kind))

    def posted(kind: str, value: object) -> tuple[str, str]:
        """(the value the form posts, its words) for one side of a conflict."""
        if kind == "practice":
            return ("on", "A practice example") if value else ("", "Not a practice example")
        if kind == "attribute":
            text = "" if value is None else ("true" if value is True else "false"
                                             if value is False else str(value))
            words = {"true": "Yes", "false": "No", "": "Not given"}.get(text, text)
            return text, words
        text = "" if value is None else str(value)
        if kind == "answer":
            return text, (phrase(text) if text else "No answer")
        return text, (text or "No note")

    choices = []
    for conflict in sorted(conflicts, key=order):
        kind, name = conflict.key
        theirs, theirs_words = posted(kind, conflict.stored)
        mine, mine_words = posted(kind, conflict.mine)
        if kind == "attribute":
            attribute = labels.get(name)
            label = attribute.label if attribute else name
            field = f"attribute-{name}"
            who = actors.get(("attribute", name), "")
        else:
            label = {"answer": f"{name}: {texts.get(name, '')}",
                     "evidence": f"Evidence note for {name}",
                     "practice": f"Practice example for {name}"}[kind]
            field = f"{kind}-{slug(name)}"
            who = actors.get(("question", name), "")
        choices.append(ConflictChoice(kind, field, label, theirs, mine, theirs_words,
                                      mine_words, who))
    return choices


def _page_order(problems: Sequence[SubmissionProblem], framework: Any,
                sample_type: str) -> list[SubmissionProblem]:
    """What blocks submission in the order of the page: the case attributes (at its top)
    first, then the questions in form order."""
    attributes = [attribute.name for attribute in relevance_attributes(framework, sample_type)]
    position = {question.id: index
                for index, question in enumerate(questions(framework, sample_type))}

    def order(problem: SubmissionProblem) -> tuple[int, int]:
        if problem.field in attributes:
            return (0, attributes.index(problem.field))
        return (1, position.get(problem.field, len(position)))

    return sorted(problems, key=order)


def _anchor(name: str, framework: Any) -> str:
    try:
        framework.attribute(name)
    except KeyError:
        return f"answer-{slug(name)}"
    return f"attribute-{name}"


def _case_facts(framework: Any, attributes: dict[str, Any]) -> list[tuple[str, Any]]:
    labels = {attribute.name: attribute.label for attribute in framework.attributes}
    shown = ("gender", "disposal", "rosh_level", "responsible_officer_grade", "delivery_unit")
    return [(labels.get(name, name), attributes.get(name)) for name in shown if name in attributes]


@case_view(Action.VIEW_CASES)
def print_case(request: HttpRequest, member: CaseMember) -> HttpResponse:
    """A case on paper: its details, attributes and every question with its answer, evidence
    note and practice-example flag, standard by standard (print styles hide the service's
    navigation)."""
    case, inspection = member.case, member.inspection
    # At most one (a one-to-one); read without first()'s ordering.
    assessment = next(iter(Assessment.objects.filter(sampled_case=case)), None)
    framework = framework_for(
        assessment.framework_id if assessment else inspection.framework_id,
        assessment.framework_version if assessment else inspection.framework_version,
    )
    record(request.user, inspection, AuditAction.CASE_VIEWED, target=case.case_reference,
           sampled_case=case)
    sample_type = case.sample.sample_type
    attributes = dict(case.attributes)
    answers = (
        {answer.question_id: answer for answer in assessment.answers.all()} if assessment else {}
    )
    standards = layout(framework, sample_type, attributes, answers)
    progress = section_progress(framework, sample_type, attributes,
                                {key: answer.value for key, answer in answers.items()})
    return render(request, "casework/print.html", {
        "case": case, "inspection": inspection, "role": member.role,
        "assessment": assessment, "framework": framework,
        "case_facts": _case_facts(framework, attributes),
        "attribute_fields": attribute_fields(framework, sample_type, attributes),
        "sections": list(zip(standards, progress, strict=True)),
    })


@case_view(Action.REOPEN_ASSESSMENT)
def reopen_assessment(request: HttpRequest, member: CaseMember) -> HttpResponse:
    """The lead sends a submitted or moderated assessment back to its inspector with a reason:
    it stops counting until resubmitted (issue 13). Audited, and the inspector is emailed."""
    case = member.case
    # At most one (a one-to-one); read without first()'s ordering.
    assessment = next(iter(Assessment.objects.filter(sampled_case=case)), None)
    errors: list[PageError] = []
    reason = ""
    if request.method == "POST":
        form = ReopenAssessmentForm(request.POST)
        errors = error_list(form)
        reason = str(form["reason"].value() or "").strip()
        if not errors:
            reason = form.cleaned_data["reason"]
            try:
                if assessment is None:
                    raise IllegalTransition("nothing has been assessed on this case yet",
                                            code=ErrorCode.NOT_REOPENABLE, field="status")
                before = assessment.status
                target = reopen(before, member.role, member.stage, reason=reason)
            except IllegalTransition as refused:
                errors = [PageError(f"You cannot reopen this assessment: {refused}.",
                                    "reason" if refused.field == "reason" else "")]
            else:
                with transaction.atomic():
                    assessment.status = target.value
                    assessment.save(update_fields=["status", "updated_at"])
                    record(request.user, member.inspection, AuditAction.ASSESSMENT_REOPENED,
                           target=str(assessment.pk), before={"status": before},
                           after={"status": target.value, "reason": reason},
                           sampled_case=case)
                    notify.assessment_reopened(assessment, reason)  # sent after the commit
                messages.success(request, f"Assessment of {case.case_reference} reopened: it "
                                          "no longer counts until its inspector resubmits it")
                return redirect("casework:assess", pk=case.pk)
    return render(request, "casework/reopen.html", {
        "case": case, "inspection": member.inspection, "role": member.role,
        "assessment": assessment, "error_list": errors, "reason": reason,
        "reopenable": assessment is not None and assessment.status in REOPENABLE,
    }, status=400 if errors else 200)


@case_view(Action.VIEW_CASES)
def history(request: HttpRequest, member: CaseMember) -> HttpResponse:
    case = member.case
    record(request.user, member.inspection, AuditAction.CASE_HISTORY_VIEWED,
           target=case.case_reference, sampled_case=case)
    # The history shows changes; who read the case is in the audit log, not here.
    events = (case.audit_events.exclude(action__in=READS).select_related("actor")
              .order_by("-at", "-id"))
    return render(request, "casework/history.html", {
        "case": case, "events": events, "inspection": member.inspection, "role": member.role,
    })


@inspection_view(Action.VIEW_RESULTS)
def results(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    return render(request, "casework/results.html", {
        "inspection": inspection,
        "role": member.role,
        "framework": framework,
        "samples": live_results.inspection_results(inspection, framework),
    })
