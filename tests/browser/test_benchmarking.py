"""The benchmark store in a real browser: import the three seed reports (and be refused the
thematic one) through the page, open the comparisons and mark a provider; axe on every page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.benchmarking.models import PublishedInspection
from probation_inspection.web.inspections.models import Inspection, Provider, Role, TeamMember

from .conftest import Pages, screenshot

PASSWORD = "a-long-browser-test-passphrase"
REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


@pytest.fixture
def analyst(transactional_db: None, settings: Any) -> Any:
    """A member of the research and data team: the programme role that imports reports."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = get_user_model().objects.create_user(
        "analyst", password=PASSWORD, first_name="Ada", last_name="Tester"
    )
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Browser Test CRC"),
        framework_id="hmip-crc-2018", framework_version="2018.1",
        fieldwork_start=dt.date(2026, 11, 2), fieldwork_end=dt.date(2026, 11, 20),
        stage="fieldwork",
    )
    TeamMember.objects.create(inspection=inspection, user=user, role=Role.DATA_TEAM)
    # Being on a team no longer grants importing into the shared store: the programme role does.
    ProgrammeMembership.objects.create(user=user, role=ProgrammeRole.DATA_TEAM)
    return user


def seed(prefix: str) -> str:
    return str(next(REPORTS.glob(f"{prefix}_*.txt")))


def test_import_then_compare_and_mark(pages: Pages, analyst: Any) -> None:
    page = pages.sign_in("analyst", PASSWORD)
    page.click(".govuk-service-navigation__link:has-text('Comparisons')")
    page.wait_for_selector("h1:has-text('Comparisons across inspections')")
    pages.axe(page)

    page.click("text=Import published reports")
    page.wait_for_selector("h1:has-text('Import published reports')")
    pages.axe(page)
    page.set_input_files("#reports", seed("001"))
    page.click("button:has-text('Import reports')")
    # The import runs as a background job: its page lists what became of each file.
    page.wait_for_selector("#job-outcomes")
    pages.axe(page)
    assert "not a rated inspection report" in page.inner_text("#job-outcomes")
    assert page.locator("#job-outcomes .govuk-tag--red").count() == 1
    assert not PublishedInspection.objects.exists()

    page.click("text=Back to importing reports")
    page.wait_for_selector("h1:has-text('Import published reports')")
    page.set_input_files("#reports", [seed("000"), seed("002"), seed("004")])
    page.click("button:has-text('Import reports')")
    page.wait_for_selector("#job-outcomes")
    pages.axe(page)
    assert page.locator("#job-outcomes tbody tr").count() == 3
    assert page.locator("#job-outcomes .govuk-tag:has-text('Read')").count() == 3
    assert "3 of 3 reports imported" in page.inner_text("#job-summary")
    screenshot(page, "comparisons-import.png", height=1300)

    # My jobs lists both imports, newest first, each linking to its page.
    page.click("#my-jobs-link")
    page.wait_for_selector("h1:has-text('My jobs')")
    pages.axe(page)
    assert page.locator("#my-jobs tbody tr").count() == 2
    assert page.locator("#my-jobs tbody tr").first.inner_text().startswith(
        "Import 3 published reports")

    page.goto(pages.base_url + "/comparisons/import/")
    page.wait_for_selector("#stored")
    assert page.locator("#stored tbody tr").count() == 3

    page.click(".govuk-breadcrumbs__link:has-text('Comparisons')")
    page.wait_for_selector("#league-table")
    pages.axe(page)
    scores = page.locator("#league-table .app-score").all_inner_texts()
    assert scores == ["12", "11", "9"]

    page.select_option("#mark", label=next(
        option for option in page.locator("#mark option").all_inner_texts()
        if option.startswith("Staffordshire")
    ))
    page.click("button:has-text('Mark provider')")
    page.wait_for_selector("#league-table .govuk-tag:has-text('Marked')")
    pages.axe(page)
    marked_row = page.locator("#league-table tbody tr:has(.govuk-tag)")
    assert marked_row.locator(".app-score").inner_text() == "9"
    assert page.locator("#kq-211 .app-marked-value").count() == 1
    assert "Staffordshire" in page.inner_text("#key-questions caption")
    screenshot(page, "comparisons.png", height=2000)
    assert len(pages.checked) == 9
