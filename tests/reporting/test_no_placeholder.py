"""The whole report, rendered, has no placeholder and no count at odds with its noun, at 0, 1
and many of each count (evidence, moderation, team names)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html import unescape

import pytest

from probation_inspection.framework import load_framework
from probation_inspection.framework.library import available_frameworks
from probation_inspection.reporting import Inspection, build_report, render_html
from probation_inspection.reporting.inputs import (
    CaseSample,
    EvidenceCounts,
    Moderation,
    RatingDecisions,
    SampleFacts,
    Team,
)
from probation_inspection.sampling.fields import Field
from probation_inspection.scoring import CaseAssessment
from probation_inspection.scoring.answers import Answer
from probation_inspection.scoring.walk import questions

#: What a placeholder or a count at odds with its noun prints.
PLACEHOLDER = re.compile(
    r"\bis \.|\s,|\s\.(?!\d)|\{\{|\}\}|\bNone\b|\bzero\b|\bnull\b|\(0 per cent\)"
    r"|\b100 per cent of the cases|\[\d\.\d\.\d"
    r"|\bone (meetings|cases|officers|individual responsible officers|custodial cases)\b"
    r"|\b(0|1) (cases|meetings|officers)\b|\b(two|three|[2-9]|\d\d+) (meeting|case|officer)\b(?!s)"
)

COUNTS = [(0, 0), (1, 1), (1, 0), (0, 1), (83, 31)]


def _text(inspection: Inspection) -> str:
    html = render_html(build_report(inspection), charts=False)
    body = re.sub(r"<style.*?</style>|<script.*?</script>", " ", html, flags=re.S)
    # Blocks end with a space; inline tags go without one, so "<strong>x</strong>." stays "x.".
    body = re.sub(r"</?(p|li|h\d|td|th|dd|dt|div|tr|section|header|footer|ol|ul|br)\b[^>]*>",
                  " ", body)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", body)).split())


@pytest.mark.parametrize(("officers", "meetings"), COUNTS)
@pytest.mark.parametrize("moderated", [None, 0, 1, 12])
def test_no_placeholder_at_any_count(
    wales_inspection: Inspection, officers: int, meetings: int, moderated: int | None
) -> None:
    inspection = dataclasses.replace(
        wales_inspection,
        evidence=EvidenceCounts(officers, meetings),
        moderation=None if moderated is None else Moderation(moderated),
    )
    text = _text(inspection)
    found = [text[max(0, m.start() - 60):m.end() + 20] for m in PLACEHOLDER.finditer(text)]
    assert found == []


@pytest.mark.parametrize("team", [
    Team(""),
    Team("Joseph Simpson"),
    Team("Joseph Simpson", programme_manager="Helen Rinaldi", chief_inspector="Justin Russell",
         inspectors=("An Inspector", "Another Inspector")),
])
def test_no_placeholder_whoever_is_named(wales_inspection: Inspection, team: Team) -> None:
    text = _text(dataclasses.replace(wales_inspection, team=team, evidence=None, publication=""))
    found = [text[max(0, m.start() - 60):m.end() + 20] for m in PLACEHOLDER.finditer(text)]
    assert found == []


def _thematic(cases: int, officers: int, meetings: int, moderated: int | None) -> Inspection:
    """An inspection under the shipped framework that rates nothing (a thematic's): its one
    sample, read from the framework, of ``cases`` cases answering yes wherever relevant."""
    item = next(item for item in available_frameworks() if not item.rated)
    framework = load_framework(item.id, item.version)
    [definition] = framework.sample_types
    attributes = {a.name: (True if a.type.value == "boolean" else a.values[0])
                  for a in framework.attributes if a.type.value == "boolean" or a.values}
    assessments = tuple(
        CaseAssessment(f"T{number}", {q.id: Answer.YES
                                      for q in questions(framework, definition.id)
                                      if q.relevant(attributes)}, attributes)
        for number in range(cases))
    facts = SampleFacts(definition.id, cases, eligible=None if cases == 0 else 400,
                        strata=tuple(Field(name) for name in definition.strata))
    return Inspection(
        provider="Thematic Area", title="A thematic inspection",
        fieldwork_start=dt.date(2024, 3, 4), publication="May 2024", team=Team("A. Lead"),
        framework=framework, samples=(CaseSample(facts, assessments),),
        decisions=RatingDecisions(), evidence=EvidenceCounts(officers, meetings),
        moderation=None if moderated is None else Moderation(moderated))


@pytest.mark.parametrize(("officers", "meetings"), COUNTS)
@pytest.mark.parametrize(("cases", "moderated"), [(0, None), (1, 0), (1, 1), (12, 12)])
def test_no_placeholder_in_the_thematic_report_at_any_count(
    cases: int, moderated: int | None, officers: int, meetings: int
) -> None:
    text = _text(_thematic(cases, officers, meetings, moderated))
    found = [text[max(0, m.start() - 60):m.end() + 20] for m in PLACEHOLDER.finditer(text)]
    assert found == []
    assert "Focus of the inspection" in text
