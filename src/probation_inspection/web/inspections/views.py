"""Inspection pages: the list of the user's inspections, creating one, its overview and its
stage.

Only team members see an inspection, as the role/stage matrix allows (every view goes through
the gate, `inspections.gate`). Creating one is a programme-level permission
(`create-inspection`); the creator names the lead inspector, who moves it from stage to stage.
What the apps above this one show here (the sample rows, the facts the stage rules read) comes
through `inspections.registry`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from probation_inspection import stages as core_stages
from probation_inspection.access import Action, ProgrammeAction
from probation_inspection.access import Stage as CoreStage
from probation_inspection.framework.model import Framework
from probation_inspection.web.accounts.access import may
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections import registry, stages
from probation_inspection.web.inspections.access import visible_inspections
from probation_inspection.web.inspections.forms import (
    TEAM_ROLES,
    InspectionForm,
    MoveStageForm,
    ReopenStageForm,
)
from probation_inspection.web.inspections.gate import (
    Member,
    hidden_from,
    inspection_view,
    programme_view,
)
from probation_inspection.web.inspections.models import (
    Inspection,
    Provider,
    Stage,
    TeamMember,
)


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = visible_inspections(request.user).order_by("-fieldwork_start", "id")
    rows = [(item, item.role_of(request.user)) for item in inspections]
    # The provider reader's inspections do not exist for them until publication.
    rows = [(item, role) for item, role in rows
            if role is not None and not hidden_from(role, item.stage)]
    return render(request, "inspections/list.html", {
        "rows": rows, "may_create": may(request.user, ProgrammeAction.CREATE_INSPECTION)})


# Checked before the form is even shown: a GET must not reveal more than a POST may do.
@programme_view(ProgrammeAction.CREATE_INSPECTION, "create an inspection")
def create_inspection(request: HttpRequest) -> HttpResponse:
    creator = request.user
    if isinstance(creator, AnonymousUser):  # pragma: no cover - the gate signs users in
        raise PermissionDenied
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
                created_by=creator,
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


@inspection_view(Action.VIEW_INSPECTION)
def inspection_detail(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "role": member.role,
            "framework": framework,
            "team": inspection.team.select_related("user"),
            # The sample rows, from casework (registered: this app imports none above it).
            **registry.overview_context(member, framework),
            "manages_samples": member.may(Action.MANAGE_SAMPLE),
            "sees_samples": member.may(Action.VIEW_CASES),
            "sees_results": member.may(Action.VIEW_RESULTS),
            "moves_stage": member.may(Action.ADVANCE_STAGE),
            "next_stage": "" if inspection.stage in core_stages.BY_REPORT
            else _label(core_stages.NEXT.get(CoreStage(inspection.stage))),
        },
    )


def _label(stage: CoreStage | None) -> str:
    return Stage(stage.value).label if stage is not None else ""


@inspection_view(Action.ADVANCE_STAGE)
def stage(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    errors: list[PageError] = []
    if request.method == "POST":
        form = MoveStageForm(request.POST)
        form.is_valid()  # never refused: a stale stage is the rules' to answer
        before = inspection.get_stage_display()
        try:
            target = stages.advance(inspection, framework, request.user, member.role,
                                    seen=form.cleaned_data["stage"])
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
    earlier = core_stages.PREVIOUS.get(CoreStage(inspection.stage))
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


@inspection_view(Action.ADVANCE_STAGE)
def reopen_stage(request: HttpRequest, member: Member) -> HttpResponse:
    """Move the inspection back a stage with a reason: the way out of a stage moved on too
    soon (a sample type never drawn, a case that needs moderating again)."""
    inspection = member.inspection
    if request.method != "POST":
        return redirect("inspections:stage", pk=inspection.pk)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    form = ReopenStageForm(request.POST)
    before = inspection.get_stage_display()
    if not form.is_valid():
        return _stage_page(request, inspection, framework, error_list(form),
                           str(form["reason"].value() or "").strip())
    reason = form.cleaned_data["reason"]
    try:
        target = stages.reopen(inspection, request.user, member.role,
                               seen=form.cleaned_data["stage"], reason=reason)
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
