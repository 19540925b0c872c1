"""Every part of an inspection travels through the inspection-input file: a field added to the
report's inputs (strengths, recommendations, key-question answers, interview sentences...) and
forgotten by the file would silently vanish from a report built from it."""

from __future__ import annotations

import dataclasses
import json

from probation_inspection.analytics.comparable import ComparableInspection
from probation_inspection.evidence.judgement import KeyQuestionAnswer
from probation_inspection.reporting import Inspection, inspection_from_json, inspection_to_json
from probation_inspection.reporting.inputs import EvidenceCounts, Narrative
from probation_inspection.reporting.records import Recommendation, StandardPoints

# Written under another name, or as part of another key, on purpose.
RENAMED = {"framework", "samples", "decisions", "team"}


def _names(cls: type) -> set[str]:
    return {field.name for field in dataclasses.fields(cls)}


def test_every_field_of_the_inputs_has_its_key_in_the_file(wales_inspection: Inspection) -> None:
    written = inspection_to_json(wales_inspection)
    assert _names(Inspection) - RENAMED <= set(written)
    assert _names(Narrative) <= set(written["narrative"])  # type: ignore[arg-type]
    assert _names(EvidenceCounts) <= set(written["evidence"])  # type: ignore[arg-type]


def test_the_written_records_survive_the_file(wales_inspection: Inspection) -> None:
    inspection = dataclasses.replace(
        wales_inspection,
        narrative=dataclasses.replace(wales_inspection.narrative, points={
            "2.1": StandardPoints(strengths=("Engagement was good.",),
                                  areas_for_improvement=("Plans missed risk.",))}),
        evidence=EvidenceCounts(officers_interviewed=10, meetings=1, interview_findings=(
            "60 per cent of the 10 responsible officers who answered said their workload was "
            "unmanageable, against 56 per cent nationally.",)),
        recommendation_list=(Recommendation("KSS CRC", "improve risk assessment"),
                             Recommendation("HMPPS", "fund the work")),
        key_question_answers=(KeyQuestionAnswer("1.1.1", "1.1", "Leadership is clear.",
                                                ("M1", "D2")),),
        other_inspections=(ComparableInspection(
            provider="Another CRC", label="Another", published="2019-05", overall="Good",
            standards={"2.1": "Good"}, key_questions={"2.1.1": 70},
            relevant_cases={"2.1.1": 100}, yes_cases={"2.1.1": 70}, source="platform",
            recommendations=(("Another CRC", "keep going"),)),),
    )
    read = inspection_from_json(json.loads(json.dumps(inspection_to_json(inspection))))
    assert read == inspection
