"""No dead ends at rating: a CRC inspection with only a case supervision sample rates domain
two, shows 4.1 and 4.2 not rated with the reason (no decision needed, none offered), and the
lead moves to reporting; the overall follows the framework's declared rule."""

from __future__ import annotations

import dataclasses

import pytest
from django.urls import reverse

from factories import Staged, fieldwork, submit
from helpers import signed_in
from probation_inspection.access import Role as CoreRole
from probation_inspection.access import Stage
from probation_inspection.framework.model import RatingMethod
from probation_inspection.reporting.snapshot import report_from_json
from probation_inspection.scoring import DecisionKind, ScoringError
from probation_inspection.web.inspections.stages import advance
from probation_inspection.web.quality.evidence import save_meeting
from probation_inspection.web.quality.models import QueueEntry
from probation_inspection.web.quality.moderation import (
    inspector_side,
    record_verdict,
    refresh_queue,
    save_judgements,
)
from probation_inspection.web.quality.ratings import decide, move_to_reporting, ratings
from probation_inspection.web.reports.services import live_report

pytestmark = pytest.mark.django_db

REASON = "no unpaid work sample was drawn"
REASONS = {"4.1": REASON, "4.2": "no Through the Gate sample was drawn"}


def _rating_with_case_supervision_only() -> Staged:
    staged = fieldwork(2, sample_types=("case-supervision",))
    lead = staged.team["lead"]
    for case in staged.sampled_cases.select_related("sample"):
        submit(case, staged.framework)
    advance(staged.inspection, staged.framework, lead, CoreRole.LEAD_INSPECTOR,
            seen=Stage.FIELDWORK.value)
    qa = staged.team["qa"]
    refresh_queue(staged.inspection, qa)
    for entry in QueueEntry.objects.filter(queue__inspection=staged.inspection).order_by("pk"):
        side = inspector_side(entry.assessment)
        row = save_judgements(entry.assessment, qa,
                              {kq: answer.value for kq, answer in side.answers.items()}, {})
        record_verdict(row, qa, CoreRole.QUALITY_ASSURANCE, Stage.MODERATION,
                       return_to_inspector=False, comment="")
    advance(staged.inspection, staged.framework, lead, CoreRole.LEAD_INSPECTOR,
            seen=Stage.MODERATION.value)
    return staged.refresh()


def test_crc_with_only_case_supervision_goes_from_rating_to_reporting() -> None:
    staged = _rating_with_case_supervision_only()
    inspection, framework, lead = staged.inspection, staged.framework, staged.team["lead"]
    assert inspection.stage == Stage.RATING
    client = signed_in(lead)
    page = client.get(reverse("quality:ratings", args=[inspection.pk]))
    assert page.status_code == 200
    rows = {row.standard.id: row for row in page.context["ratings"].standards}
    for standard_id in ("4.1", "4.2"):
        assert rows[standard_id].not_rated is not None
        assert rows[standard_id].not_rated.not_rated_reason == REASONS[standard_id]
    assert rows["2.1"].not_rated is None and rows["2.1"].rule is not None
    html = page.content.decode()
    assert 'id="not-rated-4.1"' in html and "No unpaid work sample was drawn" in html
    outstanding = [o.standard_id for o in page.context["ratings"].readiness.outstanding]
    assert "4.1" not in outstanding and "4.2" not in outstanding and "2.1" in outstanding
    # The stage page warns, without blocking, that they will be reported not rated.
    stage_page = client.get(reverse("inspections:stage", args=[inspection.pk]))
    assert f"Standard 4.1 ({REASON}) will be reported not rated" in stage_page.content.decode()
    # No decision is offered for a not-rated standard, and the service refuses one.
    decide_page = client.get(reverse("quality:decide", args=[inspection.pk, "4.1"]))
    assert 'id="not-rated"' in decide_page.content.decode()
    assert 'id="decision"' not in decide_page.content.decode()
    with pytest.raises(ScoringError, match="needs no decision"):
        decide(inspection, framework, lead, CoreRole.LEAD_INSPECTOR, "4.1",
               kind=DecisionKind.ACCEPTED, rating="", rationale="", evidence=[])
    judged = [s.id for s in framework.standards() if s.rating_method.value == "judgement"]
    meeting = save_meeting(inspection, lead, framework, kind="meeting",
                           held_on=inspection.fieldwork_start, role_group="senior-managers",
                           participants=["Chief executive"], notes="Plans", standards=judged)
    for standard in framework.standards():
        if standard.id in judged:
            decide(inspection, framework, lead, CoreRole.LEAD_INSPECTOR, standard.id,
                   kind=DecisionKind.JUDGEMENT, rating="Good", rationale="Seen",
                   evidence=[meeting.evidence_id])
        elif standard.id not in ("4.1", "4.2"):
            decide(inspection, framework, lead, CoreRole.LEAD_INSPECTOR, standard.id,
                   kind=DecisionKind.ACCEPTED, rating="", rationale="", evidence=[])
    overview = ratings(inspection, framework)
    assert overview.readiness.ready and not overview.provisional
    assert overview.overall is not None and overview.overall.not_rated == ("4.1", "4.2")
    # CRC declares no overall without every scored standard: the overall is not rated.
    assert overview.overall.rating == "Not rated" and overview.overall.not_rated_reason
    page = client.get(reverse("quality:ratings", args=[inspection.pk]))
    assert "not counting 4.1, 4.2 (not rated)" in page.content.decode()
    readiness = move_to_reporting(inspection, framework, lead, CoreRole.LEAD_INSPECTOR)
    assert readiness.ready
    inspection.refresh_from_db()
    assert inspection.stage == Stage.REPORTING


def test_the_report_prints_the_not_rated_standards_with_their_reasons() -> None:
    staged = _rating_with_case_supervision_only()
    inspection, framework, lead = staged.inspection, staged.framework, staged.team["lead"]
    judged = [s.id for s in framework.standards() if s.rating_method.value == "judgement"]
    meeting = save_meeting(inspection, lead, framework, kind="meeting",
                           held_on=inspection.fieldwork_start, role_group="senior-managers",
                           participants=["Chief executive"], notes="Plans", standards=judged)
    for standard in framework.standards():
        if standard.id in judged:
            decide(inspection, framework, lead, CoreRole.LEAD_INSPECTOR, standard.id,
                   kind=DecisionKind.JUDGEMENT, rating="Good", rationale="Seen",
                   evidence=[meeting.evidence_id])
        elif standard.id not in ("4.1", "4.2"):
            decide(inspection, framework, lead, CoreRole.LEAD_INSPECTOR, standard.id,
                   kind=DecisionKind.ACCEPTED, rating="", rationale="", evidence=[])
    assert move_to_reporting(inspection, framework, lead, CoreRole.LEAD_INSPECTOR).ready
    report = live_report(inspection)
    rows = {row.standard_id: row for domain in report.summary_of_ratings.domains
            for row in domain.rows}
    for standard_id, reason in REASONS.items():
        assert (rows[standard_id].rating, rows[standard_id].not_rated_reason) == (
            "Not rated", reason)
    assert rows["2.1"].not_rated_reason is None
    assert report.summary_of_ratings.overall == "Not rated"
    assert report.summary_of_ratings.not_rated == ("4.1", "4.2")
    assert report_from_json(report.to_json()) == report
    html = signed_in(lead).get(reverse("reports:report", args=[inspection.pk])).content.decode()
    assert "No unpaid work sample was drawn" in html
    assert f'id="not-rated-4.2">This standard is not rated: {REASONS["4.2"]}.' in html
    assert 'id="overall-not-rated"' in html


def test_a_pdu_standard_with_fewer_relevant_cases_than_the_minimum_is_not_rated() -> None:
    staged = fieldwork(2, framework=("hmip-pdu-2021", "2021.1"))
    for case in staged.sampled_cases.select_related("sample"):
        submit(case, staged.framework)
    framework = staged.framework
    assert framework.rating is not None
    # As the framework file would declare it: at least five relevant cases to rate.
    strict = dataclasses.replace(framework, rating=dataclasses.replace(
        framework.rating, minimum_relevant_cases_to_rate=5))
    overview = ratings(staged.inspection, strict)
    case_data = [row for row in overview.standards
                 if row.standard.rating_method is RatingMethod.LOWEST_KEY_QUESTION]
    assert case_data
    for row in case_data:
        assert row.not_rated is not None and row.rule is None
        assert row.not_rated.not_rated_reason == (
            "only 2 relevant cases, fewer than the 5 the framework needs to rate it")
    outstanding = {item.standard_id for item in overview.readiness.outstanding}
    assert not outstanding & {row.standard.id for row in case_data}
    # Without the minimum the same cases rate them.
    assert all(row.rule is not None for row in ratings(staged.inspection, framework).standards
               if row.standard.rating_method is RatingMethod.LOWEST_KEY_QUESTION)
