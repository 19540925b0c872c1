"""Sample pages: upload a case list, draw (and redraw) the sample, assign cases (one by one,
in bulk or automatically) and substitute reserves.

Lead inspectors and the data team manage samples at planning and fieldwork (`access.can`,
asked through the gate); the sampling core decides everything, and every POST is read by a
form of `sample_forms`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
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
from probation_inspection.access import Stage as CoreStage
from probation_inspection.framework.model import SampleTypeDefinition
from probation_inspection.sampling.allocation import CaseToAssign, allocate_cases
from probation_inspection.sampling.columns import resolve_columns
from probation_inspection.sampling.draw import redraw_refusal
from probation_inspection.sampling.fields import (
    DEFAULT_HEADERS,
    FIELD_LABELS,
    FIELD_PHRASES,
    Field,
)
from probation_inspection.sampling.size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN
from probation_inspection.stages import in_sentence
from probation_inspection.untrusted import CASE_LIST, LimitExceeded, check_size
from probation_inspection.web import notify
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
    DeliveryUnitConflict,
    PendingCaseList,
    Sample,
    SampledCase,
)
from probation_inspection.web.casework.results import COUNTED_STATUSES
from probation_inspection.web.casework.sample_forms import (
    DEFAULT_CONFIDENCE_PERCENT,
    DEFAULT_MARGIN_POINTS,
    REASON_LABELS,
    AllocateForm,
    AssignForm,
    BulkAssignForm,
    CaseListUploadForm,
    ColumnStepForm,
    ConflictForm,
    DrawForm,
    RedrawForm,
    SubstituteForm,
    WithdrawConflictForm,
)
from probation_inspection.web.casework.sampling import (
    draw_sample,
    eligibility,
    read_upload,
    redraw_sample,
    sample_type_definition,
    sample_type_ids,
    substitute_case,
)
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.inspections.gate import Member, inspection_view
from probation_inspection.web.inspections.models import (
    ASSESSORS,
    DeliveryUnit,
    Inspection,
    TeamMember,
)
from probation_inspection.web.limits import untrusted_limits


def _sample_type(inspection: Inspection, value: str) -> SampleTypeDefinition:
    """The sample type ``value`` names in the inspection's framework version: any id it
    declares (a youth out-of-court sample, a provider's own), and a 404 for any other."""
    try:
        return sample_type_definition(inspection, value)
    except KeyError:
        raise Http404(f"no sample type {value!r} in this inspection's framework (declared: "
                      f"{', '.join(sample_type_ids(inspection))})") from None


def _needs(kind: SampleTypeDefinition) -> list[tuple[str, str]]:
    """The columns the sample type's case list must have, as the framework declares them: each
    field's name in words and the header the reader knows it by first."""
    return [(FIELD_LABELS[Field(name)], DEFAULT_HEADERS[Field(name)][0]) for name in kind.fields]


def _strata(kind: SampleTypeDefinition) -> list[str]:
    """The fields the framework stratifies the sample type by, in words."""
    return [FIELD_PHRASES.get(Field(name), name) for name in kind.strata]


#: An upload left waiting for its columns longer than this is discarded: its uploader left.
PENDING_FOR = dt.timedelta(hours=24)


@inspection_view(Action.MANAGE_SAMPLE)
def upload(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    inspection = member.inspection
    kind = _sample_type(inspection, sample_type)
    context: dict[str, object] = {"inspection": inspection, "sample_type": kind,
                                  "needs": _needs(kind)}
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
            validated = read_upload(content, filename, kind)
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


def _discard_pending(user: Any, inspection: Inspection, kind: SampleTypeDefinition) -> None:
    """A new upload replaces the uploader's unconfirmed one; anyone's stale ones go too."""
    PendingCaseList.objects.filter(uploaded_at__lt=timezone.now() - PENDING_FOR).delete()
    PendingCaseList.objects.filter(uploaded_by=user, inspection=inspection,
                                   sample_type=kind.id).delete()


def _import(request: HttpRequest, member: Member, kind: SampleTypeDefinition, filename: str,
            content: bytes, validated: core.CaseList, column_map: dict[str, str],
            ) -> HttpResponse:
    """Store a validated case list (with the columns chosen for it, if any) and audit it."""
    inspection = member.inspection
    with transaction.atomic():
        case_list = CaseList.objects.create(
            inspection=inspection, sample_type=kind.id, filename=filename,
            uploaded_by=member.user, row_count=len(validated), content=content,
            column_map=column_map,
        )
        after: dict[str, object] = {"filename": case_list.filename, "cases": case_list.row_count}
        if column_map:
            after["columns"] = column_map
            # The provider's next export is likely laid out the same way: offer these again.
            CaseListMappingPreset.objects.update_or_create(
                provider=inspection.provider, sample_type=kind.id,
                defaults={"column_map": column_map, "updated_by": member.user})
        record(member.user, inspection, AuditAction.CASE_LIST_UPLOADED, target=kind.id,
               after=after)
    messages.success(request, f"{case_list.filename}: {len(validated)} cases imported")
    drawn = Sample.objects.filter(inspection=inspection, sample_type=kind.id).select_related(
        "case_list").first()
    if drawn is not None:
        # A new list never changes a drawn sample; said plainly, not left to be inferred from
        # a sample page that looks the same (issue 13).
        messages.warning(request, f"The drawn {in_sentence(kind.label)} sample is unchanged: it is "
                                  f"still the one drawn from {drawn.case_list.filename} with "
                                  f"seed {drawn.seed}. This list is not used by it.")
    return redirect("casework:draw", pk=inspection.pk, sample_type=kind.id)


def _start_mapping(request: HttpRequest, member: Member, kind: SampleTypeDefinition,
                   context: dict[str, object], filename: str, content: bytes,
                   error: core.CaseListError) -> HttpResponse:
    """Keep the file server-side for its uploader and ask which column holds each field."""
    inspection = member.inspection
    columns = next(problem.columns for problem in error.problems if problem.missing_field)
    pending = PendingCaseList.objects.create(
        inspection=inspection, sample_type=kind.id, filename=filename,
        uploaded_by=member.user, content=content, missing_fields=list(error.missing_fields),
        columns=[{"header": column.header, "values": list(column.values)}
                 for column in columns],
    )
    headers = [column.header for column in columns]
    preset = CaseListMappingPreset.objects.filter(provider=inspection.provider,
                                                  sample_type=kind.id).first()
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


def _choose_columns(request: HttpRequest, member: Member, kind: SampleTypeDefinition,
                    context: dict[str, object]) -> HttpResponse:
    """The second step: read the kept file again, within the limits, with the chosen columns."""
    inspection = member.inspection
    step = ColumnStepForm(request.POST)
    step.is_valid()  # never refused: a pending id that is no number finds no upload below
    pending = PendingCaseList.objects.filter(
        pk=step.cleaned_data["pending"], uploaded_by=member.user,
        inspection=inspection, sample_type=kind.id,
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
        return redirect("casework:upload", pk=inspection.pk, sample_type=kind.id)
    headers = [column["header"] for column in pending.columns]
    form = ColumnMappingForm(request.POST, fields=pending.missing_fields, headers=headers)
    if not form.is_valid():
        context["error_list"] = error_list(form)
        return _mapping_page(request, context, pending, form, (), status=400)
    column_map = form.column_map()
    try:
        validated = read_upload(bytes(pending.content), pending.filename, kind,
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
    kind = _sample_type(inspection, sample_type)
    if Sample.objects.filter(inspection=inspection, sample_type=kind.id).exists():
        return redirect("casework:sample", pk=inspection.pk, sample_type=kind.id)
    case_list = CaseList.objects.filter(inspection=inspection, sample_type=kind.id).first()
    if case_list is None:
        return redirect("casework:upload", pk=inspection.pk, sample_type=kind.id)
    try:
        report = eligibility(case_list, inspection.fieldwork_start)
    except core.CaseListError as error:
        # The stored list is read again, within today's limits, for every draw: a limit
        # lowered since the upload (or a server too busy to read it in time) refuses it.
        problems = "; ".join(str(problem) for problem in error.problems)
        messages.error(request, f"{case_list.filename} could not be read again: {problems}. "
                                "Upload the case list again.")
        return redirect("casework:upload", pk=inspection.pk, sample_type=kind.id)
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
                return redirect("casework:sample", pk=inspection.pk, sample_type=kind.id)
    suggested = core.sample_size(eligible, DEFAULT_CONFIDENCE, DEFAULT_MARGIN) if eligible else 0
    return render(request, "casework/draw.html", {
        "inspection": inspection, "sample_type": kind, "case_list": case_list,
        "strata": _strata(kind),
        "eligible": eligible, "suggested": suggested, "values": form.values(),
        "default_confidence": DEFAULT_CONFIDENCE_PERCENT, "default_margin": DEFAULT_MARGIN_POINTS,
        "error_list": errors, "report": report,
    }, status=400 if errors else 200)


def _assessors(inspection: Inspection) -> list[object]:
    users = get_user_model().objects.filter(
        team_memberships__inspection=inspection, team_memberships__role__in=list(ASSESSORS)
    ).order_by("first_name", "username")
    return list(users)


@dataclass(frozen=True)
class Workload:
    """One row of the workload table: an inspector (None: not assigned), their cases in the
    sample, how many are submitted, and their cases per delivery unit."""

    inspector: Any
    cases: int
    submitted: int
    units: list[tuple[str, int]]


def _workload(cases: Sequence[SampledCase], assessments: dict[int, Assessment],
              assessors: Sequence[Any]) -> list[Workload]:
    rows = []
    for person in (*assessors, None):
        theirs = [case for case in cases
                  if case.assigned_to_id == (person.pk if person is not None else None)]
        if person is None and not theirs:
            continue
        units = Counter(case.delivery_unit.name if case.delivery_unit else "No delivery unit"
                        for case in theirs)
        rows.append(Workload(person, len(theirs), sum(
            1 for case in theirs if case.pk in assessments
            and assessments[case.pk].status in COUNTED_STATUSES), sorted(units.items())))
    return rows


def _members(inspection: Inspection) -> list[TeamMember]:
    return list(TeamMember.objects.filter(inspection=inspection, role__in=list(ASSESSORS))
                .select_related("user").order_by("user__first_name", "user__username"))


def _units(drawn: Sample) -> list[DeliveryUnit]:
    return list(DeliveryUnit.objects.filter(cases__sample=drawn).distinct().order_by("name"))


def _redraw_refused(member: Member, drawn: Sample) -> str | None:
    return redraw_refusal(
        fieldwork_started=member.inspection.stage != CoreStage.PLANNING,
        assessments=Assessment.objects.filter(sampled_case__sample=drawn).count())


def _sample_page(request: HttpRequest, member: Member, kind: SampleTypeDefinition, drawn: Sample,
                 extra: dict[str, object] | None = None, status: int = 200) -> HttpResponse:
    inspection = member.inspection
    cases = list(drawn.cases.select_related("assigned_to", "replaced", "delivery_unit")
                 .order_by("status", "reserve_order", "case_reference"))
    assessments = {a.sampled_case_id: a for a in Assessment.objects.filter(
        sampled_case__sample=drawn)}
    assessors = _assessors(inspection)
    sampled = [case for case in cases if case.status == CaseStatus.SAMPLED]
    manages = member.may(Action.MANAGE_SAMPLE)
    context: dict[str, object] = {
        "inspection": inspection, "sample_type": kind, "sample": drawn,
        "sampled": [(case, assessments.get(case.pk)) for case in sampled],
        "substituted": [case for case in cases if case.status == CaseStatus.SUBSTITUTED],
        "reserves": [case for case in cases if case.status == CaseStatus.RESERVE],
        "assessors": assessors,
        "manages": manages,
        "workload": _workload(sampled, assessments, assessors),
        "unassigned": sum(1 for case in sampled if case.assigned_to_id is None),
        "conflicts": DeliveryUnitConflict.objects.filter(member__inspection=inspection)
        .select_related("member__user", "delivery_unit"),
        "members": _members(inspection) if manages else [],
        "units": _units(drawn) if manages else [],
        "history": Sample.draws.filter(inspection=inspection, sample_type=kind.id,
                                       superseded_at__isnull=False)
        .select_related("drawn_by", "superseded_by", "case_list").order_by("-superseded_at"),
        "redraw_refused": _redraw_refused(member, drawn) if manages else None,
        "allocate": AllocateForm(assessors=assessors),
    }
    context.update(extra or {})
    return render(request, "casework/sample.html", context, status=status)


@inspection_view(Action.VIEW_CASES)
def sample(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    inspection = member.inspection
    kind = _sample_type(inspection, sample_type)
    drawn = get_object_or_404(Sample, inspection=inspection, sample_type=kind.id)
    # The sample lists case references: reading it is audited like opening a case.
    record(member.user, inspection, AuditAction.SAMPLE_VIEWED, target=kind.id)
    return _sample_page(request, member, kind, drawn)


def _reassign(member: Member, assignments: Sequence[tuple[SampledCase, Any]]) -> int:
    """Give each case its new inspector (None: nobody), audited; returns how many changed.

    Each inspector given cases gets one email naming them, once the change is committed."""
    changed = 0
    given: dict[int, tuple[Any, list[str]]] = {}
    for case, new in assignments:
        if case.assigned_to_id != (new.pk if new else None):
            record(member.user, member.inspection, AuditAction.ASSIGNMENT,
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
                                          status=AssessmentStatus.DRAFT).update(assessor=new)
                given.setdefault(new.pk, (new, []))[1].append(case.case_reference)
            changed += 1
    inspection = member.inspection
    for inspector, references in given.values():
        notify.cases_assigned(inspection, inspector, references)  # sent once the change commits
    return changed


def _assigned_message(request: HttpRequest, changed: int) -> None:
    messages.success(request, f"{changed} case{'s' if changed != 1 else ''} assigned")


# Signed in and POST first, as before the gate: a GET is 405 whoever asks.
@login_required
@require_POST
@inspection_view(Action.MANAGE_SAMPLE)
def assign(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    inspection = member.inspection
    drawn = get_object_or_404(Sample, inspection=inspection, sample_type=sample_type)
    with transaction.atomic():
        form = AssignForm(request.POST, assessors=_assessors(inspection),
                          cases=list(drawn.cases.select_for_update(of=("self",)).filter(
                              status=CaseStatus.SAMPLED)))
        if not form.is_valid():
            raise PermissionDenied(AssignForm.REFUSED)
        changed = _reassign(member, form.assignments())
    _assigned_message(request, changed)
    return redirect("casework:sample", pk=inspection.pk, sample_type=sample_type)


@login_required
@require_POST
@inspection_view(Action.MANAGE_SAMPLE)
def assign_ticked(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    """Every ticked case to one inspector (or to nobody)."""
    inspection = member.inspection
    kind = _sample_type(inspection, sample_type)
    drawn = get_object_or_404(Sample, inspection=inspection, sample_type=kind.id)
    with transaction.atomic():
        form = BulkAssignForm(request.POST, assessors=_assessors(inspection),
                              cases=list(drawn.cases.select_for_update(of=("self",)).filter(
                                  status=CaseStatus.SAMPLED)))
        if not form.is_valid():
            return _sample_page(request, member, kind, drawn,
                                {"error_list": error_list(form)}, status=400)
        changed = _reassign(member, form.assignments())
    _assigned_message(request, changed)
    return redirect("casework:sample", pk=inspection.pk, sample_type=kind.id)


@login_required
@require_POST
@inspection_view(Action.MANAGE_SAMPLE)
def allocate(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    """Allocate the unassigned cases automatically: a preview first, then the lead confirms
    the same allocation (same inputs, same seed)."""
    inspection = member.inspection
    kind = _sample_type(inspection, sample_type)
    drawn = get_object_or_404(Sample, inspection=inspection, sample_type=kind.id)
    form = AllocateForm(request.POST, assessors=_assessors(inspection))
    if not form.is_valid():
        return _sample_page(request, member, kind, drawn,
                            {"error_list": error_list(form), "allocate": form}, status=400)
    chosen = form.chosen()
    by_name = {person.get_username(): person for person in chosen}
    with transaction.atomic():
        # Only the case rows are locked: PostgreSQL cannot lock the nullable side of the
        # outer joins that select_related makes for a case with no unit or inspector.
        sampled = list(drawn.cases.select_for_update(of=("self",))
                       .filter(status=CaseStatus.SAMPLED)
                       .select_related("delivery_unit", "assigned_to"))
        waiting = {case.case_reference: case for case in sampled if case.assigned_to is None}
        existing = Counter(case.assigned_to.get_username() for case in sampled
                           if case.assigned_to is not None)
        conflicts: dict[str, set[str]] = {}
        for conflict in DeliveryUnitConflict.objects.filter(
                member__inspection=inspection).select_related("member__user", "delivery_unit"):
            conflicts.setdefault(conflict.member.user.get_username(), set()).add(
                conflict.delivery_unit.name)
        result = allocate_cases(
            [CaseToAssign(reference, case.delivery_unit.name if case.delivery_unit else "")
             for reference, case in waiting.items()],
            list(by_name), seed=form.cleaned_data["seed"],
            conflicts={name: frozenset(units) for name, units in conflicts.items()},
            existing={name: existing.get(name, 0) for name in by_name},
            keep_units_together=form.cleaned_data["together"])
        if not form.cleaned_data["confirm"]:
            preview = [(by_name[name], result.loads.get(name, 0) - existing.get(name, 0),
                        result.loads.get(name, 0)) for name in sorted(by_name)]
            return _sample_page(request, member, kind, drawn, {
                "allocate": form, "preview": preview, "preview_unallocated": result.unallocated,
                "preview_count": len(result.assignments)})
        changed = _reassign(member, [(waiting[reference], by_name[name])
                                     for reference, name in sorted(result.assignments.items())])
        record(member.user, inspection, AuditAction.CASES_ALLOCATED, target=kind.id, after={
            "seed": form.cleaned_data["seed"], "inspectors": sorted(by_name),
            "together": form.cleaned_data["together"], "assigned": changed,
            "unallocated": list(result.unallocated)})
    _assigned_message(request, changed)
    if result.unallocated:
        messages.warning(request, f"{len(result.unallocated)} case"
                                  f"{'s' if len(result.unallocated) != 1 else ''} left "
                                  "unassigned: every chosen inspector declared a conflict with "
                                  "their delivery unit")
    return redirect("casework:sample", pk=inspection.pk, sample_type=kind.id)


@login_required
@require_POST
@inspection_view(Action.MANAGE_SAMPLE)
def conflicts(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    """Declare (or withdraw) a team member's conflict of interest with a delivery unit."""
    inspection = member.inspection
    kind = _sample_type(inspection, sample_type)
    drawn = get_object_or_404(Sample, inspection=inspection, sample_type=kind.id)
    withdraw = WithdrawConflictForm(request.POST)
    if withdraw.is_valid():
        conflict = get_object_or_404(DeliveryUnitConflict, pk=withdraw.cleaned_data["withdraw"],
                                     member__inspection=inspection)
        record(member.user, inspection, AuditAction.CONFLICT_WITHDRAWN,
               target=conflict.member.user.get_username(),
               before={"delivery_unit": conflict.delivery_unit.name})
        conflict.delete()
        messages.success(request, "Conflict withdrawn")
        return redirect("casework:sample", pk=inspection.pk, sample_type=kind.id)
    form = ConflictForm(request.POST, members=_members(inspection), units=_units(drawn))
    if not form.is_valid():
        return _sample_page(request, member, kind, drawn, {"error_list": error_list(form)},
                            status=400)
    team_member = form.members[form.cleaned_data["conflict_member"]]
    unit = form.units[form.cleaned_data["conflict_unit"]]
    _, created = DeliveryUnitConflict.objects.get_or_create(
        member=team_member, delivery_unit=unit, defaults={"declared_by": member.user})
    if created:
        record(member.user, inspection, AuditAction.CONFLICT_DECLARED,
               target=team_member.user.get_username(), after={"delivery_unit": unit.name})
    who = team_member.user.get_full_name() or team_member.user.get_username()
    messages.success(request, f"Conflict recorded: {who} is given no case from {unit.name}")
    return redirect("casework:sample", pk=inspection.pk, sample_type=kind.id)


@inspection_view(Action.MANAGE_SAMPLE)
def redraw(request: HttpRequest, member: Member, sample_type: str) -> HttpResponse:
    """Draw the sample again with a new seed, until fieldwork starts; the earlier draw is kept
    in the sample's history."""
    inspection = member.inspection
    kind = _sample_type(inspection, sample_type)
    drawn = get_object_or_404(Sample, inspection=inspection, sample_type=kind.id)
    case_list = CaseList.objects.filter(inspection=inspection, sample_type=kind.id).first()
    assert case_list is not None  # a drawn sample's list is protected from deletion
    refused = _redraw_refused(member, drawn)
    eligible = 0
    report = None
    if refused is None:
        try:
            report = eligibility(case_list, inspection.fieldwork_start)
        except core.CaseListError as error:
            refused = ("the newest case list could not be read again ("
                       + "; ".join(str(problem) for problem in error.problems)
                       + "): upload it again")
        else:
            eligible = report.included
    form = RedrawForm(request.POST if request.method == "POST" else None, eligible=eligible,
                      initial={"seed": "", "confidence": f"{drawn.confidence * 100:g}",
                               "margin": f"{drawn.margin:g}", "size": "", "reason": ""})
    errors: list[PageError] = []
    if refused is not None:
        if request.method == "POST":
            errors.append(PageError(f"The sample was not redrawn: {refused}.", "refused"))
    elif form.is_bound:
        errors = error_list(form)
        if form.is_valid():
            data = form.cleaned_data
            if data["seed"] == drawn.seed:
                errors.append(PageError("Choose a seed other than the current draw's "
                                        f"({drawn.seed}): the same seed draws the same cases",
                                        "seed"))
            else:
                try:
                    redraw_sample(drawn, case_list, member.user, seed=data["seed"],
                                  confidence=data["confidence"] / 100, margin=data["margin"],
                                  size=data["size"], reason=data["reason"])
                except (core.SamplingError, ValueError) as error:
                    errors.append(PageError(f"The sample was not redrawn: {error}.", "seed"))
                else:
                    messages.success(request, f"Sample redrawn with seed {data['seed']}; the "
                                              "earlier draw is kept in its history")
                    return redirect("casework:sample", pk=inspection.pk,
                                    sample_type=kind.id)
    return render(request, "casework/redraw.html", {
        "inspection": inspection, "sample_type": kind, "sample": drawn,
        "case_list": case_list, "eligible": eligible, "report": report, "refused": refused,
        "values": form.values(), "error_list": errors,
    }, status=400 if errors else 200)


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
