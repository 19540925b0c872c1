"""Issue 13: domain-one evidence is recordable by the lead at the rating stage, where a
judgement that must cite evidence shows it missing; not by inspectors, nor after rating.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import Meeting

pytestmark = pytest.mark.django_db

MEETING = {"kind": "focus-group", "held_on": "2026-11-04", "role_group": "responsible-officers",
           "participants": "Six POs", "notes": "Workloads high", "standards": ["1.2"]}


def test_the_lead_records_a_meeting_at_rating(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    inspection.stage = "rating"
    inspection.save()
    client = signed_in(team["lead"])
    url = reverse("quality:meeting-new", args=[inspection.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, MEETING)
    assert response.status_code == 302
    assert Meeting.objects.get().standards == ["1.2"]


@pytest.mark.parametrize(("who", "stage"), [("inspector", "rating"), ("lead", "reporting")])
def test_evidence_is_still_refused_outside_the_lead_at_rating(
    inspection: Inspection, team: dict[str, Any], who: str, stage: str
) -> None:
    inspection.stage = stage
    inspection.save()
    response = signed_in(team[who]).post(
        reverse("quality:meeting-new", args=[inspection.pk]), MEETING)
    assert response.status_code == 403
    assert not Meeting.objects.exists()
