"""The ratings page and the lead inspector's decision form for one standard.

Views read the request, call the ratings service (and through it the scoring core), and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from probation_inspection.access import Action, PermissionRefused, can
from probation_inspection.scoring import ScoringError
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.quality import ratings as service
from probation_inspection.web.quality.access import allowed
from probation_inspection.web.quality.forms import DecisionForm

#: The form field each part of a decision the core names (`ScoringError.field`) is entered in;
#: an error about none of them points at the kind of decision.
FIELD_IDS = {"rating": "id_rating", "rationale": "id_rationale", "evidence": "evidence",
             "reason": "id_reason", "kind": "id_kind"}


@login_required
def ratings(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.VIEW_RATINGS)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    return render(request, "quality/ratings.html", {
        "inspection": inspection, "ratings": service.ratings(inspection, framework),
        "may_decide": can(role, Action.DECIDE_RATING, inspection.stage),
        "may_advance": can(role, Action.ADVANCE_STAGE, inspection.stage)
        and inspection.stage == "rating",
    })


@login_required
def decide(request: HttpRequest, pk: int, standard_id: str) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.VIEW_RATINGS)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    overview = service.ratings(inspection, framework)
    row = next((s for s in overview.standards if s.standard.id == standard_id), None)
    if row is None:
        raise Http404("no such standard")
    evidence = sorted(overview.evidence.items())
    # The reason starts from the flag the rule rating raises (or "other" when none).
    initial = {"reason": row.rule.suggested_reason if row.rule else "other"}
    form = DecisionForm(request.POST or None, initial=initial,
                        evidence=[(key, f"{key}: {text}") for key, text in evidence])
    errors: list[PageError] = []
    if request.method == "POST":
        allowed(request.user, pk, Action.DECIDE_RATING)
        if form.is_valid():
            data = form.cleaned_data
            try:
                service.decide(inspection, framework, request.user, role, standard_id,
                               kind=data["kind"], rating=data["rating"],
                               rationale=data["rationale"], evidence=data["evidence"],
                               reason=data["reason"] if data["kind"] == "discretion" else "")
            except ScoringError as error:
                errors = [PageError(_sentence(str(error)), FIELD_IDS.get(error.field, "id_kind"))]
            except PermissionRefused as error:
                errors = [PageError(_sentence(str(error)), "id_kind")]
            else:
                messages.success(request, f"Decision on standard {standard_id} recorded")
                return redirect("quality:ratings", pk=inspection.pk)
        else:
            errors = error_list(form)
    return render(request, "quality/decide.html", {
        "inspection": inspection, "row": row, "form": form, "error_list": errors,
        "labels": overview.labels, "evidence": evidence, "overall": overview.overall,
        "may_decide": can(role, Action.DECIDE_RATING, inspection.stage),
        "chosen_evidence": form["evidence"].value() or [],
    }, status=400 if errors else 200)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


@login_required
@require_POST
def advance(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.ADVANCE_STAGE)
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    readiness = service.move_to_reporting(inspection, framework, request.user, role)
    if readiness.ready:
        messages.success(request, "The inspection has moved to the reporting stage")
    else:
        waiting = ", ".join(f"{o.standard_id} ({o.reason})" for o in readiness.outstanding)
        messages.error(request, f"Not every standard is decided yet: {waiting}")
    return redirect("quality:ratings", pk=inspection.pk)
