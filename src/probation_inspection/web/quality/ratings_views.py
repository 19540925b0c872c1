"""The ratings page and the lead inspector's decision form for one standard.

Views read the request, call the ratings service (and through it the scoring core), and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from probation_inspection.access import Action, PermissionRefused, Stage
from probation_inspection.scoring import DecisionKind, DiscretionReason, ScoringError
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.gate import Member, inspection_view, refusal
from probation_inspection.web.quality import ratings as service
from probation_inspection.web.quality.forms import DecisionForm, anchors, as_sentence
from probation_inspection.web.quality.forms import refusal as core_refusal


@inspection_view(Action.VIEW_RATINGS)
def ratings(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    return render(request, "quality/ratings.html", {
        "inspection": inspection, "role": member.role,
        "ratings": service.ratings(inspection, framework),
        "may_decide": member.may(Action.DECIDE_RATING),
        "may_advance": member.may(Action.ADVANCE_STAGE) and member.stage == Stage.RATING,
        # A framework that rates nothing (a thematic inspection's) has nothing to decide here.
        "rates_nothing": not framework.rated,
    })


@inspection_view(Action.VIEW_RATINGS)
def decide(request: HttpRequest, member: Member, standard_id: str) -> HttpResponse:
    inspection = member.inspection
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    overview = service.ratings(inspection, framework)
    row = next((s for s in overview.standards if s.standard.id == standard_id), None)
    if row is None:
        raise Http404("no such standard")
    evidence = sorted(overview.evidence.items())
    # The reason starts from the flag the rule rating raises (or "other" when none).
    initial = {"reason": row.rule.suggested_reason if row.rule else DiscretionReason.OTHER}
    form = DecisionForm(request.POST or None, initial=initial, evidence=evidence)
    errors: list[PageError] = []
    if request.method == "POST":
        member.require(Action.DECIDE_RATING)
        if form.is_valid():
            data = form.cleaned_data
            discretion = data["kind"] == DecisionKind.DISCRETION
            try:
                service.decide(inspection, framework, request.user, member.role, standard_id,
                               kind=data["kind"], rating=data["rating"],
                               rationale=data["rationale"], evidence=data["evidence"],
                               reason=data["reason"] if discretion else "")
            except ScoringError as error:
                # The decision's parts as the core names them; the evidence list's own id.
                errors = [core_refusal(error, anchors(form, evidence="evidence"), "id_kind")]
            except PermissionRefused as error:
                errors = [PageError(as_sentence(str(error)), "id_kind")]
            else:
                messages.success(request, f"Decision on standard {standard_id} recorded")
                return redirect("quality:ratings", pk=inspection.pk)
        else:
            errors = error_list(form)
    return render(request, "quality/decide.html", {
        "inspection": inspection, "role": member.role, "row": row, "form": form,
        "error_list": errors, "labels": overview.labels, "evidence": evidence,
        "overall": overview.overall, "may_decide": member.may(Action.DECIDE_RATING),
        "chosen_evidence": form["evidence"].value() or [],
        "answers": overview.answers.get(standard_id),
        "may_record": member.may(Action.RECORD_EVIDENCE),
    }, status=400 if errors else 200)


@inspection_view(Action.ADVANCE_STAGE)
@require_POST
def advance(request: HttpRequest, member: Member) -> HttpResponse:
    inspection = member.inspection
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    try:
        readiness = service.move_to_reporting(inspection, framework, request.user, member.role)
    except PermissionRefused as refused:
        raise refusal(refused, Action.ADVANCE_STAGE) from None
    if readiness.ready:
        messages.success(request, "The inspection has moved to the reporting stage")
    else:
        waiting = ", ".join(f"{o.standard_id} ({o.reason})" for o in readiness.outstanding)
        messages.error(request, f"Not every standard is decided yet: {waiting}")
    return redirect("quality:ratings", pk=inspection.pk)
