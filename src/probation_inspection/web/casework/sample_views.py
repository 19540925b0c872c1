"""Sample pages: upload a case list, draw the sample, assign cases and substitute reserves.

Lead inspectors and the data team manage samples at planning and fieldwork (`access.can`,
asked through the gate); the sampling core decides everything, and every POST is read by a
form of `sample_forms`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from probation_inspection import sampling as core
from probation_inspection.access import Action
from probation_inspection.sampling.columns import resolve_columns
from probation_inspection.sampling.size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN
from probation_inspection.untrusted import CASE_LIST, LimitExceeded, check_size
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.access import CaseMember, case_view
from probation_inspection.web.casework.forms import ColumnMappingForm
from probation_inspection.web.casework.models import (
    Assessment,
    AssessmentStatus,
    CaseList,
    CaseListMappingPreset,
    CaseStatus,
    PendingCaseList,
    Sample,
    SampleType,
)
from probation_inspection.web.casework.sample_forms import (
    DEFAULT_CONFIDENCE_PERCENT,
    DEFAULT_MARGIN_POINTS,
    REASON_LABELS,
    AssignForm,
    CaseListUploadForm,
    ColumnStepForm,
    DrawForm,
    SubstituteForm,
)
from probation_inspection.web.casework.sampling import (
    draw_sample,
    eligibility,
    read_upload,
    substitute_case,
)
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.inspections.gate import Member, inspection_view
from probation_inspection.web.inspections.models import ASSESSORS, Inspection
from probation_inspection.web.limits import untrusted_limits


def _sample_type(value: str) -> SampleType:
    try:
        return SampleType(value)
    except ValueError:
        raise Http404(f"no sample type {value!r}") from None


#: An upload left waiting for its columns longer than this is discarded: its uploader left.
PENDING_FOR = dt.timedelta(hours=24)


@inspection_view(Action.MANAGE_SAMPLE)
def upload(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    inspection = member.inspection
    kind = _sample_type(sample_type)
    context: dict[str, object] = {"inspection": inspection, "sample_type": kind}
    if request.method == "POST" and ColumnStepForm.posted(request.POST):
        return _choose_columns(request, member, kind, context)
    if request.method == "POST":
        form = CaseListUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            context["error_list"] = error_list(form)
            return render(request, "casework/upload.html", context, status=400)
        upload_file = form.cleaned_data["case_list"]
        try:
            # Refused from the upload's size before it is read into memory.
            check_size(upload_file.size or 0, CASE_LIST, untrusted_limits())
        except LimitExceeded as error:
            context.update(filename=upload_file.name, error_list=[
                PageError(f"{upload_file.name}: {error}. Nothing was imported.", "case_list")])
            return render(request, "casework/upload.html", context, status=400)
        content = upload_file.read()
        filename = upload_file.name or "case list"
        _discard_pending(member.user, inspection, kind)
        try:
            validated = read_upload(content, filename, kind.value)
        except core.CaseListError as error:
            if error.missing_fields:
                return _start_mapping(request, member, kind, context, filename, content,
                                      error)
            return _problems_page(request, context, filename, error.problems)
        return _import(request, member, kind, filename, content, validated, {})
    return render(request, "casework/upload.html", context)


def _problems_page(request: HttpRequest, context: dict[str, object], filename: str,
                   problems: Sequence[core.Problem], template: str = "casework/upload.html",
                   ) -> HttpResponse:
    count = len(problems)
    context.update(filename=filename, problems=problems, error_list=[
        PageError(f"The case list has {count} problem{'s' if count != 1 else ''}: nothing was "
                  "imported. Correct the file and upload it again.", "problems")])
    return render(request, template, context, status=400)


def _discard_pending(user: Any, inspection: Inspection, kind: SampleType) -> None:
    """A new upload replaces the uploader's unconfirmed one; anyone's stale ones go too."""
    PendingCaseList.objects.filter(uploaded_at__lt=timezone.now() - PENDING_FOR).delete()
    PendingCaseList.objects.filter(uploaded_by=user, inspection=inspection,
                                   sample_type=kind.value).delete()


def _import(request: HttpRequest, member: Member, kind: SampleType, filename: str,
            content: bytes, validated: core.CaseList, column_map: dict[str, str],
            ) -> HttpResponse:
    """Store a validated case list (with the columns chosen for it, if any) and audit it."""
    inspection = member.inspection
    with transaction.atomic():
        case_list = CaseList.objects.create(
            inspection=inspection, sample_type=kind.value, filename=filename,
            uploaded_by=member.user, row_count=len(validated), content=content,
            column_map=column_map,
        )
        after: dict[str, object] = {"filename": case_list.filename, "cases": case_list.row_count}
        if column_map:
            after["columns"] = column_map
            # The provider's next export is likely laid out the same way: offer these again.
            CaseListMappingPreset.objects.update_or_create(
                provider=inspection.provider, sample_type=kind.value,
                defaults={"column_map": column_map, "updated_by": member.user})
        record(member.user, inspection, AuditAction.CASE_LIST_UPLOADED, target=kind.value,
               after=after)
    messages.success(request, f"{case_list.filename}: {len(validated)} cases imported")
    drawn = Sample.objects.filter(inspection=inspection, sample_type=kind.value).select_related(
        "case_list").first()
    if drawn is not None:
        # A new list never changes a drawn sample; said plainly, not left to be inferred from
        # a sample page that looks the same (issue 13).
        messages.warning(request, f"The drawn {kind.label.lower()} sample is unchanged: it is "
                                  f"still the one drawn from {drawn.case_list.filename} with "
                                  f"seed {drawn.seed}. This list is not used by it.")
    return redirect("casework:draw", pk=inspection.pk, sample_type=kind.value)


def _start_mapping(request: HttpRequest, member: Member, kind: SampleType,
                   context: dict[str, object], filename: str, content: bytes,
                   error: core.CaseListError) -> HttpResponse:
    """Keep the file server-side for its uploader and ask which column holds each field."""
    inspection = member.inspection
    columns = next(problem.columns for problem in error.problems if problem.missing_field)
    pending = PendingCaseList.objects.create(
        inspection=inspection, sample_type=kind.value, filename=filename,
        uploaded_by=member.user, content=content, missing_fields=list(error.missing_fields),
        columns=[{"header": column.header, "values": list(column.values)}
                 for column in columns],
    )
    headers = [column.header for column in columns]
    preset = CaseListMappingPreset.objects.filter(provider=inspection.provider,
                                                  sample_type=kind.value).first()
    saved = {field: header for field, header in (preset.column_map if preset else {}).items()
             if field in pending.missing_fields and header in headers}
    form = ColumnMappingForm(fields=pending.missing_fields, headers=headers, initial=saved)
    others = [problem for problem in error.problems if not problem.missing_field]
    return _mapping_page(request, context, pending, form, others, used_saved=bool(saved))


def _mapping_page(request: HttpRequest, context: dict[str, object], pending: PendingCaseList,
                  form: ColumnMappingForm, problems: Sequence[core.Problem], *,
                  used_saved: bool = False, status: int = 200) -> HttpResponse:
    # Why each field needs choosing, from the headers alone (no second read of the file):
    # two columns that could each be it are named; otherwise no header names it.
    headers = [column["header"] for column in pending.columns]
    _, unmatched = resolve_columns(headers, required=[core.Field(field)
                                                      for field in pending.missing_fields])
    ambiguous = {problem.missing_field: problem.message[:1].upper() + problem.message[1:] + "."
                 for problem in unmatched if problem.missing_field and problem.column}
    context.update(pending=pending, form=form, problems=problems, used_saved=used_saved,
                   filename=pending.filename, columns=pending.columns,
                   choices=[(form[field], ambiguous.get(field, "No column header names it."))
                            for field in pending.missing_fields])
    return render(request, "casework/map_columns.html", context, status=status)


def _choose_columns(request: HttpRequest, member: Member, kind: SampleType,
                    context: dict[str, object]) -> HttpResponse:
    """The second step: read the kept file again, within the limits, with the chosen columns."""
    inspection = member.inspection
    step = ColumnStepForm(request.POST)
    step.is_valid()  # never refused: a pending id that is no number finds no upload below
    pending = PendingCaseList.objects.filter(
        pk=step.cleaned_data["pending"], uploaded_by=member.user,
        inspection=inspection, sample_type=kind.value,
        uploaded_at__gte=timezone.now() - PENDING_FOR,
    ).first()
    if pending is None:
        context["error_list"] = [PageError(
            "That upload is no longer waiting for its columns (it was imported, replaced or "
            "discarded). Upload the case list again.", "case_list")]
        return render(request, "casework/upload.html", context, status=400)
    if step.cleaned_data["discard"]:
        pending.delete()
        messages.info(request, f"{pending.filename} was discarded: nothing was imported")
        return redirect("casework:upload", pk=inspection.pk, sample_type=kind.value)
    headers = [column["header"] for column in pending.columns]
    form = ColumnMappingForm(request.POST, fields=pending.missing_fields, headers=headers)
    if not form.is_valid():
        context["error_list"] = error_list(form)
        return _mapping_page(request, context, pending, form, (), status=400)
    column_map = form.column_map()
    try:
        validated = read_upload(bytes(pending.content), pending.filename, kind.value,
                                column_map)
    except core.CaseListError as error:
        count = len(error.problems)
        context["error_list"] = [PageError(
            f"With these columns the case list has {count} problem{'s' if count != 1 else ''}"
            ": nothing was imported. Choose other columns, or correct the file and upload it "
            "again.", "problems")]
        return _mapping_page(request, context, pending, form, error.problems, status=400)
    content = bytes(pending.content)
    pending.delete()
    return _import(request, member, kind, pending.filename, content, validated, column_map)


@inspection_view(Action.MANAGE_SAMPLE)
def draw(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    inspection = member.inspection
    kind = _sample_type(sample_type)
    if Sample.objects.filter(inspection=inspection, sample_type=kind.value).exists():
        return redirect("casework:sample", pk=inspection.pk, sample_type=kind.value)
    case_list = CaseList.objects.filter(inspection=inspection, sample_type=kind.value).first()
    if case_list is None:
        return redirect("casework:upload", pk=inspection.pk, sample_type=kind.value)
    try:
        report = eligibility(case_list, inspection.fieldwork_start)
    except core.CaseListError as error:
        # The stored list is read again, within today's limits, for every draw: a limit
        # lowered since the upload (or a server too busy to read it in time) refuses it.
        problems = "; ".join(str(problem) for problem in error.problems)
        messages.error(request, f"{case_list.filename} could not be read again: {problems}. "
                                "Upload the case list again.")
        return redirect("casework:upload", pk=inspection.pk, sample_type=kind.value)
    eligible = report.included
    form = DrawForm(request.POST if request.method == "POST" else None, eligible=eligible)
    errors: list[PageError] = []
    if form.is_bound:
        errors = error_list(form)
        if form.is_valid():
            data = form.cleaned_data
            try:
                draw_sample(inspection, case_list, member.user, seed=data["seed"],
                            confidence=data["confidence"] / 100, margin=data["margin"],
                            size=data["size"])
            except (core.SamplingError, ValueError) as error:
                errors.append(PageError(f"The sample was not drawn: {error}.", "eligibility"))
            else:
                messages.success(request, "Sample drawn")
                return redirect("casework:sample", pk=inspection.pk, sample_type=kind.value)
    suggested = core.sample_size(eligible, DEFAULT_CONFIDENCE, DEFAULT_MARGIN) if eligible else 0
    return render(request, "casework/draw.html", {
        "inspection": inspection, "sample_type": kind, "case_list": case_list,
        "eligible": eligible, "suggested": suggested, "values": form.values(),
        "default_confidence": DEFAULT_CONFIDENCE_PERCENT, "default_margin": DEFAULT_MARGIN_POINTS,
        "error_list": errors, "report": report,
    }, status=400 if errors else 200)


def _assessors(inspection: Inspection) -> list[object]:
    users = get_user_model().objects.filter(
        team_memberships__inspection=inspection, team_memberships__role__in=list(ASSESSORS)
    ).order_by("first_name", "username")
    return list(users)


@inspection_view(Action.VIEW_CASES)
def sample(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    inspection = member.inspection
    kind = _sample_type(sample_type)
    drawn = get_object_or_404(Sample, inspection=inspection, sample_type=kind.value)
    # The sample lists case references: reading it is audited like opening a case.
    record(member.user, inspection, AuditAction.SAMPLE_VIEWED, target=kind.value)
    cases = drawn.cases.select_related("assigned_to", "replaced").order_by(
        "status", "reserve_order", "case_reference")
    assessments = {a.sampled_case_id: a for a in Assessment.objects.filter(
        sampled_case__sample=drawn)}
    return render(request, "casework/sample.html", {
        "inspection": inspection, "sample_type": kind, "sample": drawn,
        "sampled": [(case, assessments.get(case.pk)) for case in cases
                    if case.status == CaseStatus.SAMPLED],
        "substituted": [case for case in cases if case.status == CaseStatus.SUBSTITUTED],
        "reserves": [case for case in cases if case.status == CaseStatus.RESERVE],
        "assessors": _assessors(inspection),
        "manages": member.may(Action.MANAGE_SAMPLE),
    })


# Signed in and POST first, as before the gate: a GET is 405 whoever asks.
@login_required
@require_POST
@inspection_view(Action.MANAGE_SAMPLE)
def assign(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    inspection = member.inspection
    drawn = get_object_or_404(Sample, inspection=inspection, sample_type=sample_type)
    changed = 0
    with transaction.atomic():
        form = AssignForm(request.POST, assessors=_assessors(inspection),
                          cases=list(drawn.cases.select_for_update().filter(
                              status=CaseStatus.SAMPLED)))
        if not form.is_valid():
            raise PermissionDenied(AssignForm.REFUSED)
        for case, new in form.assignments():
            if case.assigned_to_id != (new.pk if new else None):
                record(member.user, inspection, AuditAction.ASSIGNMENT,
                       target=case.case_reference,
                       sampled_case=case,
                       before={"assigned_to": case.assigned_to.get_username()
                               if case.assigned_to else None},
                       after={"assigned_to": new.get_username() if new else None})
                case.assigned_to = new
                case.save(update_fields=["assigned_to"])
                if new is not None:
                    # A draft follows its case to the new assessor; submitted work keeps its author.
                    Assessment.objects.filter(sampled_case=case,
                                              status=AssessmentStatus.DRAFT).update(
                        assessor=new)
                changed += 1
    messages.success(request, f"{changed} case{'s' if changed != 1 else ''} assigned")
    return redirect("casework:sample", pk=inspection.pk, sample_type=sample_type)


@case_view(Action.MANAGE_SAMPLE)
def substitute(request: HttpRequest, member: CaseMember) -> HttpResponse:
    case = member.case
    if case.status != CaseStatus.SAMPLED:
        raise Http404("only a case in the sample can be substituted")
    form = SubstituteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        reason, detail = form.cleaned_data["reason"], form.cleaned_data["detail"]
        try:
            replacement = substitute_case(case, member.user, reason, detail)
        except (core.SamplingError, core.CaseListError) as error:
            form.add_error("detail" if reason == core.DropOutReason.OTHER else "reason",
                           str(error))
        else:
            messages.success(request, f"{case.case_reference} replaced by "
                                      f"{replacement.case_reference}")
            return redirect("casework:sample", pk=case.sample.inspection_id,
                            sample_type=case.sample.sample_type)
    errors = error_list(form) if form.is_bound else []
    return render(request, "casework/substitute.html", {
        "case": case, "inspection": member.inspection, "reasons": REASON_LABELS.items(),
        "reason": form["reason"].value() or "", "detail": str(form["detail"].value() or "").strip(),
        "error_list": errors,
    }, status=400 if errors else 200)
