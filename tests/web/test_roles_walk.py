"""The roles walk: every inspections and casework page requested as each role at each stage,
and the answer checked against `access.can` (the provider reader sees nothing before
publication; only the assignee changes a case).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from helpers import assign, make_user, signed_in
from probation_inspection.access import Action, Stage, can
from probation_inspection.web.casework.models import Assessment, Sample
from probation_inspection.web.inspections.models import Inspection, Role, TeamMember

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
    pk, kind, case = inspection.pk, "case-supervision", world["case"].pk
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
        ("post", reverse("casework:assess", args=[case]),
         {"version": version, "action": "save"}, Action.EDIT_ASSESSMENT),
        ("post", reverse("casework:assess", args=[case]),
         {"version": version, "action": "submit"}, Action.SUBMIT_ASSESSMENT),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("stage", [stage.value for stage in Stage])
def test_every_page_answers_each_role_as_the_matrix_says(
    stage: str, inspection: Inspection, users: dict[str, Any], world: dict[str, Any]
) -> None:
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
