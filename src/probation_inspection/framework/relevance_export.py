"""A parsed relevance rule as plain JSON-ready data, for a page that applies the rules live.

Owns the shape only (one object per tree node); what a rule means is `framework.relevance`,
and the page's evaluator is held to it by a test over every shipped framework's rules.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from probation_inspection.framework.relevance import (
    And,
    Comparison,
    Literal,
    Membership,
    Name,
    Node,
    Not,
    Or,
)


def literal_data(literal: Literal) -> dict[str, Any]:
    value = literal.literal
    if isinstance(value, bool):
        return {"t": "literal", "kind": "boolean", "value": value}
    if isinstance(value, Decimal):
        # As text: the page compares numbers, and JSON has no exact decimals.
        return {"t": "literal", "kind": "decimal", "value": str(value)}
    if isinstance(value, int):
        return {"t": "literal", "kind": "integer", "value": value}
    return {"t": "literal", "kind": "text", "value": value}


def rule_data(node: Node | Any) -> dict[str, Any]:
    """The tree of a rule (``Relevance.condition``) as nested dicts keyed by ``t``."""
    if isinstance(node, Name):
        return {"t": "name", "name": node.name}
    if isinstance(node, Literal):
        return literal_data(node)
    if isinstance(node, Comparison):
        return {"t": "compare", "op": node.operator, "left": rule_data(node.left),
                "right": rule_data(node.right)}
    if isinstance(node, Membership):
        return {"t": "in", "operand": rule_data(node.operand), "negated": node.negated,
                "choices": [literal_data(choice) for choice in node.choices]}
    if isinstance(node, Not):
        return {"t": "not", "operand": rule_data(node.operand)}
    if isinstance(node, And | Or):
        return {"t": "and" if isinstance(node, And) else "or",
                "operands": [rule_data(operand) for operand in node.operands]}
    raise TypeError(f"not a relevance rule node: {node!r}")
