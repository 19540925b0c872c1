"""Validation of framework files: each broken fixture yields its code, line and element.

Every fixture in tests/fixtures/frameworks is valid-minimal.yaml with one fault (line 1 says which).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.framework import Code, FrameworkError, load_framework_file
from probation_inspection.framework.loader import load_framework_text
from probation_inspection.framework.serialise import framework_to_dict

FRAMEWORKS = Path(__file__).parent.parent / "fixtures" / "frameworks"
VALID = (FRAMEWORKS / "valid-minimal.yaml").read_text(encoding="utf-8")

# file -> every (code, line, element) the loader must report, and nothing else
EXPECTED: dict[str, set[tuple[Code, int | None, str]]] = {
    "fw000-unreadable-file.yaml": {(Code.UNREADABLE_FILE, None, "file")},
    "fw001-yaml-syntax.yaml": {(Code.YAML_SYNTAX, 13, "file")},
    "fw002-not-a-mapping.yaml": {(Code.NOT_A_MAPPING, None, "file")},
    "fw003-duplicate-key.yaml": {(Code.DUPLICATE_KEY, 48, "term")},
    "fw004-control-character.yaml": {(Code.CONTROL_CHARACTER, 4, "file")},
    "fw005-nested-too-deeply.yaml": {(Code.NESTED_TOO_DEEPLY, 5, "file")},
    "fw101-duplicate-id.yaml": {(Code.DUPLICATE_ID, 45, "1.2.1.p1")},
    "fw102-missing-field.yaml": {(Code.MISSING_FIELD, 32, "1.2")},
    "fw103-unknown-field.yaml": {(Code.UNKNOWN_FIELD, 44, "1.2.1.p1")},
    "fw104-missing-wording.yaml": {(Code.MISSING_WORDING, 39, "1.2.1")},
    "fw105-wrong-type.yaml": {(Code.WRONG_TYPE, 32, "1.2")},
    "fw106-invalid-value.yaml": {(Code.INVALID_VALUE, 35, "1.2")},
    "fw107-invalid-range.yaml": {(Code.INVALID_RANGE, 16, "rsr")},
    "fw201-undeclared-attribute.yaml": {(Code.UNDECLARED_ATTRIBUTE, 23, "breakdowns[0]")},
    "fw202-id-not-under-parent.yaml": {(Code.ID_NOT_UNDER_PARENT, 38, "2.2.1")},
    "fw203-undeclared-rating-label.yaml": {
        (Code.UNDECLARED_RATING_LABEL, 18, "rating.scores.Medium")
    },
    "fw204-missing-rating-method.yaml": {(Code.MISSING_RATING_METHOD, 28, "1.1")},
    "fw205-rating-method-without-scheme.yaml": {
        (Code.RATING_METHOD_WITHOUT_SCHEME, 28, "1.1"),
        (Code.RATING_METHOD_WITHOUT_SCHEME, 32, "1.2"),
    },
    "fw206-missing-score.yaml": {(Code.MISSING_SCORE, 18, "rating.scores")},
    "fw207-reserved-rating-label.yaml": {(Code.RESERVED_RATING_LABEL, 14, "rating.labels")},
    "fw208-not-for-rating-method.yaml": {(Code.NOT_FOR_RATING_METHOD, 32, "1.1")},
    "fw209-no-scored-standard.yaml": {(Code.NO_SCORED_STANDARD, 13, "rating")},
    "fw210-limit-unknown-reference.yaml": {(Code.LIMIT_UNKNOWN_REFERENCE, 32, "1.1")},
    "fw211-limit-cycle.yaml": {(Code.LIMIT_CYCLE, 32, "1.1")},
    "fw301-relevance-syntax.yaml": {(Code.RELEVANCE_SYNTAX, 44, "1.2.1.p1")},
    "fw302-relevance-unknown-attribute.yaml": {
        (Code.RELEVANCE_UNKNOWN_ATTRIBUTE, 40, "1.2.1")
    },
    "fw303-relevance-type.yaml": {(Code.RELEVANCE_TYPE, 44, "1.2.1.p1")},
    "fw401-percentage-band-overlap.yaml": {
        (Code.PERCENTAGE_BAND_OVERLAP, 17, "rating.percentage_bands[1]")
    },
    "fw402-percentage-band-gap.yaml": {
        (Code.PERCENTAGE_BAND_GAP, 17, "rating.percentage_bands[1]")
    },
    "fw403-overall-band-overlap.yaml": {
        (Code.OVERALL_BAND_OVERLAP, 21, "rating.overall_bands[1]")
    },
    "fw404-overall-band-gap.yaml": {(Code.OVERALL_BAND_GAP, 19, "rating.overall_bands")},
    "fw405-band-inverted.yaml": {(Code.BAND_INVERTED, 17, "rating.percentage_bands[1]")},
    "fw406-invalid-minimum-relevant-cases.yaml": {
        (Code.INVALID_MINIMUM_RELEVANT_CASES, 22, "rating.minimum_relevant_cases")
    },
    "fw501-questionnaire-without-questions.yaml": {
        (Code.QUESTIONNAIRE_WITHOUT_QUESTIONS, 57, "staff")
    },
    "fw502-answers-not-countable.yaml": {(Code.ANSWERS_NOT_COUNTABLE, 65, "staff.adjustments")},
    "fw503-duplicate-topic.yaml": {(Code.DUPLICATE_TOPIC, 63, "staff.adjustments")},
    "fw504-unknown-standard.yaml": {(Code.UNKNOWN_STANDARD, 61, "staff.workload")},
    "fw601-unknown-sample-type.yaml": {(Code.UNKNOWN_SAMPLE_TYPE, 36, "1.2")},
    "fw602-unknown-case-list-field.yaml": {(Code.UNKNOWN_CASE_LIST_FIELD, 52, "case-supervision")},
    "fw603-window-syntax.yaml": {(Code.WINDOW_SYNTAX, 55, "case-supervision.eligibility")},
    "fw604-window-inverted.yaml": {(Code.WINDOW_INVERTED, 55, "case-supervision.eligibility")},
    "fw701-unknown-term.yaml": {(Code.UNKNOWN_TERM, 52, "terms")},
    "fw702-methodology-template.yaml": {(Code.METHODOLOGY_TEMPLATE, 52, "methodology")},
    "fw605-unknown-filter-value.yaml": {
        (Code.UNKNOWN_FILTER_VALUE, 57, "case-supervision.eligibility.where[0]")},
    "fw801-duplicate-measure.yaml": {(Code.DUPLICATE_MEASURE, 67, "contextual measure caseload")},
    "fw802-unknown-measure-unit.yaml": {
        (Code.UNKNOWN_MEASURE_UNIT, 65, "contextual measure completions")},
    "fw803-measure-target-out-of-range.yaml": {
        (Code.MEASURE_TARGET_OUT_OF_RANGE, 66, "contextual measure completions")},
    "many-problems.yaml": {
        (Code.WRONG_TYPE, 3, "tiny"),
        (Code.PERCENTAGE_BAND_GAP, 17, "rating.percentage_bands[1]"),
        (Code.UNDECLARED_ATTRIBUTE, 23, "breakdowns[0]"),
        (Code.MISSING_WORDING, 39, "1.2.1"),
        (Code.RELEVANCE_SYNTAX, 44, "1.2.1.p1"),
    },
}


def problems_of(path: Path) -> set[tuple[Code, int | None, str]]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_file(path)
    for problem in caught.value.problems:
        assert problem.file == str(path)
        assert problem.message
    return {(p.code, p.line, p.element) for p in caught.value.problems}


def test_the_valid_fixture_loads() -> None:
    framework = load_framework_file(FRAMEWORKS / "valid-minimal.yaml")
    assert framework.id == "tiny"
    assert [p.id for p in framework.key_question("1.2.1").prompts] == ["1.2.1.p1", "1.2.1.p2"]


def test_a_minimum_of_relevant_cases_is_optional_and_kept() -> None:
    framework = load_framework_text(VALID)
    assert framework.rating is not None and framework.rating.minimum_relevant_cases is None
    assert "minimum_relevant_cases" not in framework_to_dict(framework)["rating"]
    declared = VALID.replace("breakdowns:", "  minimum_relevant_cases: 10\nbreakdowns:", 1)
    framework = load_framework_text(declared)
    assert framework.rating is not None and framework.rating.minimum_relevant_cases == 10
    assert framework_to_dict(framework)["rating"]["minimum_relevant_cases"] == 10


@pytest.mark.parametrize("value", ["-3", "2.5", "ten", "true"])
def test_a_minimum_of_relevant_cases_must_be_a_whole_number_of_cases(value: str) -> None:
    broken = VALID.replace("breakdowns:", f"  minimum_relevant_cases: {value}\nbreakdowns:", 1)
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(broken, "broken.yaml")
    assert caught.value.codes == [Code.INVALID_MINIMUM_RELEVANT_CASES]
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.element) == (
        "broken.yaml", 22, "rating.minimum_relevant_cases"
    )
    assert "1 or more" in problem.message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_reports_its_code_line_and_element(name: str) -> None:
    assert problems_of(FRAMEWORKS / name) == EXPECTED[name]


#: Codes whose fixture the test builds instead: a file over the 2 MB limit is not committed.
BUILT_IN_TESTS = {Code.FILE_TOO_LARGE}


def test_every_error_code_has_a_fixture() -> None:
    covered = {code for expected in EXPECTED.values() for code, _, _ in expected}
    assert covered | BUILT_IN_TESTS == set(Code)
    fixtures = {path.name for path in FRAMEWORKS.glob("*.yaml")} - {"valid-minimal.yaml"}
    assert fixtures == set(EXPECTED)


def test_problems_print_as_file_line_code_element_message() -> None:
    path = FRAMEWORKS / "fw104-missing-wording.yaml"
    with pytest.raises(FrameworkError) as caught:
        load_framework_file(path)
    assert str(caught.value.problems[0]) == (
        f"{path}:39: FW104 missing-wording 1.2.1: 'text' has no wording"
    )
    assert Code.MISSING_WORDING.number == "FW104"


def codes_for(text: str) -> list[Code]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, "inline.yaml")
    return caught.value.codes


def test_empty_and_multi_document_files() -> None:
    assert codes_for("") == [Code.NOT_A_MAPPING]
    assert codes_for(VALID + "---\nid: other\n") == [Code.YAML_SYNTAX]
    assert codes_for("!!python/object:os.system {}\n") == [Code.YAML_SYNTAX]


def replace(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


def test_attribute_declarations_are_checked() -> None:
    assert codes_for(replace("    values: [male, female]\n", "")) == [Code.MISSING_FIELD]
    assert codes_for(replace("label: RoSH issues apply",
                             "label: RoSH issues apply\n    values: [x]")) == [Code.INVALID_VALUE]
    assert Code.DUPLICATE_ID in codes_for(replace("name: gender", "name: rosh_issues"))
    assert Code.INVALID_VALUE in codes_for(replace("name: gender", "name: 'in'"))
    assert Code.INVALID_VALUE in codes_for(replace("type: boolean", "type: flag"))


def test_reasons_must_have_unique_ids() -> None:
    text = replace(
        "text: Is the plan recorded?",
        "text: Is the plan recorded?\n                reasons:\n"
        "                  - {id: late, text: Recorded late}\n"
        "                  - {id: late, text: Not recorded}",
    )
    assert codes_for(text) == [Code.DUPLICATE_ID]


def test_a_lowest_key_question_standard_needs_key_questions() -> None:
    text = replace("rating_method: judgement", "rating_method: lowest-key-question")
    assert codes_for(text) == [Code.MISSING_FIELD]


def test_unrated_framework_needs_no_rating_methods() -> None:
    lines = VALID.splitlines()
    unrated = [line for index, line in enumerate(lines, start=1)
               if not 13 <= index <= 21 and "rating_method" not in line]
    framework = load_framework_text("\n".join(unrated), "inline.yaml")
    assert not framework.rated
    assert {s.rating_method.value for s in framework.standards()} == {"unrated"}


def test_a_relevance_rule_that_is_not_text() -> None:
    assert codes_for(replace("relevance: rosh_issues\n", "relevance: [rosh_issues]\n")) == [
        Code.WRONG_TYPE
    ]


def test_the_authoring_guide_lists_every_code() -> None:
    guide = Path(__file__).parents[2] / "docs" / "framework-authoring.md"
    text = guide.read_text(encoding="utf-8")
    for code in Code:
        assert f"| `{code.value}` |" in text, code


FRAGMENTS = ["", "  - x", "id: 3", "    - {label: Low}", "key: [1, 2", "!!binary aGk=",
             "  scores: ~", "&a [*a]", "- - -", "relevance: (", "text:", ": :", "\t",
             "domains: {}", "rating: []", "        key_questions: 7", "<<: {a: 1}",
             "version: [1]", "    values: [1, true]", "  scores: {Low: x, 3: 1}", "  labels: low",
             "            relevance: 5", "  - {attribute: [x], label: y}", "    - [0, 49]",
             "        rating_method: [judgement]", "    type: {}", "  - term: ~"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, VALID.count("\n")), st.sampled_from(FRAGMENTS)),
                max_size=4))
def test_any_damage_gives_problems_never_a_crash(edits: list[tuple[int, str]]) -> None:
    lines = VALID.splitlines()
    for number, fragment in edits:
        lines[number - 1] = fragment
    try:
        load_framework_text("\n".join(lines), "damaged.yaml")
    except FrameworkError as error:
        assert error.problems
        assert all(problem.file == "damaged.yaml" for problem in error.problems)


def test_wrongly_shaped_sections_are_located() -> None:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(replace("rating:\n", "rating: []\n_rating:\n"), "inline.yaml")
    problems = {(p.code, p.line, p.element) for p in caught.value.problems}
    assert (Code.WRONG_TYPE, 13, "rating") in problems
    assert (Code.UNKNOWN_FIELD, 14, "tiny") in problems
