"""Live results, the ratings page, the stage rules and the report count the same assessments.

Built through the web app's services (draw, assess and submit, substitute, moderate and
return), then every figure is compared after each event.
"""

from __future__ import annotations

from typing import Any

import pytest

from helpers import make_user
from probation_inspection.scoring import rate_by_lowest_key_question, tally_framework
from probation_inspection.web.casework.models import Assessment, Sample, SampledCase
from probation_inspection.web.casework.questions import questions, relevance_attributes
from probation_inspection.web.casework.results import sample_results
from probation_inspection.web.casework.sampling import substitute_case
from probation_inspection.web.casework.services import (
    PostedAnswer,
    save_assessment,
    start_assessment,
)
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection, Role, TeamMember
from probation_inspection.web.inspections.stages import progress
from probation_inspection.web.quality.moderation import record_verdict, save_judgements
from probation_inspection.web.quality.ratings import ratings
from probation_inspection.web.reports.builder import flagged_notes, inspection_input
from sample_ids import SampleType

pytestmark = pytest.mark.django_db

FRAMEWORK = framework_for("hmip-crc-2018", "2018.1")
SAMPLE_TYPE = "case-supervision"


def assess(case: SampledCase, assessor: Any, key_value: str, submit: bool = True,
           example: str = "") -> Assessment:
    """Open, answer every question and (by default) submit, as the assessment page does."""
    assessment = start_assessment(case, FRAMEWORK, assessor)
    attributes: dict[str, object] = {
        a.name: (True if a.type.value == "boolean" else a.values[0])
        for a in relevance_attributes(FRAMEWORK, SAMPLE_TYPE)
    }
    posted = {q.id: PostedAnswer(key_value if q.kind == "key-question" else "yes")
              for q in questions(FRAMEWORK, SAMPLE_TYPE)}
    if example:
        # A flagged evidence note on the first key question: a practice example in the report.
        first = next(q for q in questions(FRAMEWORK, SAMPLE_TYPE) if q.kind == "key-question")
        posted[first.id] = PostedAnswer(key_value, example, practice_example=True)
    result = save_assessment(assessment, FRAMEWORK, assessor, assessment.version, posted,
                             attributes, submit)
    assert result.saved and not result.missing, result.missing
    assessment.refresh_from_db()
    return assessment


def figures(inspection: Inspection) -> dict[str, Any]:
    """Every figure each of the four readers takes from the counted assessments."""
    inspection.refresh_from_db()
    sample = inspection.samples.get()
    live = sample_results(sample, FRAMEWORK)
    live_tallies = {row.id: row.tally for item in live.standards for row in item.rows}
    live_ratings = {item.standard.id: item.rating.rating if item.rating else None
                    for item in live.standards}

    page = ratings(inspection, FRAMEWORK)
    page_ratings = {row.standard.id: row.rule.rating.rating if row.rule else None
                    for row in page.standards if row.standard.id in live_ratings}

    (report_sample,) = [s for s in inspection_input(inspection).samples
                        if s.facts.sample_type == SampleType(SAMPLE_TYPE)]
    # The report's core tallies exactly these assessments (reporting.build.score).
    report_tallies = tally_framework(FRAMEWORK, report_sample.assessments,
                                     SampleType(SAMPLE_TYPE))
    report_tallies = {key: report_tallies[key] for key in live_tallies}
    report_ratings = {}
    for standard_id in live_ratings:
        standard = FRAMEWORK.standard(standard_id)
        percents = {kq.id: report_tallies[kq.id].percent for kq in standard.key_questions}
        report_ratings[standard_id] = (
            None if None in percents.values() or FRAMEWORK.rating is None
            else rate_by_lowest_key_question(FRAMEWORK.rating, standard, percents).rating)

    stage = progress(inspection, FRAMEWORK)
    return {
        "counted": (live.submitted, len(report_sample.assessments),
                    stage.sampled_cases - stage.not_submitted),
        "tallies": (live_tallies, report_tallies),
        "ratings": (live_ratings, page_ratings, report_ratings),
    }


def examples(inspection: Inspection) -> set[str]:
    """The flagged notes offered as practice examples (those of counted assessments only);
    an example prints once it is made a record and approved (issue 14)."""
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    return {example.text for _, _, example in flagged_notes(inspection, framework)}


def assert_agree(inspection: Inspection, counted: int) -> None:
    found = figures(inspection)
    assert found["counted"] == (counted, counted, counted)
    live, report = found["tallies"]
    assert live == report
    live_ratings, page_ratings, report_ratings = found["ratings"]
    assert live_ratings == page_ratings == report_ratings


def test_every_reader_counts_the_same_assessments(
    inspection: Inspection, users: dict[str, Any], drawn: Sample
) -> None:
    qa = make_user("qa")
    TeamMember.objects.create(inspection=inspection, user=qa, role=Role.QUALITY_ASSURANCE)
    cases = list(drawn.cases.filter(status="sampled").order_by("case_reference"))
    # Four cases met the standard, one did not; the sixth is still a draft and counts nowhere.
    for number, case in enumerate(cases):
        assess(case, users["inspector"], "yes" if number < 4 else "no", submit=number < 5,
               example=f"Good plan in {case.case_reference}")
    assert_agree(inspection, 5)
    assert examples(inspection) == {f"Good plan in {case.case_reference}" for case in cases[:5]}
    assert figures(inspection)["ratings"][0] != {}

    # A case dropped out (the inspectorate's withdrawal) after its assessment was submitted:
    # it no longer counts anywhere, and its reserve counts once assessed.
    cases[0].refresh_from_db()  # substitute_case saves the whole row it is given
    replacement = substitute_case(cases[0], users["lead"], "deceased", "")
    assert_agree(inspection, 4)
    assert f"Good plan in {cases[0].case_reference}" not in examples(inspection)
    assess(replacement, users["inspector"], "no")
    assert_agree(inspection, 5)

    # A QA inspector returns an assessment: it waits for its resubmission everywhere.
    returned = Assessment.objects.get(sampled_case=cases[1])
    key_questions = [kq.id for s in FRAMEWORK.standards() if s.sample_type is not None
                     and s.sample_type == SAMPLE_TYPE for kq in s.key_questions]
    row = save_judgements(returned, qa, {kq: "no" for kq in key_questions}, {})
    record_verdict(row, qa, "quality-assurance", inspection.stage,
                   return_to_inspector=True, comment="Revisit the risk assessment")
    assert Assessment.objects.get(pk=returned.pk).status == "returned"
    assert_agree(inspection, 4)

    # Resubmitted, it counts again, with its revised answers.
    assess(cases[1], users["inspector"], "no")
    assert Assessment.objects.get(pk=returned.pk).status == "submitted"
    assert_agree(inspection, 5)
