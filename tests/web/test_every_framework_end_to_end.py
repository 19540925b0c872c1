"""Issue 12: every framework in the shipped library, run end to end through the web app's
services. For each: a case list generated for each of its sample types is read and a sample
drawn from it, the cases assessed and submitted, the moderation queue drawn and agreed,
domain-one evidence recorded and the judgement standards' key questions answered, every
standard decided, the move to reporting, and the report built and published.

A shipped framework that rates nothing (a thematic inspection's) runs the same way, with no
rating stage decisions, to a report of findings and proportions without ratings; the last test
holds that every shipped framework is offered and run here, so none is silently left out.

The staged factories build it (tests/factories.py) with the framework given; the report is
built from the stored rows by the reports app's builder, as the report page builds it. The
frameworks are listed from the library, never named here, so a framework added to it is run
too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

import factories
from probation_inspection.access import Stage
from probation_inspection.evidence import judgement_questions
from probation_inspection.framework import load_framework
from probation_inspection.framework.library import available_frameworks
from probation_inspection.reporting import build_report, render_html, render_pdf
from probation_inspection.reporting.exports import cases_csv
from probation_inspection.web.inspections.forms import framework_choices
from probation_inspection.web.quality.models import QueueEntry
from probation_inspection.web.reports.builder import inspection_input
from probation_inspection.web.reports.models import ReportState, ReportVersion

#: Every shipped framework that rates, as (id, version).
SHIPPED = [(item.id, item.version) for item in available_frameworks() if item.rated]
#: Every shipped framework that rates nothing (a thematic inspection's), as (id, version).
UNRATED = [(item.id, item.version) for item in available_frameworks() if not item.rated]


@pytest.fixture
def published_inspection(request: Any, db: None, settings: Any,
                         tmp_path: Path) -> factories.Staged:
    settings.VAR_DIR = tmp_path
    return factories.published(cases=3, framework=request.param)


@pytest.mark.parametrize("published_inspection", SHIPPED, indirect=True,
                         ids=[f"{i}@{v}" for i, v in SHIPPED])
def test_an_inspection_under_each_shipped_framework_runs_to_a_published_report(
    published_inspection: factories.Staged,
) -> None:
    staged = published_inspection
    inspection, framework = staged.inspection, staged.framework
    assert inspection.stage == Stage.PUBLISHED
    # A sample of each sample type the framework declares (each assesses a standard), drawn.
    wanted = {sample_type.id for sample_type in framework.sample_types}
    assert wanted == {s.sample_type for s in framework.standards() if s.sample_type}
    assert {s.sample_type for s in inspection.samples.all()} == wanted
    drawn = {case.sample.sample_type for case in staged.sampled_cases.select_related("sample")}
    assert drawn == wanted
    # Moderated: the QA inspector's queue was drawn and each entry agreed.
    assert QueueEntry.objects.filter(queue__inspection=inspection).exists()

    report = build_report(inspection_input(inspection))
    model = report.to_json()
    summary = report.summary_of_ratings
    rated = [s.id for s in framework.standards() if s.rating_method.value != "unrated"]
    printed = [row.standard_id for domain in summary.domains for row in domain.rows]
    assert printed == rated
    # Each standard has a rating or is "Not rated" with its reason. Every case answered yes:
    # each case standard Outstanding; domain one Good, as judged.
    for domain in summary.domains:
        for row in domain.rows:
            if row.rating == "Not rated":
                assert row.not_rated_reason, row
                continue
            assert row.not_rated_reason is None, row
            judged = framework.standard(row.standard_id).rating_method.value == "judgement"
            assert row.rating == ("Good" if judged else "Outstanding"), row
    # The score out of the framework's maximum (less any scored standard not rated).
    if framework.maximum_score is not None:
        assert summary.maximum <= framework.maximum_score
        if not summary.not_rated:
            assert summary.maximum == framework.maximum_score
        assert 0 <= summary.score <= summary.maximum
    # Annex 2 holds only the case-data standards; judgement key questions are not tallied.
    case_data = {s.id for s in framework.standards()
                 if s.rating_method.value == "lowest-key-question"}
    annexed = {s.standard_id for table in report.results.tables for s in table.standards}
    assert annexed <= case_data
    asked = judgement_questions(framework)
    assert not [kq for kq in model["annex"]
                if kq in {q.key_question.id for q in asked}]

    # The judgement key questions print under their standard, in the framework's words.
    sections = {s.standard_id: s for d in report.domains for s in d.standards}
    for question in asked:
        section = sections[question.standard.id]
        [printed_kq] = [kq for kq in section.key_questions
                        if kq.key_question_id == question.key_question.id]
        assert printed_kq.text == question.key_question.text
        assert printed_kq.judgement == f"Seen in the meeting ({question.key_question.id})"
    html = render_html(report, charts=False)
    for question in asked:
        assert str(escape(f"{question.key_question.id}. {question.key_question.text}")) in html
    for domain in summary.domains:
        for row in domain.rows:
            assert str(escape(row.title)) in html, row
            if row.not_rated_reason:
                assert str(escape(row.not_rated_reason)) in html, row
    version = ReportVersion.objects.get(inspection=inspection)
    assert version.state == ReportState.PUBLISHED
    # The case-level export has a column per key question answered per case, none for the
    # judgement standards' key questions, which are answered once on the evidence pages.
    header = cases_csv(inspection_input(inspection), b"k" * 32).splitlines()[0].split(",")
    assert not [column for column in header
                if column in {q.key_question.id for q in asked}]
    # The PDF once, for the first framework of the library (it is slow).
    if (framework.id, framework.version) == SHIPPED[0]:
        assert render_pdf(report).startswith(b"%PDF")


def test_the_pdu_2021_file_asks_domain_one_key_questions() -> None:
    # The 2021 file declares them (provisional); the 2023 file does not, and both run above.
    assert len(judgement_questions(load_framework("hmip-pdu-2021"))) == 15
    assert judgement_questions(load_framework("hmip-pdu-2023")) == ()


@pytest.mark.parametrize("published_inspection", UNRATED, indirect=True,
                         ids=[f"{i}@{v}" for i, v in UNRATED])
def test_an_inspection_under_each_framework_rating_nothing_runs_to_a_report_without_ratings(
    published_inspection: factories.Staged,
) -> None:
    staged = published_inspection
    inspection, framework = staged.inspection, staged.framework
    assert framework.rating is None
    assert inspection.stage == Stage.PUBLISHED
    # A sample of each sample type its standards are assessed on, drawn from a generated list.
    wanted = {s.sample_type for s in framework.standards() if s.sample_type}
    assert {s.sample_type for s in inspection.samples.all()} == wanted
    drawn = {case.sample.sample_type for case in staged.sampled_cases.select_related("sample")}
    assert drawn == wanted
    assert QueueEntry.objects.filter(queue__inspection=inspection).exists()

    report = build_report(inspection_input(inspection))
    assert report.summary_of_ratings is None and not report.rated
    model = report.to_json()
    assert model["summary_of_ratings"] is None
    # Every case answered yes: each key question with a relevant case is 100 per cent.
    assert model["annex"] and set(model["annex"].values()) == {100}
    sections = [s for d in report.domains for s in d.standards]
    assert all(s.rating is None and s.not_rated_reason is None for s in sections)
    assert any(s.findings for s in sections)
    assert {s.rating for t in report.results.tables for s in t.standards} == {""}
    html = render_html(report, charts=False)
    assert 'id="summary-of-ratings"' not in html and "govuk-tag" not in html.split("</style>")[1]
    assert "This inspection gives no ratings" in html
    version = ReportVersion.objects.get(inspection=inspection)
    assert version.state == ReportState.PUBLISHED
    assert version.snapshot["summary_of_ratings"] is None


@pytest.mark.django_db
def test_every_shipped_framework_is_offered_and_run_above() -> None:
    offered = dict(framework_choices())
    for item in available_frameworks():
        key = f"{item.id}@{item.version}"
        assert key in offered
        assert (item.id, item.version) in (SHIPPED if item.rated else UNRATED)
        # The label says when the framework gives no ratings (a thematic inspection's).
        assert offered[key].endswith(", no ratings)") == (not item.rated)
        assert item.rated == (load_framework(item.id, item.version).rating is not None)
