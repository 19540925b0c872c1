"""Small hand-built frameworks for unit-testing the scoring rules.

Owns the tiny frameworks only; the shipped framework is exercised by the acceptance tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from probation_inspection.framework.model import (
    AttributeType,
    CaseAttribute,
    CaseAttributes,
    Domain,
    Framework,
    KeyQuestion,
    Prompt,
    RatingBand,
    RatingMethod,
    RatingScheme,
    Relevance,
    Standard,
)
from sample_ids import SampleType

LABELS = ("Inadequate", "Requires improvement", "Good", "Outstanding")

#: The published reports' bands, written out here so unit tests need no loader.
SCHEME = RatingScheme(
    labels=LABELS,
    percentage_bands=(
        RatingBand("Inadequate", 0, 49),
        RatingBand("Requires improvement", 50, 64),
        RatingBand("Good", 65, 79),
        RatingBand("Outstanding", 80, 100),
    ),
    scores={"Inadequate": 0, "Requires improvement": 1, "Good": 2, "Outstanding": 3},
    overall_bands=(
        RatingBand("Inadequate", 0, 5),
        RatingBand("Requires improvement", 6, 15),
        RatingBand("Good", 16, 25),
        RatingBand("Outstanding", 26, 30),
    ),
)

#: A deliberately different scheme: proves the rules read bands and scores from the framework.
TRAFFIC_LIGHTS = RatingScheme(
    labels=("Red", "Amber", "Green"),
    percentage_bands=(
        RatingBand("Red", 0, 59),
        RatingBand("Amber", 60, 89),
        RatingBand("Green", 90, 100),
    ),
    scores={"Red": 0, "Amber": 5, "Green": 10},
    overall_bands=(
        RatingBand("Red", 0, 9),
        RatingBand("Amber", 10, 14),
        RatingBand("Green", 15, 20),
    ),
)


@dataclass(frozen=True)
class Is:
    """Relevance rule ``attribute == value``, standing in for the parsed expression language."""

    attribute: str
    value: object

    def evaluate(self, case: CaseAttributes) -> bool:
        return case[self.attribute] == self.value

    def attributes(self) -> frozenset[str]:
        return frozenset({self.attribute})


def relevance(attribute: str, value: object) -> Relevance:
    return Relevance(f"{attribute} == {value!r}", Is(attribute, value))


ROSH = relevance("rosh_issues", True)


def key_questions(standard_id: str, count: int) -> tuple[KeyQuestion, ...]:
    return tuple(
        KeyQuestion(f"{standard_id}.{n}", f"Key question {standard_id}.{n}?")
        for n in range(1, count + 1)
    )


def case_data(standard_id: str, count: int, sample: SampleType) -> Standard:
    return Standard(
        standard_id,
        f"Standard {standard_id}",
        "Case work is good.",
        RatingMethod.LOWEST_KEY_QUESTION,
        sample,
        key_questions(standard_id, count),
    )


def judgement(standard_id: str) -> Standard:
    return Standard(
        standard_id, f"Standard {standard_id}", "It is led well.", RatingMethod.JUDGEMENT
    )


def tiny_framework(scheme: RatingScheme = SCHEME) -> Framework:
    """Ten rated standards shaped like the reports' (4 judgement, 6 case data) plus one unrated."""
    planning = Standard(
        "2.2",
        "Planning",
        "Planning is good.",
        RatingMethod.LOWEST_KEY_QUESTION,
        SampleType.CASE_SUPERVISION,
        (
            KeyQuestion(
                "2.2.1",
                "Does planning engage?",
                prompts=(Prompt("2.2.1.a", "Is the plan agreed?"),),
            ),
            KeyQuestion(
                "2.2.2",
                "Does planning keep other people safe?",
                prompts=(
                    Prompt("2.2.2.a", "Are risks addressed?"),
                    Prompt(
                        "2.2.2.b",
                        "Does it address domestic abuse?",
                        relevance=relevance("domestic_abuse", True),
                    ),
                ),
                relevance=ROSH,
            ),
        ),
    )
    return Framework(
        id="tiny",
        version="1",
        title="Tiny framework for tests",
        attributes=(
            CaseAttribute("rosh_issues", AttributeType.BOOLEAN, "RoSH issues apply"),
            CaseAttribute("domestic_abuse", AttributeType.BOOLEAN, "Domestic abuse"),
        ),
        domains=(
            Domain("1", "Organisational delivery", tuple(judgement(f"1.{n}") for n in range(1, 5))),
            Domain(
                "2",
                "Case supervision",
                (
                    case_data("2.1", 3, SampleType.CASE_SUPERVISION),
                    planning,
                    case_data("2.3", 3, SampleType.CASE_SUPERVISION),
                    case_data("2.4", 3, SampleType.CASE_SUPERVISION),
                ),
            ),
            Domain(
                "4",
                "Unpaid work and Through the Gate",
                (
                    case_data("4.1", 4, SampleType.UNPAID_WORK),
                    case_data("4.2", 3, SampleType.THROUGH_THE_GATE),
                ),
            ),
            Domain(
                "9",
                "Thematic",
                (
                    Standard(
                        "9.1",
                        "Thematic finding",
                        "Reported, not rated.",
                        RatingMethod.UNRATED,
                        key_questions=key_questions("9.1", 1),
                    ),
                ),
            ),
        ),
        rating=scheme,
    )


def small_framework(scheme: RatingScheme) -> Framework:
    """Two case-data standards of two key questions each, rated by ``scheme``."""
    return Framework(
        id="small",
        version="1",
        title="Small framework",
        attributes=(),
        domains=(
            Domain(
                "2",
                "Case supervision",
                (
                    case_data("2.1", 2, SampleType.CASE_SUPERVISION),
                    case_data("2.2", 2, SampleType.CASE_SUPERVISION),
                ),
            ),
        ),
        rating=scheme,
    )
