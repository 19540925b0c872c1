"""Terms, presentation questions and the methodology template in a framework file: a file's
own words reach the evidence pages' questions and the report's annex; faults name their line;
a hostile template is refused by the sandbox."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from probation_inspection.evidence import presentation_notes
from probation_inspection.framework import FrameworkError, load_framework_text
from probation_inspection.framework.methodology_context import examples
from probation_inspection.framework.model import Framework
from probation_inspection.reporting.inputs import (
    CaseSample,
    EvidenceCounts,
    Inspection,
    Moderation,
    RatingDecisions,
    SampleFacts,
    Team,
)
from probation_inspection.reporting.methodology import methodology, methodology_context
from sample_ids import SampleType

MINIMAL = (Path(__file__).parents[1] / "fixtures" / "frameworks" / "valid-minimal.yaml"
           ).read_text(encoding="utf-8")
SECTIONS = """terms:
  person: child
  people: children
presentation:
  questions:
    - standard: "1.1"
      text: How do leaders keep children safe?
    - text: What would you change first?
methodology: |
  ## How we inspected

  {% if evidence %}
  We met {{ evidence.officers_interviewed | number_words }} case managers and read the files
  of the {{ terms.people }} we sampled.
  {% endif %}
  {% set cases = samples.get("case-supervision") %}
  {% if cases %}

  We examined {{ cases.size | cases }}{{ cases.units }}. {{ cases.design_sentence }}
  {% else %}

  We drew no case sample.
  {% endif %}
"""
VALID = MINIMAL + SECTIONS


def _load(text: str) -> Framework:
    return load_framework_text(text, "own.yaml")


def _inspection(framework: Framework, samples: tuple[CaseSample, ...] = ()) -> Inspection:
    return Inspection(
        provider="Riverside Youth Justice Service", title="An inspection of Riverside",
        fieldwork_start=dt.date(2024, 3, 4), publication="June 2024",
        team=Team("A Lead"), framework=framework, samples=samples,
        decisions=RatingDecisions(), evidence=EvidenceCounts(officers_interviewed=3, meetings=0),
        moderation=Moderation(cases_moderated=2),
    )


def _problems(text: str) -> list[tuple[str, int | None]]:
    with pytest.raises(FrameworkError) as error:
        _load(text)
    return [(problem.code.number, problem.line) for problem in error.value.problems]


def test_a_framework_file_with_its_own_words_renders_them() -> None:
    framework = _load(VALID)
    assert (framework.terms.person, framework.terms.people) == ("child", "children")
    assert [(q.number, q.standard, q.text) for q in framework.presentation] == [
        (1, "1.1", "How do leaders keep children safe?"),
        (2, None, "What would you change first?"),
    ]
    notes = presentation_notes(framework, {2: " Reports first. "})
    assert [note.notes for note in notes] == ["", "Reports first."]
    sample = CaseSample(SampleFacts(SampleType.CASE_SUPERVISION, size=21, eligible=60,
                                    delivery_units=("North",), unit_name="team",
                                    size_set_by_hand=False), ())
    (section,) = methodology(_inspection(framework, (sample,)))
    assert section.heading == "How we inspected"
    assert section.paragraphs[0] == ("We met three case managers and read the files of the "
                                     "children we sampled.")
    assert section.paragraphs[1].startswith("We examined 21 cases from one team. The sample "
                                            "size was set to achieve a confidence level of 80")
    (without,) = methodology(_inspection(framework))
    assert without.paragraphs[1] == "We drew no case sample."


def test_terms_default_and_no_template_gives_no_annex() -> None:
    framework = _load(MINIMAL)
    assert framework.terms.people == "people on probation"
    assert framework.presentation == ()
    assert methodology(_inspection(framework)) == ()


def test_the_report_fills_every_name_the_trial_render_offers() -> None:
    framework = _load(VALID)
    facts = SampleFacts(SampleType.CASE_SUPERVISION, size=5, eligible=50)
    real = methodology_context(_inspection(framework, (CaseSample(facts, ()),)))
    example = examples()[0]
    assert set(real) == set(example)
    assert set(real["samples"]["case-supervision"]) == set(  # type: ignore[index]
        example["samples"].get("case-supervision"))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("section", "expected"), [
    # A template syntax error names the file's line (the block starts after 'methodology:').
    ("methodology: |\n  ## A\n\n  {% if evidence %}\n  text\n", ("FW702", "+4")),
    ("methodology: |\n  ## A\n\n  {{ no_such_name }}\n", ("FW702", "+3")),
    ("methodology: |\n  ## A\n\n  {{ terms.nickname }}\n", ("FW702", "+3")),
    ("methodology: |\n  Text before any heading.\n", ("FW702", None)),
    ("methodology: |\n  ## A\n  {% for s in samples %}x{% endfor %}\n", ("FW702", "+2")),
    ("methodology: 3\n", ("FW105", "+0")),
    ("terms:\n  person: child\n  people: children\n  carer: parent\n", ("FW701", "+3")),
    ("terms:\n  person: child\n", ("FW102", "+1")),
    ("presentation:\n  questions:\n    - {text: Why, standard: '9.9'}\n", ("FW504", "+2")),
    ("presentation:\n  questions: []\n", ("FW501", "+1")),
])
def test_faults_carry_their_code_and_line(section: str, expected: tuple[str, str | None]
                                          ) -> None:
    start = MINIMAL.count("\n") + 1
    code, offset = expected
    line = None if offset is None else start + int(offset)
    assert (code, line) in _problems(MINIMAL + section)


HOSTILE = [
    "{{ terms.__class__ }}",
    "{{ terms.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ samples.get.__self__.__class__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ range(10) }}",
    "{{ lipsum() }}",
    "{{ samples.items() }}",
    "{{ terms.people.center(100000000) }}",
    "{{ terms.people * 100000000 }}",
    "{{ 9 ** 9 ** 9 }}",
    "{{ '%0999999999d' % 1 }}",
    "{{ terms.people | center(100000000) }}",
    "{{ terms.people | format }}",
    "{% set a = terms.people %}{% set b = a ~ a %}{{ b }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{% include 'x' %}",
    "{% extends 'x' %}",
    "{% for i in samples %}{% for j in samples %}{% endfor %}{% endfor %}",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_a_hostile_template_is_refused_at_load(body: str) -> None:
    text = MINIMAL + f"methodology: |\n  ## A\n\n  {body}\n"
    codes = [code for code, _ in _problems(text)]
    assert codes == ["FW702"], codes


def test_a_long_template_is_refused() -> None:
    body = "\n".join("  Words words words words words words words." for _ in range(600))
    assert ("FW702", MINIMAL.count("\n") + 2) in _problems(
        MINIMAL + f"methodology: |\n  ## A\n{body}\n")


def test_numbers_may_still_be_worked_out_in_a_template() -> None:
    framework = _load(MINIMAL + "methodology: |\n  ## A\n\n  {% if evidence %}\n"
                      "  {{ evidence.meetings * 2 }} and {{ terms.people | upper }}\n"
                      "  {% endif %}\n")
    inspection = dataclasses.replace(_inspection(framework),
                                     evidence=EvidenceCounts(officers_interviewed=0, meetings=4))
    (section,) = methodology(inspection)
    assert section.paragraphs == ("8 and PEOPLE ON PROBATION",)


def test_the_publisher_is_an_optional_term_the_inspectorate_frameworks_name() -> None:
    from probation_inspection.framework import load_framework
    from probation_inspection.framework.library import available_frameworks

    for item in available_frameworks():
        assert load_framework(item.id, item.version).terms.publisher == (
            "HM Inspectorate of Probation")
