"""Inspection pages: the list of the user's inspections, creating one, and its overview.

Only team members see an inspection; the creator becomes its lead inspector.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import SampledCase, SampleType
from probation_inspection.web.forms import error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.access import inspection_for, visible_inspections
from probation_inspection.web.inspections.forms import InspectionForm
from probation_inspection.web.inspections.models import (
    SAMPLE_MANAGERS,
    Inspection,
    Provider,
    Role,
    Stage,
    TeamMember,
)


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    inspections = visible_inspections(request.user).order_by("-fieldwork_start", "id")
    rows = [(item, item.role_of(request.user)) for item in inspections]
    return render(request, "inspections/list.html", {"rows": rows})


@login_required
def create_inspection(request: HttpRequest) -> HttpResponse:
    form = InspectionForm(request.POST or None, creator=request.user)
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
            team = [(request.user, Role.LEAD_INSPECTOR), *form.team()]
            for user, role in team:
                TeamMember.objects.create(inspection=inspection, user=user, role=role)
            record(
                request.user,
                inspection,
                "inspection-created",
                after={
                    "provider": provider.name,
                    "framework": f"{framework_id} {version}",
                    "team": {user.get_username(): role.value for user, role in team},
                },
            )
        messages.success(request, f"Inspection of {provider.name} created")
        return redirect("inspections:detail", pk=inspection.pk)
    context = {"form": form, "error_list": error_list(form) if form.is_bound else []}
    return render(request, "inspections/create.html", context)


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = inspection_for(request.user, pk)
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
            "manages_samples": role in SAMPLE_MANAGERS,
        },
    )
