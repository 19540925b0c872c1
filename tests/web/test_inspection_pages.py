"""View tests for signing in and out, the inspections list, creating an inspection and moving
it from stage to stage.

Run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from helpers import PASSWORD, add_case, set_stage, signed_in
from probation_inspection.web.accounts.models import ProgrammeMembership, ProgrammeRole
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import Assessment
from probation_inspection.web.inspections.models import Inspection, Role

pytestmark = pytest.mark.django_db


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
    # The provider reader sees nothing before publication: not in the list, not the page.
    reader = signed_in(users["reader"])
    assert reader.get(url).status_code == 404
    assert b"Cumbria and Lancashire CRC" not in reader.get("/").content
    inspection.stage = "published"
    inspection.save(update_fields=["stage"])
    page = reader.get(url)
    assert page.status_code == 200
    assert b"Case supervision" in page.content
    assert b"View sample" not in page.content and b"Move to" not in page.content
    assert b"Cumbria and Lancashire CRC" in reader.get("/").content


def test_create_an_inspection_with_a_team(users: dict[str, Any]) -> None:
    ProgrammeMembership.objects.create(user=users["lead"], role=ProgrammeRole.PROGRAMME_MANAGER)
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
            "lead": "lead",
            "inspectors": "inspector",
            "provider_readers": "reader",
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
    ProgrammeMembership.objects.create(user=users["lead"], role=ProgrammeRole.PROGRAMME_MANAGER)
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


def move(client: Client, inspection: Inspection, seen: str) -> Any:
    return client.post(reverse("inspections:stage", args=[inspection.pk]), {"stage": seen})


def test_the_lead_moves_to_fieldwork_once_a_sample_is_drawn(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    set_stage(inspection, "planning")
    lead = signed_in(users["lead"])
    overview = lead.get(reverse("inspections:detail", args=[inspection.pk])).content.decode()
    assert "Move to fieldwork" in overview
    page = lead.get(reverse("inspections:stage", args=[inspection.pk]))
    assert page.status_code == 200
    assert "Draw at least one sample" in page.content.decode()
    refused = move(lead, inspection, "planning")
    assert refused.status_code == 400
    assert "You cannot move the inspection on yet: before fieldwork: Draw at least one sample" in (
        refused.content.decode())
    inspection.refresh_from_db()
    assert inspection.stage == "planning"
    assert not AuditEvent.objects.filter(action="stage-changed").exists()

    add_case(inspection, users["inspector"], None)
    # Nothing holds up the move, but rating will need the other samples and evidence: the page
    # no longer calls that "everything needed is done" (issue 13's dead end).
    ready = lead.get(reverse("inspections:stage", args=[inspection.pk])).content.decode()
    assert "Nothing holds up the move" in ready and "Everything needed is done" not in ready
    response = move(lead, inspection, "planning")
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.stage == "fieldwork"
    event = AuditEvent.objects.get(action="stage-changed")
    assert (event.before, event.after, event.actor) == (
        {"stage": "planning"}, {"stage": "fieldwork"}, users["lead"])
    # A second click from the page that still shows planning does not move it again.
    again = move(lead, inspection, "planning")
    assert again.status_code == 400 and "already moved to fieldwork" in again.content.decode()
    inspection.refresh_from_db()
    assert inspection.stage == "fieldwork"


def test_moderation_waits_for_every_case_and_rating_for_the_queue(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    from probation_inspection.web.quality.models import ModerationQueue, QueueEntry

    lead = signed_in(users["lead"])
    draft = add_case(inspection, users["inspector"], "draft")
    add_case(inspection, users["inspector"], "submitted")
    page = lead.get(reverse("inspections:stage", args=[inspection.pk])).content.decode()
    assert "1 sampled case not yet submitted" in page
    assert move(lead, inspection, "fieldwork").status_code == 400
    Assessment.objects.filter(sampled_case=draft).update(status="submitted")
    assert move(lead, inspection, "fieldwork").status_code == 302
    inspection.refresh_from_db()
    assert inspection.stage == "moderation"

    refused = move(lead, inspection, "moderation")
    assert refused.status_code == 400 and "Draw the moderation queue" in refused.content.decode()
    queue = ModerationQueue.objects.create(inspection=inspection, seed=1)
    QueueEntry.objects.create(queue=queue, assessment=Assessment.objects.get(sampled_case=draft))
    assert "1 queued assessment not yet moderated" in move(
        lead, inspection, "moderation").content.decode()
    Assessment.objects.filter(sampled_case=draft).update(status="moderated")
    assert move(lead, inspection, "moderation").status_code == 302
    inspection.refresh_from_db()
    assert inspection.stage == "rating"
    # Reporting waits for the quality app's readiness: no standard is decided yet.
    page = lead.get(reverse("inspections:stage", args=[inspection.pk])).content.decode()
    assert "Decide standard" in page
    assert move(lead, inspection, "rating").status_code == 400


def test_publication_is_left_to_the_report(inspection: Inspection, users: dict[str, Any]) -> None:
    set_stage(inspection, "reporting")
    lead = signed_in(users["lead"])
    page = lead.get(reverse("inspections:stage", args=[inspection.pk])).content.decode()
    assert "published when you publish its report" in page and "Move to published" not in page
    overview = lead.get(reverse("inspections:detail", args=[inspection.pk])).content.decode()
    assert "See the stage" in overview and "Move to published" not in overview
    assert move(lead, inspection, "reporting").status_code == 400
    inspection.refresh_from_db()
    assert inspection.stage == "reporting"


def test_only_the_lead_inspector_opens_the_stage_page(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    url = reverse("inspections:stage", args=[inspection.pk])
    refused = signed_in(users["inspector"]).post(url, {"stage": "fieldwork"})
    assert refused.status_code == 403
    assert "An inspector cannot move the inspection to its next stage" in (
        refused.content.decode())
    assert b"Move to" not in signed_in(users["inspector"]).get(
        reverse("inspections:detail", args=[inspection.pk])).content
    assert signed_in(users["reader"]).get(url).status_code == 404
    assert signed_in(users["outsider"]).get(url).status_code == 404
    set_stage(inspection, "published")
    assert signed_in(users["lead"]).get(url).status_code == 403
    inspection.refresh_from_db()
    assert inspection.stage == "published"


def test_the_stage_form_needs_a_csrf_token(inspection: Inspection, users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["lead"])
    assert move(client, inspection, "fieldwork").status_code == 403
