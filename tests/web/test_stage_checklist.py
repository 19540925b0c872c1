"""Issue 13: the stage page shows the core's readiness checklist with a link to each missing
thing, never says "Everything needed is done" while rating would then be stuck, and lets the
lead move the inspection back a stage with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from helpers import add_case, set_stage, signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import Sample
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import Meeting

pytestmark = pytest.mark.django_db


def stage_page(client: Any, inspection: Inspection) -> str:
    response = client.get(reverse("inspections:stage", args=[inspection.pk]))
    assert response.status_code == 200
    return str(response.content.decode())


def test_planning_lists_what_rating_will_need_with_links(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    set_stage(inspection, "planning")
    lead = signed_in(users["lead"])
    add_case(inspection, None, None)
    page = stage_page(lead, inspection)
    assert "Everything needed is done" not in page
    pk = inspection.pk
    draw = reverse("casework:draw", args=[pk, "unpaid-work"])
    assert (f'<a class="govuk-link" href="{draw}">A drawn unpaid work sample: standard 4.1 is '
            "rated from its cases</a>") in page
    assert f'href="{reverse("quality:evidence", args=[pk])}">Domain-one evidence to cite' in page
    sample = reverse("casework:sample", args=[pk, "case-supervision"])
    assert (f'href="{sample}">Every case supervision case assigned before fieldwork: 1 case not '
            "yet assigned</a>") in page
    # What is there is listed as done, not as missing.
    done = page.split('id="checklist-done"')[1]
    assert "A drawn case supervision sample" in done


def test_everything_done_only_when_rating_will_have_what_it_needs(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    set_stage(inspection, "planning")
    lead = signed_in(users["lead"])
    add_case(inspection, users["inspector"], None)
    case_list = Sample.objects.get().case_list
    for kind in ("unpaid-work", "through-the-gate"):
        sample = Sample.objects.create(
            inspection=inspection, sample_type=kind, case_list=case_list, seed=1, eligible=1,
            size=1, fieldwork_start=inspection.fieldwork_start, methodology="x")
        sample.cases.create(case_reference=f"{kind}-1", attributes={}, status="sampled",
                            assigned_to=users["inspector"])
    assert "Nothing holds up the move" in stage_page(lead, inspection)
    Meeting.objects.create(inspection=inspection, kind="meeting", held_on=dt.date(2026, 11, 4),
                           role_group="responsible-officers", participants="Six POs",
                           notes="Workloads high", standards=["1.2"])
    page = stage_page(lead, inspection)
    assert "Everything needed is done, for this move and for rating and the report" in page
    assert 'id="checklist-missing"' not in page


def reopen(client: Any, inspection: Inspection, seen: str, reason: str) -> Any:
    return client.post(reverse("inspections:reopen", args=[inspection.pk]),
                       {"stage": seen, "reason": reason})


def test_the_lead_reopens_a_stage_with_a_reason_audited(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    lead = signed_in(users["lead"])
    assert "Move back to planning" in stage_page(lead, inspection)
    refused = reopen(lead, inspection, "fieldwork", "  ")
    assert refused.status_code == 400
    assert "You cannot move the inspection back: say why the inspection goes back to " \
           "planning." in refused.content.decode()
    inspection.refresh_from_db()
    assert inspection.stage == "fieldwork"
    assert not AuditEvent.objects.filter(action="stage-changed").exists()

    moved = reopen(lead, inspection, "fieldwork", "The unpaid work sample was never drawn")
    assert moved.status_code == 302
    inspection.refresh_from_db()
    assert inspection.stage == "planning"
    event = AuditEvent.objects.get(action="stage-changed")
    assert (event.before, event.after, event.actor) == (
        {"stage": "fieldwork"},
        {"stage": "planning", "reopened": True,
         "reason": "The unpaid work sample was never drawn"}, users["lead"])
    # A second click from the stale page does not move it back twice.
    again = reopen(lead, inspection, "fieldwork", "again")
    assert again.status_code == 400 and "already moved to planning" in again.content.decode()
    assert "Move back to" not in stage_page(lead, inspection)


def test_reopen_is_the_leads_and_not_for_published_inspections(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    assert reopen(signed_in(users["inspector"]), inspection, "fieldwork",
                  "I want more time").status_code == 403
    set_stage(inspection, "published")
    assert reopen(signed_in(users["lead"]), inspection, "published",
                  "a typo").status_code == 403
    inspection.refresh_from_db()
    assert inspection.stage == "published"
    assert not AuditEvent.objects.filter(action="stage-changed").exists()
