"""A programme manager manages users in the app (issue 13): list, create with a one-time
password shown once, deactivate, give or take programme roles; each change audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from helpers import make_user, signed_in
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(users: dict[str, Any]) -> Any:
    user = make_user("manager")
    ProgrammeMembership.objects.create(user=user, role=ProgrammeRole.PROGRAMME_MANAGER)
    return user


def test_only_a_programme_manager_opens_the_users_pages(
    users: dict[str, Any], manager: Any
) -> None:
    for name in ("users", "new-user"):
        refused = signed_in(users["lead"]).get(reverse(f"accounts:{name}"))
        assert refused.status_code == 403
        assert "Only an inspection programme manager can manage users" in (
            refused.content.decode())
    assert signed_in(users["lead"]).get(
        reverse("accounts:user", args=[users["lead"].pk])).status_code == 403
    page = signed_in(manager).get(reverse("accounts:users"))
    assert page.status_code == 200 and "inspector" in page.content.decode()
    listing = signed_in(manager).get(reverse("inspections:list")).content.decode()
    assert reverse("accounts:users") in listing


def test_a_new_account_gets_a_password_shown_once_that_signs_in(manager: Any) -> None:
    client = signed_in(manager)
    response = client.post(reverse("accounts:new-user"), {
        "username": "newcomer", "first_name": "New", "last_name": "Comer",
        "email": "new@example.org"})
    assert response.status_code == 200
    password = response.context["password"]
    assert password in response.content.decode()
    assert get_user_model().objects.get(username="newcomer").check_password(password)
    event = AuditEvent.objects.get(action="user-created")
    assert event.target == "newcomer" and password not in str(event.after)
    again = client.post(reverse("accounts:new-user"), {"username": "NEWCOMER"})
    assert again.status_code == 400 and "already exists" in again.content.decode()


def test_roles_are_given_and_taken_and_an_account_deactivated(
    users: dict[str, Any], manager: Any
) -> None:
    client = signed_in(manager)
    url = reverse("accounts:user", args=[users["lead"].pk])
    assert client.post(url, {"roles": ["research-and-data-team"], "active": "on"}
                       ).status_code == 302
    assert list(ProgrammeMembership.objects.filter(user=users["lead"])
                .values_list("role", flat=True)) == ["research-and-data-team"]
    assert client.post(url, {}).status_code == 302
    lead = get_user_model().objects.get(pk=users["lead"].pk)
    assert not lead.is_active
    assert not ProgrammeMembership.objects.filter(user=lead).exists()
    events = list(AuditEvent.objects.filter(action="user-changed").order_by("pk"))
    assert events[0].before == {"roles": [], "active": True}
    assert events[1].after == {"roles": [], "active": False}


def test_a_manager_cannot_lock_themselves_out(manager: Any) -> None:
    response = signed_in(manager).post(reverse("accounts:user", args=[manager.pk]),
                                       {"roles": ["inspection-programme-manager"]})
    assert response.status_code == 400
    assert "You cannot deactivate your own account" in response.content.decode()
    manager.refresh_from_db()
    assert manager.is_active
