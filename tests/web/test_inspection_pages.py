"""View tests for signing in and out, the inspections list and creating an inspection.

Run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection, Role

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pages_need_sign_in(inspection: Inspection) -> None:
    response = Client().get(reverse("inspections:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_sign_in_and_out(users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("accounts:sign-in"))
    token = page.cookies["csrftoken"].value
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": "lead", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert client.get(reverse("inspections:list")).status_code == 200
    token = client.cookies["csrftoken"].value
    client.post(reverse("accounts:sign-out"), {"csrfmiddlewaretoken": token})
    assert client.get(reverse("inspections:list")).status_code == 302


def test_forms_without_csrf_token_are_refused(users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:sign-in"), {"username": "lead", "password": PASSWORD})
    assert response.status_code == 403


def test_wrong_password_shows_the_error_summary(users: dict[str, Any]) -> None:
    response = Client().post(
        reverse("accounts:sign-in"), {"username": "lead", "password": "not the password"}
    )
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content


def test_sign_in_is_rate_limited(users: dict[str, Any], settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        client.post(reverse("accounts:sign-in"), {"username": "lead", "password": "wrong"})
    # Even the right password is refused while the username is locked out.
    response = client.post(reverse("accounts:sign-in"), {"username": "lead", "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many attempts to sign in" in response.content


def test_list_shows_only_inspections_on_the_users_team(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    assert b"Cumbria and Lancashire CRC" in signed_in(users["inspector"]).get("/").content
    assert b"Cumbria and Lancashire CRC" not in signed_in(users["outsider"]).get("/").content


def test_outsider_cannot_open_an_inspection(inspection: Inspection, users: dict[str, Any]) -> None:
    url = reverse("inspections:detail", args=[inspection.pk])
    assert signed_in(users["outsider"]).get(url).status_code == 404
    page = signed_in(users["reader"]).get(url)
    assert page.status_code == 200
    assert b"Case supervision" in page.content


def test_create_an_inspection_with_a_team(users: dict[str, Any]) -> None:
    client = signed_in(users["lead"])
    form = client.get(reverse("inspections:create"))
    assert b"hmip-crc-2018" in form.content
    response = client.post(
        reverse("inspections:create"),
        {
            "provider": "Durham Tees Valley CRC",
            "framework": "hmip-crc-2018@2018.1",
            "fieldwork_start": "2026-11-02",
            "fieldwork_end": "2026-11-20",
            f"role_{users['inspector'].pk}": "inspector",
            f"role_{users['reader'].pk}": "provider-reader",
        },
    )
    inspection = Inspection.objects.get(provider__name="Durham Tees Valley CRC")
    assert response["Location"] == reverse("inspections:detail", args=[inspection.pk])
    assert inspection.framework_version == "2018.1"
    assert inspection.role_of(users["lead"]) == Role.LEAD_INSPECTOR
    assert inspection.role_of(users["inspector"]) == Role.INSPECTOR
    assert inspection.role_of(users["outsider"]) is None
    assert AuditEvent.objects.filter(inspection=inspection, action="inspection-created").exists()


def test_create_reports_every_error_and_stores_nothing(users: dict[str, Any]) -> None:
    response = signed_in(users["lead"]).post(
        reverse("inspections:create"),
        {"provider": "", "framework": "hmip-crc-2018@2018.1",
         "fieldwork_start": "2026-11-20", "fieldwork_end": "2026-02-30"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the name of the provider" in body
    assert "Date fieldwork ends must be a real date" in body
    assert not Inspection.objects.exists()
