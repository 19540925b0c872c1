"""The loaded Wales demo records the officers' interview answers, so its report prints the
interview topic sentences with the shares the published report states."""

from __future__ import annotations

import pytest

from helpers import client_for
from helpers import report_url as url
from probation_inspection.demo import wales as demo
from probation_inspection.scoring.tally import percent_half_up
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.evidence import interview_results, questionnaire_of

pytestmark = pytest.mark.django_db


def test_the_stored_answers_give_the_stated_shares(wales: Inspection) -> None:
    questionnaire = questionnaire_of(framework_for(wales.framework_id, wales.framework_version))
    assert questionnaire is not None
    results = interview_results(wales, questionnaire)
    assert wales.interview_responses.count() == demo.OFFICERS_INTERVIEWED
    for figure in demo.INTERVIEW_FIGURES:
        if figure.stated_percent is None:
            continue
        tally = results[figure.question_id].tally
        count = tally.yes if figure.stated_answer == "yes" else tally.no
        assert percent_half_up(count, tally.relevant) == figure.stated_percent, figure


def test_the_report_prints_the_interview_sentences(wales: Inspection) -> None:
    page = client_for("lead").get(url("report", wales))
    assert page.status_code == 200
    assert b"60 per cent of the 83 responsible officers who answered said their workload" in (
        page.content)
    assert b"In 94 of the 105 cases discussed (90 per cent)" in page.content
