"""Moderation pages: the QA queue, the blind moderation form and an inspector's flag.

Views read the request through forms, call the moderation service and core, and render; no
rules here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from probation_inspection.access import Action
from probation_inspection.moderation import ModerationError
from probation_inspection.web.casework.access import CaseMember, case_view
from probation_inspection.web.casework.models import Assessment, AssessmentStatus
from probation_inspection.web.forms import PageError, error_list
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.gate import Member, View, inspection_view, member_of
from probation_inspection.web.quality import moderation as service
from probation_inspection.web.quality.forms import (
    JUDGEMENT_CHOICES,
    FlagForm,
    JudgementForm,
    StepForm,
    VerdictForm,
    refusal,
)
from probation_inspection.web.quality.models import Moderation as ModerationRow


@inspection_view(Action.MODERATE)
def queue(request: HttpRequest, member: Member) -> HttpResponse:
    stored = service.refresh_queue(member.inspection, request.user)
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
        "inspection": member.inspection, "role": member.role, "queue": stored, "rows": rows,
    })


def moderation_view(view: Callable[[HttpRequest, Member, Assessment], HttpResponse]) -> View:
    """Wrap a view of queued assessment ``pk``: the inspection's gate (404 to non-members),
    404 when the assessment is not in the queue, 403 unless the member may moderate it (never
    their own). Called as ``view(request, member, assessment)``."""
    @login_required
    @wraps(view)
    def gated(request: HttpRequest, pk: int) -> HttpResponse:
        assessment = get_object_or_404(
            Assessment.objects.select_related("sampled_case__sample__inspection__provider",
                                              "assessor"), pk=pk)
        try:
            member = member_of(request.user, assessment.sampled_case.sample.inspection.pk)
        except Http404:
            raise Http404("no such moderation") from None
        if not hasattr(assessment, "queue_entry"):
            raise Http404("no such moderation")
        member.require(Action.MODERATE, is_assessor=assessment.assessor_id == request.user.pk)
        return view(request, member, assessment)
    return gated


@moderation_view
def moderate(request: HttpRequest, member: Member, assessment: Assessment) -> HttpResponse:
    inspection = member.inspection
    framework = framework_for(assessment.framework_id, assessment.framework_version)
    errors: list[PageError] = []
    open_round = service.open_round(assessment)
    judging = open_round is None and service.needs_moderation(assessment)
    key_questions = service.current_view(assessment, open_round).key_questions
    judge_form = JudgementForm(None, key_questions=key_questions)
    verdict_form = VerdictForm(None)
    if request.method == "POST":
        step = StepForm(request.POST, steps=("judge", "verdict")).step
        try:
            if step == "judge" and judging:
                judge_form = JudgementForm(request.POST, key_questions=key_questions)
                if judge_form.is_valid():
                    service.save_judgements(assessment, request.user, judge_form.judgements(),
                                            judge_form.comments())
                    messages.success(request, "Your judgements are saved: the inspector's "
                                     "answers are shown below")
                    return redirect("quality:moderate", pk=assessment.pk)
                errors = error_list(judge_form)
            elif step == "verdict" and open_round is not None:
                verdict_form = VerdictForm(request.POST)
                if verdict_form.is_valid():
                    decided = service.record_verdict(
                        open_round, request.user, member.role, member.stage,
                        return_to_inspector=verdict_form.returning,
                        comment=verdict_form.cleaned_data["comment"])
                    messages.success(request, f"Moderation of {assessment.sampled_case} "
                                     f"recorded: {decided.outcome.value}")
                    return redirect("quality:queue", pk=inspection.pk)
                errors = error_list(verdict_form)
            else:
                errors = [PageError("This step has already been taken: reload the page")]
        except ModerationError as error:
            # A judgement the core names links to its key question; the rest to the comment.
            errors = [refusal(error, {"judgement": f"judgement-{error.key_question}",
                                      "return": "return", "comment": "comment"}, "comment")]
        open_round = service.open_round(assessment)
    return render(request, "quality/moderate.html", {
        "inspection": inspection, "role": member.role, "assessment": assessment,
        "case": assessment.sampled_case, **_round(assessment, open_round, framework, judge_form),
        "choices": JUDGEMENT_CHOICES, "error_list": errors,
        "posted_comment": verdict_form["comment"].value() or "",
        "facts": _facts(framework, assessment.sampled_case.attributes),
    }, status=400 if errors else 200)


def _round(assessment: Assessment, open_round: ModerationRow | None, framework: Any,
           judge_form: JudgementForm) -> dict[str, Any]:
    """The round as the page shows it: saved judgements beside the inspector's once revealed,
    else the judgements being made (as posted, when refused)."""
    view = service.current_view(assessment, open_round)
    texts = {kq.id: kq.text for standard in framework.standards()
             for kq in standard.key_questions}
    rows = []
    for kq in view.key_questions:
        posted = (judge_form[f"judgement-{kq}"].value() or "", judge_form[f"comment-{kq}"].value()
                  or "") if kq in judge_form.key_questions else ("", "")
        answer = view.answers.get(kq) if view.answers else None
        rows.append({
            "id": kq, "text": texts.get(kq, ""),
            "mine": open_round.judgements.get(kq) if open_round else posted[0],
            "comment": open_round.question_comments.get(kq, "") if open_round else posted[1],
            "theirs": answer.value if answer else None,
            "note": (view.notes or {}).get(kq, ""),
        })
    return {
        "view": view, "rows": rows, "open_round": open_round,
        "can_judge": open_round is None and service.needs_moderation(assessment),
        "returned": assessment.status == AssessmentStatus.RETURNED,
        "rounds": service.decided_rounds(assessment).select_related("moderator"),
    }


def _facts(framework: Any, attributes: dict[str, Any]) -> list[tuple[str, str]]:
    """The case's attributes as the assessment form labels them (the case is never hidden)."""
    labels = {attribute.name: attribute.label for attribute in framework.attributes}
    shown = {True: "Yes", False: "No", None: "Not recorded"}
    return [(labels.get(name, name), shown.get(value, str(value)) if isinstance(
        value, bool | None) else str(value)) for name, value in sorted(attributes.items())]


@case_view(Action.VIEW_CASES)
@require_POST
def flag(request: HttpRequest, member: CaseMember) -> HttpResponse:
    case = member.case
    assessment = get_object_or_404(Assessment, sampled_case=case)
    # The assessment's author flags it (the case may have been reassigned since).
    member.require(Action.FLAG_FOR_MODERATION,
                   is_assessor=assessment.assessor_id == request.user.pk)
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"{error_list(form)[0].message}: the case was not flagged.")
        return redirect("casework:assess", pk=case.pk)
    service.flag(assessment, request.user, form.cleaned_data["reason"])
    messages.success(request, f"Case {case.case_reference} is flagged for moderation")
    return redirect("casework:assess", pk=case.pk)
