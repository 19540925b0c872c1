"""Contextual measures: the framework file declares what its reports print as contextual facts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from probation_inspection.evidence import default_facts, import_contextual_facts
from probation_inspection.evidence.errors import ContextualFactsError
from probation_inspection.framework import Code, FrameworkError, load_framework
from probation_inspection.framework.loader import load_framework_text
from probation_inspection.framework.model import MeasureUnit
from probation_inspection.framework.serialise import framework_to_dict, framework_to_yaml
from probation_inspection.framework.xlsx import framework_to_workbook, read_workbook

VALID = (Path(__file__).parents[1] / "fixtures" / "frameworks" / "valid-minimal.yaml"
         ).read_text(encoding="utf-8")

#: What the rated CRC reports print under "Contextual facts" (SEEDS-SPEC e.4), as stored
#: facts have always been keyed.
CRC_MEASURES = [
    ("caseload-national", MeasureUnit.COUNT, None),
    ("caseload-provider", MeasureUnit.COUNT, None),
    ("proven-reoffending", MeasureUnit.PERCENT, None),
    ("order-completions", MeasureUnit.PERCENT, Decimal(75)),
    ("licence-compliance", MeasureUnit.PERCENT, Decimal(65)),
    ("upw-completions", MeasureUnit.PERCENT, Decimal(90)),
]


def _with(block: str) -> str:
    return VALID + "contextual_measures:\n" + block


def _codes(text: str) -> list[Code]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(text, "measures.yaml")
    return caught.value.codes


def test_the_crc_framework_declares_the_six_measures_its_reports_print() -> None:
    measures = load_framework("hmip-crc-2018").contextual_measures
    assert [(m.key, m.unit, m.target) for m in measures] == CRC_MEASURES
    assert measures[1].name == "Individuals supervised by this CRC"
    assert measures[3].source == "CRC Service Level 8"


@pytest.mark.parametrize("framework_id", ["hmip-nps-2018", "hmip-pdu-2021", "hmip-pdu-2023",
                                          "hmip-yjs-2021", "hmip-tr-ei5-2016"])
def test_the_other_shipped_frameworks_declare_none(framework_id: str) -> None:
    assert load_framework(framework_id).contextual_measures == ()


def test_a_framework_without_measures_has_no_facts_to_fill() -> None:
    framework = load_framework_text(VALID, "tiny.yaml")
    assert framework.contextual_measures == ()
    assert default_facts(framework.contextual_measures) == ()


def test_a_declared_measure_loads_with_its_notes_and_round_trips() -> None:
    framework = load_framework_text(_with(
        "  - key: rsr-checked\n    name: Cases with RSR checked\n    unit: percent\n"
        "    target: 82.5\n    source: Own audit\n    notes: PROVISIONAL target\n"), "own.yaml")
    (measure,) = framework.contextual_measures
    assert (measure.key, measure.unit, measure.target, measure.notes) == (
        "rsr-checked", MeasureUnit.PERCENT, Decimal("82.5"), "PROVISIONAL target")
    again = load_framework_text(framework_to_yaml(framework), "again.yaml")
    assert again == framework and again.notes_by_element() == framework.notes_by_element()
    book = read_workbook(framework_to_workbook(framework), "own.xlsx")
    assert book.contextual_measures == framework.contextual_measures
    assert book.notes_by_element() == framework.notes_by_element()
    assert framework_to_dict(framework)["contextual_measures"][0]["target"] == "82.5"


def test_the_crc_measures_survive_yaml_and_workbook() -> None:
    framework = load_framework("hmip-crc-2018")
    assert load_framework_text(framework_to_yaml(framework), "crc.yaml"
                               ).contextual_measures == framework.contextual_measures
    assert read_workbook(framework_to_workbook(framework), "crc.xlsx"
                         ).contextual_measures == framework.contextual_measures


@pytest.mark.parametrize(("block", "codes"), [
    ("  - {key: a, name: A, unit: count, source: S}\n"
     "  - {key: a, name: B, unit: count, source: S}\n", [Code.DUPLICATE_MEASURE]),
    ("  - {key: a, name: A, unit: people, source: S}\n", [Code.UNKNOWN_MEASURE_UNIT]),
    ("  - {key: a, name: A, unit: percent, target: 101, source: S}\n",
     [Code.MEASURE_TARGET_OUT_OF_RANGE]),
    ("  - {key: a, name: A, unit: percent, target: -1, source: S}\n",
     [Code.MEASURE_TARGET_OUT_OF_RANGE]),
    ("  - {key: a, name: A, unit: count, target: 2.5, source: S}\n",
     [Code.MEASURE_TARGET_OUT_OF_RANGE]),
    ("  - {key: a, name: A, unit: percent, target: lots, source: S}\n", [Code.WRONG_TYPE]),
    ("  - {key: a, name: A, source: S}\n", [Code.MISSING_FIELD]),
    ("  - {key: a, name: A, unit: count, source: S, colour: red}\n", [Code.UNKNOWN_FIELD]),
    ("  - {key: Big Key, name: A, unit: count, source: S}\n", [Code.INVALID_VALUE]),
    ("  - just text\n", [Code.WRONG_TYPE]),
])
def test_faults_have_their_codes(block: str, codes: list[Code]) -> None:
    assert _codes(_with(block)) == codes


def test_the_import_matches_the_frameworks_measures_only() -> None:
    measures = load_framework("hmip-crc-2018").contextual_measures
    text = ("measure,provider_figure,national_figure,target,period,source\n"
            "order-completions,77,79,,Q2,\n")
    (fact,) = import_contextual_facts(text, measures=measures)
    assert (fact.name, fact.target, fact.source) == (measures[3].name, 75, "CRC Service Level 8")
    # Under a framework that lists no measures the same key is a measure of the inspection's
    # own, which needs its unit.
    with pytest.raises(ContextualFactsError) as caught:
        import_contextual_facts(text, "facts.csv")
    (problem,) = caught.value.problems
    assert problem.column == "unit" and "the framework lists none" in problem.message
