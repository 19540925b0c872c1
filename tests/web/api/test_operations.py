"""The API's operations answer as the pages do: the same gate, forms, services and audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from helpers import assign
from probation_inspection.web.api.models import ApiToken, TokenScope
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import Assessment, CaseList, Sample
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.inspections.models import Inspection

from .conftest import API

pytestmark = pytest.mark.django_db
Clients = Callable[..., Client]


def test_a_call_without_a_valid_token_is_refused(inspection: Inspection, users: dict[str, Any],
                                                 token_for: Callable[..., str]) -> None:
    assert Client().get(f"{API}/inspections").status_code == 401
    bad = Client(headers={"Authorization": "Bearer pit_not-a-token"})
    assert bad.get(f"{API}/inspections").status_code == 401
    expired = token_for(users["lead"], expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = Client(headers={"Authorization": f"Bearer {expired}"}).get(f"{API}/inspections")
    assert response.status_code == 401
    revoked = token_for(users["lead"])
    ApiToken.objects.filter(user=users["lead"]).update(revoked_at=timezone.now())
    response = Client(headers={"Authorization": f"Bearer {revoked}"}).get(f"{API}/inspections")
    assert response.status_code == 401


def test_a_session_alone_does_not_sign_an_api_call(inspection: Inspection,
                                                   users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["lead"])
    assert client.get(f"{API}/inspections").status_code == 401


def test_inspections_are_those_the_caller_may_see(inspection: Inspection, users: dict[str, Any],
                                                  api_client: Clients) -> None:
    listed = api_client(users["lead"]).get(f"{API}/inspections").json()
    assert [(item["id"], item["role"]) for item in listed] == [
        (inspection.pk, "lead-inspector")]
    # Before publication the inspection does not exist for the provider, nor for outsiders.
    assert api_client(users["reader"]).get(f"{API}/inspections").json() == []
    for name in ("reader", "outsider"):
        response = api_client(users[name]).get(f"{API}/inspections/{inspection.pk}")
        assert response.status_code == 404
    detail = api_client(users["inspector"]).get(f"{API}/inspections/{inspection.pk}").json()
    assert detail["stage"] == "fieldwork" and detail["provider"] == inspection.provider.name


def test_every_call_is_audited(inspection: Inspection, users: dict[str, Any],
                               api_client: Clients) -> None:
    api_client(users["lead"]).get(f"{API}/inspections/{inspection.pk}")
    event = AuditEvent.objects.get(action=AuditAction.API_CALL)
    assert event.actor == users["lead"] and event.inspection == inspection
    assert event.target == f"GET {API}/inspections/{inspection.pk}"
    assert event.after["status"] == 200


def _upload(client: Client, inspection: Inspection, content: bytes,
            name: str = "cases.csv") -> Any:
    return client.post(f"{API}/inspections/{inspection.pk}/case-lists/case-supervision",
                       {"case_list": SimpleUploadedFile(name, content, "text/csv")})


def test_a_read_token_may_not_write(inspection: Inspection, users: dict[str, Any],
                                    api_client: Clients) -> None:
    client = api_client(users["lead"], TokenScope.READ)
    response = _upload(client, inspection, case_list_csv(inspection.fieldwork_start, 50, 1))
    assert response.status_code == 403
    assert "only read" in response.json()["detail"]
    assert not CaseList.objects.exists()


def test_upload_and_draw_as_the_pages_do(inspection: Inspection, users: dict[str, Any],
                                         api_client: Clients) -> None:
    client = api_client(users["lead"])
    # An inspector may not manage the sample: the matrix's 403, with its reason.
    refused = _upload(api_client(users["inspector"]), inspection, b"x")
    assert refused.status_code == 403 and "cannot" in refused.json()["detail"]
    uploaded = _upload(client, inspection, case_list_csv(inspection.fieldwork_start, 150, 3))
    assert uploaded.status_code == 201, uploaded.content
    assert uploaded.json()["cases"] == 150
    url = f"{API}/inspections/{inspection.pk}/samples/case-supervision"
    too_big = client.post(url, {"seed": 42, "size": 100000}, content_type="application/json")
    assert too_big.status_code == 400 and "Sample size" in too_big.json()["detail"]
    drawn = client.post(url, {"seed": 42, "size": 6}, content_type="application/json")
    assert drawn.status_code == 201, drawn.content
    body = drawn.json()
    assert len(body["cases"]) == 6 and body["reserves"] and body["seed"] == 42
    again = client.post(url, {"seed": 42, "size": 6}, content_type="application/json")
    assert again.status_code == 409
    assert client.get(url).json()["cases"] == body["cases"]
    assert AuditEvent.objects.filter(action=AuditAction.SAMPLE_DRAWN).count() == 1


def test_a_bad_case_list_gets_the_pages_report(inspection: Inspection, users: dict[str, Any],
                                               api_client: Clients) -> None:
    content = case_list_csv(inspection.fieldwork_start, 20, 3).replace(b"\n", b"\nbroken,row\n", 1)
    response = _upload(api_client(users["lead"]), inspection, content)
    assert response.status_code == 400
    body = response.json()
    assert "nothing was imported" in body["detail"]
    assert body["problems"] and body["problems"][0]["row"] == 2
    assert not CaseList.objects.exists()


def test_a_case_list_maps_a_column_its_headers_do_not_name(
        inspection: Inspection, users: dict[str, Any], api_client: Clients) -> None:
    # The page's mapping step, as the command line's --map: FIELD=Header pairs.
    content = case_list_csv(inspection.fieldwork_start, 30, 3).replace(
        b"Sentence start date", b"Order commenced", 1)
    client = api_client(users["lead"])
    unmapped = _upload(client, inspection, content)
    assert unmapped.status_code == 400
    assert [p["missing_field"] for p in unmapped.json()["problems"]] == ["start_date"]
    url = f"{API}/inspections/{inspection.pk}/case-lists/case-supervision"
    unknown = client.post(url, {"case_list": SimpleUploadedFile("cases.csv", content, "text/csv"),
                                "map": ["begun=Order commenced"]})
    assert unknown.status_code == 400 and "unknown field 'begun'" in unknown.json()["detail"]
    assert not CaseList.objects.exists()
    mapped = client.post(url, {"case_list": SimpleUploadedFile("cases.csv", content, "text/csv"),
                               "map": ["start_date=Order commenced"]})
    assert mapped.status_code == 201, mapped.content
    stored = CaseList.objects.get()
    assert stored.column_map == {"start_date": "Order commenced"}
    # The draw reads the stored list through its mapping, as after the page's step.
    drawn = client.post(f"{API}/inspections/{inspection.pk}/samples/case-supervision",
                        {"seed": 1, "size": 5}, content_type="application/json")
    assert drawn.status_code == 201, drawn.content
    event = AuditEvent.objects.get(action=AuditAction.CASE_LIST_UPLOADED)
    assert event.after["columns"] == {"start_date": "Order commenced"}


@pytest.fixture
def opened(inspection: Inspection, users: dict[str, Any], drawn: Sample,
           api_client: Clients) -> dict[str, Any]:
    case = drawn.cases.filter(status="sampled").order_by("case_reference").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    client = api_client(users["inspector"])
    response = client.get(f"{API}/cases/{case.pk}/assessment")
    assert response.status_code == 200, response.content
    return {"case": case, "client": client, "response": response}


def test_an_assessment_is_read_with_its_version_as_etag(opened: dict[str, Any]) -> None:
    response = opened["response"]
    body = response.json()
    assert response.headers["ETag"] == f'"{body["version"]}"'
    assert body["status"] == "draft" and body["answers"]


def test_a_write_needs_if_match_and_a_stale_one_is_refused(opened: dict[str, Any]) -> None:
    client, case = opened["client"], opened["case"]
    url = f"{API}/cases/{case.pk}/assessment"
    question = opened["response"].json()["answers"][0]["question_id"]
    body = {"answers": {question: {"value": "yes", "evidence": "Seen in the plan"}}}
    assert client.put(url, body, content_type="application/json").status_code == 428
    etag = opened["response"].headers["ETag"]
    saved = client.put(url, body, content_type="application/json", headers={"If-Match": etag})
    assert saved.status_code == 200, saved.content
    assert saved.headers["ETag"] != etag
    answer = next(a for a in saved.json()["answers"] if a["question_id"] == question)
    assert (answer["value"], answer["evidence"]) == ("yes", "Seen in the plan")
    stale = client.put(url, body, content_type="application/json", headers={"If-Match": etag})
    assert stale.status_code == 412
    assert AuditEvent.objects.filter(action=AuditAction.ANSWER, target=question).count() == 1


def test_submitting_an_incomplete_assessment_names_what_is_missing(
        opened: dict[str, Any]) -> None:
    client, case = opened["client"], opened["case"]
    etag = opened["response"].headers["ETag"]
    response = client.put(f"{API}/cases/{case.pk}/assessment", {"submit": True},
                          content_type="application/json", headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.json()["missing"] and response.json()["status"] == "draft"


def test_only_the_assessor_writes(opened: dict[str, Any], users: dict[str, Any],
                                  api_client: Clients) -> None:
    case = opened["case"]
    version = Assessment.objects.get(sampled_case=case).version
    response = api_client(users["other"]).put(
        f"{API}/cases/{case.pk}/assessment", {}, content_type="application/json",
        headers={"If-Match": f'"{version}"'})
    assert response.status_code == 403


def test_results_follow_the_matrix(inspection: Inspection, users: dict[str, Any], drawn: Sample,
                                   api_client: Clients) -> None:
    response = api_client(users["lead"]).get(f"{API}/inspections/{inspection.pk}/results")
    assert response.status_code == 200
    assert response.json()[0]["sample_type"] == "case-supervision"
    # Ratings are seen from the rating stage.
    assert api_client(users["lead"]).get(
        f"{API}/inspections/{inspection.pk}/ratings").status_code == 403
