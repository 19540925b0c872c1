"""The Wales demo's responsible-officer interviews give the shares the report states."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from probation_inspection.demo import wales
from probation_inspection.reporting import Inspection
from probation_inspection.scoring.interviews import tally_interviews, topic_findings
from probation_inspection.scoring.tally import percent_half_up


@pytest.fixture(scope="module")
def demo() -> Inspection:
    return wales.inspection()


def test_every_stated_share_comes_out_of_the_answers(demo: Inspection) -> None:
    questionnaire = demo.framework.questionnaires[0]
    responses = wales.interview_responses(demo.framework, demo.samples)
    assert len(responses) == wales.OFFICERS_INTERVIEWED == 83
    results = tally_interviews(questionnaire, responses)
    stated = [f for f in wales.INTERVIEW_FIGURES if f.stated_percent is not None]
    assert {f.question_id for f in stated} >= {
        "ro-interview.workload", "ro-interview.prioritises-quality", "ro-interview.skills",
        "ro-interview.training", "ro-interview.safety-wellbeing", "ro-interview.policies",
        "ro-interview.agencies-risk-of-harm"}
    for figure in stated:
        tally = results[figure.question_id].tally
        count = tally.yes if figure.stated_answer == "yes" else tally.no
        assert percent_half_up(count, tally.relevant) == figure.stated_percent, figure


def test_the_stated_percentages_are_the_seed_reports_words(fixtures: Path) -> None:
    seed = (fixtures / "reports" / "000_aa2a86d3a0086947.txt").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", seed).replace("*", "")
    for figure in wales.INTERVIEW_FIGURES:
        if figure.stated_percent is not None and "nine in ten" not in figure.words:
            assert f"{figure.stated_percent} per cent" in figure.words
        # The words are the report's own, where they are quoted unbroken.
        for part in figure.words.split(" ... "):
            assert part in text, part


def test_the_report_prints_the_interview_sentences(demo: Inspection) -> None:
    assert demo.evidence is not None
    findings = demo.evidence.interview_findings
    assert ("60 per cent of the 83 responsible officers who answered said their workload "
            "was unmanageable, against 56 per cent nationally.") in findings
    assert any("In 94 of the 105 cases discussed (90 per cent)" in f for f in findings)
    questionnaire = demo.framework.questionnaires[0]
    unasked = {q.id for q in questionnaire.questions} - {
        f.question_id for f in wales.INTERVIEW_FIGURES}
    results = tally_interviews(questionnaire,
                               wales.interview_responses(demo.framework, demo.samples))
    printed = {f.question_id for f in topic_findings(questionnaire, results)}
    assert not printed & unasked


def test_the_summary_names_the_generated_interview_figures(demo: Inspection) -> None:
    text = wales.summary(demo.framework)
    for question_id in wales.generated_interview_figures():
        assert question_id in text
    assert "ro-interview.workload" not in wales.generated_interview_figures()
