"""Unit tests for an assessment's progress per standard (answered of the questions that apply)."""

from __future__ import annotations

from scoring_helpers import tiny_framework

from probation_inspection.framework.library import load_framework
from probation_inspection.scoring.progress import section_progress
from probation_inspection.scoring.walk import questions, relevance_attributes
from sample_ids import SampleType

CS = SampleType.CASE_SUPERVISION


def planning(progress: list) -> object:  # type: ignore[type-arg]
    return next(section for section in progress if section.standard.id == "2.2")


def test_questions_waiting_on_an_attribute_are_neither_relevant_nor_answered() -> None:
    framework = load_framework("hmip-crc-2018", "2018.1")
    every = [q for q in questions(framework, CS) if q.standard.id == "2.2"]
    answers = {question.id: "yes" for question in every}
    waiting = planning(section_progress(framework, CS, {}, answers))
    # Keeping other people safe waits on whether RoSH issues apply.
    assert waiting.undecided > 0 and waiting.answered == waiting.relevant
    assert waiting.relevant + waiting.undecided == len(every)
    assert not waiting.complete
    attributes = {a.name: (a.values[0] if a.values else False)
                  for a in relevance_attributes(framework, CS)}
    decided = planning(section_progress(framework, CS, attributes, answers))
    assert decided.undecided == 0 and decided.complete


def test_only_inspector_answers_to_questions_that_apply_count() -> None:
    framework = tiny_framework()
    answers = {question.id: "yes" for question in questions(framework, CS)}
    answers["2.2.2.b"] = "not-relevant"
    progress = planning(section_progress(
        framework, CS, {"rosh_issues": True, "domestic_abuse": False}, answers))
    assert (progress.answered, progress.relevant, progress.undecided) == (4, 4, 0)
    assert progress.complete
    without_rosh = planning(section_progress(
        framework, CS, {"rosh_issues": False, "domestic_abuse": False}, answers))
    assert (without_rosh.answered, without_rosh.relevant) == (2, 2)


def test_one_entry_per_case_data_standard_in_framework_order() -> None:
    framework = tiny_framework()
    progress = section_progress(framework, CS, {"rosh_issues": False}, {})
    ids = [section.standard.id for section in progress]
    assert ids == list(dict.fromkeys(question.standard.id for question in questions(framework, CS)))
