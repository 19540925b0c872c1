"""Moderation records: blind judging, verdicts, returns and the pairs agreement counts."""

from __future__ import annotations

import pytest

from probation_inspection.moderation import (
    InspectorAssessment,
    ModerationError,
    Outcome,
    agreement_pairs,
    moderator_view,
    record_moderation,
)
from probation_inspection.scoring import Answer, agreement_by_key_question

Y, N, NA, NR = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE, Answer.NOT_RELEVANT

CASE = InspectorAssessment(
    assessment_id="a1",
    inspector="ann",
    answers={"2.2.1": Y, "2.2.2": N, "2.2.3": NR},
    prompt_answers={"2.2.1.p1": Y},
    notes={"2.2.2": "No plan for accommodation."},
)


def test_the_qa_inspector_judges_blind_until_every_judgement_is_saved() -> None:
    before = moderator_view(CASE, None)
    assert before.blind
    assert before.key_questions == ("2.2.1", "2.2.2")  # not-relevant ones are not judged
    assert (before.answers, before.prompt_answers, before.notes) == (None, None, None)
    assert moderator_view(CASE, {"2.2.1": Y}).blind  # a partial save reveals nothing
    after = moderator_view(CASE, {"2.2.1": Y, "2.2.2": Y})
    assert not after.blind
    assert after.answers == CASE.answers
    assert after.notes == CASE.notes


def test_agreement_everywhere_is_agreed() -> None:
    record = record_moderation(CASE, "quinn", {"2.2.1": Y, "2.2.2": N})
    assert record.outcome is Outcome.AGREED
    assert record.round == 1
    assert record.disagreements == []


def test_a_disagreement_is_recorded_and_may_be_kept_or_returned() -> None:
    kept = record_moderation(CASE, "quinn", {"2.2.1": N, "2.2.2": N},
                             question_comments={"2.2.1": " Not engaging. "})
    assert kept.outcome is Outcome.DISAGREED
    assert kept.disagreements == ["2.2.1"]
    assert kept.judgements[0].comment == "Not engaging."
    returned = record_moderation(CASE, "quinn", {"2.2.1": N, "2.2.2": N},
                                 return_to_inspector=True, comment="Please revisit 2.2.1.")
    assert returned.outcome is Outcome.RETURNED
    assert returned.comment == "Please revisit 2.2.1."


def test_rounds_count_up_after_a_resubmission() -> None:
    first = record_moderation(CASE, "quinn", {"2.2.1": N, "2.2.2": N},
                              return_to_inspector=True, comment="Revisit 2.2.1.")
    revised = InspectorAssessment("a1", "ann", {"2.2.1": N, "2.2.2": N, "2.2.3": NR}, {}, {})
    second = record_moderation(revised, "quinn", {"2.2.1": N, "2.2.2": N}, previous=[first])
    assert (second.round, second.outcome) == (2, Outcome.AGREED)
    # Agreement counts the blind first round only: the revision followed the QA comment.
    pairs = agreement_pairs([second, first], {"a1": "CRN001"})
    assert [(p.case_id, p.key_question_id, p.inspector_answer, p.moderator_answer)
            for p in pairs] == [("CRN001", "2.2.1", Y, N), ("CRN001", "2.2.2", N, N)]
    assert agreement_by_key_question(pairs)["2.2.1"].agreements == 0


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"moderator": "ann"}, "ann assessed it and cannot moderate it"),
    ({"judgements": {"2.2.1": Y}}, "no QA judgement for key question.s. 2.2.2"),
    ({"judgements": {"2.2.1": Y, "2.2.2": N, "2.2.3": Y}}, "2.2.3 are not moderated here"),
    ({"judgements": {"2.2.1": Y, "2.2.2": NR}}, "key question 2.2.2: judge yes, no"),
    ({"judgements": {"2.2.1": Y, "2.2.2": "no"}}, "not 'no'"),
    ({"return_to_inspector": True, "comment": "x"}, "only a disagreement can return it"),
    ({"judgements": {"2.2.1": N, "2.2.2": N}, "return_to_inspector": True},
     "returning it needs a comment"),
])
def test_refusals_name_the_assessment_and_question(kwargs: dict[str, object],
                                                   message: str) -> None:
    arguments: dict[str, object] = {"moderator": "quinn",
                                    "judgements": {"2.2.1": Y, "2.2.2": N}, **kwargs}
    with pytest.raises(ModerationError, match=f"assessment a1.*{message}"):
        record_moderation(CASE, **arguments)
