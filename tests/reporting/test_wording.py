"""Findings sentences and the table of proportion phrases, at its edges and for every count."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.framework import load_framework
from probation_inspection.reporting import finding_sentence, question_statement, verbal_proportion
from probation_inspection.reporting.wording import (
    NEGATIVE_BELOW,
    PROPORTION_PHRASES,
    exact_figure,
    framing,
    proportion_phrase,
    question_statements,
    share_of,
)
from probation_inspection.scoring import Tally


@pytest.mark.parametrize(("yes", "relevant", "words"), [
    (0, 5, "none"),
    (5, 5, "all"),
    (2, 3, "two-thirds"),  # exactly the proportion
    (1, 2, "half"),
    (1, 4, "a quarter"),
    (1, 3, "around a third"),
    # The seeds' key questions, with the words the published reports give them.
    (67, 100, "two-thirds"),  # 000 L484, 2.1.1
    (66, 100, "two-thirds"),  # 000 L552, 2.3.2
    (68, 100, "just over two-thirds"),  # 000 L488, 2.1.2 "over two-thirds"
    (64, 100, "almost two-thirds"),  # 000 L514, 2.2.2
    (72, 100, "almost three-quarters"),  # 000 L628, 4.1.2
    (78, 100, "over three-quarters"),  # 000 L580, 2.4.1
    (79, 100, "over three-quarters"),  # 000 L630, 4.1.4
    (51, 100, "just over half"),  # 000 L633, 4.1.3
    (58, 100, "just over half"),  # 002 L547, 4.2.1
    (50, 100, "half"),  # 000 L660, 4.2.3
    (60, 100, "six in ten"),  # 002 L488, 2.4.2 "6 out of 10"
    (32, 100, "just under a third"),  # 002 L472, 2.3.3
    (46, 100, "just under half"),  # 004 L508: 2.2.3 not met in 46 per cent
    (42, 100, "less than half"),
    (95, 100, "almost all"),  # 000 L351
    (88, 100, "almost nine in ten"),
    (1, 100, "a minority"),
    # A fraction covers the shares that round to it.
    (1005, 2000, "half"),  # 50.25
    (199, 400, "half"),  # 49.75, rounds to 50
    (101, 200, "just over half"),  # 50.5, rounds to 51
    (99, 200, "half"),  # 49.5 rounds to 50
    (989, 2000, "just under half"),  # 49.45 rounds to 49
    (65, 100, "almost two-thirds"),
    (3, 9, "around a third"),
])
def test_verbal_proportion(yes: int, relevant: int, words: str) -> None:
    assert verbal_proportion(yes, relevant) == words


def test_the_phrase_table_runs_from_none_to_all_without_gap_or_overlap() -> None:
    rows = PROPORTION_PHRASES
    assert (rows[0].words, rows[0].low, rows[0].high) == ("none", 0, 0)
    assert (rows[-1].words, rows[-1].low, rows[-1].high) == ("all", 100, 100)
    for before, after in zip(rows[1:-1], rows[2:-1], strict=False):
        assert before.high == after.low, (before.words, after.words)
    assert rows[1].low == 0 and not rows[1].includes_low
    assert rows[-2].high == 100
    assert len({row.words for row in rows}) == len(rows)
    assert all(row.seeds for row in rows)


#: What each phrase's own words claim about the share, read independently of the table:
#: a named fraction within a point, "almost"/"just under"/"less than" below it,
#: "just over"/"over" above it.
_NAMED = {"a quarter": Fraction(25), "a third": Fraction(100, 3), "half": Fraction(50),
          "six in ten": Fraction(60), "two-thirds": Fraction(200, 3),
          "three-quarters": Fraction(75), "eight in ten": Fraction(80),
          "nine in ten": Fraction(90)}


def _claim_holds(words: str, share: Fraction) -> bool:
    if words == "none":
        return share == 0
    if words == "all":
        return share == 100
    if words == "almost all":
        return 90 < share < 100
    if words == "a minority":
        return 0 < share < 50
    match = re.fullmatch(r"(almost|just under|less than|just over|over|around)? ?(.+)", words)
    assert match is not None
    qualifier, name = match.groups()
    value = _NAMED[name]
    if qualifier in ("almost", "just under"):
        return value - 5 <= share < value
    if qualifier == "less than":
        return value - 10 <= share < value
    if qualifier in ("just over", "over"):
        return value < share <= value + 10
    # The fraction itself, or "around" it: the whole per cent it rounds to is within a point.
    return abs(share - value) < Fraction(3, 2)


@given(relevant=st.integers(1, 600), data=st.data())
@settings(max_examples=400, deadline=None)
def test_every_count_gets_the_tables_phrase_and_its_words_contain_the_true_share(
    relevant: int, data: st.DataObject
) -> None:
    yes = data.draw(st.integers(0, relevant))
    share = Fraction(100 * yes, relevant)
    words = verbal_proportion(yes, relevant)
    rows = [row for row in PROPORTION_PHRASES if row.covers(share)]
    assert [row.words for row in rows] == [words]  # exactly one row, and it is the one used
    assert _claim_holds(words, share), (yes, relevant, words)
    chosen = framing(yes, relevant)
    # Negative below the threshold: the words then describe the cases that fell short.
    assert chosen.negative == (0 < share < NEGATIVE_BELOW)
    told = 100 - share if chosen.negative else share
    assert chosen.share == told
    assert _claim_holds(chosen.phrase.words, told)
    if chosen.negative:
        assert chosen.share > 100 - NEGATIVE_BELOW  # "not done in most": never a minority


def test_without_a_negative_statement_a_low_share_stays_positive() -> None:
    chosen = framing(1, 10, negatable=False)
    assert (chosen.negative, chosen.phrase.words) == (False, "a minority")
    assert (framing(1, 10).negative, framing(1, 10).phrase.words) == (True, "nine in ten")


def test_the_share_is_exact_not_rounded() -> None:
    assert share_of(2, 3) == Fraction(200, 3)
    assert proportion_phrase(Fraction(200, 3)).words == "two-thirds"
    with pytest.raises(ValueError, match="not a share"):
        proportion_phrase(Fraction(101))


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
    # The participle describes the subject; the predicate begins at "those".
    ("Are the services delivered those most likely to reduce reoffending?",
     "the services delivered were those most likely to reduce reoffending"),
    ("Can we say?", None),
    ("Does it?", None),
    ("Does assessment wobble about?", None),
])
def test_question_statement(question: str, statement: str | None) -> None:
    assert question_statement(question) == statement


@pytest.mark.parametrize(("question", "negative"), [
    ("Does planning focus sufficiently on engaging the service user?",
     "planning did not focus sufficiently on engaging the service user"),
    ("Does planning reflect the offending-related factors and prioritise the most critical?",
     "planning did not reflect the offending-related factors and prioritise the most critical"),
    ("Does assessment clearly identify and analyse the risk of harm to others?",
     "assessment did not clearly identify and analyse the risk of harm to others"),
    ("Are home visits undertaken to support the management of the risk of harm?",
     "home visits were not undertaken to support the management of the risk of harm"),
    ("Is information sought from other agencies where appropriate?",
     "information was not sought from other agencies where appropriate"),
    ("Is there a clear written record of the plan?",
     "there was no clear written record of the plan"),
    ("Is there effective coordination of resettlement activity?",
     "there was no effective coordination of resettlement activity"),
    ("Is the offender actively and meaningfully involved in assessment?",
     "the offender was not actively and meaningfully involved in assessment"),
    ("Are the services delivered those most likely to reduce reoffending?",
     "the services delivered were not those most likely to reduce reoffending"),
    ("Did the inspector agree with the RoSH classification?",
     "the inspector did not agree with the RoSH classification"),
])
def test_the_negative_statement_comes_from_the_questions_own_words(
    question: str, negative: str
) -> None:
    statement = question_statements(question)
    assert statement is not None
    assert statement.negative == negative


def test_every_crc_question_has_both_statements() -> None:
    framework = load_framework("hmip-crc-2018")
    questions = [q for kq in framework.key_questions() for q in (kq, *kq.prompts)]
    missing = [q.id for q in questions if question_statements(q.text) is None]
    assert missing == []
    for question in questions:
        statement = question_statements(question.text)
        assert statement is not None
        assert " not " in f" {statement.negative} " or " no " in f" {statement.negative} "
        assert statement.positive != statement.negative


def test_a_whole_sample_key_question_gives_the_per_cent_as_the_inspectorate_writes_it() -> None:
    sentence = finding_sentence(
        Tally("2.2.1", yes=79, no=51),
        "Does planning focus sufficiently on engaging the service user?",
        whole_sample=True,
    )
    assert sentence is not None
    assert sentence.text == ("In 61 per cent of the cases we inspected, planning focused "
                             "sufficiently on engaging the service user.")  # 000 L506
    # Over the whole sample: "cases", never "relevant cases".
    assert sentence.figure == "79 of 130 cases (60.8 per cent)"
    assert sentence.source == "2.2.1: 79 of 130 cases (60.8 per cent)"
    assert (sentence.yes, sentence.relevant, sentence.percent) == (79, 130, 61)


def test_a_sub_sample_key_question_gives_the_counts() -> None:
    sentence = finding_sentence(
        Tally("2.4.3", yes=36, no=31, not_applicable=38, not_relevant=25),
        "Does reviewing focus sufficiently on keeping other people safe?",
        whole_sample=False,
    )
    assert sentence is not None
    assert sentence.text == ("Reviewing focused sufficiently on keeping other people safe in "
                             "36 (54 per cent) of the 67 relevant cases.")  # 000 L590
    assert sentence.figure == "36 of 67 relevant cases (53.7 per cent)"


def test_a_verbal_sentence_names_the_proportion_and_keeps_the_exact_figure() -> None:
    sentence = finding_sentence(Tally("x", yes=94, no=36), "Does reviewing identify risks?",
                                whole_sample=True, verbal=True)
    assert sentence is not None
    assert sentence.text == ("In almost three-quarters of the cases we inspected, reviewing "
                             "identified risks.")
    assert (sentence.percent, sentence.phrase, sentence.negative) == (72, "almost three-quarters",
                                                                      False)
    assert exact_figure(Tally("x", yes=94, no=36)) == "94 of 130 relevant cases (72.3 per cent)"


def test_when_most_cases_fall_short_the_sentence_says_what_was_not_done() -> None:
    # The Wales report: home visits not undertaken "in almost two-thirds of relevant cases".
    sentence = finding_sentence(
        Tally("2.3.3.p5", yes=8, no=15, not_relevant=107),
        "Are home visits undertaken to support the management of the risk of harm?",
        whole_sample=False, verbal=True,
    )
    assert sentence is not None
    assert sentence.text == ("Home visits were not undertaken to support the management of the "
                             "risk of harm in almost two-thirds of the relevant cases.")
    assert sentence.negative
    assert sentence.source == "2.3.3.p5: 8 of 23 relevant cases (34.8 per cent)"
    whole = finding_sentence(Tally("x", yes=45, no=85),
                             "Does planning set out contingency arrangements?",
                             whole_sample=True, verbal=True)
    assert whole is not None
    assert whole.text == ("In almost two-thirds of the cases we inspected, planning did not "
                          "set out contingency arrangements.")


def test_tenths_are_counted_out_of_ten_cases_not_of_the_cases() -> None:
    sentence = finding_sentence(Tally("x", yes=61, no=39), "Does planning set out the work?",
                                whole_sample=True, verbal=True)
    assert sentence is not None
    assert sentence.text == "In over six in ten cases we inspected, planning set out the work."
    relevant = finding_sentence(Tally("x", yes=9, no=1), "Does planning set out the work?",
                                whole_sample=False, verbal=True)
    assert relevant is not None
    assert relevant.text == "Planning set out the work in nine in ten relevant cases."


def test_from_forty_per_cent_the_sentence_stays_positive() -> None:
    sentence = finding_sentence(Tally("x", yes=45, no=55), "Does planning set out the work?",
                                whole_sample=False, verbal=True)
    assert sentence is not None
    assert sentence.text == "Planning set out the work in just under half of the relevant cases."


@pytest.mark.parametrize(("yes", "no", "whole", "text"), [
    (10, 0, True, "In all of the cases we inspected, planning set out the work."),
    (0, 10, True, "In none of the cases we inspected, planning set out the work."),
    (4, 0, False, "Planning set out the work in all of the relevant cases."),
    (0, 4, False, "Planning set out the work in none of the relevant cases."),
])
def test_all_and_none_are_words_in_a_verbal_sentence(
    yes: int, no: int, whole: bool, text: str
) -> None:
    sentence = finding_sentence(Tally("x", yes=yes, no=no), "Does planning set out the work?",
                                whole_sample=whole, verbal=True)
    assert sentence is not None
    assert sentence.text == text


@pytest.mark.parametrize(("yes", "no", "whole", "text"), [
    (10, 0, True, "In all of the cases we inspected, planning set out the work."),
    (0, 10, True, "In none of the cases we inspected, planning set out the work."),
    (4, 0, False, "Planning set out the work in all 4 relevant cases."),
    (0, 4, False, "Planning set out the work in none of the 4 relevant cases."),
    (1, 0, False, "Planning set out the work in the one relevant case."),
    (0, 1, False, "Planning did not set out the work in the one relevant case."),
])
def test_a_key_question_at_all_none_and_one_case_is_in_words(
    yes: int, no: int, whole: bool, text: str
) -> None:
    sentence = finding_sentence(Tally("x", yes=yes, no=no), "Does planning set out the work?",
                                whole_sample=whole)
    assert sentence is not None
    assert sentence.text == text
    assert "100 per cent" not in sentence.text and "(0 per cent)" not in sentence.text


@pytest.mark.parametrize("verbal", [False, True])
@pytest.mark.parametrize(("yes", "no", "whole", "text"), [
    (1, 0, True, "In the one case we inspected, planning set out the work."),
    (0, 1, True, "In the one case we inspected, planning did not set out the work."),
    (1, 0, False, "Planning set out the work in the one relevant case."),
    (0, 1, False, "Planning did not set out the work in the one relevant case."),
])
def test_one_case_is_the_one_case_in_every_sentence(
    yes: int, no: int, whole: bool, text: str, verbal: bool
) -> None:
    # Not "in all of the cases we inspected" of a sample of one, prompt or key question.
    sentence = finding_sentence(Tally("x", yes=yes, no=no), "Does planning set out the work?",
                                whole_sample=whole, verbal=verbal)
    assert sentence is not None
    assert sentence.text == text
    assert sentence.negative == (yes == 0)
    unknown = finding_sentence(Tally("x", yes=yes, no=no), "Can we say?", whole_sample=whole,
                               verbal=verbal)
    assert unknown is not None
    assert f"nswer to 'Can we say?' was {'yes' if yes else 'no'}" in unknown.text


def test_a_question_of_unknown_form_is_quoted() -> None:
    sentence = finding_sentence(Tally("x", yes=1, no=1), "Can we say?", whole_sample=True)
    assert sentence is not None
    assert sentence.text == (
        "In 50 per cent of the cases we inspected, the answer to 'Can we say?' was yes.")
    relevant = finding_sentence(Tally("x", yes=1, no=1), "Can we say?", whole_sample=False)
    assert relevant is not None
    assert relevant.text == (
        "The answer to 'Can we say?' was yes in 1 (50 per cent) of the 2 relevant cases.")
    # With no negative statement, a low share is put positively.
    low = finding_sentence(Tally("x", yes=1, no=9), "Can we say?", whole_sample=True,
                           verbal=True)
    assert low is not None
    assert low.text == ("In a minority of the cases we inspected, the answer to 'Can we say?' "
                        "was yes.")


def test_no_relevant_case_gives_no_sentence() -> None:
    assert finding_sentence(Tally("x", not_relevant=4), "Does it work?", whole_sample=True) is None


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
