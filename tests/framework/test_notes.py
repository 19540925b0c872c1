"""Notes (sources, PROVISIONAL marks) on a framework and its elements: data the loader reads
and checks, and every form (YAML, workbook) keeps."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from probation_inspection.framework import Code, FrameworkError, load_framework
from probation_inspection.framework.loader import load_framework_text
from probation_inspection.framework.serialise import framework_to_yaml
from probation_inspection.framework.xlsx import framework_to_workbook, read_workbook

VALID = (Path(__file__).parent.parent / "fixtures" / "frameworks" / "valid-minimal.yaml"
         ).read_text(encoding="utf-8")

NOTED = (VALID
         .replace("title: Tiny rated framework\n",
                  "title: Tiny rated framework\nnotes: |\n  Sources: a report.\n\n"
                  "  PROVISIONAL: the bands.\n", 1)
         .replace("        sample_type: case-supervision\n",
                  "        sample_type: case-supervision\n"
                  "        notes: \"Provisional: approximated.\"\n", 1)
         .replace("            relevance: rosh_issues\n            prompts:\n",
                  "            relevance: rosh_issues\n            notes: From the manual.\n"
                  "            prompts:\n", 1)
         .replace("                text: Is the plan recorded?\n",
                  "                text: Is the plan recorded?\n"
                  "                notes: Not printed; from the report's text.\n", 1))

EXPECTED = {
    "framework": "Sources: a report.\n\nPROVISIONAL: the bands.",
    "standard 1.2": "Provisional: approximated.",
    "key question 1.2.1": "From the manual.",
    "prompt 1.2.1.p2": "Not printed; from the report's text.",
}


def test_notes_load_on_every_element_that_may_have_them() -> None:
    assert NOTED != VALID
    framework = load_framework_text(NOTED, "noted.yaml")
    assert framework.notes_by_element() == EXPECTED
    # Provenance, not content: the same framework without its notes rates and compares alike.
    assert framework == load_framework_text(VALID, "plain.yaml")


def test_notes_survive_the_yaml_and_the_workbook_round_trip() -> None:
    framework = load_framework_text(NOTED, "noted.yaml")
    again = load_framework_text(framework_to_yaml(framework), "export.yaml")
    assert again.notes_by_element() == EXPECTED
    workbook = read_workbook(framework_to_workbook(framework), "export.xlsx")
    assert workbook.notes_by_element() == EXPECTED


def test_a_note_that_is_not_text_is_wrong_type_at_its_line() -> None:
    broken = VALID.replace("        sample_type: case-supervision\n",
                           "        sample_type: case-supervision\n        notes: [a, b]\n", 1)
    line = broken.splitlines().index("        notes: [a, b]") + 1
    with pytest.raises(FrameworkError) as caught:
        load_framework_text(broken, "broken.yaml")
    assert [(p.code, p.line, p.element) for p in caught.value.problems] == [
        (Code.WRONG_TYPE, line, "1.2")
    ]
    assert "'notes' must be text" in caught.value.problems[0].message


def test_an_interview_questions_notes_survive_both_forms() -> None:
    base = load_framework("hmip-crc-2018")
    questionnaire = base.questionnaires[0]
    question = questionnaire.questions[0]
    noted = dataclasses.replace(base, questionnaires=(dataclasses.replace(
        questionnaire, questions=(dataclasses.replace(question, notes="000 L325\n002 L299"),
                                  *questionnaire.questions[1:])), *base.questionnaires[1:]))
    key = f"interview question {questionnaire.id} {question.id}"
    assert noted.notes_by_element()[key] == "000 L325\n002 L299"
    for again in (load_framework_text(framework_to_yaml(noted), "export.yaml"),
                  read_workbook(framework_to_workbook(noted), "export.xlsx")):
        assert again.notes_by_element() == noted.notes_by_element()
