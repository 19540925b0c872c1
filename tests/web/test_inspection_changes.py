"""Changing an inspection after creation (issue 13): the lead edits its details and its team,
audited with before and after; a member holding cases is not removed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from helpers import add_case, make_user, set_stage, signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection, TeamMember

pytestmark = pytest.mark.django_db


def test_the_lead_changes_the_dates_and_the_change_is_audited(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    lead = signed_in(users["lead"])
    url = reverse("inspections:edit-details", args=[inspection.pk])
    page = lead.get(url)
    assert page.status_code == 200
    assert "The framework cannot be changed" in page.content.decode()
    detail = lead.get(reverse("inspections:detail", args=[inspection.pk])).content.decode()
    assert url in detail and reverse("inspections:team", args=[inspection.pk]) in detail
    response = lead.post(url, {"provider": "Cumbria and Lancashire CRC",
                               "fieldwork_start": "2026-11-09", "fieldwork_end": "2026-11-27"})
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.fieldwork_start == dt.date(2026, 11, 9)
    event = AuditEvent.objects.get(action="inspection-edited")
    assert event.before == {"fieldwork_start": "2026-11-02", "fieldwork_end": "2026-11-20"}
    assert event.after == {"fieldwork_start": "2026-11-09", "fieldwork_end": "2026-11-27"}


def test_dates_in_the_wrong_order_are_refused_and_change_nothing(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    response = signed_in(users["lead"]).post(
        reverse("inspections:edit-details", args=[inspection.pk]),
        {"provider": "X", "fieldwork_start": "2026-11-20", "fieldwork_end": "2026-11-02"})
    assert response.status_code == 400
    assert "Date fieldwork ends must be on or after it starts" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.provider.name == "Cumbria and Lancashire CRC"
    assert not AuditEvent.objects.filter(action="inspection-edited").exists()


def test_details_are_fixed_from_rating_and_only_the_lead_edits_them(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    url = reverse("inspections:edit-details", args=[inspection.pk])
    refused = signed_in(users["inspector"]).get(url)
    assert refused.status_code == 403
    assert "An inspector cannot change the inspection" in refused.content.decode()
    set_stage(inspection, "rating")
    assert signed_in(users["lead"]).get(url).status_code == 403


def test_the_lead_adds_a_person_changes_a_role_and_removes_them(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    make_user("qa")
    lead = signed_in(users["lead"])
    url = reverse("inspections:team", args=[inspection.pk])
    assert lead.post(url, {"person": "qa", "role": "inspector"}).status_code == 302
    assert lead.post(url, {"person": "qa", "role": "quality-assurance"}).status_code == 302
    member = TeamMember.objects.get(inspection=inspection, user__username="qa")
    assert member.role == "quality-assurance"
    page = lead.get(url).content.decode()
    assert "Quality-assurance inspector" in page
    removed = lead.post(reverse("inspections:remove-member", args=[inspection.pk]),
                        {"member": str(member.pk)})
    assert removed.status_code == 302
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    events = list(AuditEvent.objects.filter(action="team-changed").order_by("pk"))
    assert [(e.before, e.after) for e in events] == [
        (None, {"person": "qa", "role": "inspector"}),
        ({"person": "qa", "role": "inspector"}, {"person": "qa", "role": "quality-assurance"}),
        ({"person": "qa", "role": "quality-assurance"}, None),
    ]


def test_a_member_with_assigned_cases_is_not_removed(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    add_case(inspection, users["inspector"], "draft")
    member = TeamMember.objects.get(inspection=inspection, user=users["inspector"])
    lead = signed_in(users["lead"])
    response = lead.post(reverse("inspections:remove-member", args=[inspection.pk]),
                         {"member": str(member.pk)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Inspector cannot be removed: they have 1 case assigned" in text
    assert TeamMember.objects.filter(pk=member.pk).exists()
    # Nor made a role that cannot assess.
    response = lead.post(reverse("inspections:team", args=[inspection.pk]),
                         {"person": "inspector", "role": "data-team"})
    assert response.status_code == 400
    assert "cannot be made data team" in response.content.decode()


def test_the_only_lead_stays_and_unknown_people_are_refused(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    lead = signed_in(users["lead"])
    member = TeamMember.objects.get(inspection=inspection, user=users["lead"])
    response = lead.post(reverse("inspections:remove-member", args=[inspection.pk]),
                         {"member": str(member.pk)})
    assert response.status_code == 400 and "the only lead inspector" in response.content.decode()
    response = lead.post(reverse("inspections:team", args=[inspection.pk]),
                         {"person": "nobody-here", "role": "inspector"})
    assert response.status_code == 400
    assert "No active account has the username" in response.content.decode()


def test_only_the_lead_manages_the_team_and_not_after_publication(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    url = reverse("inspections:team", args=[inspection.pk])
    assert signed_in(users["inspector"]).get(url).status_code == 403
    assert signed_in(users["lead"]).get(url).status_code == 200
    set_stage(inspection, "published")
    assert signed_in(users["lead"]).get(url).status_code == 403
