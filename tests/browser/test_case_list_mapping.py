"""The case-list mapping step in a real browser: an export whose start date column has a
header the defaults do not know is mapped on the page, imported, and the choice offered again
on the provider's next upload. axe-core checks every page visited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.casework.models import CaseList
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection, Provider, Role, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"
FIELDWORK = dt.date(2026, 11, 2)


@pytest.fixture
def lead(transactional_db: None, settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_user("lead", password=PASSWORD, first_name="Lena")


def planned(provider: Provider, lead: Any, start: dt.date) -> Inspection:
    inspection = Inspection.objects.create(
        provider=provider, framework_id="hmip-crc-2018", framework_version="2018.1",
        fieldwork_start=start, fieldwork_end=start + dt.timedelta(days=18), stage="planning",
        created_by=lead)
    TeamMember.objects.create(inspection=inspection, user=lead, role=Role.LEAD_INSPECTOR)
    return inspection


def upload(pages: Pages, page: Any, inspection: Inspection, path: Path) -> None:
    page.goto(f"/inspections/{inspection.pk}/samples/case-supervision/upload/")
    pages.axe(page)
    page.set_input_files("#case_list", str(path))
    page.click("button:has-text('Upload and check')")
    page.wait_for_selector("h1:has-text('Choose the columns in export.csv')")
    pages.axe(page)
    assert "--map" not in page.content()


def test_an_export_with_an_unknown_date_header_is_mapped_on_the_page(
    pages: Pages, lead: Any, tmp_path: Path
) -> None:
    provider = Provider.objects.create(name="Mapping Test CRC")
    first = planned(provider, lead, FIELDWORK)
    export = tmp_path / "export.csv"
    export.write_bytes(case_list_csv(FIELDWORK, 60, seed=4).replace(
        b"Sentence start date", b"Commencement", 1))
    page = pages.sign_in("lead", PASSWORD)

    upload(pages, page, first, export)
    assert "Commencement (for example 2026-" in page.inner_text("#id_start_date")
    page.select_option("#id_start_date", "Commencement")
    page.click("button:has-text('Import with these columns')")
    page.wait_for_selector("h1:has-text('Draw the sample')")
    pages.axe(page)
    assert "export.csv: 60 cases imported" in page.inner_text("main")
    assert CaseList.objects.get(inspection=first).column_map == {"start_date": "Commencement"}

    # The provider's next inspection offers the saved columns; importing needs one click.
    second = planned(provider, lead, dt.date(2027, 5, 3))
    upload(pages, page, second, export)
    assert "These choices are the columns saved for Mapping Test CRC" in page.inner_text(
        "#saved-mapping")
    assert page.input_value("#id_start_date") == "Commencement"
    page.click("button:has-text('Import with these columns')")
    page.wait_for_selector("h1:has-text('Draw the sample')")
    pages.axe(page)
    assert len(pages.checked) == 8
