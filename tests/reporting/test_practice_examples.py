"""Unit tests for the practice-example rule (`reporting.practice`)."""

from __future__ import annotations

from probation_inspection.framework.model import (
    Domain,
    Framework,
    KeyQuestion,
    Prompt,
    RatingMethod,
    Standard,
)
from probation_inspection.reporting import (
    FlaggedNote,
    PracticeExample,
    PracticeKind,
    practice_examples,
    practice_kind,
)
from sample_ids import SampleType


def tiny_framework() -> Framework:
    def standard(standard_id: str, *key_questions: KeyQuestion) -> Standard:
        return Standard(standard_id, "Title", "Statement", RatingMethod.LOWEST_KEY_QUESTION,
                        SampleType.CASE_SUPERVISION, key_questions)

    return Framework("tiny", "1", "Tiny", (), (Domain("2", "Case supervision", (
        standard("2.1", *(KeyQuestion(f"2.1.{n}", "Question?") for n in (1, 2, 3))),
        standard("2.2", KeyQuestion("2.2.2", "Safe?", prompts=(Prompt("2.2.2.b", "Abuse?"),))),
    )),))


def test_yes_is_good_practice_and_no_is_poor() -> None:
    assert practice_kind("yes") is PracticeKind.GOOD
    assert practice_kind("no") is PracticeKind.POOR
    for other in ("not-applicable", "not-relevant", ""):
        assert practice_kind(other) is None


def test_examples_are_filed_under_their_question_standard_in_the_order_given() -> None:
    notes = [
        FlaggedNote("2.2.2.b", "no", "Abuse not addressed"),
        FlaggedNote("2.1.1", "yes", "Engaged well"),
        FlaggedNote("2.1.2", "not-applicable", "Left out: not a judgement either way"),
        FlaggedNote("2.1.3", "yes", "   "),
        FlaggedNote("9.9.9", "yes", "Left out: no such question"),
    ]
    assert practice_examples(tiny_framework(), notes) == (
        PracticeExample("2.2", PracticeKind.POOR, "Abuse not addressed"),
        PracticeExample("2.1", PracticeKind.GOOD, "Engaged well"),
    )
