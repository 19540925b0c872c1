"""Changing an inspection after creation and managing users, in a real browser (issue 13):
the lead edits the details and the team, a programme manager creates a user and gives a
programme role; axe on every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection, Provider, Role, TeamMember

from .conftest import Pages

PASSWORD = "a-long-browser-test-passphrase"


@pytest.fixture
def people(transactional_db: None, settings: Any) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = {name: get_user_model().objects.create_user(
        name, password=PASSWORD, first_name=name.title()) for name in ("lead", "qa", "manager")}
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Browser Test CRC"),
        framework_id="hmip-crc-2018", framework_version="2018.1",
        fieldwork_start=dt.date(2026, 11, 2), fieldwork_end=dt.date(2026, 11, 20),
        stage="planning",
    )
    TeamMember.objects.create(inspection=inspection, user=users["lead"],
                              role=Role.LEAD_INSPECTOR)
    ProgrammeMembership.objects.create(user=users["manager"],
                                       role=ProgrammeRole.PROGRAMME_MANAGER)
    return {**users, "inspection": inspection}


def test_the_lead_edits_the_details_and_the_team(pages: Pages, people: dict[str, Any]) -> None:
    inspection = people["inspection"]
    page = pages.sign_in("lead", PASSWORD)
    page.goto(f"/inspections/{inspection.pk}/")
    page.click("text=Edit details")
    page.wait_for_selector("h1:has-text('Edit details')")
    pages.axe(page)
    page.fill("#id_fieldwork_end", "2026-10-01")
    page.click("button:has-text('Save details')")
    page.wait_for_selector(".govuk-error-summary")
    pages.axe(page)
    assert "on or after it starts" in page.inner_text(".govuk-error-summary")
    page.fill("#id_fieldwork_end", "2026-11-27")
    page.click("button:has-text('Save details')")
    page.wait_for_selector("text=The inspection's details have been changed")
    assert "27 November 2026" in page.inner_text("main")

    page.click("text=Change the team")
    page.wait_for_selector("h1:has-text('Team')")
    pages.axe(page)
    page.fill("#id_person", "qa")
    page.select_option("#id_role", "quality-assurance")
    page.click("button:has-text('Add to the team')")
    page.wait_for_selector("text=Qa has joined the team as quality-assurance inspector")
    pages.axe(page)
    assert page.locator("#team tbody tr").count() == 2
    lead = TeamMember.objects.get(inspection=inspection, user=people["lead"])
    page.click(f"#remove-{lead.pk}")
    page.wait_for_selector(".govuk-error-summary")
    pages.axe(page)
    assert "the only lead inspector" in page.inner_text(".govuk-error-summary")
    assert AuditEvent.objects.filter(action="team-changed").count() == 1


def test_a_programme_manager_creates_a_user_and_gives_a_role(
    pages: Pages, people: dict[str, Any]
) -> None:
    page = pages.sign_in("manager", PASSWORD)
    page.click("text=Manage users")
    page.wait_for_selector("h1:has-text('Users')")
    pages.axe(page)
    page.click("text=Create a user")
    page.wait_for_selector("h1:has-text('Create a user')")
    pages.axe(page)
    page.fill("#username", "newcomer")
    page.fill("#first_name", "New")
    page.fill("#last_name", "Comer")
    page.fill("#email", "not-an-address")
    page.click("button:has-text('Create user')")
    page.wait_for_selector(".govuk-error-summary")
    pages.axe(page)
    page.fill("#email", "new@example.org")
    page.click("button:has-text('Create user')")
    page.wait_for_selector("h1:has-text('User created')")
    pages.axe(page)
    password = page.inner_text("#one-time-password").strip()
    assert get_user_model().objects.get(username="newcomer").check_password(password)
    page.click("text=Give newcomer programme roles")
    page.wait_for_selector("h1:has-text('New Comer')")
    pages.axe(page)
    page.check("#roles-research-and-data-team")
    page.click("button:has-text('Save changes')")
    page.wait_for_selector("text=account has been changed")
    assert ProgrammeMembership.objects.filter(
        user__username="newcomer", role=ProgrammeRole.DATA_TEAM).exists()
