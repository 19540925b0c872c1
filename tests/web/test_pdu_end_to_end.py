"""Issue 12: a PDU inspection under each PDU framework, run end to end through the web app's
services (case list read, sample drawn, cases assessed and submitted, moderation, domain-one
evidence and the judgement key questions, ratings) to the report and its published version.

The staged factories build it (tests/factories.py) with the framework given; the report is
built from the stored rows by the reports app's builder, as the report page builds it.
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
from probation_inspection.reporting import build_report, render_html
from probation_inspection.reporting.exports import cases_csv
from probation_inspection.web.reports.builder import inspection_input
from probation_inspection.web.reports.models import ReportState, ReportVersion

FRAMEWORKS = {"hmip-pdu-2021": ("2021.1", 27), "hmip-pdu-2023": ("2023.1", None)}


@pytest.fixture
def published_pdu(request: Any, db: None, settings: Any, tmp_path: Path) -> factories.Staged:
    settings.VAR_DIR = tmp_path
    framework_id = request.param
    return factories.published(cases=3, framework=(framework_id, FRAMEWORKS[framework_id][0]))


@pytest.mark.parametrize("published_pdu", list(FRAMEWORKS), indirect=True)
def test_a_pdu_inspection_runs_to_a_published_report(published_pdu: factories.Staged) -> None:
    staged = published_pdu
    inspection, framework = staged.inspection, staged.framework
    assert inspection.stage == Stage.PUBLISHED
    assert {s.sample_type for s in inspection.samples.all()} == {"case-supervision"}

    report = build_report(inspection_input(inspection))
    model = report.to_json()
    rated = [s.id for s in framework.standards() if s.rating_method.value != "unrated"]
    printed = [row.standard_id for domain in report.summary_of_ratings.domains
               for row in domain.rows]
    assert printed == rated
    # Every case answered yes: each case standard Outstanding; domain one Good, as judged.
    for domain in report.summary_of_ratings.domains:
        for row in domain.rows:
            judged = framework.standard(row.standard_id).rating_method.value == "judgement"
            assert row.rating == ("Good" if judged else "Outstanding"), row
    assert report.summary_of_ratings.maximum == framework.maximum_score
    if FRAMEWORKS[framework.id][1] is not None:
        assert report.summary_of_ratings.maximum == FRAMEWORKS[framework.id][1]
    # Annex 2 holds only the case-data standards; domain one's key questions are not tallied.
    annexed = {s.standard_id for table in report.results.tables for s in table.standards}
    assert annexed == {s.id for s in framework.standards()
                       if s.rating_method.value == "lowest-key-question"}
    assert model["annex"] and not [kq for kq in model["annex"] if kq.startswith("1.")]

    # The judgement key questions print under their standard, in the framework's words.
    sections = {s.standard_id: s for d in report.domains for s in d.standards}
    asked = judgement_questions(framework)
    for question in asked:
        section = sections[question.standard.id]
        [printed_kq] = [kq for kq in section.key_questions
                        if kq.key_question_id == question.key_question.id]
        assert printed_kq.text == question.key_question.text
        assert printed_kq.judgement == f"Seen in the meeting ({question.key_question.id})"
    html = render_html(report, charts=False)
    for question in asked:
        assert str(escape(f"{question.key_question.id}. {question.key_question.text}")) in html
    assert "service user" not in html.lower()
    version = ReportVersion.objects.get(inspection=inspection)
    assert version.state == ReportState.PUBLISHED
    # The case-level export has a column per key question answered per case: none for the
    # judgement standards' key questions, which are answered once on the evidence pages.
    header = cases_csv(inspection_input(inspection), b"k" * 32).splitlines()[0].split(",")
    assert "2.2.1" in header
    assert not [column for column in header if column.startswith("1.")]


def test_the_2021_file_asks_domain_one_key_questions() -> None:
    # The 2021 file declares them (provisional); the 2023 file does not, and both run above.
    assert len(judgement_questions(load_framework("hmip-pdu-2021"))) == 15
    assert judgement_questions(load_framework("hmip-pdu-2023")) == ()
