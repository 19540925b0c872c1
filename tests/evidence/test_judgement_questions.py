"""Key questions of judgement standards (issue 12): which are asked on the evidence pages, the
check of an answer, which are unanswered and how a standard's answers sum up."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.evidence import (
    ErrorCode,
    EvidenceError,
    KeyQuestionAnswer,
    answer_key_question,
    answers_by_standard,
    judgement_question,
    judgement_questions,
    unanswered,
)
from probation_inspection.framework import load_framework, load_framework_text

PDU = load_framework("hmip-pdu-2021")
CRC = load_framework("hmip-crc-2018")

OWN = """
id: provider-audit
version: "1"
title: A provider's own audit
attributes: []
rating:
  labels: [Poor, Fine]
  percentage_bands:
    - {label: Poor, minimum: 0, maximum: 49}
    - {label: Fine, minimum: 50, maximum: 100}
  scores: {Poor: 0, Fine: 1}
  overall_bands:
    - {label: Poor, minimum: 0, maximum: 0}
    - {label: Fine, minimum: 1, maximum: 2}
domains:
  - id: "1"
    title: Organisation
    standards:
      - id: "1.1"
        title: Leadership
        statement: Leaders lead.
        rating_method: judgement
        key_questions:
          - id: "1.1.1"
            text: "Is the vision clear?"
            prompts:
              - {id: "1.1.1.p1", text: "Is it written down?"}
          - id: "1.1.2"
            text: "Are risks managed?"
      - id: "1.2"
        title: Staff
        statement: Staff are supported.
        rating_method: judgement
"""


def test_the_pdu_file_asks_key_questions_under_each_domain_one_standard() -> None:
    questions = judgement_questions(PDU)
    assert {q.standard.id for q in questions} == {"1.1", "1.2", "1.3", "1.4"}
    assert [q.key_question.id for q in questions][:3] == ["1.1.1", "1.1.2", "1.1.3"]
    # Case-data key questions are never asked here.
    assert not any(q.key_question.id.startswith("2.") for q in questions)


def test_a_framework_declaring_none_asks_none() -> None:
    assert judgement_questions(CRC) == ()
    assert answers_by_standard(CRC, []) == ()
    assert unanswered(CRC, []) == {}


def test_a_providers_own_file_declares_them_too() -> None:
    framework = load_framework_text(OWN, "own.yaml")
    assert [q.key_question.id for q in judgement_questions(framework)] == ["1.1.1", "1.1.2"]
    assert judgement_question(framework, "1.1.1").key_question.prompts[0].id == "1.1.1.p1"
    # A judgement standard with no key questions has nothing to answer.
    assert unanswered(framework, ["1.1.1"]) == {"1.1": ("1.1.2",)}


def test_an_answer_is_checked_and_cleaned() -> None:
    answer = answer_key_question(PDU, "1.1.1", "  A clear vision, known to staff. ",
                                 ["M1", " D2 ", "M1", ""], known_evidence={"M1", "D2"})
    assert answer == KeyQuestionAnswer("1.1.1", "1.1", "A clear vision, known to staff.",
                                       ("M1", "D2"))


@pytest.mark.parametrize(("key_question", "judgement", "evidence", "code", "field"), [
    ("2.2.1", "Yes", ["M1"], ErrorCode.NOT_A_JUDGEMENT_KEY_QUESTION, "key_question"),
    ("9.9.9", "Yes", ["M1"], ErrorCode.NOT_A_JUDGEMENT_KEY_QUESTION, "key_question"),
    ("1.1.1", "  ", ["M1"], ErrorCode.EMPTY_TEXT, "judgement"),
    ("1.1.1", "Clear", [" "], ErrorCode.NO_EVIDENCE_CITED, "evidence"),
    ("1.1.1", "Clear", ["M7"], ErrorCode.UNKNOWN_EVIDENCE, "evidence"),
])
def test_a_refused_answer_names_its_code_and_field(
    key_question: str, judgement: str, evidence: list[str], code: ErrorCode, field: str
) -> None:
    with pytest.raises(EvidenceError) as error:
        answer_key_question(PDU, key_question, judgement, evidence, known_evidence={"M1"})
    assert (error.value.code, error.value.field) == (code, field)
    assert key_question in str(error.value)


def test_answers_sum_up_per_standard() -> None:
    answers = [KeyQuestionAnswer("1.1.1", "1.1", "Clear", ("M1", "D2")),
               KeyQuestionAnswer("1.1.3", "1.1", "Managed", ("D2", "F-x")),
               KeyQuestionAnswer("2.2.1", "2.2", "Not one of these", ("M1",))]
    summed = {item.standard.id: item for item in answers_by_standard(PDU, answers)}
    assert list(summed) == ["1.1", "1.2", "1.3", "1.4"]
    leadership = summed["1.1"]
    assert (leadership.answered, leadership.unanswered) == (2, ("1.1.2",))
    assert leadership.evidence == ("M1", "D2", "F-x")
    assert leadership.summary() == ("2 of 3 key questions answered, citing M1, D2, F-x; "
                                    "not yet 1.1.2")
    assert not leadership.complete
    assert summed["1.2"].summary() == "None of its 5 key questions answered yet"


def test_unanswered_lists_by_standard_in_framework_order() -> None:
    missing = unanswered(PDU, ["1.1.1", "1.1.2", "1.1.3", "1.2.1"])
    assert list(missing) == ["1.2", "1.3", "1.4"]
    assert missing["1.2"] == ("1.2.2", "1.2.3", "1.2.4", "1.2.5")


ALL_IDS = [q.key_question.id for q in judgement_questions(PDU)]


# No deadline: the suite runs beside other work on a busy machine.
@settings(deadline=None)
@given(st.sets(st.sampled_from(ALL_IDS)))
def test_answered_and_unanswered_always_partition_the_questions(answered: set[str]) -> None:
    missing = {kq for ids in unanswered(PDU, answered).values() for kq in ids}
    assert missing | answered == set(ALL_IDS)
    assert not missing & answered
    answers = [KeyQuestionAnswer(kq, judgement_question(PDU, kq).standard.id, "J", ("M1",))
               for kq in answered]
    summed = answers_by_standard(PDU, answers)
    assert sum(item.answered for item in summed) == len(answered)
    assert {kq for item in summed for kq in item.unanswered} == missing
