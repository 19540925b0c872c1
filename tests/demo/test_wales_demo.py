"""The Wales demo reproduces the published Summary of ratings and Annex 2 from generated cases."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from probation_inspection.demo import wales
from probation_inspection.reporting import Inspection, Report, build_report, render_html, score
from probation_inspection.scoring import Answer, DiscretionReason, Tally
from sample_ids import SampleType

FIXTURES = Path(__file__).parent.parent / "fixtures"


def published() -> Mapping[str, object]:
    records = json.loads((FIXTURES / "published-results.json").read_text(encoding="utf-8"))
    return next(record for record in records if record["seed"].startswith("000_"))


@pytest.fixture(scope="module")
def inspection() -> Inspection:
    return wales.inspection()


@pytest.fixture(scope="module")
def report(inspection: Inspection) -> Report:
    return build_report(inspection)


@pytest.fixture(scope="module")
def tallies(inspection: Inspection) -> Mapping[str, Tally]:
    return score(inspection).tallies


def test_summary_of_ratings_equals_the_published_ratings(report: Report) -> None:
    expected = published()
    summary = report.to_json()["summary_of_ratings"]
    assert summary == {"overall": expected["overall"], "standards": expected["standards"]}


def test_annex_two_equals_every_published_percentage(report: Report) -> None:
    assert report.to_json()["annex"] == published()["key_questions"]


def test_samples_have_the_published_sizes(inspection: Inspection) -> None:
    sizes = {s.facts.sample_type: len(s.assessments) for s in inspection.samples}
    assert sizes == {SampleType.CASE_SUPERVISION: 130, SampleType.UNPAID_WORK: 53,
                     SampleType.THROUGH_THE_GATE: 33}


@pytest.mark.parametrize(("question", "yes", "relevant"), [
    ("2.2.3", 50, 105),  # "50 (48 per cent) of the 105 relevant cases"
    ("2.4.3", 36, 67),  # "36 (54 per cent) of the 67 relevant cases"
    ("2.2.3.p5", 23, 53),  # domestic abuse: 43 per cent of the 53 relevant cases
    ("2.2.3.p6", 11, 33),  # child safeguarding: one-third of the 33 relevant cases
    ("2.3.1.p6", 88, 112),  # missed appointments: 79 per cent of the 112 relevant cases
    ("2.3.3.p2", 50, 94),  # victims: 53 per cent of the 94 relevant cases
    # Words with a count of relevant cases: the yes count is the demo's, within the words.
    ("2.4.3.p1", None, 68),  # "In the 68 relevant cases, just over half"
    ("2.4.3.p4", None, 57),  # almost two-thirds of the 57 relevant cases
])
def test_relevant_counts_follow_the_report_where_it_states_them(
    tallies: Mapping[str, Tally], question: str, yes: int | None, relevant: int
) -> None:
    assert tallies[question].relevant == relevant
    if yes is not None:
        assert tallies[question].yes == yes


def test_the_relevant_sub_samples_come_from_the_case_attributes(
    inspection: Inspection, tallies: Mapping[str, Tally]
) -> None:
    supervision = inspection.sample(SampleType.CASE_SUPERVISION)
    assert supervision is not None
    with_issues = [c for c in supervision.assessments
                   if c.attributes is not None and c.attributes["rosh_issues"]]
    assert len(with_issues) == 105
    for question in ("2.2.3", "2.3.3", "2.4.3"):
        assert tallies[question].not_relevant == 130 - 105
    # Reviewing counts 67 of the 105: the inspector answered the rest not applicable.
    assert tallies["2.4.3"].not_applicable == 38
    assert all(c.answers["2.4.3"] is not Answer.NOT_RELEVANT for c in with_issues)


def test_the_planning_discretion_is_recorded_with_the_reports_footnote(
    inspection: Inspection, report: Report
) -> None:
    discretion = inspection.decisions.discretions["2.2"]
    assert (discretion.from_rating, discretion.to_rating) == ("Inadequate",
                                                              "Requires improvement")
    assert "exercised professional discretion" in discretion.rationale
    planning = next(s for t in report.results.tables for s in t.standards
                    if s.standard_id == "2.2")
    assert (planning.rule_rating, planning.rating) == ("Inadequate", "Requires improvement")
    notes = {note.number: note.text for note in report.results.footnotes}
    # The published footnote, word for word, then the case data the discretion rests on.
    assert notes[planning.footnotes[0]] == (
        f"{discretion.rationale} The case data: {discretion.figure}."
    )
    limiting = next(kq for kq in planning.key_questions if kq.key_question_id == "2.2.3")
    assert planning.footnotes[0] in limiting.footnotes


def test_planning_is_uncertain_and_its_discretion_cites_the_computed_figures(
    inspection: Inspection, report: Report
) -> None:
    discretion = inspection.decisions.discretions["2.2"]
    assert discretion.reason is DiscretionReason.BAND_EDGE
    # Computed from the generated cases (50 of 105 at the sample's 80 per cent), not typed.
    assert discretion.figure == (
        "key question 2.2.3: 50 (48%) of 105, 80% interval 41% to 54%; "
        "2 more Yes would make it Requires improvement"
    )
    planning = next(s for t in report.results.tables for s in t.standards
                    if s.standard_id == "2.2")
    assert planning.uncertain and planning.uncertainty_flags == ("band-edge",)
    assert (planning.cases_to_change_up, planning.cases_to_change_down) == (2, None)
    assert planning.confidence == 0.8
    limiting = next(kq for kq in planning.key_questions if kq.key_question_id == "2.2.3")
    assert (limiting.interval_lower, limiting.interval_upper) == (41.5, 53.9)
    assert limiting.crosses_band_edge
    # The published tables print no interval: only the discretion's footnote is new.
    assert "41.5" not in render_html(report, charts=False)


def test_domain_one_ratings_are_judgements_with_rationales(inspection: Inspection) -> None:
    judgements = inspection.decisions.judgements
    assert {k: j.rating for k, j in judgements.items()} == {
        k: v for k, v in published()["standards"].items() if k.startswith("1.")  # type: ignore[attr-defined]
    }
    assert all(j.rationale for j in judgements.values())


def test_evidence_team_and_credit_come_from_the_report(
    inspection: Inspection, report: Report
) -> None:
    assert inspection.evidence is not None
    assert (inspection.evidence.officers_interviewed, inspection.evidence.meetings) == (83, 31)
    assert inspection.team.lead_inspector == published()["lead_inspector"]
    assert inspection.team.chief_inspector == published()["chief_inspector"]
    assert "Open Government Licence" in report.cover.notice
    assert "Crown copyright" in report.cover.notice


def test_the_demo_is_reproducible(inspection: Inspection) -> None:
    assert wales.inspection() == inspection
