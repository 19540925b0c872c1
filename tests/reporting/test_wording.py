"""Findings sentences and the verbal-proportion rule, at its edges."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.framework import load_framework
from probation_inspection.reporting import finding_sentence, question_statement, verbal_proportion
from probation_inspection.reporting.wording import PROPORTIONS, exact_figure
from probation_inspection.scoring import Tally


@pytest.mark.parametrize(("yes", "relevant", "words"), [
    (0, 5, "none"),
    (5, 5, "all"),
    (2, 3, "two-thirds"),  # exactly the proportion
    (1, 2, "half"),
    (72, 100, "almost three-quarters"),
    (53, 100, "just over half"),
    (64, 100, "almost two-thirds"),
    (1, 3, "one-third"),
    (89, 100, "almost nine in ten"),
    (11, 100, "just over one in ten"),
    # Within half a point (exclusive) the proportion is named as it is.
    (1005, 2000, "half"),  # 50.25
    (199, 400, "half"),  # 49.75
    # Half a point away is no longer "half".
    (101, 200, "just over half"),  # 50.5
    (99, 200, "almost half"),  # 49.5
    # Four points away is still near; beyond is a figure.
    (54, 100, "just over half"),
    (46, 100, "almost half"),
    (5401, 10000, None),  # 54.01: too far from half and from two-thirds
    (4599, 10000, None),  # 45.99
    (42, 100, None),
    # Equidistant between one-quarter (25) and one-fifth (20): the lower proportion wins.
    (45, 200, "just over one in five"),
])
def test_verbal_proportion(yes: int, relevant: int, words: str | None) -> None:
    assert verbal_proportion(yes, relevant) == words


@pytest.mark.parametrize(("yes", "relevant"), [(1, 0), (-1, 3), (4, 3)])
def test_verbal_proportion_refuses_what_is_not_a_proportion(yes: int, relevant: int) -> None:
    with pytest.raises(ValueError, match="not a proportion"):
        verbal_proportion(yes, relevant)


@pytest.mark.parametrize(("question", "statement"), [
    ("Does planning focus sufficiently on engaging the service user?",
     "planning focused sufficiently on engaging the service user"),
    ("Does the implementation and delivery of services effectively support the safety of other "
     "people?",
     "the implementation and delivery of services effectively supported the safety of other "
     "people"),
    ("Does planning reflect the offending-related factors and prioritise the most critical?",
     "planning reflected the offending-related factors and prioritised the most critical"),
    ("Is the service user meaningfully involved in planning?",
     "the service user was meaningfully involved in planning"),
    ("Is there effective coordination of resettlement activity?",
     "there was effective coordination of resettlement activity"),
    ("Are transfers between placements handled effectively?",
     "transfers between placements were handled effectively"),
    ("Did the inspector agree with the RoSH classification?",
     "the inspector agreed with the RoSH classification"),
    ("Was enforcement action taken when appropriate?",
     "enforcement action was taken when appropriate"),
    ("Is the level and nature of contact sufficient to manage the risk of harm?",
     "the level and nature of contact was sufficient to manage the risk of harm"),
    ("Is the involvement of other agencies in managing the risk of harm well coordinated?",
     "the involvement of other agencies in managing the risk of harm was well coordinated"),
    ("Was a resettlement plan in place and completed on time?",
     "a resettlement plan was in place and completed on time"),
    ("Was the first planned appointment with the assigned officer within five days?",
     "the first planned appointment with the assigned officer was within five days"),
    ("Are the reasons for missed appointments recorded, with judgement applied?",
     "the reasons for missed appointments were recorded, with judgement applied"),
    ("Are engagement and barriers reviewed, with adjustments made?",
     "engagement and barriers were reviewed, with adjustments made"),
    ("Is the offender actively and meaningfully involved in assessment?",
     "the offender was actively and meaningfully involved in assessment"),
    ("Was a full analysis of risk of serious harm of sufficient quality completed?",
     "a full analysis of risk of serious harm of sufficient quality was completed"),
    # The participle describes the subject here; no safe statement, so the question is quoted.
    ("Are the services delivered those most likely to reduce reoffending?", None),
    ("Can we say?", None),
    ("Does it?", None),
    ("Does assessment wobble about?", None),
])
def test_question_statement(question: str, statement: str | None) -> None:
    assert question_statement(question) == statement


def test_every_crc_question_but_one_has_a_statement() -> None:
    framework = load_framework("hmip-crc-2018")
    quoted = [q.id for kq in framework.key_questions() for q in (kq, *kq.prompts)
              if question_statement(q.text) is None]
    assert quoted == ["2.3.2.p1"]


def test_a_whole_sample_sentence_gives_the_per_cent_as_the_inspectorate_writes_it() -> None:
    sentence = finding_sentence(
        Tally("2.2.1", yes=79, no=51),
        "Does planning focus sufficiently on engaging the service user?",
        whole_sample=True,
    )
    assert sentence is not None
    assert sentence.text == ("In 61 per cent of the cases we inspected, planning focused "
                             "sufficiently on engaging the service user.")
    assert sentence.figure == "79 of 130 relevant cases (60.8 per cent)"
    assert (sentence.yes, sentence.relevant, sentence.percent) == (79, 130, 61)


def test_a_sub_sample_sentence_gives_the_counts() -> None:
    sentence = finding_sentence(
        Tally("2.4.3", yes=36, no=31, not_applicable=38, not_relevant=25),
        "Does reviewing focus sufficiently on keeping other people safe?",
        whole_sample=False,
    )
    assert sentence is not None
    assert sentence.text == ("Reviewing focused sufficiently on keeping other people safe in "
                             "36 (54 per cent) of the 67 relevant cases.")


def test_a_verbal_sentence_names_the_proportion_and_keeps_the_exact_figure() -> None:
    sentence = finding_sentence(Tally("x", yes=94, no=36), "Does reviewing identify risks?",
                                whole_sample=True, verbal=True)
    assert sentence is not None
    assert sentence.text == ("In almost three-quarters of the cases we inspected, reviewing "
                             "identified risks.")
    assert sentence.percent == 72
    assert exact_figure(Tally("x", yes=94, no=36)) == "94 of 130 relevant cases (72.3 per cent)"


def test_all_and_none_are_given_in_per_cent_in_a_verbal_sentence() -> None:
    sentence = finding_sentence(Tally("x", yes=10), "Does planning set out the work?",
                                whole_sample=True, verbal=True)
    assert sentence is not None
    assert sentence.text.startswith("In 100 per cent of the cases")


def test_a_question_of_unknown_form_is_quoted() -> None:
    sentence = finding_sentence(Tally("x", yes=1, no=1), "Can we say?", whole_sample=True)
    assert sentence is not None
    assert sentence.text == (
        "In 50 per cent of the cases we inspected, the answer to 'Can we say?' was yes.")
    relevant = finding_sentence(Tally("x", yes=1, no=1), "Can we say?", whole_sample=False)
    assert relevant is not None
    assert relevant.text == (
        "The answer to 'Can we say?' was yes in 1 (50 per cent) of the 2 relevant cases.")


def test_no_relevant_case_gives_no_sentence() -> None:
    assert finding_sentence(Tally("x", not_relevant=4), "Does it work?", whole_sample=True) is None


@given(relevant=st.integers(1, 400), data=st.data())
@settings(max_examples=200, deadline=None)
def test_verbal_words_never_misstate_the_side_of_the_proportion(
    relevant: int, data: st.DataObject
) -> None:
    yes = data.draw(st.integers(0, relevant))
    words = verbal_proportion(yes, relevant)
    exact = Fraction(100 * yes, relevant)
    named = dict((text, value) for value, text in PROPORTIONS)
    if words is None:
        assert 0 < yes < relevant
        assert min(abs(exact - value) for value in named.values()) > 4
    elif words.startswith("almost "):
        assert named[words.removeprefix("almost ")] - 4 <= exact < named[
            words.removeprefix("almost ")]
    elif words.startswith("just over "):
        assert named[words.removeprefix("just over ")] < exact <= named[
            words.removeprefix("just over ")] + 4
    elif words in named:
        assert abs(exact - named[words]) < Fraction(1, 2)
    else:
        assert (words, yes) in (("none", 0), ("all", relevant))


def test_a_discretion_footnote_cites_the_figures_only_where_recorded() -> None:
    from probation_inspection.reporting.wording import discretion_footnote
    from probation_inspection.scoring import Discretion

    published = Discretion("Inadequate", "Requires improvement", "Wider evidence.")
    assert discretion_footnote(published) == "Wider evidence."  # nothing new is printed
    cited = Discretion("Inadequate", "Requires improvement", "Wider evidence",
                       figure="key question 2.2.3: 50 (48%) of 105")
    assert discretion_footnote(cited) == (
        "Wider evidence. The case data: key question 2.2.3: 50 (48%) of 105."
    )
