"""Assigning a sample's cases: ticked cases in bulk, automatic allocation (preview, then
confirm) that balances workload and respects declared conflicts, the workload table, audited."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.urls import reverse

from helpers import set_stage, signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import DeliveryUnitConflict, Sample
from probation_inspection.web.inspections.models import Inspection, TeamMember

pytestmark = pytest.mark.django_db
KIND = "case-supervision"


def url(name: str, inspection: Inspection) -> str:
    return reverse(f"casework:{name}", args=[inspection.pk, KIND])


def sampled(drawn: Sample) -> list[Any]:
    return list(drawn.cases.filter(status="sampled").order_by("case_reference"))


def test_ticked_cases_go_to_one_inspector_audited(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    cases = sampled(drawn)
    response = signed_in(users["lead"]).post(url("assign-ticked", inspection), {
        "ticked": [str(case.pk) for case in cases[:4]], "inspector": str(users["other"].pk)})
    assert response.status_code == 302
    assert [case.assigned_to for case in sampled(drawn)][:4] == [users["other"]] * 4
    assert all(case.assigned_to is None for case in sampled(drawn)[4:])
    assert AuditEvent.objects.filter(action="assignment").count() == 4


def test_ticking_nothing_or_a_stranger_is_refused_on_the_page(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    lead = signed_in(users["lead"])
    response = lead.post(url("assign-ticked", inspection), {"inspector": str(users["other"].pk)})
    assert response.status_code == 400
    assert "Tick the cases to assign" in response.content.decode()
    response = lead.post(url("assign-ticked", inspection), {
        "ticked": [str(sampled(drawn)[0].pk)], "inspector": str(users["reader"].pk)})
    assert response.status_code == 400
    assert "only to inspectors on the team" in response.content.decode()
    assert not any(case.assigned_to for case in sampled(drawn))


def test_automatic_allocation_previews_then_assigns_the_same_balanced_split(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    lead = signed_in(users["lead"])
    people = [str(users["inspector"].pk), str(users["other"].pk)]
    data = {"inspectors": people, "together": "on", "seed": "11"}
    preview = lead.post(url("allocate", inspection), data)
    assert preview.status_code == 200
    assert 'id="allocation-preview"' in preview.content.decode()
    assert not any(case.assigned_to for case in sampled(drawn))  # a preview changes nothing
    confirmed = lead.post(url("allocate", inspection), {**data, "confirm": "on"})
    assert confirmed.status_code == 302
    loads = Counter(case.assigned_to.username for case in sampled(drawn))
    assert sorted(loads.values()) == [3, 3]
    event = AuditEvent.objects.get(action="cases-allocated")
    assert event.after["seed"] == 11 and event.after["assigned"] == 6


def test_allocation_never_crosses_a_declared_conflict(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    lead = signed_in(users["lead"])
    unit = sampled(drawn)[0].delivery_unit
    assert unit is not None
    member = TeamMember.objects.get(inspection=inspection, user=users["inspector"])
    response = lead.post(url("conflicts", inspection), {
        "conflict_member": str(member.pk), "conflict_unit": str(unit.pk)})
    assert response.status_code == 302
    assert DeliveryUnitConflict.objects.filter(member=member, delivery_unit=unit).exists()
    assert AuditEvent.objects.filter(action="conflict-declared").count() == 1
    lead.post(url("allocate", inspection), {
        "inspectors": [str(users["inspector"].pk), str(users["other"].pk)], "seed": "5",
        "together": "on", "confirm": "on"})
    for case in sampled(drawn):
        assert case.assigned_to is not None
        if case.delivery_unit_id == unit.pk:
            assert case.assigned_to == users["other"]
    conflict = DeliveryUnitConflict.objects.get()
    assert lead.post(url("conflicts", inspection), {"withdraw": str(conflict.pk)}
                     ).status_code == 302
    assert not DeliveryUnitConflict.objects.exists()
    assert AuditEvent.objects.filter(action="conflict-withdrawn").count() == 1


def test_allocation_needs_an_inspector(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    response = signed_in(users["lead"]).post(url("allocate", inspection), {"seed": "1"})
    assert response.status_code == 400
    assert "Choose at least one inspector" in response.content.decode()


def test_the_workload_table_counts_cases_per_inspector_and_unit(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    lead = signed_in(users["lead"])
    cases = sampled(drawn)
    lead.post(url("assign-ticked", inspection), {
        "ticked": [str(case.pk) for case in cases[:2]], "inspector": str(users["other"].pk)})
    page = lead.get(url("sample", inspection)).content.decode()
    table = page[page.index('id="workload"'):page.index("</table>", page.index('id="workload"'))]
    assert "Other" in table and "Not assigned" in table
    assert ">2<" in table and ">4<" in table
    assert "4 cases not yet assigned" in page


def test_only_sample_managers_see_the_assignment_tools(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    page = signed_in(users["inspector"]).get(url("sample", inspection)).content.decode()
    assert 'id="workload"' in page
    assert "Allocate automatically" not in page and 'name="ticked"' not in page
    assert signed_in(users["inspector"]).post(url("allocate", inspection), {}).status_code == 403


def test_each_newly_assigned_inspector_gets_one_email_naming_their_cases(
        inspection: Inspection, users: dict[str, Any], drawn: Sample, mailoutbox: list[Any],
        django_capture_on_commit_callbacks: Any) -> None:
    for name in ("inspector", "other"):
        users[name].email = f"{name}@example.test"
        users[name].save()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(users["lead"]).post(url("allocate", inspection), {
            "inspectors": [str(users["inspector"].pk), str(users["other"].pk)], "seed": "3",
            "together": "on", "confirm": "on"})
    assert sorted(message.to[0] for message in mailoutbox) == [
        "inspector@example.test", "other@example.test"]
    mine = [case.case_reference for case in sampled(drawn)
            if case.assigned_to == users["other"]]
    body = next(m.body for m in mailoutbox if m.to == ["other@example.test"])
    assert all(reference in body for reference in mine)


def test_unassigned_cases_warn_before_fieldwork_until_allocation_clears_it(
        inspection: Inspection, users: dict[str, Any], drawn: Sample) -> None:
    set_stage(inspection, "planning")
    lead = signed_in(users["lead"])
    stage = reverse("inspections:stage", args=[inspection.pk])
    page = lead.get(stage).content.decode()
    # A warning the lead may move past (the core's Check.blocks is False), linking to the sample.
    assert ("Every case supervision case assigned before fieldwork: 6 cases not yet assigned"
            in page)
    lead.post(url("allocate", inspection), {
        "inspectors": [str(users["inspector"].pk), str(users["other"].pk)], "seed": "9",
        "together": "on", "confirm": "on"})
    page = lead.get(stage).content.decode()
    done = page.split('id="checklist-done"')[1]
    assert "Every case supervision case assigned before fieldwork: 0 cases" in done
