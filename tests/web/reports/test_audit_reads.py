"""Audited reads and one name per kind of event, on the published Wales demo.

Opening a case, its history, the sample, and every report download write an audit event;
publication is logged as a stage change like every other move.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from helpers import client_for, job_file
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import SampledCase
from probation_inspection.web.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def events(action: AuditAction, **filters: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action.value, **filters))


def test_publication_is_logged_as_a_stage_change_like_every_move(wales: Inspection) -> None:
    # The demo is stored at the reporting stage and published through the report workflow.
    moves = events(AuditAction.STAGE_CHANGED, inspection=wales)
    assert [(e.before, e.after) for e in moves] == [
        ({"stage": "reporting"}, {"stage": "published"})]
    assert not AuditEvent.objects.filter(action="stage").exists()
    assert set(AuditEvent.objects.values_list("action", flat=True)) <= set(AuditAction)


def test_an_action_outside_the_catalogue_is_refused(wales: Inspection) -> None:
    with pytest.raises(ValueError, match="'stage' is not in the catalogue"):
        record(None, wales, "stage")


def test_opening_a_case_and_its_history_is_audited(wales: Inspection) -> None:
    case = SampledCase.objects.filter(sample__inspection=wales, status="sampled").first()
    assert case is not None
    lead = client_for("lead")
    assert lead.get(reverse("casework:assess", args=[case.pk])).status_code == 200
    viewed = events(AuditAction.CASE_VIEWED, sampled_case=case)
    assert [(e.actor.username, e.target) for e in viewed] == [("lead", case.case_reference)]
    history = lead.get(reverse("casework:history", args=[case.pk]))
    assert history.status_code == 200
    assert len(events(AuditAction.CASE_HISTORY_VIEWED, sampled_case=case)) == 1
    # The history lists changes, not who looked.
    assert b"case-viewed" not in history.content
    sample = lead.get(reverse("casework:sample", args=[wales.pk, case.sample.sample_type]))
    assert sample.status_code == 200
    assert events(AuditAction.SAMPLE_VIEWED, inspection=wales)[0].target == (
        case.sample.sample_type)
    # A refused read leaves no read event.
    assert client_for("provider").get(reverse("casework:assess", args=[case.pk])).status_code in (
        403, 404)
    assert len(events(AuditAction.CASE_VIEWED)) == 1


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "csv", "json"])
def test_every_report_download_is_audited(wales: Inspection, fmt: str) -> None:
    provider = client_for("provider")
    started = provider.get(reverse("reports:download", kwargs={"pk": wales.pk, "fmt": fmt}))
    # A background job (issue 15): the read is logged when its file is downloaded.
    assert not events(AuditAction.REPORT_DOWNLOADED)
    assert job_file(provider, started).status_code == 200
    [event] = events(AuditAction.REPORT_DOWNLOADED, inspection=wales)
    job = int(started["Location"].rstrip("/").rsplit("/", 1)[1])
    assert (event.actor.username, event.target, event.after) == (
        "provider", fmt, {"version": 1, "draft": False, "job": job})


def test_a_refused_download_is_not_logged_as_a_download(wales: Inspection) -> None:
    response = client_for("qa").get(
        reverse("reports:download", kwargs={"pk": wales.pk, "fmt": "csv"}))
    assert response.status_code == 403
    assert not events(AuditAction.REPORT_DOWNLOADED)
