"""Representativeness table and the methodology sentence the reports print."""

from __future__ import annotations

import pytest
from sampling_helpers import FIELDWORK, case_list_from_rows, population_from_counts

from probation_inspection.sampling import (
    DropOutReason,
    Field,
    draw,
    eligible,
    methodology,
    number_words,
    representativeness,
    substitute,
)
from probation_inspection.sampling.representativeness import join_words, plain_figure
from sample_ids import SampleType

#: The case supervision sentence of the Wales inspection [000 L692].
WALES = (
    "We examined 130 cases from across five local delivery units. The sample size was set to "
    "achieve a confidence level of 80 per cent (with a margin of error of 5), and we ensured "
    "that the ratios in relation to gender, type of disposal and risk of serious harm level "
    "matched those in the eligible population."
)


@pytest.mark.parametrize(
    ("number", "words"),
    [(0, "zero"), (1, "one"), (5, "five"), (11, "eleven"), (20, "twenty"), (21, "21"),
     (130, "130"), (1500, "1,500")],
)
def test_number_words(number: int, words: str) -> None:
    assert number_words(number) == words


def test_join_words_has_no_serial_comma() -> None:
    assert join_words(["gender"]) == "gender"
    assert join_words(["gender", "risk"]) == "gender and risk"
    assert join_words(["a", "b", "c"]) == "a, b and c"


def test_the_wales_sentence_is_generated_from_the_sample() -> None:
    # 600 eligible cases: 130 is the size 80 per cent and a margin of 5 give.
    counts = {("Male", "CO", "Medium"): 300, ("Female", "Licence", "Low"): 100,
              ("Male", "SSO", "High"): 200}
    population = population_from_counts(
        counts, units=("Cardiff", "Swansea", "Bridgend", "Newport", "Wrexham")
    )
    sample = draw(population, seed=1, size=130)
    assert methodology(sample) == WALES


def test_an_integer_margin_reads_as_the_reports_print_it() -> None:
    # An int margin once crashed the sentence: int has no is_integer() before Python 3.12.
    # 600 eligible cases: 130 is the size 80 per cent and a margin of 5 give.
    counts = {("Male", "CO", "Medium"): 300, ("Female", "Licence", "Low"): 100,
              ("Male", "SSO", "High"): 200}
    population = population_from_counts(
        counts, units=("Cardiff", "Swansea", "Bridgend", "Newport", "Wrexham")
    )
    sample = draw(population, seed=1, size=130, confidence=0.8, margin=5)
    assert methodology(sample) == WALES
    assert [plain_figure(5), plain_figure(80.0), plain_figure(2.5)] == ["5", "80", "2.5"]


def test_unit_noun_one_unit_and_no_units() -> None:
    population = population_from_counts({("Male", "CO", "Low"): 30}, units=("Stoke",))
    sample = draw(population, seed=1, size=25, confidence=0.9, margin=7.5)
    assert methodology(sample, unit="cluster") == (
        "We examined 25 cases from one cluster. The sample size was set to achieve a "
        "confidence level of 90 per cent (with a margin of error of 7.5), and we ensured that "
        "the ratios in relation to gender, type of disposal and risk of serious harm level "
        "matched those in the eligible population."
    )
    # Nine of 30 is a size set by hand (90 per cent and 7.5 give 25): no margin is claimed.
    by_hand = draw(population, seed=1, size=9, confidence=0.9, margin=7.5)
    assert methodology(by_hand, unit="cluster") == (
        "We examined nine cases from one cluster. The sample size was set by the inspection "
        "team rather than calculated for a confidence level and margin of error, and we "
        "ensured that the ratios in relation to gender, type of disposal and risk of serious "
        "harm level matched those in the eligible population."
    )
    population = population_from_counts({("Male", "CO", "Low"): 30}, units=("",))
    assert methodology(draw(population, seed=1, size=1)).startswith("We examined one case. ")


def test_unpaid_work_names_gender_and_rosh_only_and_ttg_names_no_ratios() -> None:
    header = ("CRN", "Gender", "RoSH", "UPW start date", "LDU")
    rows = [(f"U{i}", "Male" if i % 3 else "Female", "Low", "2018-10-01", "A" if i % 2 else "B")
            for i in range(60)]
    case_list = case_list_from_rows(rows, header, SampleType.UNPAID_WORK)
    sample = draw(eligible(case_list, SampleType.UNPAID_WORK, FIELDWORK), seed=2)
    assert methodology(sample).endswith(
        "in relation to gender and risk of serious harm level matched those in the eligible "
        "population."
    )
    header = ("CRN", "Release date", "LDU")
    case_list = case_list_from_rows([("T1", "2019-01-10", "A"), ("T2", "2019-01-11", "B")],
                                    header, SampleType.THROUGH_THE_GATE)
    sample = draw(eligible(case_list, SampleType.THROUGH_THE_GATE, FIELDWORK), seed=2)
    assert methodology(sample) == (
        "We examined two cases from across two local delivery units. The sample size was set to "
        "achieve a confidence level of 80 per cent (with a margin of error of 5)."
    )
    assert representativeness(sample) == ()


def test_representativeness_shares_and_largest_difference() -> None:
    counts = {
        ("Male", "CO", "Low"): 45, ("Female", "CO", "High"): 5, ("Male", "Licence", "High"): 50
    }
    sample = draw(population_from_counts(counts), seed=4, size=3)
    # Exact shares 1.35, 0.15, 1.5: allocations 1, 0, 2.
    gender, disposal, rosh = representativeness(sample)
    assert gender.field is Field.GENDER and gender.label == "gender"
    assert [(s.value, s.population, s.sample) for s in gender.shares] == [
        ("male", 95, 3), ("female", 5, 0)
    ]
    assert gender.shares[0].population_percent == pytest.approx(95)
    assert gender.shares[0].sample_percent == pytest.approx(100)
    assert gender.largest_difference == pytest.approx(5)
    assert [(s.value, s.population, s.sample) for s in disposal.shares] == [
        ("community-order", 50, 1), ("licence", 50, 2)
    ]
    assert disposal.largest_difference == pytest.approx(100 * 2 / 3 - 50)
    assert [s.value for s in rosh.shares] == ["low", "high"]
    assert rosh.as_dict()["values"][0] == {  # type: ignore[index]
        "value": "low", "population": 45, "population_percent": 45.0, "sample": 1,
        "sample_percent": 33.3, "difference": -11.7,
    }


def test_representativeness_is_unchanged_by_substitution() -> None:
    sample = draw(population_from_counts({("Male", "CO", "Low"): 40, ("Female", "CO", "Low"): 20}),
                  seed=9)
    after = substitute(sample, sample.cases[0].crn, DropOutReason.DECEASED)
    assert representativeness(after) == representativeness(sample)
