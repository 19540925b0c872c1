"""Relevance rules: tokenizer, parser, type check and evaluation, with property tests.

The property tests build rules from a generated tree and evaluate that tree independently.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.framework.model import AttributeType, CaseAttribute
from probation_inspection.framework.relevance import (
    MAX_DEPTH,
    And,
    Comparison,
    Literal,
    Membership,
    MissingCaseAttribute,
    Name,
    Not,
    Or,
    RelevanceEvaluationError,
    RelevanceSyntaxError,
    check,
    parse,
    tokenize,
)

DECLARED = {
    attribute.name: attribute
    for attribute in (
        CaseAttribute("rosh_issues", AttributeType.BOOLEAN, "RoSH issues apply"),
        CaseAttribute("victims", AttributeType.BOOLEAN, "Victims"),
        CaseAttribute("age", AttributeType.INTEGER, "Age"),
        CaseAttribute("disposal", AttributeType.CHOICE, "Disposal",
                      ("community order", "licence")),
        CaseAttribute("delivery_unit", AttributeType.TEXT, "LDU"),
    )
}


# --- parsing ---------------------------------------------------------------------------------


def test_bare_attribute() -> None:
    assert parse("rosh_issues") == Name("rosh_issues")


def test_precedence_not_binds_tighter_than_and_than_or() -> None:
    assert parse("not a or b and c") == Or((Not(Name("a")), And((Name("b"), Name("c")))))


def test_parentheses_override_precedence() -> None:
    assert parse("(a or b) and c") == And((Or((Name("a"), Name("b"))), Name("c")))


@pytest.mark.parametrize("operator", ["==", "!=", "<", "<=", ">", ">="])
def test_comparisons(operator: str) -> None:
    assert parse(f"age {operator} 18") == Comparison(operator, Name("age"), Literal(18))


def test_literals() -> None:
    assert parse("x == 'a b'") == Comparison("==", Name("x"), Literal("a b"))
    assert parse('x == "it\'s"') == Comparison("==", Name("x"), Literal("it's"))
    assert parse("x == -3") == Comparison("==", Name("x"), Literal(-3))
    assert parse("x != false") == Comparison("!=", Name("x"), Literal(False))
    assert parse("true") == Literal(True)


def test_membership() -> None:
    assert parse("disposal in ['licence', 'community order']") == Membership(
        Name("disposal"), (Literal("licence"), Literal("community order"))
    )
    assert parse("age not in [1, 2]") == Membership(
        Name("age"), (Literal(1), Literal(2)), negated=True
    )
    assert parse("x in []") == Membership(Name("x"), ())


def test_attributes_read() -> None:
    assert parse("a and (b or c == 1) and not d in ['x']").attributes() == {"a", "b", "c", "d"}


@pytest.mark.parametrize(
    ("source", "column", "reason"),
    [
        ("", 1, "empty rule"),
        ("a and", 6, "expected an attribute name or a value"),
        ("(a or b", 8, "expected ')'"),
        ("a b", 3, "expected 'and', 'or'"),
        ("a == ", 6, "expected an attribute name or a value"),
        ("a in ['x',]", 11, "expected a value after ','"),
        ("a in 'x'", 6, "expected '['"),
        ("a & b", 3, "unexpected character '&'"),
        ("a == 'open", 6, "unexpected character"),
        ("a in [b]", 7, "expected a value in the list"),
        ("x == 1" + "0" * 30, 6, "integer too long"),
        ("True", 1, None),
    ],
)
def test_syntax_errors_name_the_column(source: str, column: int, reason: str | None) -> None:
    if reason is None:  # keywords are lower case, so True is just an attribute name
        assert parse(source) == Name("True")
        return
    with pytest.raises(RelevanceSyntaxError) as caught:
        parse(source)
    assert caught.value.column == column
    assert reason in caught.value.reason


def test_deep_nesting_is_a_syntax_error_not_a_crash() -> None:
    parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH)
    with pytest.raises(RelevanceSyntaxError, match="nested more than"):
        parse("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(RelevanceSyntaxError, match="nested more than"):
        parse("not " * 10_000 + "a")


def test_tokens_carry_columns() -> None:
    assert [(t.kind, t.column) for t in tokenize("a  == 'b'")] == [
        ("NAME", 1), ("OP", 4), ("STRING", 7), ("END", 10)
    ]


# --- type check ------------------------------------------------------------------------------


def issues(source: str) -> list[tuple[str, str]]:
    return [(issue.kind, issue.message) for issue in check(parse(source), DECLARED)]


@pytest.mark.parametrize(
    "source",
    [
        "rosh_issues",
        "not rosh_issues and victims == true",
        "age >= 18 and age < 25",
        "disposal == 'licence' or disposal in ['community order']",
        "delivery_unit == 'Cardiff' and delivery_unit < 'M'",
        "18 <= age",
    ],
)
def test_well_typed_rules_pass(source: str) -> None:
    assert issues(source) == []


@pytest.mark.parametrize(
    ("source", "kind", "fragment"),
    [
        ("rosh", "unknown-attribute", "unknown attribute 'rosh'"),
        ("disposal == 'custody'", "wrong-type", "'custody' is not one of the values"),
        ("disposal in ['licence', 'prison']", "wrong-type", "'prison' is not one of"),
        ("delivery_unit == 3", "wrong-type", "cannot compare text with integer"),
        ("age == 'old'", "wrong-type", "cannot compare integer with text"),
        ("rosh_issues > false", "wrong-type", "cannot use '>' on true/false"),
        ("age", "wrong-type", "attribute 'age' is integer, not true/false"),
        ("'x'", "wrong-type", "is text, not true/false"),
        ("age in [1, 'two']", "wrong-type", "list value 'two' is text, not integer"),
        ("disposal < 'licence'", "wrong-type", "cannot use '<' on choice attribute"),
        ("not (victims and age)", "wrong-type", "attribute 'age' is integer"),
    ],
)
def test_type_errors_are_caught(source: str, kind: str, fragment: str) -> None:
    found = issues(source)
    assert any(k == kind and fragment in message for k, message in found), found


# --- evaluation ------------------------------------------------------------------------------


def test_evaluation() -> None:
    case = {"rosh_issues": True, "victims": False, "age": 30, "disposal": "licence"}
    assert parse("rosh_issues and not victims").evaluate(case)
    assert parse("age > 25 and disposal in ['licence']").evaluate(case)
    assert not parse("disposal not in ['licence']").evaluate(case)
    assert parse("age == 30 or victims").evaluate(case)


def test_missing_attribute_raises_naming_it_even_when_the_answer_is_known() -> None:
    with pytest.raises(MissingCaseAttribute, match="'victims'") as caught:
        parse("rosh_issues or victims").evaluate({"rosh_issues": True})
    assert caught.value.name == "victims"


def test_case_values_of_the_wrong_type_are_errors() -> None:
    with pytest.raises(RelevanceEvaluationError):
        parse("rosh_issues").evaluate({"rosh_issues": "yes"})
    with pytest.raises(RelevanceEvaluationError):
        parse("age < 3").evaluate({"age": "three"})
    # true is not the integer 1, however Python compares them.
    with pytest.raises(RelevanceEvaluationError, match="cannot compare True with 1 in age == 1"):
        parse("age == 1").evaluate({"age": True})
    with pytest.raises(RelevanceEvaluationError, match="in a list"):
        parse("disposal in ['licence']").evaluate({"disposal": 3})


# --- property tests --------------------------------------------------------------------------

BOOLEANS = ["rosh_issues", "victims"]
CHOICES = ["community order", "licence"]

cases = st.fixed_dictionaries({
    "rosh_issues": st.booleans(),
    "victims": st.booleans(),
    "age": st.integers(-5, 100),
    "disposal": st.sampled_from(CHOICES),
    "delivery_unit": st.sampled_from(["Cardiff", "Swansea", "Bangor"]),
})

Tree = tuple[Any, ...]


def quoted(value: str) -> str:
    return f"'{value}'"


atoms: st.SearchStrategy[Tree] = st.one_of(
    st.tuples(st.just("bare"), st.sampled_from(BOOLEANS)),
    st.tuples(st.just("const"), st.booleans()),
    st.tuples(st.just("bool=="), st.sampled_from(BOOLEANS), st.sampled_from(["==", "!="]),
              st.booleans()),
    st.tuples(st.just("int"), st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
              st.integers(-10, 110), st.booleans()),
    st.tuples(st.just("choice"), st.sampled_from(["==", "!="]), st.sampled_from(CHOICES)),
    st.tuples(st.just("in"), st.lists(st.sampled_from(CHOICES), max_size=3), st.booleans()),
)

trees: st.SearchStrategy[Tree] = st.recursive(
    atoms,
    lambda children: st.one_of(
        st.tuples(st.just("not"), children),
        st.tuples(st.just("and"), st.lists(children, min_size=2, max_size=3)),
        st.tuples(st.just("or"), st.lists(children, min_size=2, max_size=3)),
        st.tuples(st.just("paren"), children),
    ),
    max_leaves=12,
)


def render(tree: Tree) -> str:
    kind = tree[0]
    if kind == "bare":
        return str(tree[1])
    if kind == "const":
        return "true" if tree[1] else "false"
    if kind == "bool==":
        return f"{tree[1]} {tree[2]} {'true' if tree[3] else 'false'}"
    if kind == "int":
        _, operator, number, flipped = tree
        mirror = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(operator, operator)
        return f"{number} {mirror} age" if flipped else f"age {operator} {number}"
    if kind == "choice":
        return f"disposal {tree[1]} {quoted(tree[2])}"
    if kind == "in":
        values = ", ".join(quoted(value) for value in tree[1])
        return f"disposal {'not in' if tree[2] else 'in'} [{values}]"
    if kind == "not":
        return f"not ({render(tree[1])})"
    if kind == "paren":
        return f"({render(tree[1])})"
    return f" {kind} ".join(f"({render(child)})" for child in tree[1])


def reference(tree: Tree, case: dict[str, Any]) -> bool:
    kind = tree[0]
    if kind == "bare":
        return bool(case[tree[1]])
    if kind == "const":
        return bool(tree[1])
    if kind == "bool==":
        return (case[tree[1]] == tree[3]) == (tree[2] == "==")
    if kind == "int":
        _, operator, number, _flipped = tree
        age = case["age"]
        return {
            "==": age == number, "!=": age != number, "<": age < number,
            "<=": age <= number, ">": age > number, ">=": age >= number,
        }[operator]
    if kind == "choice":
        return (case["disposal"] == tree[2]) == (tree[1] == "==")
    if kind == "in":
        return (case["disposal"] in tree[1]) != tree[2]
    if kind == "not":
        return not reference(tree[1], case)
    if kind == "paren":
        return reference(tree[1], case)
    results = [reference(child, case) for child in tree[1]]
    return all(results) if kind == "and" else any(results)


@settings(max_examples=300, deadline=None)
@given(trees, cases)
def test_generated_rules_evaluate_like_the_reference(tree: Tree, case: dict[str, Any]) -> None:
    node = parse(render(tree))
    assert check(node, DECLARED) == []
    assert node.evaluate(case) is reference(tree, case)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_only_ever_raises_the_syntax_error(source: str) -> None:
    try:
        parse(source)
    except RelevanceSyntaxError as error:
        assert 1 <= error.column <= len(source) + 1


TOKENS = ["(", ")", "[", "]", ",", "and", "or", "not", "in", "true", "false", "a", "'t'",
          "7", "==", "<", ">=", "!=", " ", "-", "!"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=25))
def test_token_soup_only_ever_raises_the_syntax_error(tokens: list[str]) -> None:
    source = " ".join(tokens)
    try:
        node = parse(source)
    except RelevanceSyntaxError:
        return
    check(node, DECLARED)  # a parsed tree can always be type-checked
