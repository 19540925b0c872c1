"""The per-standard rating fields (scored, minimum relevant cases to rate) and the overall rule.

Each is read from the file with its default, kept in the JSON form, and refused with its code
and line when wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from probation_inspection.framework import (
    Code,
    FrameworkError,
    WhenNotRated,
    load_framework,
    load_framework_text,
)
from probation_inspection.framework.serialise import framework_to_dict

FRAMEWORKS = Path(__file__).parent.parent / "fixtures" / "frameworks"
VALID = (FRAMEWORKS / "valid-minimal.yaml").read_text(encoding="utf-8")
PLANNING = '        rating_method: lowest-key-question\n'
LEADERSHIP = '        rating_method: judgement\n'


def problems(text: str) -> list[tuple[Code, int | None, str, str]]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, "broken.yaml")
    return [(p.code, p.line, p.element, p.message) for p in caught.value.problems]


def test_defaults_score_every_rated_standard_and_leave_the_overall_not_rated() -> None:
    framework = load_framework_text(VALID)
    assert framework.rating is not None
    assert [s.scored for s in framework.standards()] == [True, True]
    assert framework.rating.minimum_relevant_cases_to_rate is None
    assert framework.rating.when_not_rated is WhenNotRated.NOT_RATED
    assert framework.maximum_score == 2
    data = framework_to_dict(framework)
    assert data["max_score"] == 2
    assert data["rating"]["overall"] == {"when_not_rated": "not-rated"}
    assert "minimum_relevant_cases_to_rate" not in data["rating"]
    planning = data["domains"][0]["standards"][1]
    assert (planning["scored"], planning["minimum_relevant_cases_to_rate"]) == (True, None)


def test_the_shipped_crc_framework_scores_all_ten_standards_out_of_30() -> None:
    framework = load_framework("hmip-crc-2018")
    assert len(framework.scored_standards()) == 10
    assert framework.maximum_score == 30


def test_declared_fields_are_read_and_an_unscored_standard_leaves_the_maximum() -> None:
    text = (VALID
            .replace(LEADERSHIP, LEADERSHIP + "        scored: false\n")
            .replace(PLANNING, PLANNING + "        minimum_relevant_cases_to_rate: 3\n")
            .replace("breakdowns:", "  minimum_relevant_cases_to_rate: 5\n  overall:\n"
                     "    when_not_rated: score-over-rated\nbreakdowns:", 1)
            # one scored standard: the overall bands now run 0-1
            .replace("    - {label: High, minimum: 1, maximum: 2}",
                     "    - {label: High, minimum: 1, maximum: 1}"))
    framework = load_framework_text(text)
    assert framework.rating is not None
    leadership, planning = framework.standards()
    assert (leadership.scored, planning.scored) == (False, True)
    assert [s.id for s in framework.scored_standards()] == ["1.2"]
    assert framework.maximum_score == 1
    assert framework.rating.when_not_rated is WhenNotRated.SCORE_OVER_RATED
    assert framework.minimum_relevant_cases_to_rate(planning) == 3  # its own
    assert framework.rating.minimum_relevant_cases_to_rate == 5
    assert framework.minimum_relevant_cases_to_rate(leadership) == 5  # the scheme's
    data = framework_to_dict(framework)
    assert data["rating"]["minimum_relevant_cases_to_rate"] == 5
    assert data["rating"]["overall"] == {"when_not_rated": "score-over-rated"}
    assert data["domains"][0]["standards"][0]["scored"] is False


def test_overall_bands_must_cover_the_scored_standards_only() -> None:
    # 1.1 unscored leaves a maximum of 1, so a band reaching 2 is outside the possible totals.
    text = VALID.replace(LEADERSHIP, LEADERSHIP + "        scored: false\n")
    assert [(code, element) for code, _, element, _ in problems(text)] == [
        (Code.OVERALL_BAND_GAP, "rating.overall_bands[1]")
    ]


@pytest.mark.parametrize("value", ["'yes'", "1", "~"])
def test_scored_must_be_true_or_false(value: str) -> None:
    text = VALID.replace(PLANNING, PLANNING + f"        scored: {value}\n")
    ((code, line, element, message),) = problems(text)
    assert (code, line, element) == (Code.WRONG_TYPE, 36, "1.2")
    assert "'scored' must be true or false" in message


@pytest.mark.parametrize("value", ["0", "2.5", "many", "false"])
def test_a_minimum_to_rate_must_be_a_whole_number_of_cases(value: str) -> None:
    text = VALID.replace(PLANNING, PLANNING + f"        minimum_relevant_cases_to_rate: {value}\n")
    ((code, line, element, message),) = problems(text)
    assert (code, line, element) == (Code.INVALID_MINIMUM_RELEVANT_CASES, 36, "1.2")
    assert "1 or more" in message
    scheme = VALID.replace("breakdowns:", f"  minimum_relevant_cases_to_rate: {value}\n"
                           "breakdowns:", 1)
    ((code, line, element, _),) = problems(scheme)
    assert (code, line, element) == (
        Code.INVALID_MINIMUM_RELEVANT_CASES, 22, "rating.minimum_relevant_cases_to_rate"
    )


def test_the_overall_rule_must_be_one_of_the_declared_rules() -> None:
    text = VALID.replace("breakdowns:", "  overall:\n    when_not_rated: average\nbreakdowns:", 1)
    ((code, line, element, message),) = problems(text)
    assert (code, line, element) == (Code.INVALID_VALUE, 23, "rating.overall")
    assert "expected one of: not-rated, score-over-rated" in message
    text = VALID.replace("breakdowns:", "  overall:\n    if_missing: x\nbreakdowns:", 1)
    assert [(c, ln) for c, ln, _, _ in problems(text)] == [(Code.UNKNOWN_FIELD, 23)]
    text = VALID.replace("breakdowns:", "  overall: not-rated\nbreakdowns:", 1)
    assert [(c, ln) for c, ln, _, _ in problems(text)] == [(Code.WRONG_TYPE, 22)]


def test_scored_on_an_unrated_standard_is_refused() -> None:
    text = (VALID.replace(LEADERSHIP, "        rating_method: unrated\n        scored: true\n")
            .replace("    - {label: High, minimum: 1, maximum: 2}",
                     "    - {label: High, minimum: 1, maximum: 1}"))
    ((code, line, element, message),) = problems(text)
    assert (code, line, element) == (Code.NOT_FOR_RATING_METHOD, 32, "1.1")
    assert "an unrated standard has no rating" in message


def test_not_rated_in_any_spelling_is_reserved() -> None:
    text = (VALID.replace("labels: [Low, High]", "labels: [Low, High, NOT RATED]")
            .replace("scores: {Low: 0, High: 1}", "scores: {Low: 0, High: 1, NOT RATED: 0}"))
    assert [(c, ln) for c, ln, _, _ in problems(text)] == [(Code.RESERVED_RATING_LABEL, 14)]


# --- limiting rules -----------------------------------------------------------------------------

def test_limits_are_read_and_kept_in_the_json_form() -> None:
    text = VALID.replace(LEADERSHIP, LEADERSHIP + (
        "        limits:\n"
        "          - {standard: \"1.2\", below: High, at_most: Low, note: provisional}\n"
        "          - {key_question: \"1.2.1\", below_percent: 40, at_most: Low}\n"))
    framework = load_framework_text(text)
    first, second = framework.standard("1.1").limits
    assert (first.standard, first.below, first.at_most, first.note) == (
        "1.2", "High", "Low", "provisional"
    )
    assert (second.key_question, second.below_percent, second.standard) == ("1.2.1", 40, None)
    assert first.describe() == "standard 1.2 rated below High"
    assert second.describe() == "key question 1.2.1 below 40%"
    assert framework_to_dict(framework)["domains"][0]["standards"][0]["limits"] == [
        {"at_most": "Low", "standard": "1.2", "below": "High", "note": "provisional"},
        {"at_most": "Low", "key_question": "1.2.1", "below_percent": 40},
    ]


@pytest.mark.parametrize(("limit", "code", "words"), [
    ('{at_most: Low}', Code.MISSING_FIELD, "not neither"),
    ('{standard: "1.2", key_question: "1.2.1", below: High, below_percent: 5, at_most: Low}',
     Code.INVALID_VALUE, "not both"),
    ('{standard: "1.2", at_most: Low}', Code.MISSING_FIELD, "needs 'below'"),
    ('{key_question: "1.2.1", below_percent: 101, at_most: Low}', Code.WRONG_TYPE, "1 to 100"),
    ('{key_question: "1.2.1", below_percent: 40, below: High, at_most: Low}',
     Code.INVALID_VALUE, "'below' belongs with 'standard'"),
    ('{standard: "1.2", below: Middling, at_most: Low}', Code.UNDECLARED_RATING_LABEL,
     "'Middling'"),
    ('{key_question: "9.9.9", below_percent: 40, at_most: Low}', Code.LIMIT_UNKNOWN_REFERENCE,
     "'9.9.9'"),
    ('{standard: "1.1", below: High, at_most: Low}', Code.LIMIT_CYCLE, "1.1 -> 1.1"),
    ('{standard: "1.2", below: High, at_most: Low, when: later}', Code.UNKNOWN_FIELD, "'when'"),
])
def test_a_broken_limit_is_named_with_its_line(limit: str, code: Code, words: str) -> None:
    text = VALID.replace(LEADERSHIP, LEADERSHIP + f"        limits: [{limit}]\n")
    ((found, line, element, message),) = problems(text)
    assert (found, line) == (code, 32)
    assert element in ("1.1", "1.1.limits[0]")
    assert words in message
