"""Moderation pages: the QA queue, the blind moderation form and an inspector's flag.

Views read the request, call the moderation service and core, and render; no rules here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from probation_inspection.access import Action
from probation_inspection.moderation import ModerationError
from probation_inspection.web.casework.access import case_for
from probation_inspection.web.casework.models import Assessment
from probation_inspection.web.forms import PageError
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.input_limits import NOTE, overlong, refused_text
from probation_inspection.web.quality import moderation as service
from probation_inspection.web.quality.access import allowed, check

JUDGEMENT_CHOICES = [("yes", "Yes"), ("no", "No"), ("not-applicable", "Not applicable")]


@login_required
def queue(request: HttpRequest, pk: int) -> HttpResponse:
    inspection, role = allowed(request.user, pk, Action.MODERATE)
    stored = service.refresh_queue(inspection, request.user)
    rows = []
    for entry in stored.entries.select_related("assessment__sampled_case", "assessment__assessor"):
        assessment = entry.assessment
        latest = assessment.moderations.order_by("-round").first()
        rows.append({
            "entry": entry,
            "assessment": assessment,
            "inspector": service.person(assessment.assessor),
            "latest": latest,
            "to_do": service.needs_moderation(assessment),
            "own": assessment.assessor_id == request.user.pk,
        })
    return render(request, "quality/queue.html", {
        "inspection": inspection, "queue": stored, "rows": rows,
    })


def _assessment_for(user: Any, pk: int) -> tuple[Assessment, Any]:
    assessment = get_object_or_404(
        Assessment.objects.select_related("sampled_case__sample__inspection__provider",
                                          "assessor"), pk=pk)
    inspection = assessment.sampled_case.sample.inspection
    role = inspection.role_of(user)
    if role is None or not hasattr(assessment, "queue_entry"):
        raise Http404("no such moderation")
    check(role, Action.MODERATE, inspection.stage, is_assessor=assessment.assessor_id == user.pk)
    return assessment, role


@login_required
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    assessment, role = _assessment_for(request.user, pk)
    inspection = assessment.sampled_case.sample.inspection
    framework = framework_for(assessment.framework_id, assessment.framework_version)
    errors: list[PageError] = []
    open_round = service.open_round(assessment)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "judge" and open_round is None and service.needs_moderation(assessment):
                view = service.current_view(assessment, None)
                judgements = {kq: request.POST.get(f"judgement-{kq}", "")
                              for kq in view.key_questions}
                missing = [kq for kq, value in judgements.items() if not value]
                errors = [PageError(f"Select your judgement for key question {kq}",
                                    f"judgement-{kq}") for kq in missing]
                comments = {kq: request.POST.get(f"comment-{kq}", "")
                            for kq in view.key_questions}
                errors += [PageError(message, field) for field, message in overlong(
                    (comment, NOTE, f"Your comment on key question {kq}", f"comment-{kq}")
                    for kq, comment in comments.items())]
                if not errors:
                    service.save_judgements(assessment, request.user, judgements, comments)
                    messages.success(request, "Your judgements are saved: the inspector's "
                                     "answers are shown below")
                    return redirect("quality:moderate", pk=assessment.pk)
            elif action == "verdict" and open_round is not None and (
                    overlong_comment := refused_text(
                        request.POST.get("comment", ""), NOTE, "Your comment")):
                errors = [PageError(overlong_comment, "comment")]
            elif action == "verdict" and open_round is not None:
                returning = request.POST.get("return") == "yes"
                decided = service.record_verdict(
                    open_round, request.user, role, inspection.stage,
                    return_to_inspector=returning, comment=request.POST.get("comment", ""))
                messages.success(request, f"Moderation of {assessment.sampled_case} recorded: "
                                 f"{decided.outcome.value}")
                return redirect("quality:queue", pk=inspection.pk)
            else:
                errors = [PageError("This step has already been taken: reload the page")]
        except ModerationError as error:
            errors = [PageError(_sentence(str(error)), "comment")]
        open_round = service.open_round(assessment)
    view = service.current_view(assessment, open_round)
    texts = {kq.id: kq.text for standard in framework.standards()
             for kq in standard.key_questions}
    rows = []
    for kq in view.key_questions:
        rows.append({
            "id": kq, "text": texts.get(kq, ""),
            "mine": open_round.judgements.get(kq) if open_round else
            request.POST.get(f"judgement-{kq}", ""),
            "comment": open_round.question_comments.get(kq, "") if open_round else
            request.POST.get(f"comment-{kq}", ""),
            "theirs": view.answers.get(kq).value if view.answers and view.answers.get(kq)
            else None,
            "note": (view.notes or {}).get(kq, ""),
        })
    return render(request, "quality/moderate.html", {
        "inspection": inspection, "assessment": assessment, "case": assessment.sampled_case,
        "view": view, "rows": rows, "open_round": open_round,
        "can_judge": open_round is None and service.needs_moderation(assessment),
        "rounds": assessment.moderations.exclude(outcome="").select_related("moderator"),
        "choices": JUDGEMENT_CHOICES, "error_list": errors,
        "posted_comment": request.POST.get("comment", ""),
        "facts": _facts(framework, assessment.sampled_case.attributes),
    }, status=400 if errors else 200)


def _facts(framework: Any, attributes: dict[str, Any]) -> list[tuple[str, str]]:
    """The case's attributes as the assessment form labels them (the case is never hidden)."""
    labels = {attribute.name: attribute.label for attribute in framework.attributes}
    shown = {True: "Yes", False: "No", None: "Not recorded"}
    return [(labels.get(name, name), shown.get(value, str(value)) if isinstance(
        value, bool | None) else str(value)) for name, value in sorted(attributes.items())]


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


@login_required
@require_POST
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    case, role = case_for(request.user, pk)
    assessment = get_object_or_404(Assessment, sampled_case=case)
    check(role, Action.FLAG_FOR_MODERATION, case.sample.inspection.stage,
          is_assessor=assessment.assessor_id == request.user.pk)
    reason = request.POST.get("reason", "")
    if message := refused_text(reason, NOTE, "The reason for flagging"):
        messages.error(request, f"{message}: the case was not flagged.")
        return redirect("casework:assess", pk=case.pk)
    service.flag(assessment, request.user, reason)
    messages.success(request, f"Case {case.case_reference} is flagged for moderation")
    return redirect("casework:assess", pk=case.pk)
