"""A youth justice inspection in a real browser (issue 12): the lead uploads an out-of-court
disposal case list from the overview, reads the eligibility report, draws and assigns a case;
the inspector assesses and submits it. axe-core checks every page visited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from helpers import case_list_for
from probation_inspection.web.casework.models import Assessment, Sample
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection, Provider, Role, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"
FIELDWORK = dt.date(2026, 11, 2)
KIND = "out-of-court-disposals"


@pytest.fixture
def youth(transactional_db: None, settings: Any) -> tuple[Inspection, dict[str, Any]]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    model = get_user_model()
    people = {"lead": model.objects.create_user("lead", password=PASSWORD, first_name="Lena"),
              "inspector": model.objects.create_user("inspector", password=PASSWORD,
                                                     first_name="Ian", last_name="Inspector")}
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Anytown Youth Justice Service"),
        framework_id="hmip-yjs-2021", framework_version="2021.1", fieldwork_start=FIELDWORK,
        fieldwork_end=FIELDWORK + dt.timedelta(days=18), stage="planning",
        created_by=people["lead"])
    TeamMember.objects.create(inspection=inspection, user=people["lead"],
                              role=Role.LEAD_INSPECTOR)
    TeamMember.objects.create(inspection=inspection, user=people["inspector"],
                              role=Role.INSPECTOR)
    return inspection, people


@pytest.mark.slow
def test_a_youth_out_of_court_sample_is_uploaded_drawn_and_assessed(
    pages: Pages, youth: tuple[Inspection, dict[str, Any]], tmp_path: Path,
) -> None:
    inspection, people = youth
    definition = framework_for(inspection.framework_id,
                               inspection.framework_version).sample_type(KIND)
    content, eligible = case_list_for(definition, FIELDWORK, 60, seed=11)
    path = tmp_path / "out-of-court.csv"
    path.write_bytes(content)

    lead = pages.sign_in("lead", PASSWORD)
    lead.goto(f"/inspections/{inspection.pk}/")
    pages.axe(lead)
    # The overview lists the youth framework's own samples, not the CRC's.
    samples = lead.inner_text("main")
    assert "Out-of-court disposals" in samples and "Court disposals" in samples
    assert "Case supervision" not in samples
    lead.click("text=Upload a case list for out-of-court disposals")
    lead.wait_for_selector("h1:has-text('Upload a case list')")
    pages.axe(lead)
    assert "Disposal type" in lead.inner_text("#case-list-needs")
    lead.set_input_files("#case_list", str(path))
    lead.click("button:has-text('Upload and check')")
    lead.wait_for_selector("h1:has-text('Draw the sample')")
    pages.axe(lead)
    assert lead.inner_text("#eligible") == str(eligible)
    assert "Excluded: " in lead.inner_text("#eligibility-report")
    assert lead.inner_text("#strata") == "Gender, Type of disposal"
    lead.fill("#size", "4")
    lead.fill("#seed", "7")
    lead.click("button:has-text('Draw the sample')")
    lead.wait_for_selector("#methodology")
    pages.axe(lead)
    assert "Out-of-court disposals sample" in lead.inner_text("h1")
    sample = Sample.objects.get(inspection=inspection)
    assert (sample.sample_type, sample.size) == (KIND, 4)

    lead.locator("#cases select").first.select_option(str(people["inspector"].pk))
    lead.click("button:has-text('Save assignments')")
    lead.wait_for_selector("text=1 case assigned")
    pages.axe(lead)
    inspection.stage = "fieldwork"
    inspection.save(update_fields=["stage"])

    case = sample.cases.get(assigned_to=people["inspector"])
    inspector = pages.sign_in("inspector", PASSWORD)
    inspector.goto("/my-cases/")
    pages.axe(inspector)
    assert "Out-of-court disposals" in inspector.inner_text("main")
    inspector.click(f"a:has-text('{case.case_reference}')")
    inspector.wait_for_selector(f"h1:has-text('Case {case.case_reference}')")
    pages.axe(inspector)
    for radio in inspector.locator("input[name^='attribute-'][value='true']").all():
        radio.check()
    for radio in inspector.locator("input[name^='answer-'][value='yes']").all():
        radio.check()
    inspector.click("button:has-text('Submit assessment')")
    inspector.wait_for_selector("text=submitted")
    pages.axe(inspector)
    assessment = Assessment.objects.get(sampled_case=case)
    assert assessment.status == "submitted"
    assert assessment.framework_id == "hmip-yjs-2021"
