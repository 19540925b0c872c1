"""Unit and property tests for the question walk and an assessment's submission rules."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from scoring_helpers import tiny_framework

from probation_inspection.framework.model import (
    AttributeType,
    CaseAttribute,
    Domain,
    Framework,
    KeyQuestion,
    Prompt,
    RatingMethod,
    Relevance,
    Standard,
)
from probation_inspection.framework.relevance import parse
from probation_inspection.scoring import (
    Answer,
    CaseAssessment,
    ErrorCode,
    QuestionKind,
    RawAnswer,
    check_submission,
    questions,
    relevance_attributes,
    tally_framework,
)
from sample_ids import SampleType

CS = SampleType.CASE_SUPERVISION


def rule(source: str) -> Relevance:
    return Relevance(source, parse(source))


def framework() -> Framework:
    """One case-data standard: 1.1 always applies; 1.2 only with RoSH issues, its prompt
    1.2.b only where domestic abuse is an issue too. A judgement standard has none."""
    return Framework(
        id="small", version="1", title="Small",
        attributes=(
            CaseAttribute("rosh_issues", AttributeType.BOOLEAN, "RoSH issues apply"),
            CaseAttribute("domestic_abuse", AttributeType.BOOLEAN, "Domestic abuse is an issue"),
            CaseAttribute("unused", AttributeType.TEXT, "Not read by any rule"),
        ),
        domains=(Domain("1", "Case supervision", (
            Standard("0.1", "Leadership", "Led well.", RatingMethod.JUDGEMENT),
            Standard("1.1", "Planning", "Plans are good.", RatingMethod.LOWEST_KEY_QUESTION,
                     CS, (
                         KeyQuestion("1.1", "Does planning engage?",
                                     prompts=(Prompt("1.1.a", "Is it agreed?"),
                                              Prompt("1.1.b", "Is it reviewed?"),
                                              Prompt("1.1.c", "Is it shared?"))),
                         KeyQuestion("1.2", "Does planning keep people safe?",
                                     prompts=(Prompt("1.2.a", "Are risks addressed?"),
                                              Prompt("1.2.b", "Is abuse addressed?",
                                                     relevance=rule("domestic_abuse"))),
                                     relevance=rule("rosh_issues")),
                     )),
        )),),
    )


ALL_IDS = ["1.1.a", "1.1.b", "1.1.c", "1.1", "1.2.a", "1.2.b", "1.2"]


def every(value: str) -> dict[str, RawAnswer]:
    return {question_id: RawAnswer(value) for question_id in ALL_IDS}


def test_walk_lists_prompts_then_their_key_question_in_framework_order() -> None:
    walked = list(questions(framework(), CS))
    assert [q.id for q in walked] == ALL_IDS
    assert [q.kind for q in walked][:4] == [QuestionKind.PROMPT] * 3 + [QuestionKind.KEY_QUESTION]
    assert walked[3].is_key_question and not walked[0].is_key_question
    assert list(questions(framework(), SampleType.UNPAID_WORK)) == []
    assert [a.name for a in relevance_attributes(framework(), CS)] == [
        "rosh_issues", "domestic_abuse"]


def test_walk_relevance_is_none_while_an_attribute_is_unset() -> None:
    safe = {q.id: q for q in questions(framework(), CS)}["1.2.b"]
    assert safe.applies({}) is None
    assert safe.applies({"rosh_issues": False}) is False
    assert safe.applies({"rosh_issues": True, "domestic_abuse": True}) is True


def test_the_tallies_count_the_questions_the_walk_lists() -> None:
    for built in (framework(), tiny_framework()):
        assert list(tally_framework(built, [], CS)) == [q.id for q in questions(built, CS)]


def test_a_complete_assessment_has_nothing_missing() -> None:
    result = check_submission(framework(), CS, {"rosh_issues": True, "domestic_abuse": True},
                              every("yes"))
    assert result.complete and result.warnings == ()
    assert {answer.value for answer in result.answers.values()} == {"yes"}


def test_a_rule_that_is_false_records_not_relevant_whatever_was_posted() -> None:
    posted = {**every("yes"), "1.2.b": RawAnswer("no", "  note  ", practice_example=True)}
    result = check_submission(framework(), CS, {"rosh_issues": True, "domestic_abuse": False},
                              posted)
    assert result.complete
    assert result.answers["1.2.b"] == RawAnswer(Answer.NOT_RELEVANT.value, "note", False)
    result = check_submission(framework(), CS, {"rosh_issues": False, "domestic_abuse": False},
                              {})
    assert [result.answers[i].value for i in ("1.2.a", "1.2.b", "1.2")] == ["not-relevant"] * 3
    assert [problem.field for problem in result.missing] == ["1.1.a", "1.1.b", "1.1.c", "1.1"]


def test_missing_answers_and_attributes_carry_codes_fields_and_messages() -> None:
    posted = {"1.1.a": RawAnswer("yes"), "1.1.b": RawAnswer("maybe"),
              "1.1.c": RawAnswer("not-relevant")}
    result = check_submission(framework(), CS, {}, posted)
    assert [(p.code, p.field) for p in result.missing] == [
        (ErrorCode.ANSWER_MISSING, "1.1.b"),
        (ErrorCode.ANSWER_MISSING, "1.1.c"),
        (ErrorCode.ANSWER_MISSING, "1.1"),
        (ErrorCode.ATTRIBUTE_UNDECIDED, "rosh_issues"),
        (ErrorCode.ATTRIBUTE_UNDECIDED, "domestic_abuse"),
    ]
    assert result.missing[0].message == "Answer prompt 1.1.b: Is it reviewed?"
    assert result.missing[2].message == "Answer key question 1.1: Does planning engage?"
    assert result.missing[3].message == "Say whether: RoSH issues apply"
    # Not an inspector's answer, or not yet decidable: stored as no answer.
    assert result.answers["1.1.b"].value == result.answers["1.1.c"].value == ""
    assert result.answers["1.2"].value == ""
    assert not result.complete


def test_a_judgement_against_most_prompts_warns_without_blocking() -> None:
    posted = {**every("no"), "1.1": RawAnswer("yes"), "1.1.c": RawAnswer("yes")}
    result = check_submission(framework(), CS, {"rosh_issues": True, "domestic_abuse": True},
                              posted)
    assert result.complete
    assert [(w.code, w.field) for w in result.warnings] == [
        (ErrorCode.JUDGEMENT_CONTRADICTS_PROMPTS, "1.1")]
    assert result.warnings[0].question.id == "1.1"
    # Half the prompts disagreeing is no contradiction.
    posted["1.1.b"] = RawAnswer("yes")
    assert check_submission(framework(), CS, {"rosh_issues": True, "domestic_abuse": True},
                            posted).warnings == ()


answer_values = st.sampled_from(["", "yes", "no", "not-applicable", "not-relevant", "x"])


@given(
    posted=st.dictionaries(st.sampled_from(ALL_IDS), st.builds(
        RawAnswer, answer_values, st.text(max_size=5), st.booleans())),
    rosh=st.none() | st.booleans(), abuse=st.none() | st.booleans(),
)
def test_stored_answers_are_what_the_tallies_accept_once_complete(
    posted: dict[str, RawAnswer], rosh: bool | None, abuse: bool | None
) -> None:
    attributes = {name: value for name, value in
                  (("rosh_issues", rosh), ("domestic_abuse", abuse)) if value is not None}
    result = check_submission(framework(), CS, attributes, posted)
    assert list(result.answers) == ALL_IDS
    for question_id, answer in result.answers.items():
        assert answer.value in ("", "yes", "no", "not-applicable", "not-relevant")
        assert answer.evidence == posted.get(question_id, RawAnswer()).evidence.strip()
    # Checking what is stored again changes nothing.
    assert check_submission(framework(), CS, attributes, result.answers) == result
    if result.complete:
        case = CaseAssessment("C1", {k: Answer(v.value) for k, v in result.answers.items()
                                     if v.value}, attributes)
        tallies = tally_framework(framework(), [case], CS)
        assert all(tally.cases == 1 for tally in tallies.values())
    else:
        assert all(problem.message for problem in result.missing)
