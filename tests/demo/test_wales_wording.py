"""The Wales demo says what the published report says: each stated proportion holds in the demo's
tallies, its finding sentence is framed the same way in overlapping words, and no generated
figure is said to be reproduced."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pytest

from probation_inspection.demo import wales
from probation_inspection.demo.stated import StatedProportion
from probation_inspection.framework import load_framework
from probation_inspection.reporting import Inspection, Report, build_report, render_html, score
from probation_inspection.reporting.wording import (
    PROPORTION_PHRASES,
    FindingSentence,
    ProportionPhrase,
)
from probation_inspection.scoring import Tally

PROMPTS = [item for item in wales.STATED if item.prompt_level]
KEY_QUESTIONS = [item for item in wales.STATED if not item.prompt_level]


@pytest.fixture(scope="module")
def inspection() -> Inspection:
    return wales.inspection()


@pytest.fixture(scope="module")
def tallies(inspection: Inspection) -> Mapping[str, Tally]:
    return score(inspection).tallies


@pytest.fixture(scope="module")
def report(inspection: Inspection) -> Report:
    return build_report(inspection)


@pytest.fixture(scope="module")
def sentences(report: Report) -> Mapping[str, FindingSentence]:
    return {sentence.question_id: sentence for chapter in report.domains
            for section in chapter.standards for sentence in section.findings}


def _overlap(one: ProportionPhrase, other: ProportionPhrase) -> bool:
    if one.low == one.high:
        return other.covers(one.low)
    if other.low == other.high:
        return one.covers(other.low)
    return one.low < other.high and other.low < one.high


def test_every_stated_proportion_is_met() -> None:
    assert wales.not_met(load_framework(wales.FRAMEWORK_ID)) == ()


@pytest.mark.parametrize("item", PROMPTS, ids=lambda item: item.question_id)
def test_the_demos_prompt_tally_lies_in_the_range_its_phrase_means(
    item: StatedProportion, tallies: Mapping[str, Tally]
) -> None:
    tally = tallies[item.question_id]
    assert item.holds(tally.yes, tally.relevant), (
        f"{item.describe()}: the demo has {tally.yes} of {tally.relevant}")


@pytest.mark.parametrize("item", KEY_QUESTIONS, ids=lambda item: item.question_id)
def test_annex_two_agrees_with_the_chapters_words_for_each_key_question(
    item: StatedProportion, tallies: Mapping[str, Tally]
) -> None:
    tally = tallies[item.question_id]
    assert item.holds(tally.yes, tally.relevant), item.describe()


@pytest.mark.parametrize("item", PROMPTS, ids=lambda item: item.question_id)
def test_the_reports_sentence_is_framed_as_the_published_one_in_overlapping_words(
    item: StatedProportion, sentences: Mapping[str, FindingSentence]
) -> None:
    sentence = sentences[item.question_id]
    assert sentence.negative == item.negative, sentence.text
    phrase = next(row for row in PROPORTION_PHRASES if row.words == sentence.phrase)
    assert _overlap(phrase, item.meaning), (sentence.text, item.describe())


def test_the_issues_contradictions_now_read_as_the_report(
    sentences: Mapping[str, FindingSentence]
) -> None:
    assert sentences["2.3.3.p5"].text.startswith("Home visits were not undertaken")
    assert "almost two-thirds" in sentences["2.3.3.p5"].text
    assert "not sought" in sentences["2.1.3.p6"].text
    assert "less than half" in sentences["2.4.2.p3"].text
    assert "almost a quarter" in sentences["4.2.1.p6"].text
    assert not sentences["4.2.1.p6"].negative


def test_the_prompts_the_report_does_not_state_are_named_as_generated() -> None:
    framework = load_framework(wales.FRAMEWORK_ID)
    generated = wales.generated_not_stated(framework)
    stated = {item.question_id for item in PROMPTS}
    every = {prompt.id for s in framework.standards() if s.sample_type is not None
             for kq in s.key_questions for prompt in kq.prompts}
    assert set(generated) == every - stated
    summary = wales.summary(framework)
    assert f"{len(generated)} prompt figures are generated, not stated in the report" in summary
    assert all(question_id in summary for question_id in generated)


#: "reproduce" said of anything but the report's text.
CLAIM = re.compile(r"reproduc\w*", re.IGNORECASE)


def _claims(text: str) -> list[str]:
    """Each use of "reproduce" with the words before it, leaving out "The text is reproduced"."""
    found = []
    for match in CLAIM.finditer(text):
        before = text[max(0, match.start() - 40):match.start()]
        if not before.rstrip().endswith("The text is"):
            found.append(before + match[0])
    return found


def test_no_generated_figure_is_said_to_be_reproduced(report: Report) -> None:
    framework = load_framework(wales.FRAMEWORK_ID)
    assert _claims(wales.NOTICE) == []
    assert _claims(wales.summary(framework)) == []
    assert "generated, not stated in the report" in wales.NOTICE
    assert _claims(render_html(report)) == []
