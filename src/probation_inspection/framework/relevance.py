"""Relevance rules: a small expression language over a framework's declared case attributes.

Owns the tokenizer, the recursive-descent parser, the type check and the evaluator (no ``eval``).

Grammar (keywords are lower case)::

    expression  := or_expr
    or_expr     := and_expr ("or" and_expr)*
    and_expr    := not_expr ("and" not_expr)*
    not_expr    := "not" not_expr | primary
    primary     := "(" expression ")" | comparison
    comparison  := operand [ COMPARE operand | ["not"] "in" "[" [literal ("," literal)*] "]" ]
    operand     := NAME | literal
    literal     := STRING | DECIMAL | INTEGER | "true" | "false"

Numbers: an integer attribute and a decimal one (``rsr >= 6.90``) compare with integer and
decimal literals alike; decimals are `Decimal`, never float, so 6.90 is exactly 6.9.

A case that lacks an attribute a rule reads is an error (`MissingCaseAttribute`), not "false":
silently treating an unrecorded fact as "does not apply" would shrink a denominator unseen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from probation_inspection.framework.model import AttributeType, CaseAttribute, CaseAttributes

#: Deepest nesting of parentheses and ``not`` accepted; deeper input is a syntax error rather
#: than a Python recursion error.
MAX_DEPTH = 50
#: Longest integer literal accepted (Python refuses to convert very long digit strings).
MAX_INTEGER_DIGITS = 18

Value = str | int | bool | Decimal
_NUMBER_KINDS = frozenset({"integer", "decimal"})
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})


class RelevanceError(Exception):
    """Base of every error this module raises."""


class RelevanceSyntaxError(RelevanceError):
    """The rule is not a well-formed expression; ``column`` is 1-based within the rule."""

    def __init__(self, message: str, source: str, column: int) -> None:
        super().__init__(f"{message} at column {column} of {source!r}")
        self.reason = message
        self.source = source
        self.column = column


class MissingCaseAttribute(RelevanceError, KeyError):
    """A rule was evaluated for a case that does not record an attribute the rule reads."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"the case has no value for attribute {name!r}, which a relevance rule reads"
        )
        self.name = name

    def __str__(self) -> str:
        return str(self.args[0])


class RelevanceEvaluationError(RelevanceError):
    """A case value has a type the rule cannot use (e.g. a text where a boolean is needed)."""


# --- the tree ---------------------------------------------------------------------------------


def _lookup(case: CaseAttributes, name: str) -> object:
    try:
        return case[name]
    except KeyError:
        raise MissingCaseAttribute(name) from None


def _truth(value: object, what: str) -> bool:
    if isinstance(value, bool):
        return value
    raise RelevanceEvaluationError(f"{what} is {value!r}, not true or false")


@dataclass(frozen=True)
class Name:
    """A reference to a declared case attribute."""

    name: str

    def value(self, case: CaseAttributes) -> object:
        return _lookup(case, self.name)

    def evaluate(self, case: CaseAttributes) -> bool:
        return _truth(self.value(case), f"attribute {self.name!r}")

    def attributes(self) -> frozenset[str]:
        return frozenset({self.name})


@dataclass(frozen=True)
class Literal:
    """A text, integer or boolean constant."""

    literal: Value

    def value(self, case: CaseAttributes) -> object:
        return self.literal

    def evaluate(self, case: CaseAttributes) -> bool:
        return _truth(self.literal, "the constant")

    def attributes(self) -> frozenset[str]:
        return frozenset()


Operand = Name | Literal


def _same_kind(left: object, right: object) -> bool:
    # bool is an int subclass in Python; keep true from equalling 1.
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool)
    return (isinstance(left, int | Decimal) and isinstance(right, int | Decimal)) or (
        isinstance(left, str) and isinstance(right, str)
    )


@dataclass(frozen=True)
class Comparison:
    """``left OP right`` with OP one of ``== != < <= > >=``."""

    operator: str
    left: Operand
    right: Operand

    def evaluate(self, case: CaseAttributes) -> bool:
        left, right = self.left.value(case), self.right.value(case)
        if not _same_kind(left, right):
            # The rule was type-checked at load time, so a mismatch is a case value of the
            # wrong type: say so rather than quietly answer "not equal".
            raise RelevanceEvaluationError(
                f"cannot compare {left!r} with {right!r} in {_describe(self)}"
            )
        if isinstance(left, bool) and self.operator not in ("==", "!="):
            raise RelevanceEvaluationError(f"cannot order true/false values ({left!r})")
        return _compare(self.operator, left, right)

    def attributes(self) -> frozenset[str]:
        return self.left.attributes() | self.right.attributes()


def _describe(node: Comparison) -> str:
    def text(operand: Operand) -> str:
        return operand.name if isinstance(operand, Name) else repr(operand.literal)

    return f"{text(node.left)} {node.operator} {text(node.right)}"


def _compare(operator: str, left: object, right: object) -> bool:
    if operator == "==":
        return left == right
    if operator == "!=":
        return left != right
    # Both sides are of one orderable kind here (checked by the caller).
    a, b = left, right
    assert isinstance(a, int | str | Decimal) and isinstance(b, int | str | Decimal)
    if operator == "<":
        return a < b  # type: ignore[operator]
    if operator == "<=":
        return a <= b  # type: ignore[operator]
    if operator == ">":
        return a > b  # type: ignore[operator]
    return a >= b  # type: ignore[operator]


@dataclass(frozen=True)
class Membership:
    """``operand in [..]`` or ``operand not in [..]``."""

    operand: Operand
    choices: tuple[Literal, ...]
    negated: bool = False

    def evaluate(self, case: CaseAttributes) -> bool:
        value = self.operand.value(case)
        for choice in self.choices:
            if not _same_kind(value, choice.literal):
                raise RelevanceEvaluationError(
                    f"cannot compare {value!r} with {choice.literal!r} in a list"
                )
        return any(value == choice.literal for choice in self.choices) != self.negated

    def attributes(self) -> frozenset[str]:
        return self.operand.attributes()


@dataclass(frozen=True)
class Not:
    operand: Node

    def evaluate(self, case: CaseAttributes) -> bool:
        return not self.operand.evaluate(case)

    def attributes(self) -> frozenset[str]:
        return self.operand.attributes()


@dataclass(frozen=True)
class And:
    operands: tuple[Node, ...]

    def evaluate(self, case: CaseAttributes) -> bool:
        # Every operand is evaluated (no short-circuit) so a missing attribute is always reported.
        return all([operand.evaluate(case) for operand in self.operands])

    def attributes(self) -> frozenset[str]:
        return frozenset().union(*(operand.attributes() for operand in self.operands))


@dataclass(frozen=True)
class Or:
    operands: tuple[Node, ...]

    def evaluate(self, case: CaseAttributes) -> bool:
        return any([operand.evaluate(case) for operand in self.operands])

    def attributes(self) -> frozenset[str]:
        return frozenset().union(*(operand.attributes() for operand in self.operands))


Node = Name | Literal | Comparison | Membership | Not | And | Or


# --- tokenizer --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # NAME, KEYWORD, STRING, DECIMAL, INTEGER, OP, END
    text: str
    column: int


_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r\n]+)
    | (?P<DECIMAL>-?[0-9]+\.[0-9]+)
    | (?P<INTEGER>-?[0-9]+)
    | (?P<STRING>'[^'\n]*'|"[^"\n]*")
    | (?P<NAME>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<OP>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
    """,
    re.VERBOSE,
)


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise RelevanceSyntaxError(
                f"unexpected character {source[position]!r}", source, position + 1
            )
        kind = match.lastgroup or ""
        text = match.group()
        if kind != "space":
            if kind == "NAME" and text in KEYWORDS:
                kind = "KEYWORD"
            if kind == "INTEGER" and len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
                raise RelevanceSyntaxError("integer too long", source, position + 1)
            if kind == "DECIMAL" and len(text.lstrip("-")) > MAX_INTEGER_DIGITS + 1:
                raise RelevanceSyntaxError("number too long", source, position + 1)
            tokens.append(Token(kind, text, position + 1))
        position = match.end()
    tokens.append(Token("END", "", len(source) + 1))
    return tokens


# --- parser -----------------------------------------------------------------------------------


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def error(self, message: str, token: Token | None = None) -> RelevanceSyntaxError:
        token = token or self.current
        found = "end of rule" if token.kind == "END" else repr(token.text)
        return RelevanceSyntaxError(f"{message}, found {found}", self.source, token.column)

    def accept(self, kind: str, text: str | None = None) -> Token | None:
        token = self.current
        if token.kind == kind and (text is None or token.text == text):
            self.index += 1
            return token
        return None

    def expect(self, kind: str, text: str, message: str) -> Token:
        token = self.accept(kind, text)
        if token is None:
            raise self.error(message)
        return token

    def nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"rule nested more than {MAX_DEPTH} deep")

    def parse(self) -> Node:
        if self.current.kind == "END":
            raise self.error("empty rule")
        node = self.or_expr()
        if self.current.kind != "END":
            raise self.error("expected 'and', 'or' or the end of the rule")
        return node

    def or_expr(self) -> Node:
        operands = [self.and_expr()]
        while self.accept("KEYWORD", "or"):
            operands.append(self.and_expr())
        return operands[0] if len(operands) == 1 else Or(tuple(operands))

    def and_expr(self) -> Node:
        operands = [self.not_expr()]
        while self.accept("KEYWORD", "and"):
            operands.append(self.not_expr())
        return operands[0] if len(operands) == 1 else And(tuple(operands))

    def not_expr(self) -> Node:
        if self.accept("KEYWORD", "not"):
            self.nest()
            node = Not(self.not_expr())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        if self.accept("OP", "("):
            self.nest()
            node = self.or_expr()
            self.expect("OP", ")", "expected ')'")
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        left = self.operand()
        token = self.current
        if token.kind == "OP" and token.text in COMPARISONS:
            self.index += 1
            return Comparison(token.text, left, self.operand())
        if self.accept("KEYWORD", "in"):
            return Membership(left, self.choices())
        if token.kind == "KEYWORD" and token.text == "not":
            following = self.tokens[self.index + 1]
            if following.kind == "KEYWORD" and following.text == "in":
                self.index += 2
                return Membership(left, self.choices(), negated=True)
        return left

    def operand(self) -> Operand:
        token = self.current
        if token.kind == "NAME":
            self.index += 1
            return Name(token.text)
        return self.literal("expected an attribute name or a value")

    def literal(self, message: str) -> Literal:
        token = self.current
        value: Value
        if token.kind == "STRING":
            value = token.text[1:-1]
        elif token.kind == "INTEGER":
            value = int(token.text)
        elif token.kind == "DECIMAL":
            value = Decimal(token.text)
        elif token.kind == "KEYWORD" and token.text in ("true", "false"):
            value = token.text == "true"
        else:
            raise self.error(message)
        self.index += 1
        return Literal(value)

    def choices(self) -> tuple[Literal, ...]:
        self.expect("OP", "[", "expected '[' to open the list after 'in'")
        items: list[Literal] = []
        if not self.accept("OP", "]"):
            items.append(self.literal("expected a value in the list"))
            while self.accept("OP", ","):
                items.append(self.literal("expected a value after ','"))
            self.expect("OP", "]", "expected ',' or ']' in the list")
        return tuple(items)


def parse(source: str) -> Node:
    """Parse a rule into a tree; raises `RelevanceSyntaxError` and nothing else."""
    return _Parser(source).parse()


# --- type check -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeIssue:
    """A rule that parses but does not fit the declared attributes."""

    #: ``unknown-attribute`` or ``wrong-type``.
    kind: str
    message: str


def _kind_of(operand: Operand, declared: Mapping[str, CaseAttribute]) -> str | None:
    """The type name of an operand: boolean, integer or text (choices are text); None if unknown."""
    if isinstance(operand, Name):
        attribute = declared.get(operand.name)
        if attribute is None:
            return None
        if attribute.type in (AttributeType.CHOICE, AttributeType.TEXT):
            return "text"
        return attribute.type.value
    value = operand.literal
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, Decimal):
        return "decimal"
    return "integer" if isinstance(value, int) else "text"


def _comparable(left: str, right: str) -> bool:
    """Two operand kinds that may be compared: the same kind, or two numbers."""
    return left == right or (left in _NUMBER_KINDS and right in _NUMBER_KINDS)


def _check_choice_values(
    operand: Operand, literals: tuple[Literal, ...], declared: Mapping[str, CaseAttribute]
) -> list[TypeIssue]:
    if not isinstance(operand, Name):
        return []
    attribute = declared.get(operand.name)
    if attribute is None or attribute.type is not AttributeType.CHOICE or not attribute.values:
        return []  # an undeclared attribute or a choice without values is reported elsewhere
    return [
        TypeIssue(
            "wrong-type",
            f"{literal.literal!r} is not one of the values of {attribute.name!r} "
            f"({', '.join(attribute.values)})",
        )
        for literal in literals
        if isinstance(literal.literal, str) and literal.literal not in attribute.values
    ]


def check(node: Node, declared: Mapping[str, CaseAttribute]) -> list[TypeIssue]:
    """Every way the rule misuses the declared attributes; empty when it is well typed."""
    issues: list[TypeIssue] = [
        TypeIssue("unknown-attribute", f"unknown attribute {name!r}")
        for name in sorted(node.attributes())
        if name not in declared
    ]
    _check_node(node, declared, issues)
    return issues


def _check_node(node: Node, declared: Mapping[str, CaseAttribute], issues: list[TypeIssue]) -> None:
    if isinstance(node, Name | Literal):
        kind = _kind_of(node, declared)
        if kind is not None and kind != "boolean":
            what = f"attribute {node.name!r}" if isinstance(node, Name) else repr(node.literal)
            issues.append(TypeIssue("wrong-type", f"{what} is {kind}, not true/false, on its own"))
    elif isinstance(node, Comparison):
        _check_comparison(node, declared, issues)
    elif isinstance(node, Membership):
        kind = _kind_of(node.operand, declared)
        for literal in node.choices:
            other = _kind_of(literal, declared)
            if kind is not None and other is not None and not _comparable(kind, other):
                issues.append(
                    TypeIssue(
                        "wrong-type", f"list value {literal.literal!r} is {other}, not {kind}"
                    )
                )
        issues.extend(_check_choice_values(node.operand, node.choices, declared))
    elif isinstance(node, Not):
        _check_node(node.operand, declared, issues)
    else:
        for operand in node.operands:
            _check_node(operand, declared, issues)


def _check_comparison(
    node: Comparison, declared: Mapping[str, CaseAttribute], issues: list[TypeIssue]
) -> None:
    left, right = _kind_of(node.left, declared), _kind_of(node.right, declared)
    if left is None or right is None:
        return
    if not _comparable(left, right):
        issues.append(TypeIssue("wrong-type", f"cannot compare {left} with {right}"))
        return
    if left == "boolean" and node.operator not in ("==", "!="):
        issues.append(TypeIssue("wrong-type", f"cannot use {node.operator!r} on true/false"))
    for name, other in ((node.left, node.right), (node.right, node.left)):
        if isinstance(other, Literal):
            issues.extend(_check_choice_values(name, (other,), declared))
        if isinstance(name, Name) and node.operator not in ("==", "!="):
            attribute = declared[name.name]
            if attribute.type is AttributeType.CHOICE:
                issues.append(
                    TypeIssue(
                        "wrong-type",
                        f"cannot use {node.operator!r} on choice attribute {name.name!r}",
                    )
                )
