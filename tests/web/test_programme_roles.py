"""Who may create an inspection and import published reports: programme roles, not a role on
some inspection; and the create form names people by username or e-mail, never listing all.

Run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from helpers import make_user, signed_in
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection, Role

pytestmark = pytest.mark.django_db

CREATE = reverse("inspections:create")
IMPORT = reverse("benchmarking:import")
NEW = {"provider": "Durham Tees Valley CRC", "framework": "hmip-crc-2018@2018.1",
       "fieldwork_start": "2026-11-02", "fieldwork_end": "2026-11-20", "lead": "lead",
       "inspectors": "inspector"}


@pytest.fixture
def manager(users: dict[str, Any]) -> Any:
    user = make_user("manager")
    ProgrammeMembership.objects.create(user=user, role=ProgrammeRole.PROGRAMME_MANAGER)
    return user


@pytest.mark.parametrize("name", ["reader", "outsider", "lead", "inspector"])
def test_without_a_programme_role_nobody_creates_an_inspection(
    inspection: Inspection, users: dict[str, Any], name: str
) -> None:
    # The provider reader, a user with no role, and even the lead of another inspection.
    client = signed_in(users[name])
    page = client.get(CREATE)
    assert page.status_code == 403
    assert "Only an inspection programme manager can create an inspection" in (
        page.content.decode())
    assert client.post(CREATE, {**NEW, "lead": name}).status_code == 403
    assert not Inspection.objects.filter(provider__name=NEW["provider"]).exists()
    assert b"Create an inspection" not in client.get(reverse("inspections:list")).content


@pytest.mark.parametrize("name", ["reader", "outsider", "lead", "inspector"])
def test_without_a_programme_role_nobody_imports_published_reports(
    inspection: Inspection, users: dict[str, Any], name: str
) -> None:
    client = signed_in(users[name])
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {}).status_code == 403


def test_programme_roles_and_administrators(users: dict[str, Any], manager: Any) -> None:
    analyst = make_user("analyst")
    ProgrammeMembership.objects.create(user=analyst, role=ProgrammeRole.DATA_TEAM)
    assert signed_in(analyst).get(IMPORT).status_code == 200
    assert signed_in(analyst).get(CREATE).status_code == 403
    assert signed_in(manager).get(IMPORT).status_code == 200
    assert signed_in(manager).get(CREATE).status_code == 200
    staff = make_user("administrator")
    staff.is_staff = True
    staff.save()
    assert signed_in(staff).get(CREATE).status_code == 200
    # A programme role on a deactivated account allows nothing.
    manager.is_active = False
    manager.save()
    assert Client().get(CREATE).status_code == 302


def test_the_create_form_never_lists_the_accounts(users: dict[str, Any], manager: Any) -> None:
    for name in ("lead", "inspector", "reader", "outsider"):
        users[name].first_name = f"Zed{name.title()}"
        users[name].email = f"{name}.person@example.gov.uk"
        users[name].save()
    page = signed_in(manager).get(CREATE).content.decode()
    assert "Lead inspector" in page and 'name="inspectors"' in page
    for name in ("lead", "inspector", "reader", "outsider"):
        user = users[name]
        assert f"({name})" not in page and "Zed" not in page
        assert f'value="{user.pk}"' not in page and user.email not in page
    assert "role_" not in page


def test_the_creator_names_the_lead_and_team_by_username_or_e_mail(
    users: dict[str, Any], manager: Any
) -> None:
    users["reader"].email = "Reader@Provider.example"
    users["reader"].save()
    response = signed_in(manager).post(CREATE, {
        **NEW, "inspectors": "inspector,\nother", "provider_readers": "reader@provider.example"})
    inspection = Inspection.objects.get(provider__name=NEW["provider"])
    # The manager is not on the team, so is sent back to the list, not to a 404.
    assert response["Location"] == reverse("inspections:list")
    assert {m.user.username: m.role for m in inspection.team.all()} == {
        "lead": Role.LEAD_INSPECTOR, "inspector": Role.INSPECTOR, "other": Role.INSPECTOR,
        "reader": Role.PROVIDER_READER}
    assert inspection.role_of(manager) is None and inspection.created_by == manager
    event = AuditEvent.objects.get(inspection=inspection, action="inspection-created")
    assert event.actor == manager and event.after["team"]["lead"] == "lead-inspector"
    # The lead named can open it.
    assert signed_in(users["lead"]).get(
        reverse("inspections:detail", args=[inspection.pk])).status_code == 200


def test_unknown_and_doubly_named_people_are_errors_and_nothing_is_stored(
    users: dict[str, Any], manager: Any
) -> None:
    get_user_model().objects.filter(username="other").update(is_active=False)
    response = signed_in(manager).post(CREATE, {
        **NEW, "lead": "nobody-here", "inspectors": "inspector other",
        "quality_assurance": "inspector", "provider_readers": "<b>x</b>"})
    assert response.status_code == 200
    body = response.content.decode()
    assert ("Lead inspector: no active account has the username or e-mail address "
            "\u201cnobody-here\u201d") in body
    # A deactivated account is not found either.
    assert "Inspectors: no active account has the username or e-mail address \u201cother\u201d" \
        in body
    assert "&lt;b&gt;x&lt;/b&gt;" in body and "<b>x</b>" not in body
    assert not Inspection.objects.exists()
    twice = signed_in(manager).post(CREATE, {**NEW, "quality_assurance": "lead"})
    assert ("Quality-assurance inspectors: lead is already named as lead inspector; each "
            "person has one role") in twice.content.decode()
    assert not Inspection.objects.exists()


def test_a_team_box_names_at_most_fifty_people(users: dict[str, Any], manager: Any) -> None:
    response = signed_in(manager).post(CREATE, {**NEW, "data_team": " ".join(["x"] * 51)})
    assert "Data team: name at most 50 people (you named 51)" in response.content.decode()
    assert not Inspection.objects.exists()
