"""The agreement page and its exports: percent agreement and Cohen's kappa over moderated cases.

The figures are the scoring core's (`scoring.agreement`); this module lays them out.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from probation_inspection.access import Action
from probation_inspection.scoring import (
    Agreement,
    agreement_by_inspector,
    agreement_by_key_question,
)
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.gate import Member, inspection_view
from probation_inspection.web.jobs.runner import start as start_job
from probation_inspection.web.quality.moderation import judgement_pairs

COLUMNS = ["grouping", "group", "cases", "judgements", "agreements", "percent_agreement",
           "kappa", "kappa_note"]


def _tables(inspection: Any) -> tuple[dict[str, Agreement], dict[str, Agreement]]:
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    pairs = judgement_pairs(inspection)
    order = [kq.id for standard in framework.standards() for kq in standard.key_questions]
    moderated = {pair.key_question_id for pair in pairs}
    return (agreement_by_key_question(pairs, [kq for kq in order if kq in moderated]),
            agreement_by_inspector(pairs))


@inspection_view(Action.VIEW_AGREEMENT)
def agreement(request: HttpRequest, member: Member) -> HttpResponse:
    by_question, by_inspector = _tables(member.inspection)
    return render(request, "quality/agreement.html", {
        "inspection": member.inspection, "role": member.role, "by_question": by_question.values(),
        "by_inspector": by_inspector.values(),
    })


def agreement_rows(inspection: Any) -> list[dict[str, object]]:
    by_question, by_inspector = _tables(inspection)
    return [
        {"grouping": grouping, **item.to_json()}
        for grouping, table in (("key question", by_question), ("inspector", by_inspector))
        for item in table.values()
    ]


def _start(member: Member, user: Any, fmt: str) -> HttpResponse:
    """The export as a background job (issue 15): its page, then its file."""
    inspection = member.inspection
    job = start_job(
        user, kind=f"agreement-{fmt}", inspection=inspection,
        title=f"Agreement statistics ({'CSV file' if fmt == 'csv' else 'Excel workbook'})",
        work="probation_inspection.web.quality.jobs.agreement_file", params={"fmt": fmt},
        back_url=reverse("quality:agreement", args=[inspection.pk]),
        back_text="Back to agreement")
    return redirect("jobs:job", job_id=job.pk)


@inspection_view(Action.VIEW_AGREEMENT)
def agreement_csv(request: HttpRequest, member: Member) -> HttpResponse:
    return _start(member, request.user, "csv")


@inspection_view(Action.VIEW_AGREEMENT)
def agreement_xlsx(request: HttpRequest, member: Member) -> HttpResponse:
    return _start(member, request.user, "xlsx")
