"""Interview questionnaires in framework files: loading, defaults, checks and the shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.framework import (
    AnswerCount,
    FrameworkError,
    load_framework,
    load_framework_text,
)
from probation_inspection.framework.serialise import framework_to_dict

FIXTURES = Path(__file__).parents[1] / "fixtures"
MINIMAL = (FIXTURES / "frameworks" / "valid-minimal.yaml").read_text(encoding="utf-8")
SECTION = """questionnaires:
  - id: staff
    title: Staff interviews
    interviewees: staff
    answers:
      - {id: "yes", text: "Yes", counts_as: "yes"}
      - {id: "no", text: "No", counts_as: "no"}
      - {id: dont-know, text: "Don't know", counts_as: excluded}
    questions:
      - id: staff.workload
        topic: Workload manageable
        text: Is your workload manageable?
        standard: "1.1"
      - id: staff.adjustments
        topic: Reasonable adjustments
        text: Were the reasonable adjustments you needed made?
        answers:
          - {id: "yes", text: "Yes", counts_as: "yes"}
          - {id: "no", text: "No", counts_as: "no"}
          - {id: not-needed, text: None needed, counts_as: excluded}
"""
# The questionnaires go before the minimal file's closing sample_types block, so the lines the
# tests name are where they were before every file had to declare its sample types.
_HEAD, _SAMPLES = MINIMAL.split("sample_types:\n", 1)
VALID = _HEAD + SECTION + "sample_types:\n" + _SAMPLES


def test_the_broken_fixtures_are_the_valid_text_with_one_fault() -> None:
    # The FW5xx fixtures (checked by test_framework_validation) must stay one edit from VALID.
    for name in ("fw501-questionnaire-without-questions.yaml", "fw502-answers-not-countable.yaml",
                 "fw503-duplicate-topic.yaml", "fw504-unknown-standard.yaml"):
        broken = (FIXTURES / "frameworks" / name).read_text(encoding="utf-8").splitlines()[1:]
        valid = VALID.splitlines()[1:]
        assert broken[:47] == valid[:47], name


def test_a_questionnaire_loads_with_its_default_and_own_answers() -> None:
    framework = load_framework_text(VALID, "inline.yaml")
    questionnaire = framework.questionnaire("staff")
    assert questionnaire.interviewees == "staff"
    workload, adjustments = questionnaire.questions
    assert [a.id for a in workload.answers] == ["yes", "no", "dont-know"]
    assert workload.standard == "1.1"
    assert adjustments.answer("not-needed").counts_as is AnswerCount.EXCLUDED
    assert adjustments.standard == ""
    with pytest.raises(KeyError):
        framework.questionnaire("nope")


def test_a_framework_without_questionnaires_has_none() -> None:
    assert load_framework_text(MINIMAL, "inline.yaml").questionnaires == ()


def problems(text: str) -> set[tuple[str, int | None, str]]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, "inline.yaml")
    return {(p.code.number, p.line, p.element) for p in caught.value.problems}


def edit(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


def test_question_ids_sit_under_their_questionnaire_and_are_unique() -> None:
    assert problems(edit("id: staff.workload", "id: workload")) == {("FW202", 58, "workload")}
    assert ("FW101", 62, "staff.workload") in problems(
        edit("id: staff.adjustments", "id: staff.workload"))


def test_answers_are_checked() -> None:
    assert problems(edit('{id: dont-know, text: "Don\'t know", counts_as: excluded}',
                         '{id: "no", text: "Nope", counts_as: "no"}')) == {
        ("FW101", 56, "staff/no")}
    # An unreadable answer is reported once, not also as a question without a no-answer.
    assert problems(edit('counts_as: "no"}\n      - {id: dont', 'counts_as: nein}\n'
                         '      - {id: dont')) == {("FW106", 55, "staff/no")}
    assert problems(edit('{id: "yes", text: "Yes", counts_as: "yes"}',
                         '{id: yes, text: "Yes", counts_as: "yes"}')) == {("FW105", 54, "staff")}


def test_questions_need_their_fields_and_countable_answers() -> None:
    assert problems(edit("        topic: Workload manageable\n", "")) == {
        ("FW102", 58, "staff.workload")}
    assert problems(edit("        standard: \"1.1\"\n", "        standard: \"1.1\"\n"
                         "        weight: 2\n")) == {("FW103", 62, "staff.workload")}
    no_defaults = VALID.replace(VALID[VALID.index("    answers:\n      - {id: \"yes\""):
                                      VALID.index("    questions:")], "")
    assert problems(no_defaults) == {("FW502", 54, "staff.workload")}


def test_the_shipped_interview_has_the_topics_the_reports_quote() -> None:
    questionnaire = load_framework("hmip-crc-2018").questionnaire("ro-interview")
    assert questionnaire.interviewees == "responsible officers"
    assert [q.topic for q in questionnaire.questions] == [
        "Workload manageable", "Skills to supervise the caseload", "Access to training",
        "Culture of learning", "Supervision quality", "Recognition", "Safety and wellbeing",
        "Reasonable adjustments", "Policies communicated", "ICT supports the work",
        "Range of services", "Organisation prioritises quality", "Allocation matches training",
        "Case-recording policy", "Relationships with agencies for desistance",
        "Relationships with agencies for risk of harm",
    ]
    for question in questionnaire.questions:
        assert question.text.endswith("?")
        assert {a.counts_as for a in question.answers} == set(AnswerCount)
        assert question.standard in {"1.1", "1.2", "1.3", "1.4"}


def test_the_range_of_services_question_is_asked_as_the_wales_report_prints_it() -> None:
    report = (FIXTURES / "reports" / "000_aa2a86d3a0086947.txt").read_text(encoding="utf-8")
    question = load_framework("hmip-crc-2018").questionnaire("ro-interview").question(
        "ro-interview.range-of-services")
    assert f"In this case, {question.text[0].lower()}{question.text[1:]}" in report


@pytest.mark.parametrize(("question_id", "seed", "printed", "asked"), [
    ("ro-interview.skills", "000", "skills, ability and knowledge necessary to supervise their",
     "skills, ability and knowledge necessary to supervise your"),
    ("ro-interview.training", "002", "provided sufficient access to in-service training",
     "provide sufficient access to in-service training"),
    ("ro-interview.learning-culture", "002", "culture of learning and continuous improvement",
     "culture of learning and continuous improvement"),
    ("ro-interview.supervision", "004", "enhances and sustains the quality of their work with",
     "enhance and sustain the quality of your work with"),
    ("ro-interview.recognition", "002", "recognises and rewards exceptional work",
     "recognise and reward exceptional work"),
    ("ro-interview.policies", "000", "policies and guidance are communicated effectively",
     "policies and guidance communicated effectively"),
    ("ro-interview.ict", "000", "the ICT systems support staff to deliver a high-quality service",
     "the ICT systems support you to deliver a high-quality service"),
    ("ro-interview.safety-wellbeing", "000", "attention is paid to staff safety and wellbeing",
     "attention paid to staff safety and wellbeing"),
    ("ro-interview.workload", "000", "their workload is unmanageable", "your workload manageable"),
])
def test_wording_follows_the_reports(question_id: str, seed: str, printed: str,
                                     asked: str) -> None:
    report = next((FIXTURES / "reports").glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
    assert printed in report
    assert asked in load_framework("hmip-crc-2018").questionnaire("ro-interview").question(
        question_id).text


def test_questionnaires_are_in_the_json_form() -> None:
    data = framework_to_dict(load_framework_text(VALID, "inline.yaml"))
    assert data["questionnaires"][0]["questions"][1]["answers"][2] == {
        "id": "not-needed", "text": "None needed", "counts_as": "excluded"}
    assert data["questionnaires"][0]["questions"][0]["standard"] == "1.1"


FRAGMENTS = ["", "      - x", "    questions: 7", "    answers: {}", "      - {id: [1], text: x}",
             "        counts_as: [yes]", "        topic:", "        standard: 1.1",
             "  - id: staff", "questionnaires: []", "questionnaires: {}", "      - id: ~",
             "          - {id: 'yes', text: ~, counts_as: 'yes'}", "        answers: []"]
SECTION_START = MINIMAL.count("\n") + 1


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(SECTION_START, VALID.count("\n")),
                          st.sampled_from(FRAGMENTS)), max_size=3))
def test_any_damage_to_a_questionnaire_gives_problems_never_a_crash(
    edits: list[tuple[int, str]],
) -> None:
    lines = VALID.splitlines()
    for number, fragment in edits:
        lines[number - 1] = fragment
    try:
        load_framework_text("\n".join(lines), "damaged.yaml")
    except FrameworkError as error:
        assert error.problems
        assert all(problem.file == "damaged.yaml" for problem in error.problems)
