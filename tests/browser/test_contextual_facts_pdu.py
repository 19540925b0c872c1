"""The contextual facts page of an inspection whose framework lists no measures (a PDU
2021-23 inspection), in a real browser: it says so, offers no CRC measure, and the lead still
records a fact of the inspection's own from a CSV. axe-core checks every state."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model

from probation_inspection.web.inspections.models import Inspection, Provider, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"


def test_a_pdu_facts_page_lists_no_measures_and_takes_facts_of_its_own(
        pages: Pages, transactional_db: None, settings: Any, tmp_path: Path) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    lead = get_user_model().objects.create_user("lead", password=PASSWORD, first_name="Lena",
                                                last_name="Tester")
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="North Tyneside PDU"),
        framework_id="hmip-pdu-2021", framework_version="2021.1",
        fieldwork_start=dt.date(2026, 11, 2), fieldwork_end=dt.date(2026, 11, 20),
        stage="fieldwork", created_by=lead)
    TeamMember.objects.create(inspection=inspection, user=lead, role="lead-inspector")

    page = pages.sign_in("lead", PASSWORD)
    page.goto(f"/inspections/{inspection.pk}/")
    page.click("text=Domain one evidence")
    page.click("text=Enter or import contextual facts")
    page.wait_for_selector("#no-measures")
    pages.axe(page)
    text = page.inner_text("main")
    assert "lists no contextual measures" in text
    assert "CRC" not in text and "Enter figures" not in text

    own = tmp_path / "facts.csv"
    own.write_text("measure,provider_figure,national_figure,target,period,source,unit\n"
                   "Cases allocated within two days,83,,,2022,PDU data,percent\n")
    page.set_input_files("#facts_file", str(own))
    page.click("button:has-text('Import')")
    page.wait_for_selector("#facts")
    pages.axe(page)
    assert "83%" in page.inner_text("#facts")
