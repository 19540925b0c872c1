"""Inspection pages: the list of the user's inspections, creating one, and its overview.

Only team members see an inspection, as the role/stage matrix allows. Creating one is a
programme-level permission (`create-inspection`); the creator names the lead inspector, who
moves it from stage to stage.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from probation_inspection import stages as core_stages
from probation_inspection.access import Action, ProgrammeAction, can
from probation_inspection.framework.model import Framework
from probation_inspection.web.accounts.access import may, require
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import SampledCase, SampleType
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.input_limits import NOTE, refused_text
from probation_inspection.web.inspections import stages
from probation_inspection.web.inspections.access import visible_inspections
from probation_inspection.web.inspections.forms import TEAM_ROLES, InspectionForm
from probation_inspection.web.inspections.models import (
    Inspection,
    Provider,
    Stage,
    TeamMember,
)
from probation_inspection.web.quality.access import allowed


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = visible_inspections(request.user).order_by("-fieldwork_start", "id")
    rows = [(item, item.role_of(request.user)) for item in inspections]
    # The provider reader's inspections do not exist for them until publication.
    rows = [(item, role) for item, role in rows
            if role is not None and can(role, Action.VIEW_INSPECTION, item.stage)]
    return render(request, "inspections/list.html", {
        "rows": rows, "may_create": may(request.user, ProgrammeAction.CREATE_INSPECTION)})


@login_required
def create_inspection(request: HttpRequest) -> HttpResponse:
    # Checked before the form is even shown: a GET must not reveal more than a POST may do.
    require(request.user, ProgrammeAction.CREATE_INSPECTION, "create an inspection")
    form = InspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        framework_id, version = data["framework"].split("@", 1)
        with transaction.atomic():
            provider, _ = Provider.objects.get_or_create(name=data["provider"].strip())
            inspection = Inspection.objects.create(
                provider=provider,
                framework_id=framework_id,
                framework_version=version,
                fieldwork_start=data["fieldwork_start"],
                fieldwork_end=data["fieldwork_end"],
                stage=Stage.PLANNING,
                created_by=request.user,
            )
            team = form.team()
            for user, role in team:
                TeamMember.objects.create(inspection=inspection, user=user, role=role)
            record(
                request.user,
                inspection,
                AuditAction.INSPECTION_CREATED,
                after={
                    "provider": provider.name,
                    "framework": f"{framework_id} {version}",
                    "team": {user.get_username(): role.value for user, role in team},
                },
            )
        lead = team[0][0]
        messages.success(request, f"Inspection of {provider.name} created, led by "
                                  f"{lead.get_full_name() or lead.get_username()}")
        if inspection.role_of(request.user) is None:
            # A programme manager who is not on the team does not see the inspection itself.
            return redirect("inspections:list")
        return redirect("inspections:detail", pk=inspection.pk)
    context = {"form": form, "error_list": error_list(form) if form.is_bound else [],
               "team_boxes": [(form[field], label) for field, _role, label in TEAM_ROLES]}
    return render(request, "inspections/create.html", context)


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.VIEW_INSPECTION)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    samples = {sample.sample_type: sample for sample in inspection.samples.all()}
    used_types = {standard.sample_type for standard in framework.standards()}
    sample_rows = []
    for sample_type in SampleType:
        if sample_type.value not in used_types:
            continue
        sample = samples.get(sample_type.value)
        counts = None
        if sample is not None:
            cases = SampledCase.objects.filter(sample=sample, status="sampled")
            counts = {
                "sampled": cases.count(),
                "assigned": cases.exclude(assigned_to=None).count(),
                "submitted": cases.filter(assessment__status="submitted").count(),
            }
        sample_rows.append((sample_type, sample, counts))
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "role": role,
            "framework": framework,
            "team": inspection.team.select_related("user"),
            "sample_rows": sample_rows,
            "manages_samples": can(role, Action.MANAGE_SAMPLE, inspection.stage),
            "sees_samples": can(role, Action.VIEW_CASES, inspection.stage),
            "sees_results": can(role, Action.VIEW_RESULTS, inspection.stage),
            "moves_stage": can(role, Action.ADVANCE_STAGE, inspection.stage),
            "next_stage": "" if inspection.stage in core_stages.BY_REPORT
            else _label(core_stages.NEXT.get(core_stages.Stage(inspection.stage))),
        },
    )


def _label(stage: core_stages.Stage | None) -> str:
    return Stage(stage.value).label if stage is not None else ""


@login_required
def stage(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.ADVANCE_STAGE)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    errors: list[PageError] = []
    if request.method == "POST":
        before = inspection.get_stage_display()
        try:
            target = stages.advance(inspection, framework, request.user, role,
                                    seen=request.POST.get("stage", ""))
        except core_stages.NotReady as refused:
            errors = [PageError(f"You cannot move the inspection on yet: {refused}.",
                                "stage-needs")]
            inspection.refresh_from_db(fields=["stage"])
        else:
            messages.success(request, f"The inspection has moved from {before.lower()} to "
                                      f"{_label(target).lower()}")
            return redirect("inspections:detail", pk=inspection.pk)
    return _stage_page(request, inspection, framework, errors)


def _stage_page(request: HttpRequest, inspection: Inspection, framework: Framework,
                errors: list[PageError], reason: str = "") -> HttpResponse:
    progress = stages.progress(inspection, framework)
    move = core_stages.next_move(inspection.stage, progress)
    earlier = core_stages.PREVIOUS.get(core_stages.Stage(inspection.stage))
    checks = [(check, _fix_url(inspection.pk, check.fix))
              for check in core_stages.checklist(inspection.stage, framework, progress)]
    return render(request, "inspections/stage.html", {
        "inspection": inspection, "move": move, "next_label": _label(move.target),
        "error_list": errors,
        "needed": [item for item in checks if item[0].blocks],
        "ahead": [item for item in checks if not item[0].blocks and not item[0].done],
        "done": [item for item in checks if not item[0].blocks and item[0].done],
        "previous_label": _label(earlier), "reason": reason,
    }, status=400 if errors else 200)


@login_required
def reopen_stage(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the inspection back a stage with a reason: the way out of a stage moved on too
    soon (a sample type never drawn, a case that needs moderating again)."""
    inspection, role = allowed(request.user, pk, Action.ADVANCE_STAGE)
    if request.method != "POST":
        return redirect("inspections:stage", pk=inspection.pk)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    reason = request.POST.get("reason", "").strip()
    before = inspection.get_stage_display()
    if message := refused_text(reason, NOTE, "The reason"):
        return _stage_page(request, inspection, framework, [PageError(message, "reason")],
                           reason)
    try:
        target = stages.reopen(inspection, request.user, role,
                               seen=request.POST.get("stage", ""), reason=reason)
    except core_stages.NotReady as refused:
        inspection.refresh_from_db(fields=["stage"])
        field = "reason" if not reason else "reopen"
        return _stage_page(request, inspection, framework, [
            PageError(f"You cannot move the inspection back: {refused}.", field)], reason)
    messages.success(request, f"The inspection has moved back from {before.lower()} to "
                              f"{_label(target).lower()}")
    return redirect("inspections:stage", pk=inspection.pk)


def _fix_url(pk: int, fix: tuple[str, str] | None) -> str:
    """The page that puts a checklist line right (the core names it, the web knows where)."""
    if fix is None:
        return ""
    page, argument = fix
    if page == "draw" and argument:
        # The draw page sends on to the upload when no list is stored, to the sample once drawn.
        return reverse("casework:draw", args=[pk, argument])
    if page == "sample":
        return reverse("casework:sample", args=[pk, argument])
    named = {"evidence": "quality:evidence", "results": "casework:results",
             "moderation": "quality:queue", "ratings": "quality:ratings"}
    if page in named:
        return reverse(named[page], args=[pk])
    return reverse("inspections:detail", args=[pk])
