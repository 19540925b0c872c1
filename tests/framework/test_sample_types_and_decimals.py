"""Sample types as framework data, and decimal case attributes: loading, checks, the window
grammar's round trip, and exact decimal comparison in relevance rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from probation_inspection.framework import load_framework
from probation_inspection.framework.attributes import (
    AttributeLimits,
    AttributeValueError,
    parse_attribute,
)
from probation_inspection.framework.errors import Code, FrameworkError
from probation_inspection.framework.loader import load_framework_file, load_framework_text
from probation_inspection.framework.model import AttributeType, Offset
from probation_inspection.framework.relevance import (
    RelevanceEvaluationError,
    check,
    parse,
)
from probation_inspection.framework.sample_types import parse_offset
from probation_inspection.framework.serialise import framework_to_dict, framework_to_yaml
from probation_inspection.framework.xlsx import framework_to_workbook, read_workbook
from probation_inspection.sampling import definition_of

YOUTH = Path(__file__).parents[1] / "fixtures" / "youth-out-of-court.yaml"
VALID = (Path(__file__).parents[1] / "fixtures" / "frameworks" / "valid-minimal.yaml").read_text()
LIMITS = AttributeLimits(text_length=100, integer_range=(0, 1000))


def _codes(text: str) -> list[Code]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, "inline.yaml")
    return caught.value.codes


def test_a_youth_out_of_court_framework_loads_with_its_own_sample_type() -> None:
    framework = load_framework_file(YOUTH)
    (definition,) = framework.sample_types
    assert definition.id == "out-of-court" and definition.label == "Out-of-court disposals"
    assert definition.fields == ("crn", "gender", "disposal", "start_date")
    assert definition.strata == ("gender", "disposal")
    window = definition.eligibility
    assert (window.date_field, window.earliest, window.latest) == (
        "start_date", Offset(weeks=39), Offset(weeks=26))
    # Spellings are read as the case list reads them, to canonical values.
    assert window.filters[0].values == (
        "youth-caution", "youth-conditional-caution", "community-resolution")
    assert framework.standard("3.1").sample_type == "out-of-court"
    assert framework.sample_type("out-of-court") is definition


def test_the_crc_framework_declares_its_three_samples() -> None:
    crc = load_framework("hmip-crc-2018").sample_types
    assert [d.id for d in crc] == ["case-supervision", "unpaid-work", "through-the-gate"]
    assert crc[0] == definition_of("case-supervision")


def test_the_thematic_framework_declares_its_own_one_sample() -> None:
    """Its Appendix 2 sample, not the CRC's three: orders and licences begun about four
    months before fieldwork, of either agency, stratified by it; every standard assessed from
    cases is assessed from it."""
    thematic = load_framework("hmip-tr-ei5-2016")
    [sample] = thematic.sample_types
    assert sample.id not in {d.id for d in load_framework("hmip-crc-2018").sample_types}
    window = sample.eligibility
    assert (window.date_field, window.earliest, window.latest) == (
        "start_date", Offset(months=4, weeks=2), Offset(months=3, weeks=2))
    assert window.filters[0].values == (
        "community-order", "suspended-sentence-order", "licence")
    assert "organisation" in sample.fields and sample.strata[0] == "organisation"
    assert "PROVISIONAL" in sample.notes and "seed 001" in sample.notes
    assert {s.sample_type for s in thematic.standards() if s.sample_type} == {sample.id}


def _without_sample_types(text: str) -> str:
    return text[:text.index("sample_types:")]


#: The minimal file without its closing ``sample_types`` block, for tests that declare their own.
BARE = _without_sample_types(VALID)


def test_a_file_without_sample_types_has_none_and_a_standard_naming_one_is_fw601() -> None:
    # No code supplies default samples: the standard that names one is told which it named.
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(BARE, "inline.yaml")
    (problem,) = caught.value.problems
    assert problem.code is Code.UNKNOWN_SAMPLE_TYPE
    assert problem.element == "1.2"
    assert "'case-supervision'" in problem.message
    assert "declare them under 'sample_types'" in problem.message


def test_a_file_without_sample_types_or_standards_naming_one_loads_with_none() -> None:
    text = BARE.replace("        sample_type: case-supervision\n", "")
    assert "sample_type:" not in text
    assert load_framework_text(text).sample_types == ()


def test_a_standard_may_name_only_a_declared_sample_type() -> None:
    declared = BARE + ("sample_types:\n  - id: court\n    label: Court\n    fields: [crn]\n"
                        "    eligibility: {date: start_date, to: 6 months}\n")
    assert _codes(declared) == [Code.UNKNOWN_SAMPLE_TYPE]
    framework = load_framework_text(declared.replace("sample_type: case-supervision",
                                                     "sample_type: court"))
    assert [d.id for d in framework.sample_types] == ["court"]


@pytest.mark.parametrize(
    ("eligibility", "code"),
    [
        ("{date: colour, to: 6 months}", Code.UNKNOWN_CASE_LIST_FIELD),
        ("{date: start_date, to: half a year}", Code.WINDOW_SYNTAX),
        ("{date: start_date, to: 6 days 2 months}", Code.WINDOW_SYNTAX),
        ("{date: start_date, from: 1 month, to: 6 weeks}", Code.WINDOW_INVERTED),
        ("{date: start_date, to: 6 months, where: [{field: disposal, in: [x]}]}",
         Code.UNKNOWN_FILTER_VALUE),
        ("{date: start_date, to: 6 months, where: [{field: disposal, in: []}]}", Code.WRONG_TYPE),
        ("{date: start_date, to: 6 months, where: [{field: office, in: [A], blank: maybe}]}",
         Code.INVALID_VALUE),
        ("{date: start_date}", Code.MISSING_FIELD),
        ("{date: start_date, to: 6 months, by: me}", Code.UNKNOWN_FIELD),
        ("six months", Code.WRONG_TYPE),
    ],
)
def test_a_broken_window_is_named(eligibility: str, code: Code) -> None:
    text = BARE + ("sample_types:\n  - id: case-supervision\n    label: Case supervision\n"
                    f"    fields: [crn]\n    eligibility: {eligibility}\n")
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, "inline.yaml")
    (problem,) = caught.value.problems
    assert problem.code is code and problem.line is not None and problem.line >= 49


def test_duplicate_and_badly_named_sample_types() -> None:
    one = ("  - id: {0}\n    label: X\n    fields: [crn]\n"
           "    eligibility: {{date: start_date, to: 1 day}}\n")
    assert _codes(BARE + "sample_types:\n" + one.format("case-supervision") * 2) == [
        Code.DUPLICATE_ID]
    assert Code.INVALID_VALUE in _codes(BARE + "sample_types:\n" + one.format("Case Sup"))


@given(st.integers(0, 120), st.integers(0, 520), st.integers(0, 3000))
def test_an_offset_reads_back_as_written(months: int, weeks: int, days: int) -> None:
    offset = Offset(months, weeks, days)
    assert parse_offset(str(offset)) == offset
    assert parse_offset(f"{offset} before fieldwork") == offset


@given(st.text(max_size=30))
def test_offset_parsing_never_raises(text: str) -> None:
    result = parse_offset(text)
    assert result is None or isinstance(result, Offset)


def test_the_json_form_keeps_sample_types_and_decimal_ranges() -> None:
    document = framework_to_dict(load_framework_file(YOUTH))
    (sample_type,) = document["sample_types"]
    assert sample_type["eligibility"] == {
        "date": "start_date", "from": "39 weeks", "to": "26 weeks",
        "where": [{"field": "disposal", "in": ["youth-caution", "youth-conditional-caution",
                                               "community-resolution"], "blank": "not eligible"}]}
    rsr = next(a for a in document["attributes"] if a["name"] == "rsr")
    assert (rsr["type"], rsr["min"], rsr["max"]) == ("decimal", "0", "100")


# --- decimal attributes ---------------------------------------------------------------------


def test_a_decimal_attribute_is_read_exactly_within_its_range() -> None:
    rsr = load_framework_file(YOUTH).attribute("rsr")
    assert rsr.type is AttributeType.DECIMAL
    assert (rsr.minimum, rsr.maximum) == (Decimal(0), Decimal(100))
    assert parse_attribute(rsr, "6.90", LIMITS) == Decimal("6.9")
    for bad in ("6,9", "1e3", "nan", "", "101", "-1", "6.9000001", " ６.9"):
        with pytest.raises(AttributeValueError, match="Risk of serious recidivism score"):
            parse_attribute(rsr, bad, LIMITS)


@pytest.mark.parametrize(
    ("attribute", "code"),
    [
        ("{name: r, type: decimal, label: R, min: 1}", Code.MISSING_FIELD),
        ("{name: r, type: decimal, label: R, min: one, max: 2}", Code.WRONG_TYPE),
        ("{name: r, type: decimal, label: R, min: 3, max: 2}", Code.INVALID_RANGE),
        ("{name: r, type: integer, label: R, min: 3}", Code.INVALID_VALUE),
    ],
)
def test_a_decimal_range_is_checked(attribute: str, code: Code) -> None:
    text = VALID.replace("attributes:\n", f"attributes:\n  - {attribute}\n", 1)
    assert _codes(text) == [code]


def test_relevance_compares_decimals_exactly() -> None:
    framework = load_framework_file(YOUTH)
    rule = framework.key_question("3.1.1").relevance
    assert rule is not None
    assert rule.applies({"rsr": Decimal("6.90")}) and rule.applies({"rsr": Decimal("7")})
    assert not rule.applies({"rsr": Decimal("6.89")})
    with pytest.raises(RelevanceEvaluationError):
        rule.applies({"rsr": 6.9})  # a float is never taken for a decimal
    declared = {a.name: a for a in framework.attributes}
    assert check(parse("rsr >= 7 and rsr < 10.5"), declared) == []
    assert check(parse("rsr in [6.9, 7]"), declared) == []
    assert [i.kind for i in check(parse("rsr == 'high'"), declared)] == ["wrong-type"]
    assert [i.kind for i in check(parse("rsr"), declared)] == ["wrong-type"]


@given(st.decimals(min_value=0, max_value=100, places=2),
       st.decimals(min_value=0, max_value=100, places=2))
def test_a_decimal_rule_agrees_with_decimal_arithmetic(value: Decimal, threshold: Decimal) -> None:
    rule = parse(f"rsr >= {threshold:.2f}")
    assert rule.evaluate({"rsr": value}) == (value >= threshold)


def test_key_questions_under_a_judgement_standard_are_in_the_model() -> None:
    """They load and the model holds them on the standard (and in key_questions()); the case
    walk leaves them out, since a judgement standard is not assessed case by case: asking them
    in the domain-one evidence pages is for those pages to do."""
    from probation_inspection.scoring.walk import case_standards

    text = VALID.replace("""        rating_method: judgement
""", """        rating_method: judgement
        key_questions:
          - {id: "1.1.1", text: "Do leaders promote a high-quality service?"}
""", 1)
    framework = load_framework_text(text)
    assert [kq.id for kq in framework.standard("1.1").key_questions] == ["1.1.1"]
    assert framework.key_question("1.1.1").text.startswith("Do leaders")
    assert "1.1" not in [standard.id for standard in case_standards(framework)]


def test_published_as_loads_is_checked_and_survives_yaml_and_the_workbook() -> None:
    framework = load_framework("hmip-crc-2018")
    assert {d.id: d.published_as for d in framework.sample_types} == {
        "case-supervision": "case_supervision", "unpaid-work": "unpaid_work",
        "through-the-gate": "through_the_gate"}
    again = load_framework_text(framework_to_yaml(framework), "export.yaml")
    workbook = read_workbook(framework_to_workbook(framework), "export.xlsx")
    for other in (again, workbook):
        assert [d.published_as for d in other.sample_types] == [
            d.published_as for d in framework.sample_types]
    assert framework_to_dict(framework)["sample_types"][0]["published_as"] == "case_supervision"
    youth = load_framework_file(YOUTH)
    assert youth.sample_types[0].published_as == ""
    assert "published_as" not in framework_to_yaml(youth)
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(VALID.replace("  - id: case-supervision\n",
                                          "  - id: case-supervision\n    published_as: cases\n"),
                            "inline.yaml")
    (problem,) = caught.value.problems
    assert problem.code is Code.INVALID_VALUE and problem.element == "case-supervision"
    assert "case_supervision, unpaid_work, through_the_gate" in problem.message
