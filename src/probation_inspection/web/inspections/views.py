"""Inspection pages: the list of the user's inspections, creating one, its overview, its
details and team (changed by the lead after creation) and its stage.

Only team members see an inspection, as the role/stage matrix allows (every view goes through
the gate, `inspections.gate`). Creating one is a programme-level permission
(`create-inspection`); the creator names the lead inspector, who moves it from stage to stage.
What the apps above this one show here (the sample rows, the facts the stage rules read) comes
through `inspections.registry`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from probation_inspection import stages as core_stages
from probation_inspection.access import Action, ProgrammeAction, can_on_report
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
    MEMBER_ROLES,
    TEAM_ROLES,
    AddMemberForm,
    DetailsForm,
    InspectionForm,
    MoveStageForm,
    RemoveMemberForm,
    ReopenStageForm,
)
from probation_inspection.web.inspections.gate import (
    Member,
    hidden_from,
    inspection_view,
    programme_view,
)
from probation_inspection.web.inspections.models import (
    ASSESSORS,
    Inspection,
    Provider,
    Role,
    Stage,
    TeamMember,
)


def awaiting_check(inspection: Inspection, role: Role) -> bool:
    """Whether the report's current version awaits this role's factual-accuracy check (the
    versions read through their related name: this app imports none above it)."""
    state = (inspection.report_versions.order_by("-number")
             .values_list("state", flat=True).first())
    return state is not None and can_on_report(role, Action.CHECK_FACTUAL_ACCURACY,
                                               inspection.stage, state)


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = visible_inspections(request.user).order_by("-fieldwork_start", "id")
    rows = [(item, item.role_of(request.user)) for item in inspections]
    # The provider reader's inspections do not exist for them until publication, except one
    # whose draft report awaits their factual-accuracy check (issue 13).
    rows = [(item, role) for item, role in rows
            if role is not None and (not hidden_from(role, item.stage)
                                     or awaiting_check(item, role))]
    return render(request, "inspections/list.html", {
        "rows": rows, "may_create": may(request.user, ProgrammeAction.CREATE_INSPECTION),
        "may_manage_users": may(request.user, ProgrammeAction.MANAGE_USERS)})


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


@inspection_view(None, visible=awaiting_check)
def inspection_detail(request: HttpRequest, member: Member) -> HttpResponse:
    if not member.may(Action.VIEW_INSPECTION):
        # A provider reader before publication, let in by `awaiting_check`: their one page
        # is the draft they are checking.
        return redirect("reports:report", pk=member.inspection.pk)
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
            "edits_details": member.may(Action.EDIT_INSPECTION),
            "manages_team": member.may(Action.MANAGE_TEAM),
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


@inspection_view(Action.EDIT_INSPECTION)
def edit_details(request: HttpRequest, member: Member) -> HttpResponse:
    """The lead changes the provider's name and the fieldwork dates; the framework stays."""
    inspection = member.inspection
    initial = {"provider": inspection.provider.name,
               "fieldwork_start": inspection.fieldwork_start,
               "fieldwork_end": inspection.fieldwork_end}
    form = DetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        before = {"provider": inspection.provider.name,
                  "fieldwork_start": inspection.fieldwork_start.isoformat(),
                  "fieldwork_end": inspection.fieldwork_end.isoformat()}
        after = {"provider": data["provider"].strip(),
                 "fieldwork_start": data["fieldwork_start"].isoformat(),
                 "fieldwork_end": data["fieldwork_end"].isoformat()}
        if before == after:
            messages.info(request, "Nothing was changed")
            return redirect("inspections:detail", pk=inspection.pk)
        with transaction.atomic():
            provider, _ = Provider.objects.get_or_create(name=after["provider"])
            inspection.provider = provider
            inspection.fieldwork_start = data["fieldwork_start"]
            inspection.fieldwork_end = data["fieldwork_end"]
            inspection.save(update_fields=["provider", "fieldwork_start", "fieldwork_end"])
            changed = [name for name in before if before[name] != after[name]]
            record(request.user, inspection, AuditAction.INSPECTION_EDITED,
                   before={name: before[name] for name in changed},
                   after={name: after[name] for name in changed})
        messages.success(request, "The inspection's details have been changed")
        return redirect("inspections:detail", pk=inspection.pk)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    return render(request, "inspections/edit_details.html", {
        "inspection": inspection, "form": form, "framework": framework,
        "error_list": error_list(form) if form.is_bound else []},
        status=400 if form.is_bound else 200)


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


@inspection_view(Action.MANAGE_TEAM)
def team(request: HttpRequest, member: Member) -> HttpResponse:
    """The lead adds people and changes their roles (one form: naming a member again with
    another role changes it); removing is `remove_member`."""
    inspection = member.inspection
    form = AddMemberForm(request.POST or None)
    errors: list[PageError] = []
    if request.method == "POST":
        if form.is_valid():
            errors = _add_member(request, inspection, form.cleaned_data["person"],
                                 Role(form.cleaned_data["role"]))
        else:
            errors = error_list(form)
        if not errors:
            return redirect("inspections:team", pk=inspection.pk)
    return _team_page(request, inspection, form, errors)


def _team_page(request: HttpRequest, inspection: Inspection, form: AddMemberForm,
               errors: list[PageError]) -> HttpResponse:
    members = list(inspection.team.select_related("user"))
    return render(request, "inspections/team.html", {
        "inspection": inspection, "form": form, "error_list": errors,
        "rows": [(item, registry.held_cases(inspection, item.user)) for item in members],
        "roles": MEMBER_ROLES,
    }, status=400 if errors else 200)


@inspection_view(Action.MANAGE_TEAM)
def remove_member(request: HttpRequest, member: Member) -> HttpResponse:
    """Take a member off the team; refused, with the reason, while they hold cases or are
    the only lead inspector."""
    inspection = member.inspection
    if request.method != "POST":
        return redirect("inspections:team", pk=inspection.pk)
    form = RemoveMemberForm(request.POST)
    errors = (_remove_member(request, inspection, form.cleaned_data["member"])
              if form.is_valid() else error_list(form))
    if errors:
        return _team_page(request, inspection, AddMemberForm(), errors)
    if inspection.role_of(request.user) is None:
        return redirect("inspections:list")  # the lead took themselves off
    return redirect("inspections:team", pk=inspection.pk)


def _add_member(request: HttpRequest, inspection: Inspection, user: Any,
                role: Role) -> list[PageError]:
    with transaction.atomic():
        existing = inspection.team.select_for_update().filter(user=user).first()
        if existing is not None and existing.role == role:
            return [PageError(f"{_person(user)} is already on the team as "
                              f"{role.label.lower()}", "person")]
        if existing is not None:
            refused = _keeps_lead_and_cases(inspection, existing, role)
            if refused:
                return [PageError(refused, "role")]
            before = {"person": user.get_username(), "role": existing.role}
            existing.role = role
            existing.save(update_fields=["role"])
            message = f"{_person(user)} is now {role.label.lower()}"
        else:
            before = None
            TeamMember.objects.create(inspection=inspection, user=user, role=role)
            message = f"{_person(user)} has joined the team as {role.label.lower()}"
        record(request.user, inspection, AuditAction.TEAM_CHANGED, target=user.get_username(),
               before=before, after={"person": user.get_username(), "role": role.value})
    messages.success(request, message)
    return []


def _keeps_lead_and_cases(inspection: Inspection, existing: TeamMember,
                          role: Role | None) -> str:
    """Why this member may not leave their role (None for removal), or "" when they may."""
    user = existing.user
    if existing.role == Role.LEAD_INSPECTOR and not inspection.team.filter(
            role=Role.LEAD_INSPECTOR).exclude(pk=existing.pk).exists():
        return (f"{_person(user)} is the only lead inspector: add another lead inspector "
                "before changing or removing them")
    held = registry.held_cases(inspection, user)
    if held and (role is None or role not in ASSESSORS):
        cases = "1 case" if held == 1 else f"{held} cases"
        what = "removed" if role is None else f"made {role.label.lower()}"
        return (f"{_person(user)} cannot be {what}: they have {cases} assigned. Assign "
                "their cases to someone else first, on each sample's page")
    return ""


def _remove_member(request: HttpRequest, inspection: Inspection, pk: int) -> list[PageError]:
    with transaction.atomic():
        existing = (inspection.team.select_for_update().select_related("user")
                    .filter(pk=pk).first())
        if existing is None:
            return [PageError("That person is no longer on the team")]
        refused = _keeps_lead_and_cases(inspection, existing, None)
        if refused:
            return [PageError(refused, f"remove-{existing.pk}")]
        username = existing.user.get_username()
        record(request.user, inspection, AuditAction.TEAM_CHANGED, target=username,
               before={"person": username, "role": existing.role}, after=None)
        existing.delete()
    messages.success(request, f"{_person(existing.user)} has left the team")
    return []
