"""The API's roles walk: every operation called as each role at each stage with that user's
token, and the answer checked against `access.can`, as the pages' walk checks the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from helpers import assign, make_user
from probation_inspection.access import Action, Stage, can
from probation_inspection.web.casework.models import Assessment, Sample
from probation_inspection.web.inspections.models import Inspection, Role, TeamMember

from .conftest import API

pytestmark = pytest.mark.django_db

ROLE_OF = {"lead": "lead-inspector", "inspector": "inspector", "qa": "quality-assurance",
           "data": "data-team", "reader": "provider-reader"}
#: What an allowed call may answer: the walk's inputs are refused or stale on purpose, so
#: nothing changes (an unreadable file, a second draw, an If-Match that is out of date).
ALLOWED = {200, 400, 409, 412}


@pytest.fixture
def world(inspection: Inspection, users: dict[str, Any], drawn: Sample,
          api_client: Callable[..., Client]) -> dict[str, Any]:
    for name, role in (("qa", Role.QUALITY_ASSURANCE), ("data", Role.DATA_TEAM)):
        users[name] = make_user(name)
        TeamMember.objects.create(inspection=inspection, user=users[name], role=role)
    case = drawn.cases.filter(status="sampled").order_by("case_reference").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    assert api_client(users["inspector"]).get(f"{API}/cases/{case.pk}/assessment").status_code \
        == 200
    return {"case": case, "clients": {name: api_client(users[name])
                                      for name in (*ROLE_OF, "outsider")}}


def calls(inspection: Inspection, case: int) -> list[tuple[str, str, dict[str, Any], Action]]:
    pk = inspection.pk
    return [
        ("get", f"{API}/inspections/{pk}", {}, Action.VIEW_INSPECTION),
        ("get", f"{API}/inspections/{pk}/samples", {}, Action.VIEW_CASES),
        ("get", f"{API}/inspections/{pk}/samples/case-supervision", {}, Action.VIEW_CASES),
        ("upload", f"{API}/inspections/{pk}/case-lists/case-supervision", {},
         Action.MANAGE_SAMPLE),
        ("post", f"{API}/inspections/{pk}/samples/case-supervision", {"seed": 1, "size": 1},
         Action.MANAGE_SAMPLE),
        ("get", f"{API}/inspections/{pk}/results", {}, Action.VIEW_RESULTS),
        ("get", f"{API}/inspections/{pk}/ratings", {}, Action.VIEW_RATINGS),
        ("get", f"{API}/cases/{case}/assessment", {}, Action.VIEW_CASES),
        ("put", f"{API}/cases/{case}/assessment", {}, Action.EDIT_ASSESSMENT),
        ("put", f"{API}/cases/{case}/assessment", {"submit": True}, Action.SUBMIT_ASSESSMENT),
    ]


def _call(client: Client, method: str, url: str, data: dict[str, Any]) -> Any:
    if method == "upload":
        return client.post(url, {"case_list": SimpleUploadedFile("x.png", b"\x89PNG")})
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, data, content_type="application/json",
                                   headers={"If-Match": '"0"'})


@pytest.mark.slow
@pytest.mark.parametrize("stage", [stage.value for stage in Stage])
def test_every_operation_answers_each_role_as_the_matrix_says(
        stage: str, inspection: Inspection, world: dict[str, Any]) -> None:
    inspection.stage = stage
    inspection.save()
    case = world["case"]
    wrong = []
    for name, client in world["clients"].items():
        is_assessor = name == "inspector"
        for method, url, data, action in calls(inspection, case.pk):
            status = _call(client, method, url, data).status_code
            if name == "outsider" or not can(ROLE_OF[name], Action.VIEW_INSPECTION, stage):
                expected = {404}
            elif can(ROLE_OF[name], action, stage, is_assessor=is_assessor):
                expected = ALLOWED
            else:
                expected = {403}
            if status not in expected:
                wrong.append(f"{name} {method} {url}: {status}, expected {sorted(expected)} "
                             f"({action.value} at {stage})")
    assert not wrong, "\n".join(wrong)
    assert Sample.objects.filter(inspection=inspection).count() == 1
    assert Assessment.objects.get(sampled_case=case).status == "draft"
