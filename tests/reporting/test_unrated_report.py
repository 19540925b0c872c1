"""Issue 12: the report of a framework that rates nothing (a thematic inspection's): its
chapters' findings, the key-question tables and the methodology, but no Summary of ratings, no
rating tag, no score, and no export column or key for ratings.

The framework is the first one in the shipped library that rates nothing, never named here.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from probation_inspection.framework import load_framework
from probation_inspection.framework.library import available_frameworks
from probation_inspection.framework.model import Framework
from probation_inspection.framework.narrative import MethodologyTemplate
from probation_inspection.reporting import (
    Inspection,
    Report,
    build_report,
    render_html,
    render_pdf,
    render_xlsx,
    results_csv,
    results_json,
)
from probation_inspection.reporting.build import score
from probation_inspection.reporting.inputs import (
    CaseSample,
    PracticeExample,
    PracticeKind,
    RatingDecisions,
    SampleFacts,
    Team,
)
from probation_inspection.reporting.snapshot import report_from_json
from probation_inspection.scoring import CaseAssessment
from probation_inspection.scoring.answers import Answer
from probation_inspection.scoring.walk import questions

#: Four cases: the first three answer every question yes, the fourth no (75 per cent).
CASES = 4


def _unrated() -> Framework:
    item = next(item for item in available_frameworks() if not item.rated)
    return load_framework(item.id, item.version)


def _attributes(framework: Framework) -> dict[str, object]:
    """Every yes/no attribute true and each choice its first value: every question relevant
    that the first agency is asked about."""
    values: dict[str, object] = {}
    for attribute in framework.attributes:
        if attribute.type.value == "boolean":
            values[attribute.name] = True
        elif attribute.values:
            values[attribute.name] = attribute.values[0]
    return values


def _inspection(framework: Framework) -> Inspection:
    samples = []
    attributes = _attributes(framework)
    sample_types = dict.fromkeys(s.sample_type for s in framework.standards() if s.sample_type)
    for sample_type in sample_types:
        assert sample_type is not None
        assessments = tuple(
            CaseAssessment(
                f"{sample_type}-{number}",
                {q.id: Answer.YES if number < CASES - 1 else Answer.NO
                 for q in questions(framework, sample_type) if q.relevant(attributes)},
                attributes,
            )
            for number in range(CASES)
        )
        samples.append(CaseSample(SampleFacts(sample_type, CASES, eligible=40), assessments))
    first = next(s for s in framework.standards() if s.sample_type)
    return Inspection(
        provider="Thematic Area",
        title="A thematic inspection",
        fieldwork_start=dt.date(2024, 3, 4),
        publication="May 2024",
        team=Team("A. Lead"),
        framework=framework,
        samples=tuple(samples),
        decisions=RatingDecisions(),
        practice_examples=(PracticeExample(first.id, PracticeKind.GOOD, "Anna's plan was clear."),),
    )


@pytest.fixture(scope="module")
def inspection() -> Inspection:
    return _inspection(_unrated())


@pytest.fixture(scope="module")
def report(inspection: Inspection) -> Report:
    return build_report(inspection)


def test_an_unrated_framework_is_tallied_not_rated(inspection: Inspection) -> None:
    scored = score(inspection)
    assert scored.overall is None and scored.ratings == {}
    assert scored.tallies  # every case question counted


def test_the_report_has_no_summary_of_ratings_and_no_rating(report: Report) -> None:
    assert not report.rated and report.summary_of_ratings is None
    assert "Summary of ratings" not in [entry.title for entry in report.contents()]
    assert report.bands == ()
    sections = [s for d in report.domains for s in d.standards]
    assert all(section.rating is None for section in sections)
    assert all(section.not_rated_reason is None for section in sections)


def test_the_chapters_give_proportion_findings_and_practice(report: Report) -> None:
    sections = [s for d in report.domains for s in d.standards]
    findings = [f for s in sections for f in s.findings]
    assert findings
    # The share rule's words for three of four cases (reporting/wording.py), never a rating.
    assert any("three-quarters" in finding.text or "most" in finding.text
               for finding in findings), findings[:3]
    assert [p.text for s in sections for p in s.practice] == ["Anna's plan was clear."]


def test_the_methodology_is_the_framework_template_filled_in(inspection: Inspection) -> None:
    sample_type = inspection.samples[0].facts.sample_type
    template = MethodologyTemplate(
        f"## Case assessments\n\n{{% set sample = samples['{sample_type}'] %}}We inspected "
        "{{ sample.size }} cases of {{ sample.eligible }}.\n")
    framework = dataclasses.replace(inspection.framework, methodology=template)
    report = build_report(dataclasses.replace(inspection, framework=framework))
    [section] = report.methodology
    assert section.heading == "Case assessments"
    assert section.paragraphs == ("We inspected 4 cases of 40.",)
    assert "We inspected 4 cases of 40." in render_html(report, charts=False)


def test_annex_two_tabulates_percentages_without_ratings(report: Report) -> None:
    standards = [s for table in report.results.tables for s in table.standards]
    assert standards
    assert all(s.rating == "" and s.rule_rating == "" for s in standards)
    percents = report.results.percents()
    assert percents and set(percents.values()) == {75}
    for standard in standards:
        for kq in standard.key_questions:
            assert (kq.yes, kq.relevant) == (3, 4)


def test_the_html_says_nowhere_that_anything_was_rated(report: Report) -> None:
    html = render_html(report)
    assert 'id="summary-of-ratings"' not in html
    assert "govuk-tag" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", html, flags=re.S))
    # The one mention of ratings is the sentence saying there are none.
    mentions = re.findall(r"[^.]*\brat(?:ed|ing|ings)\b[^.]*", text, flags=re.I)
    assert [" ".join(m.split()) for m in mentions] == [
        "This inspection gives no ratings: its findings are the proportions of the cases "
        "inspected, over the cases each question was relevant to"]
    assert "Rating/% yes" not in html and "% yes" in html
    assert "75%" in html
    assert "points" not in text


def test_the_pdf_says_nowhere_that_anything_was_rated(report: Report) -> None:
    pdf = PdfReader(io.BytesIO(render_pdf(report)))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "This inspection gives no ratings" in text
    assert "Summary of ratings" not in text
    for rating in ("Outstanding", "Requires improvement", "Inadequate", "Not rated"):
        assert rating not in text, rating


def test_the_exports_carry_no_rating(inspection: Inspection, report: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(results_csv(report))))
    assert rows and "rating" not in rows[0]
    assert {row["percent"] for row in rows if row["level"] == "key question"} == {"75"}
    data = results_json(report)
    assert "summary_of_ratings" not in data and set(data["annex"].values()) == {75}  # type: ignore[union-attr]
    workbook = load_workbook(io.BytesIO(render_xlsx(inspection, report)))
    header = [cell.value for cell in next(workbook["Results"].iter_rows(max_row=1))]
    assert "rating" not in header and "percent" in header
    model = report.to_json()
    assert model["summary_of_ratings"] is None and model["ratings"] is None
    json.dumps(model)


def test_the_frozen_report_comes_back_unrated(report: Report) -> None:
    again = report_from_json(json.loads(json.dumps(report.to_json())))
    assert again == report and not again.rated
