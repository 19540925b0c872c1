"""Every number a page reads from a form or address is range-checked: a clear error naming the
field, nothing stored, never a 500. SQLite and PostgreSQL (scripts/test-postgres.sh)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import Answer, Assessment, Sample, SampledCase
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.input_limits import (
    NumberError,
    decimal_number,
    whole_number,
)
from probation_inspection.web.inspections.models import Inspection, Stage
from probation_inspection.web.reports.models import NarrativeSection

pytestmark = pytest.mark.django_db

GOOD_DRAW = {"seed": "42", "confidence": "80", "margin": "5", "size": "6"}
CASES = 150


@pytest.fixture
def uploaded(inspection: Inspection, users: dict[str, Any]) -> Client:
    """The lead, signed in, with a case list uploaded and nothing drawn yet."""
    client = signed_in(users["lead"])
    content = case_list_csv(inspection.fieldwork_start, CASES, seed=3)
    response = client.post(reverse("casework:upload", args=[inspection.pk, "case-supervision"]),
                           {"case_list": SimpleUploadedFile("cases.csv", content)})
    assert response.status_code == 302
    return client


def _draw(client: Client, inspection: Inspection, **changed: str) -> Any:
    return client.post(reverse("casework:draw", args=[inspection.pk, "case-supervision"]),
                       {**GOOD_DRAW, **changed})


@pytest.mark.parametrize("field,value,message", [
    ("seed", "1e30", "Seed must be a whole number from 0 to 4,294,967,295"),
    ("seed", "4294967296", "Seed must be a whole number from 0 to 4,294,967,295"),
    ("seed", "-1", "Seed must be a whole number from 0 to 4,294,967,295"),
    ("seed", "1.5", "Seed must be a whole number"),
    ("seed", "nan", "Seed must be a whole number"),
    ("seed", "\u0661\u0662", "Seed must be a whole number"),  # Arabic-Indic digits
    ("seed", "9" * 5000, "Seed must be a whole number"),
    ("confidence", "abc", "Confidence level (per cent) must be a number from 50 to 99.9"),
    ("confidence", "100", "Confidence level (per cent) must be a number from 50 to 99.9"),
    ("confidence", "0", "Confidence level (per cent) must be a number from 50 to 99.9"),
    ("confidence", "inf", "Confidence level (per cent) must be a number from 50 to 99.9"),
    ("confidence", "8e1", "Confidence level (per cent) must be a number from 50 to 99.9"),
    ("margin", "0", "Margin of error (percentage points) must be a number from 0.5 to 50"),
    ("margin", "51", "Margin of error (percentage points) must be a number from 0.5 to 50"),
    ("margin", "nan", "Margin of error (percentage points) must be a number from 0.5 to 50"),
    ("size", "0", "Sample size must be a whole number from 1 to"),
    ("size", "1e2", "Sample size must be a whole number from 1 to"),
    ("size", "-3", "Sample size must be a whole number from 1 to"),
    ("size", str(CASES + 1), "Sample size must be a whole number from 1 to"),
])
def test_a_bad_draw_number_is_a_clear_error_and_draws_nothing(
    uploaded: Client, inspection: Inspection, field: str, value: str, message: str
) -> None:
    response = _draw(uploaded, inspection, **{field: value})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and f'href="#{field}"' in body
    assert not Sample.objects.exists()
    assert not AuditEvent.objects.filter(action="sample-drawn").exists()


def test_the_sample_size_may_be_the_whole_eligible_population(
    uploaded: Client, inspection: Inspection
) -> None:
    page = uploaded.get(reverse("casework:draw", args=[inspection.pk, "case-supervision"]))
    eligible = page.context["eligible"]
    too_many = _draw(uploaded, inspection, size=str(eligible + 1))
    assert f"Sample size must be a whole number from 1 to {eligible:,}" in (
        too_many.content.decode())
    assert _draw(uploaded, inspection, size=str(eligible), seed="4294967295").status_code == 302
    assert Sample.objects.get().seed == 2**32 - 1


@pytest.fixture
def assessed_case(inspection: Inspection, users: dict[str, Any], uploaded: Client) -> SampledCase:
    """A sampled case assigned to the inspector, with its draft assessment started."""
    assert _draw(uploaded, inspection).status_code == 302
    case = SampledCase.objects.filter(status="sampled").order_by("pk").first()
    assert case is not None
    uploaded.post(reverse("casework:assign", args=[inspection.pk, "case-supervision"]),
                  {f"assign-{case.pk}": str(users["inspector"].pk)})
    signed_in(users["inspector"]).get(reverse("casework:assess", args=[case.pk]))
    return case


@pytest.mark.parametrize("version", ["abc", "1e3", "-1", "1.0", "99999999999", "\u00b2"])
def test_a_tampered_assessment_version_is_a_400_and_saves_nothing(
    assessed_case: SampledCase, users: dict[str, Any], version: str
) -> None:
    inspector = signed_in(users["inspector"])  # signing in is audited: count after it
    before = AuditEvent.objects.count()
    loaded = Assessment.objects.get(sampled_case=assessed_case).version
    response = inspector.post(
        reverse("casework:assess", args=[assessed_case.pk]),
        {"version": version, "action": "save", "answer-2-1-1": "yes"},
    )
    assert response.status_code == 400
    assert "The assessment version must be a whole number from 0 to 2,147,483,647: reload " \
           "the page" in response.content.decode()
    assert Answer.objects.get(assessment__sampled_case=assessed_case,
                              question_id="2.1.1").value != "yes"
    assert Assessment.objects.get(sampled_case=assessed_case).version == loaded
    assert AuditEvent.objects.count() == before


def test_the_loaded_version_still_saves(assessed_case: SampledCase, users: dict[str, Any]) -> None:
    response = signed_in(users["inspector"]).post(
        reverse("casework:assess", args=[assessed_case.pk]),
        {"version": str(Assessment.objects.get(sampled_case=assessed_case).version),
         "action": "save", "answer-2-1-1": "yes"},
    )
    assert response.status_code == 302
    assert Answer.objects.get(assessment__sampled_case=assessed_case,
                              question_id="2.1.1").value == "yes"


@pytest.fixture
def reporting(inspection: Inspection, settings: Any, tmp_path: Path) -> Inspection:
    settings.VAR_DIR = tmp_path
    Inspection.objects.filter(pk=inspection.pk).update(stage=Stage.REPORTING)
    inspection.refresh_from_db()
    return inspection


@pytest.mark.parametrize("version", ["\u00b2", "99999999999", "-1", "1e2"])
def test_a_report_version_in_the_address_that_is_no_number_is_not_found(
    reporting: Inspection, users: dict[str, Any], version: str
) -> None:
    url = reverse("reports:report", kwargs={"pk": reporting.pk})
    assert signed_in(users["lead"]).get(url, {"version": version}).status_code == 404


def test_a_section_version_beyond_the_column_is_a_form_error(
    reporting: Inspection, users: dict[str, Any]
) -> None:
    url = reverse("reports:section", kwargs={"pk": reporting.pk, "key": "foreword"})
    response = signed_in(users["inspector"]).post(url, {"text": "x", "version": "99999999999"})
    assert response.status_code == 200
    assert response.context["form"].errors["version"] == [
        "Ensure this value is less than or equal to 2147483647."]
    assert not NarrativeSection.objects.filter(text="x").exists()


@pytest.mark.parametrize("raw", ["7", " 7 ", "-7"])
def test_whole_numbers_in_plain_digits_are_read(raw: str) -> None:
    assert abs(whole_number(raw, "Count", (-10, 10))) == 7


@pytest.mark.parametrize("raw", ["1_000", "7.0", "1e3", "", "+7", "\u0667", "11"])
def test_anything_else_is_refused_with_the_label_and_range(raw: str) -> None:
    with pytest.raises(NumberError, match="^Count must be a whole number from -10 to 10$"):
        whole_number(raw, "Count", (-10, 10))


@pytest.mark.parametrize("raw,expected", [("80", 80.0), ("99.9", 99.9), ("50", 50.0)])
def test_decimal_numbers_are_read_inside_their_range(raw: str, expected: float) -> None:
    assert decimal_number(raw, "Confidence", (50, 99.9)) == expected


@pytest.mark.parametrize("raw", ["nan", "inf", "1e2", "99.95", "-60", ".5", "5."])
def test_other_decimals_are_refused(raw: str) -> None:
    with pytest.raises(NumberError, match="Confidence must be a number from 50 to 99.9"):
        decimal_number(raw, "Confidence", (50, 99.9))
