"""Exports: results CSV and JSON, the XLSX workbook, and case-level pseudonyms."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from openpyxl import load_workbook

from probation_inspection.reporting import (
    Inspection,
    Moderation,
    QuestionAgreement,
    Report,
    ReportingError,
    cases_csv,
    pseudonym,
    render_xlsx,
    results_csv,
    results_json,
)

KEY = b"a-test-key-of-enough-length-000"


def test_results_csv_has_each_standard_then_its_key_questions(wales_report: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(results_csv(wales_report))))
    assert rows[0] == {"level": "standard", "id": "2.1", "text": "Assessment",
                       "rating": "Requires improvement", "percent": "", "yes": "",
                       "relevant": ""}
    planning_safe = next(row for row in rows if row["id"] == "2.2.3")
    assert (planning_safe["percent"], planning_safe["yes"], planning_safe["relevant"]) == (
        "48", "50", "105")
    assert [row["id"] for row in rows if row["level"] == "standard"] == [
        "2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]


def test_results_json_gives_ratings_percentages_and_counts(wales_report: Report) -> None:
    data = results_json(wales_report)
    assert data["annex"] == wales_report.results.percents()
    assert data["counts"]["2.4.3"] == {"yes": 36, "relevant": 67}
    assert data["summary_of_ratings"]["overall"] == "Requires improvement"


def _all_cells(data: bytes) -> tuple[list[str], dict[str, list[tuple[object, ...]]]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    sheets = {name: list(workbook[name].iter_rows(values_only=True))
              for name in workbook.sheetnames}
    return workbook.sheetnames, sheets


def test_the_workbook_holds_results_prompts_and_breakdowns(
    wales_inspection: Inspection, wales_report: Report
) -> None:
    names, sheets = _all_cells(render_xlsx(wales_inspection, wales_report))
    assert names == ["Results", "Prompts", "Breakdowns"]
    planning_safe = next(row for row in sheets["Results"] if row[1] == "2.2.3")
    assert planning_safe[:7] == ("key question", "2.2.3", "Does planning focus sufficiently on "
                                 "keeping other people safe?", None, 48, 50, 105)
    confidence, lower, upper = planning_safe[7:]
    assert confidence == 0.8
    assert lower < 47.6 < upper  # type: ignore[operator]
    assert sheets["Results"][1][7:] == (None, None, None)  # a standard row has no interval
    prompt = next(row for row in sheets["Prompts"] if row[1] == "2.2.3.p5")
    assert prompt[3] == 23 and prompt[7] == 53
    genders = {(row[1], row[2]) for row in sheets["Breakdowns"][1:] if row[0] == "Gender"}
    assert ("female", "case-supervision") in genders
    by_gender = [row for row in sheets["Breakdowns"][1:]
                 if row[0] == "Gender" and row[2] == "case-supervision" and row[4] == "2.1.1"]
    assert sum(row[3] for row in by_gender) == 130  # type: ignore[misc]
    assert sum(row[5] for row in by_gender) == 87  # type: ignore[misc]
    assert all(row[8] <= row[7] <= row[9] for row in by_gender)  # type: ignore[operator]


def test_moderation_adds_the_agreement_sheet(
    wales_inspection: Inspection, wales_report: Report
) -> None:
    moderated = dataclasses.replace(wales_inspection, moderation=Moderation(
        cases_moderated=20, agreement=(QuestionAgreement("2.1.1", 20, 17),)))
    names, sheets = _all_cells(render_xlsx(moderated, wales_report))
    assert names[-1] == "Agreement"
    assert sheets["Agreement"][1] == ("2.1.1", 20, 17, 85.0)


def test_case_level_data_leaves_only_with_keyed_pseudonyms(
    wales_inspection: Inspection, wales_report: Report
) -> None:
    references = [c.case_id for s in wales_inspection.samples for c in s.assessments]
    names, sheets = _all_cells(render_xlsx(wales_inspection, wales_report, key=KEY))
    assert names[-1] == "Cases"
    cells = {str(cell) for rows in sheets.values() for row in rows for cell in row}
    text = cases_csv(wales_inspection, KEY)
    for reference in references:
        assert reference not in cells
        assert reference not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 216
    assert rows[0]["case"] == pseudonym(references[0], KEY)
    assert rows[0]["sample_type"] == "case-supervision"
    assert rows[0]["4.1.1"] == ""  # an unpaid-work question on a case-supervision case
    assert {row["2.2.3"] for row in rows[:130]} <= {"yes", "no", "not-applicable", "not-relevant"}


def test_without_a_key_the_workbook_has_no_case_level_sheet(
    wales_inspection: Inspection, wales_report: Report
) -> None:
    names, _ = _all_cells(render_xlsx(wales_inspection, wales_report))
    assert "Cases" not in names


def test_pseudonyms_are_stable_per_key_and_differ_between_keys() -> None:
    first = pseudonym("X123456", KEY)
    assert first == pseudonym(" X123456 ", KEY)
    assert first != pseudonym("X123457", KEY)
    assert first != pseudonym("X123456", KEY[::-1])
    assert first.startswith("P-") and len(first) == 18
    assert "123456" not in first


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ReportingError, match="at least 16 bytes"):
        pseudonym("X123456", b"short")
