"""Issues 12 and 13 in a real browser: at rating, a CRC inspection with only a case
supervision sample shows standards 4.1 and 4.2 as not rated with the reason, and the decision
page explains that none is needed. axe-core checks every page visited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.casework.models import CaseList, Sample, SampledCase
from probation_inspection.web.inspections.models import Inspection, Provider, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"


@pytest.fixture
def world(transactional_db: None, settings: Any) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    lead = get_user_model().objects.create_user("lead", password=PASSWORD, first_name="Lena",
                                                last_name="Tester")
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Not Rated Test CRC"), framework_id="hmip-crc-2018",
        framework_version="2018.1", fieldwork_start=dt.date(2026, 11, 2),
        fieldwork_end=dt.date(2026, 11, 20), stage="rating", created_by=lead)
    TeamMember.objects.create(inspection=inspection, user=lead, role="lead-inspector")
    case_list = CaseList.objects.create(inspection=inspection, sample_type="case-supervision",
                                        filename="cases.csv", row_count=0, content=b"")
    sample = Sample.objects.create(inspection=inspection, sample_type="case-supervision",
                                   case_list=case_list, seed=1, eligible=10, size=1,
                                   fieldwork_start=inspection.fieldwork_start, methodology="-")
    SampledCase.objects.create(sample=sample, case_reference="CS1", attributes={},
                               status="sampled", assigned_to=lead)
    return {"inspection": inspection, "lead": lead}


def test_not_rated_standards_show_their_reason_and_need_no_decision(
        pages: Pages, world: dict[str, Any]) -> None:
    pk = world["inspection"].pk
    lead = pages.sign_in("lead", PASSWORD)
    lead.goto(f"/inspections/{pk}/ratings/")
    lead.wait_for_selector("#ratings")
    pages.axe(lead)
    assert lead.inner_text("#not-rated-4\\.1") == "No unpaid work sample was drawn"
    assert lead.inner_text("#not-rated-4\\.2") == "No Through the Gate sample was drawn"
    row = lead.inner_text("tr[data-standard='4.1']")
    assert "Not rated" in row and "No decision needed" in row
    lead.click("tr[data-standard='4.1'] a")
    lead.wait_for_selector("#not-rated")
    pages.axe(lead)
    assert "It needs no decision" in lead.inner_text("#not-rated")
    assert lead.query_selector("#decision") is None
