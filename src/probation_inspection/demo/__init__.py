"""Demonstration inspections built from generated case-level data (the Wales reproduction).

Core package: no Django; the generator meets tally targets through the real scoring rules.
"""

from probation_inspection.demo.generator import (
    BooleanAttribute,
    ChoiceAttribute,
    GeneratorError,
    QuestionTarget,
    SampleTargets,
    ShareTarget,
    counts_for_percent,
    generate,
)

__all__ = [
    "BooleanAttribute",
    "ChoiceAttribute",
    "GeneratorError",
    "QuestionTarget",
    "SampleTargets",
    "ShareTarget",
    "counts_for_percent",
    "generate",
]
