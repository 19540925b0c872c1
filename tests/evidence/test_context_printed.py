"""A contextual fact entered as evidence prints one way, wherever a report is built from it."""

from __future__ import annotations

from decimal import Decimal

from probation_inspection.evidence import (
    ContextualFact,
    PrintedFact,
    Unit,
    default_facts,
    printed_fact,
)
from probation_inspection.framework import load_framework


def test_a_percentage_prints_with_its_comparisons_and_period() -> None:
    entered = ContextualFact("order-completions", "Orders successfully completed", Unit.PERCENT,
                             Decimal("77.0"), Decimal("78"), Decimal(75), "April 2018",
                             "CRC Service Level 8")
    assert printed_fact(entered) == PrintedFact(
        figure="77%", measure="Orders successfully completed",
        source="CRC Service Level 8 (April 2018)", national_figure="78%", target="75%")


def test_a_count_prints_with_thousands_and_no_missing_comparisons() -> None:
    entered = ContextualFact("caseload", "Individuals supervised", Unit.COUNT, Decimal(8899),
                             None, None, "", "NOMIS")
    assert printed_fact(entered) == PrintedFact(
        figure="8,899", measure="Individuals supervised", source="NOMIS",
        national_figure=None, target=None)


def test_a_measure_not_yet_entered_is_left_out() -> None:
    facts = default_facts(load_framework("hmip-crc-2018").contextual_measures)
    assert [printed_fact(fact) for fact in facts] == [None] * len(facts)
