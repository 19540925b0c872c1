"""The API's sample-type URLs take any sample type the inspection's framework declares, as the
pages do (issue 12): a youth inspection's out-of-court disposal sample is uploaded, drawn and
read at the same URLs as a CRC case supervision sample, and any other id is a clear 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from helpers import case_list_for
from probation_inspection.web.casework.models import Sample
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection, Provider, Role, TeamMember

from .conftest import API

pytestmark = pytest.mark.django_db
FIELDWORK = dt.date(2026, 11, 2)
OUT_OF_COURT = "out-of-court-disposals"


@pytest.fixture
def youth(users: dict[str, Any]) -> Inspection:
    inspection = Inspection.objects.create(
        provider=Provider.objects.create(name="Anytown youth justice service"),
        framework_id="hmip-yjs-2021", framework_version="2021.1", fieldwork_start=FIELDWORK,
        fieldwork_end=FIELDWORK + dt.timedelta(days=18), stage="planning",
        created_by=users["lead"])
    TeamMember.objects.create(inspection=inspection, user=users["lead"],
                              role=Role.LEAD_INSPECTOR)
    return inspection


def test_a_youth_sample_is_uploaded_drawn_and_read_at_the_sample_type_urls(
    youth: Inspection, users: dict[str, Any], api_client: Callable[..., Client],
) -> None:
    client = api_client(users["lead"])
    definition = framework_for(youth.framework_id, youth.framework_version).sample_type(
        OUT_OF_COURT)
    content, eligible = case_list_for(definition, FIELDWORK, 60, seed=5)
    uploaded = client.post(f"{API}/inspections/{youth.pk}/case-lists/{OUT_OF_COURT}",
                           {"case_list": SimpleUploadedFile("ooc.csv", content,
                                                            content_type="text/csv")})
    assert uploaded.status_code == 201, uploaded.content
    assert uploaded.json() == {"sample_type": OUT_OF_COURT, "filename": "ooc.csv", "cases": 60}
    url = f"{API}/inspections/{youth.pk}/samples/{OUT_OF_COURT}"
    drawn = client.post(url, {"seed": 7, "size": 5}, content_type="application/json")
    assert drawn.status_code == 201, drawn.content
    body = drawn.json()
    assert (body["sample_type"], body["eligible"], len(body["cases"])) == (
        OUT_OF_COURT, eligible, 5)
    assert client.get(url).json()["cases"] == body["cases"]
    listed = client.get(f"{API}/inspections/{youth.pk}/samples").json()
    assert [item["sample_type"] for item in listed] == [OUT_OF_COURT]
    assert Sample.objects.get(inspection=youth).sample_type == OUT_OF_COURT


def test_a_sample_type_the_framework_does_not_declare_is_a_404_naming_those_it_does(
    youth: Inspection, users: dict[str, Any], api_client: Callable[..., Client],
) -> None:
    client = api_client(users["lead"])
    for url in (f"{API}/inspections/{youth.pk}/samples/case-supervision",
                f"{API}/inspections/{youth.pk}/case-lists/case-supervision"):
        response = (client.get(url) if "/samples/" in url else
                    client.post(url, {"case_list": SimpleUploadedFile("x.csv", b"CRN\n1\n")}))
        assert response.status_code == 404, response.content
        assert response.json()["detail"] == (
            "no sample type 'case-supervision' in this inspection's framework (declared: "
            "court-disposals, out-of-court-disposals)")
    # A declared type not yet drawn is a 404 that says so, in the framework's words.
    missing = client.get(f"{API}/inspections/{youth.pk}/samples/court-disposals")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "no court disposals sample has been drawn"
