"""Casework pages: my cases, the assessment form, a case's history and live results.

Views read the request, call the core packages and the services, and render; no rules here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from probation_inspection.access import Action, can
from probation_inspection.stages import assessment_open
from probation_inspection.web.audit.actions import READS, AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework import results as live_results
from probation_inspection.web.casework.access import case_for, require_assignee
from probation_inspection.web.casework.forms import (
    attribute_fields,
    layout,
    overlong_evidence,
    posted_answers,
    posted_attributes,
    slug,
)
from probation_inspection.web.casework.models import Assessment, AssessmentStatus, SampledCase
from probation_inspection.web.casework.services import save_assessment, start_assessment
from probation_inspection.web.forms import PageError
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.input_limits import VERSION_RANGE, NumberError, whole_number
from probation_inspection.web.inspections.models import TeamMember
from probation_inspection.web.quality.access import allowed, check

PROMPT_CHOICES = [("yes", "Yes"), ("no", "No"), ("not-applicable", "Not applicable")]
EDITABLE = {AssessmentStatus.DRAFT, AssessmentStatus.RETURNED}


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    cases = list(
        SampledCase.objects.filter(assigned_to=request.user, status="sampled")
        .select_related("sample__inspection__provider")
        .order_by("sample__inspection__fieldwork_start", "case_reference")
    )
    assessments = {
        assessment.sampled_case_id: assessment
        for assessment in Assessment.objects.filter(sampled_case__in=cases)
    }
    roles = {member.inspection_id: member.role for member in
             TeamMember.objects.filter(user=request.user)}
    rows = [(case, assessments.get(case.pk)) for case in cases
            if case.sample.inspection_id in roles
            and can(roles[case.sample.inspection_id], Action.VIEW_CASES,
                    case.sample.inspection.stage, is_assessor=True)]
    return render(request, "casework/my_cases.html", {"rows": rows})


@login_required
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    case, role = case_for(request.user, pk)
    inspection = case.sample.inspection
    assessment = Assessment.objects.filter(sampled_case=case).first()
    framework = framework_for(
        assessment.framework_id if assessment else inspection.framework_id,
        assessment.framework_version if assessment else inspection.framework_version,
    )
    assignee = case.assigned_to_id == request.user.pk
    stage = inspection.stage
    may_edit = assignee and can(role, Action.EDIT_ASSESSMENT, stage, is_assessor=True)
    if assessment is None and may_edit and assessment_open(stage, AssessmentStatus.DRAFT):
        assessment = start_assessment(case, framework, request.user)
    sample_type = case.sample.sample_type
    errors: list[PageError] = []
    warnings: list[Any] = []
    conflicts: list[Any] = []
    version_error: PageError | None = None
    overlong_notes: list[PageError] = []
    attributes = dict(case.attributes)
    if request.method != "POST":
        # Opening a case shows case-level data: who read it is part of the record.
        record(request.user, inspection, AuditAction.CASE_VIEWED, target=case.case_reference,
               sampled_case=case)

    if request.method == "POST":
        require_assignee(request.user, case)
        submit = request.POST.get("action") == "submit"
        check(role, Action.SUBMIT_ASSESSMENT if submit else Action.EDIT_ASSESSMENT, stage,
              is_assessor=True)
        if assessment is None or assessment.status not in EDITABLE:
            messages.error(request, "This assessment has been submitted and cannot be changed.")
            return redirect("casework:assess", pk=case.pk)
        if not assessment_open(stage, assessment.status):
            messages.error(request, f"At the {stage} stage only assessments returned by "
                                    "moderation can be changed.")
            return redirect("casework:assess", pk=case.pk)
        edited, attribute_errors = posted_attributes(request.POST, framework, sample_type)
        overlong_notes = [PageError(message, field) for field, message in
                          overlong_evidence(request.POST, framework, sample_type)]
        loaded_version, version_error = _loaded_version(request.POST)
        if version_error is not None:
            errors = [version_error]
        elif attribute_errors or overlong_notes:
            errors = [PageError(message, f"attribute-{name}") for name, message in attribute_errors]
            errors += overlong_notes
        else:
            result = save_assessment(
                assessment, framework, request.user,
                loaded_version=loaded_version,
                posted=posted_answers(request.POST, framework, sample_type),
                attributes=edited, submit=submit,
            )
            if not result.saved:
                conflicts = result.conflicts
                errors = [PageError(
                    "Someone else saved this assessment after you opened it. Your changes "
                    "were not saved: check what changed below, then make your changes again.",
                    "changes-since",
                )]
            else:
                warnings = result.warnings
                if submit and result.missing:
                    errors = [
                        PageError(message, _anchor(name, framework))
                        for name, message in result.missing
                    ]
                elif submit:
                    messages.success(request, f"Assessment of {case.case_reference} submitted")
                    return redirect("casework:my-cases")
                elif not warnings:
                    messages.success(request, "Draft saved")
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
    return render(request, "casework/assess.html", {
        "case": case,
        "inspection": inspection,
        "role": role,
        "assessment": assessment,
        "framework": framework,
        "editable": editable,
        "attribute_fields": attribute_fields(framework, sample_type, attributes),
        "standards": layout(framework, sample_type, attributes, answers),
        "error_list": errors,
        "warnings": warnings,
        "conflicts": conflicts,
        "case_facts": _case_facts(framework, attributes),
        "prompt_choices": PROMPT_CHOICES,
        "judgement_choices": PROMPT_CHOICES[:2],
        "missing_fields": {error.field.removeprefix("answer-") for error in errors},
    }, status=409 if conflicts else 400 if version_error or overlong_notes else 200)


def _loaded_version(posted: Any) -> tuple[int, PageError | None]:
    """The hidden version the page was loaded at; a tampered one is a clear error, not a 500."""
    try:
        return whole_number(posted.get("version", "") or "0", "The assessment version",
                            VERSION_RANGE), None
    except NumberError as error:
        return 0, PageError(f"{error}: reload the page and make your changes again. Nothing "
                            "was saved.", "changes-since")


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


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    case, role = case_for(request.user, pk)
    record(request.user, case.sample.inspection, AuditAction.CASE_HISTORY_VIEWED,
           target=case.case_reference, sampled_case=case)
    # The history shows changes; who read the case is in the audit log, not here.
    events = (case.audit_events.exclude(action__in=READS).select_related("actor")
              .order_by("-at", "-id"))
    return render(request, "casework/history.html", {"case": case, "events": events})


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.VIEW_RESULTS)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    return render(request, "casework/results.html", {
        "inspection": inspection,
        "framework": framework,
        "samples": live_results.inspection_results(inspection, framework),
    })
