"""The roles walk: every inspections and casework page requested as each role at each stage,
and the answer checked against `access.can` (the provider reader sees nothing before
publication; only the assignee changes a case).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from helpers import assign, case_list_for, make_user, signed_in, upload_case_list_for
from probation_inspection.access import Action, Stage, can
from probation_inspection.web.casework.models import Assessment, Sample
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection, Provider, Role, TeamMember

pytestmark = pytest.mark.django_db

ROLE_OF = {"lead": "lead-inspector", "inspector": "inspector", "qa": "quality-assurance",
           "data": "data-team", "reader": "provider-reader"}


@pytest.fixture
def world(inspection: Inspection, users: dict[str, Any], drawn: Sample) -> dict[str, Any]:
    for name, role in (("qa", Role.QUALITY_ASSURANCE), ("data", Role.DATA_TEAM)):
        users[name] = make_user(name)
        TeamMember.objects.create(inspection=inspection, user=users[name], role=role)
    case = drawn.cases.filter(status="sampled").order_by("case_reference").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    signed_in(users["inspector"]).get(reverse("casework:assess", args=[case.pk]))
    case.refresh_from_db()
    assert case.assigned_to == users["inspector"]
    return {"case": case, "assessment": Assessment.objects.get(sampled_case=case)}


def requests(inspection: Inspection, world: dict[str, Any]
             ) -> list[tuple[str, str, dict[str, Any], Action]]:
    """(method, url, data, action); case actions are checked with the user's own assignment."""
    pk, kind, case = inspection.pk, world.get("kind", "case-supervision"), world["case"].pk
    version = str(world["assessment"].version)
    return [
        ("get", reverse("inspections:detail", args=[pk]), {}, Action.VIEW_INSPECTION),
        ("get", reverse("inspections:stage", args=[pk]), {}, Action.ADVANCE_STAGE),
        # A stale stage in the form: allowed users get the refusal, and nothing moves.
        ("post", reverse("inspections:stage", args=[pk]), {"stage": ""}, Action.ADVANCE_STAGE),
        ("post", reverse("inspections:reopen", args=[pk]), {"stage": "", "reason": "walk"},
         Action.ADVANCE_STAGE),
        # Empty forms: allowed users get the errors, and nothing changes.
        ("get", reverse("inspections:edit-details", args=[pk]), {}, Action.EDIT_INSPECTION),
        ("post", reverse("inspections:edit-details", args=[pk]), {}, Action.EDIT_INSPECTION),
        ("get", reverse("inspections:team", args=[pk]), {}, Action.MANAGE_TEAM),
        ("post", reverse("inspections:team", args=[pk]), {}, Action.MANAGE_TEAM),
        ("post", reverse("inspections:remove-member", args=[pk]), {}, Action.MANAGE_TEAM),
        ("get", reverse("casework:results", args=[pk]), {}, Action.VIEW_RESULTS),
        ("get", reverse("casework:sample", args=[pk, kind]), {}, Action.VIEW_CASES),
        ("get", reverse("casework:upload", args=[pk, kind]), {}, Action.MANAGE_SAMPLE),
        ("post", reverse("casework:upload", args=[pk, kind]), {}, Action.MANAGE_SAMPLE),
        ("get", reverse("casework:draw", args=[pk, kind]), {}, Action.MANAGE_SAMPLE),
        ("post", reverse("casework:assign", args=[pk, kind]), {}, Action.MANAGE_SAMPLE),
        ("post", reverse("casework:assign-ticked", args=[pk, kind]), {}, Action.MANAGE_SAMPLE),
        ("post", reverse("casework:allocate", args=[pk, kind]), {}, Action.MANAGE_SAMPLE),
        ("post", reverse("casework:conflicts", args=[pk, kind]), {}, Action.MANAGE_SAMPLE),
        ("get", reverse("casework:redraw", args=[pk, kind]), {}, Action.MANAGE_SAMPLE),
        ("post", reverse("casework:redraw", args=[pk, kind]), {}, Action.MANAGE_SAMPLE),
        ("get", reverse("casework:substitute", args=[case]), {}, Action.MANAGE_SAMPLE),
        ("post", reverse("casework:substitute", args=[case]), {}, Action.MANAGE_SAMPLE),
        ("get", reverse("casework:assess", args=[case]), {}, Action.VIEW_CASES),
        ("get", reverse("casework:history", args=[case]), {}, Action.VIEW_CASES),
        ("get", reverse("casework:print", args=[case]), {}, Action.VIEW_CASES),
        # An empty reason: the lead gets the error, and nothing changes.
        ("post", reverse("casework:reopen-assessment", args=[case]), {"reason": ""},
         Action.REOPEN_ASSESSMENT),
        ("post", reverse("casework:assess", args=[case]),
         {"version": version, "action": "save"}, Action.EDIT_ASSESSMENT),
        ("post", reverse("casework:assess", args=[case]),
         {"version": version, "action": "submit"}, Action.SUBMIT_ASSESSMENT),
    ]


@pytest.fixture
def youth(users: dict[str, Any]) -> Inspection:
    """A youth justice inspection (a framework whose sample types are not the CRC's), with
    the same team as `inspection`."""
    start = dt.date(2026, 11, 2)
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Anytown youth justice service"),
        framework_id="hmip-yjs-2021", framework_version="2021.1", fieldwork_start=start,
        fieldwork_end=start + dt.timedelta(days=18), stage="fieldwork",
        created_by=users["lead"])
    for name, role in (("lead", Role.LEAD_INSPECTOR), ("inspector", Role.INSPECTOR),
                       ("other", Role.INSPECTOR), ("reader", Role.PROVIDER_READER)):
        TeamMember.objects.create(inspection=inspection, user=users[name], role=role)
    return inspection


@pytest.fixture
def youth_world(youth: Inspection, users: dict[str, Any]) -> dict[str, Any]:
    """The youth inspection's out-of-court disposal sample drawn on the pages, one case
    assigned to the inspector and opened by them."""
    kind = "out-of-court-disposals"
    for name, role in (("qa", Role.QUALITY_ASSURANCE), ("data", Role.DATA_TEAM)):
        users[name] = make_user(name)
        TeamMember.objects.create(inspection=youth, user=users[name], role=role)
    definition = framework_for(youth.framework_id, youth.framework_version).sample_type(kind)
    lead = signed_in(users["lead"])
    content, _ = case_list_for(definition, youth.fieldwork_start, 60, seed=3)
    assert upload_case_list_for(lead, youth, kind, content).status_code == 302
    drawn = lead.post(reverse("casework:draw", args=[youth.pk, kind]),
                      {"seed": "42", "confidence": "80", "margin": "5", "size": "6"})
    assert drawn.status_code == 302
    case = Sample.objects.get(inspection=youth).cases.filter(status="sampled").order_by(
        "case_reference").first()
    assert case is not None
    lead.post(reverse("casework:assign", args=[youth.pk, kind]),
              {f"assign-{case.pk}": str(users["inspector"].pk)})
    signed_in(users["inspector"]).get(reverse("casework:assess", args=[case.pk]))
    case.refresh_from_db()
    assert case.assigned_to == users["inspector"]
    return {"case": case, "assessment": Assessment.objects.get(sampled_case=case), "kind": kind}


@pytest.mark.slow
@pytest.mark.parametrize("stage", [stage.value for stage in Stage])
def test_every_page_answers_each_role_as_the_matrix_says(
    stage: str, inspection: Inspection, users: dict[str, Any], world: dict[str, Any]
) -> None:
    walk(stage, inspection, users, world)


@pytest.mark.slow
@pytest.mark.parametrize("stage", [stage.value for stage in Stage])
def test_a_youth_inspections_sample_pages_answer_each_role_as_the_matrix_says(
    stage: str, youth: Inspection, users: dict[str, Any], youth_world: dict[str, Any]
) -> None:
    walk(stage, youth, users, youth_world)


def walk(stage: str, inspection: Inspection, users: dict[str, Any],
         world: dict[str, Any]) -> None:
    """Request every page as each role with ``inspection`` at ``stage``, and check each answer
    against the matrix."""
    inspection.stage = stage
    inspection.save()
    wrong = []
    for name in (*ROLE_OF, "outsider"):
        user = users[name]
        client = signed_in(user)
        is_assessor = world["case"].assigned_to_id == user.pk
        for method, url, data, action in requests(inspection, world):
            response = getattr(client, method)(url, data)
            if name == "outsider" or not can(ROLE_OF[name], Action.VIEW_INSPECTION, stage):
                expected = {404}
            elif can(ROLE_OF[name], action, stage, is_assessor=is_assessor):
                expected = {200, 302, 400}
            else:
                expected = {403}
            if response.status_code not in expected:
                wrong.append(f"{name} {method} {url}: {response.status_code}, expected "
                             f"{sorted(expected)} ({action.value} at {stage})")
    assert not wrong, "\n".join(wrong)
    inspection.refresh_from_db()
    assert inspection.stage == stage  # the walk never moves the inspection
    assessment = Assessment.objects.get(pk=world["assessment"].pk)
    assert assessment.status == "draft"  # an empty submit is refused, never stored
