"""Contextual facts: a framework's measures and a CSV import that checks every row first."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from probation_inspection.evidence import (
    ContextualFactsError,
    Unit,
    default_facts,
    import_contextual_facts,
    read_contextual_facts,
)
from probation_inspection.framework import load_framework

EVIDENCE = Path(__file__).parents[1] / "fixtures" / "evidence"
#: The measures the CRC reports print, as the CRC framework file declares them.
CRC = load_framework("hmip-crc-2018").contextual_measures


def test_the_crc_measures_carry_the_reports_targets() -> None:
    targets = {fact.measure: fact.target for fact in default_facts(CRC)}
    assert targets == {
        "caseload-national": None, "caseload-provider": None, "proven-reoffending": None,
        "order-completions": 75, "licence-compliance": 65, "upw-completions": 90,
    }
    assert all(f.provider_figure is None and f.meets_target is None for f in default_facts(CRC))


def test_the_wales_figures_import() -> None:
    facts = {fact.measure: fact for fact in
             read_contextual_facts(EVIDENCE / "wales-000-contextual-facts.csv", measures=CRC)}
    assert facts["caseload-national"].provider_figure == 151788
    assert facts["caseload-provider"].unit is Unit.COUNT
    assert facts["proven-reoffending"].provider_figure == Decimal("47.9")
    orders = facts["order-completions"]
    assert (orders.provider_figure, orders.national_figure, orders.target) == (
        Decimal(77), Decimal(79), Decimal(75))
    assert orders.meets_target is True
    upw = facts["upw-completions"]
    # A blank target and source take the default measure's.
    assert (upw.target, upw.source) == (Decimal(90), "CRC Service Level 10")
    assert upw.period == "July 2017 - September 2018, Q2"
    assert facts["proven-reoffending"].source.startswith("Ministry of Justice")


def test_every_bad_row_is_named_and_nothing_is_imported() -> None:
    with pytest.raises(ContextualFactsError) as caught:
        read_contextual_facts(EVIDENCE / "faulty-contextual-facts.csv", measures=CRC)
    found = [(p.row, p.column) for p in caught.value.problems]
    assert found == [(3, "provider_figure"), (4, "provider_figure"), (5, "provider_figure"),
                     (6, "unit"), (7, "measure"), (8, "provider_figure")]
    messages = [p.message for p in caught.value.problems]
    assert messages[0] == "'sixty-eight' is not a number"
    assert messages[1] == "'192%' is outside 0-100 per cent"
    assert messages[2] == "'8899.5' is not a whole number of people"
    assert messages[4] == "'order-completions' is already given on row 2"
    assert str(caught.value).startswith("6 problems; nothing imported:\n")
    assert "faulty-contextual-facts.csv, row 3, column provider_figure:" in str(caught.value)


def test_a_nul_character_is_refused_on_its_row() -> None:
    # No database column holds a NUL: found by the upload fuzz test on PostgreSQL.
    text = ("measure,provider_figure,national_figure,target,period,source\n"
            "order-completions,77%,79%,75,\x00Q2,CRC Service Level 8\n")
    with pytest.raises(ContextualFactsError) as caught:
        import_contextual_facts(text, "facts.csv", measures=CRC)
    assert [(p.row, p.message) for p in caught.value.problems] == [
        (2, "contains a NUL character (byte 0), which is not text")]


def test_columns_are_checked_before_rows() -> None:
    with pytest.raises(ContextualFactsError) as caught:
        read_contextual_facts(EVIDENCE / "unknown-column.csv", measures=CRC)
    assert [(p.row, p.column, p.message.split(" (")[0]) for p in caught.value.problems] == [
        (1, "source", "missing column"), (1, "sauce", "unknown column")]


def test_a_measure_of_its_own_needs_its_unit() -> None:
    (fact,) = read_contextual_facts(EVIDENCE / "other-measure.csv", measures=CRC)
    assert (fact.measure, fact.unit, fact.provider_figure) == ("Offenders managed", Unit.COUNT,
                                                                Decimal(9180))


@pytest.mark.parametrize(("row", "column", "message"), [
    ("order-completions,77,79,75,Q2,,count", "unit", "measured as a percent, not 'count'"),
    ("caseload-provider,12%,,,Q2,,", "provider_figure", "a percentage, but the measure is a count"),
    ("order-completions,77,NaN,75,Q2,,", "national_figure", "'NaN' is not a number"),
    ("Community orders and suspended sentence orders successfully completed,77,79,,Q2,,",
     None, None),
])
def test_cells(row: str, column: str | None, message: str | None) -> None:
    text = "measure,provider_figure,national_figure,target,period,source,unit\n" + row + "\n"
    if column is None:
        (fact,) = import_contextual_facts(text, measures=CRC)
        assert fact.measure == "order-completions"  # matched by its full name
        return
    with pytest.raises(ContextualFactsError) as caught:
        import_contextual_facts(text, "facts.csv", measures=CRC)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("facts.csv", 2, column)
    assert message is not None and message in problem.message


def test_empty_files_and_ragged_rows() -> None:
    with pytest.raises(ContextualFactsError, match="row 1: no facts to import"):
        import_contextual_facts("measure,provider_figure,national_figure,target,period,source\n")
    with pytest.raises(ContextualFactsError, match="row 2: more cells than columns"):
        import_contextual_facts("measure,provider_figure,national_figure,target,period,source\n"
                                "order-completions,77,79,75,Q2,SL8,extra\n")
    with pytest.raises(ContextualFactsError, match="cannot read the file"):
        read_contextual_facts(EVIDENCE / "missing.csv", measures=CRC)


def test_a_byte_order_mark_is_ignored() -> None:
    text = "\ufeffmeasure,provider_figure,national_figure,target,period,source\n" \
           "upw-completions,91%,88%,90,Q1,\n"
    (fact,) = import_contextual_facts(text, measures=CRC)
    assert fact.provider_figure == 91
