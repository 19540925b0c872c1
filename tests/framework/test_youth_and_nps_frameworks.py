"""The youth justice (hmip-yjs-2021) and NPS division (hmip-nps-2018) frameworks (issue 12).

Each has samples of its own declared in its file: youth court and out-of-court disposals, the
NPS court-report and victim samples beside case supervision. They load and validate, show
their maximum score, and an inspection under each runs from generated case lists through
sampling of every sample type, assessment, moderation and ratings to the report, with the
core services.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from collections.abc import Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.framework import RatingMethod, load_framework, load_framework_file
from probation_inspection.framework.library import library_directory
from probation_inspection.framework.model import NOT_RATED, Framework
from probation_inspection.moderation import SelectionPolicy, Submission, select
from probation_inspection.reporting import build_report, render_html
from probation_inspection.reporting.inputs import (
    CaseSample,
    Inspection,
    Moderation,
    QuestionAgreement,
    RatingDecisions,
    SampleFacts,
    Team,
)
from probation_inspection.sampling import draw, eligible, load_case_list
from probation_inspection.sampling.cases import Case
from probation_inspection.scoring import Answer, CaseAssessment, Judgement
from probation_inspection.scoring.agreement import JudgementPair, agreement_by_key_question

RUNNER = CliRunner()
YOUTH, NPS = "hmip-yjs-2021", "hmip-nps-2018"
FIELDWORK = dt.date(2022, 6, 6)

#: The case-list columns for each case-list field a sample type may need.
COLUMNS = {"crn": "CRN", "gender": "Gender", "disposal": "Disposal", "rosh": "RoSH",
           "start_date": "Sentence start date"}
DISPOSALS = {
    "court-disposals": ["Referral order", "Youth rehabilitation order",
                        "Detention and training order"],
    "out-of-court-disposals": ["Youth caution", "Youth conditional caution",
                               "Community resolution"],
    "case-supervision": ["Community order", "Suspended sentence order", "Licence"],
}


@pytest.mark.parametrize("framework_id", [YOUTH, NPS])
def test_each_file_loads_validates_and_cites_its_sources(framework_id: str) -> None:
    path = library_directory() / f"{framework_id}.yaml"
    framework = load_framework_file(path)
    assert framework == load_framework(framework_id)
    result = RUNNER.invoke(app, ["frameworks", "validate", str(path)])
    assert result.exit_code == 0, result.output
    # Sources and PROVISIONAL marks are the file's notes: data a round trip keeps.
    assert "https://" in framework.notes
    assert "PROVISIONAL" in framework.notes


def test_youth_scores_twelve_standards_out_of_36_and_resettlement_is_not_scored() -> None:
    framework = load_framework(YOUTH)
    assert framework.maximum_score == 36
    assert len(framework.scored_standards()) == 12
    resettlement = framework.standard("4.1")
    assert (resettlement.rating_method, resettlement.scored) == (RatingMethod.JUDGEMENT, False)
    assert {s.sample_type for s in framework.standards() if s.sample_type} == {
        "court-disposals", "out-of-court-disposals"}


def test_nps_has_ten_standards_and_its_own_court_report_and_victim_samples() -> None:
    framework = load_framework(NPS)
    assert framework.maximum_score == 30
    assert [s.id for s in framework.standards()] == [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    assert (framework.standard("3.1").sample_type, framework.standard("3.2").sample_type) == (
        "court-reports", "victim-work")
    assert [t.id for t in framework.sample_types] == [
        "case-supervision", "court-reports", "victim-work"]


def test_frameworks_list_json_shows_them_with_their_maximum_score() -> None:
    result = RUNNER.invoke(app, ["frameworks", "list", "--json"])
    listed = {entry["id"]: entry for entry in json.loads(result.stdout)["frameworks"]}
    assert (listed[YOUTH]["max_score"], listed[NPS]["max_score"]) == (36, 30)
    assert [s["scored"] for s in listed[YOUTH]["standards"]][-1] is False


# --- End to end ------------------------------------------------------------------------------


def _case_list(path: Path, fields: tuple[str, ...], sample_type: str, cases: int,
               start: tuple[int, int], seed: int) -> Path:
    """A generated case list of the sample type's fields, every case started between
    ``start`` days before fieldwork."""
    chooser = random.Random(f"{sample_type}:{seed}")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([COLUMNS[name] for name in fields])
        for number in range(1, cases + 1):
            row = {
                "crn": f"{sample_type[0].upper()}{number:06d}",
                "gender": chooser.choices(["Male", "Female"], weights=[80, 20])[0],
                "disposal": chooser.choice(DISPOSALS.get(sample_type, ["Licence"])),
                "rosh": chooser.choice(["Low", "Medium", "High"]),
                "start_date": (FIELDWORK - dt.timedelta(days=chooser.choice(range(*start))))
                .isoformat(),
            }
            writer.writerow([row[name] for name in fields])
    return path


def _attributes(framework: Framework, case: Case, chooser: random.Random) -> dict[str, object]:
    rosh = case.rosh is not None and case.rosh.value.lower() != "low"
    values: dict[str, object] = {
        "gender": case.gender.value.lower() if case.gender is not None else "male",
        "disposal": (case.disposal.value.replace("-", " ") if case.disposal is not None
                     else None),
        "rosh_issues": rosh, "rosh_level": case.rosh.value.lower() if case.rosh else "low",
        "domestic_abuse": rosh and chooser.random() < 0.4,
        "child_safeguarding": chooser.random() < 0.3, "victims": chooser.random() < 0.6,
        "enforcement_required": chooser.random() < 0.3,
        "missed_appointments": chooser.random() < 0.5,
        "other_agencies_involved": chooser.random() < 0.5,
        "home_visit_required": rosh and chooser.random() < 0.5,
        "responsible_officer_grade": "PO", "delivery_unit": "Team A",
    }
    out: dict[str, object] = {}
    for attribute in framework.attributes:
        value = values.get(attribute.name)
        if attribute.values and value not in attribute.values:
            value = attribute.values[0]
        out[attribute.name] = value
    return out


def _assess(framework: Framework, sample_type: str, case: Case, chances: Mapping[str, float],
            chooser: random.Random) -> CaseAssessment:
    attributes = _attributes(framework, case, chooser)
    answers: dict[str, Answer] = {}
    for standard in framework.standards():
        if standard.sample_type != sample_type:
            continue
        for key_question in standard.key_questions:
            if not key_question.applies(attributes):
                answers[key_question.id] = Answer.NOT_RELEVANT
                for prompt in key_question.prompts:
                    answers[prompt.id] = Answer.NOT_RELEVANT
                continue
            yes = chooser.random() < chances[standard.id]
            answers[key_question.id] = Answer.YES if yes else Answer.NO
            for prompt in key_question.prompts:
                answers[prompt.id] = (
                    (Answer.YES if yes or chooser.random() < 0.5 else Answer.NO)
                    if prompt.applies(attributes) else Answer.NOT_RELEVANT)
    return CaseAssessment(case.crn, answers, attributes)


def _inspection(framework_id: str, chances: Mapping[str, float], tmp_path: Path,
                judgements: Mapping[str, str]) -> Inspection:
    framework = load_framework(framework_id)
    samples = []
    all_assessments: list[CaseAssessment] = []
    for definition in framework.sample_types:
        # Every case inside the window: between its latest and earliest day before fieldwork.
        earliest, latest = definition.eligibility.bounds(FIELDWORK)
        newest = (FIELDWORK - latest).days
        oldest = (FIELDWORK - earliest).days if earliest is not None else newest + 60
        path = _case_list(tmp_path / f"{definition.id}.csv", definition.fields, definition.id,
                          400, (newest, oldest + 1), seed=4)
        population = eligible(load_case_list(path, definition), definition, FIELDWORK)
        sample = draw(population, seed=2022)
        assert 0 < sample.size == len(sample.cases), definition.id
        chooser = random.Random(f"{framework_id}:{definition.id}")
        assessments = tuple(_assess(framework, definition.id, case, chances, chooser)
                            for case in sample.cases)
        all_assessments.extend(assessments)
        samples.append(CaseSample(SampleFacts(
            sample_type=definition.id, size=sample.size, eligible=sample.eligible,
            strata=sample.fields), assessments))

    inspectors = {a.case_id: f"inspector-{i % 3}" for i, a in enumerate(all_assessments)}
    queue = select([Submission(case_id, who) for case_id, who in inspectors.items()], seed=7,
                   policy=SelectionPolicy())
    by_id = {a.case_id: a for a in all_assessments}
    pairs = [JudgementPair(case_id, inspectors[case_id], kq.id, answer, answer)
             for case_id in queue.ids() for kq in framework.key_questions()
             if (answer := by_id[case_id].answers.get(kq.id)) is not None]
    agreement = agreement_by_key_question(pairs, [kq.id for kq in framework.key_questions()])
    return Inspection(
        provider="Anytown", title="An inspection of Anytown", fieldwork_start=FIELDWORK,
        publication="October 2022",
        team=Team(lead_inspector="A Lead", programme_manager="A Manager",
                  chief_inspector="A Chief"),
        framework=framework, samples=tuple(samples),
        decisions=RatingDecisions(judgements={
            sid: Judgement(rating, f"The evidence supports {rating} for {sid}.")
            for sid, rating in judgements.items()}),
        moderation=Moderation(len(queue.ids()), tuple(
            QuestionAgreement(kq, a.judgements, a.agreements) for kq, a in agreement.items())),
    )


def _check(inspection: Inspection, judged: Mapping[str, str]) -> tuple[dict[str, str], str]:
    framework = inspection.framework
    assert framework.rating is not None
    report = build_report(inspection)
    summary = report.to_json()["summary_of_ratings"]
    standards: dict[str, str] = summary["standards"]
    assert NOT_RATED not in standards.values()
    for sid, rating in judged.items():
        assert standards[sid] == rating
    total = sum(framework.rating.scores[standards[s.id]] for s in framework.scored_standards())
    assert summary["overall"] == framework.rating.band_for_score(total)
    html = render_html(report, charts=False)
    for standard in framework.standards():
        assert standard.title in html
    # The methodology annex is the framework's own, filled from this inspection's samples.
    assert "service user" not in html or framework.id == NPS
    for sample in inspection.samples:
        assert f"We examined {sample.facts.size} " in html or framework.id == NPS
    assert ("Domain three: out-of-court disposals" in html if framework.id == YOUTH
            else "Domain three: NPS-specific work" in html)
    return standards, summary["overall"]


def test_a_youth_inspection_runs_end_to_end_through_both_samples(tmp_path: Path) -> None:
    chances = {"2.1": 0.9, "2.2": 0.7, "2.3": 0.58, "2.4": 0.3,
               "3.1": 0.95, "3.2": 0.9, "3.3": 0.75}
    judged = {"1.1": "Good", "1.2": "Good", "1.3": "Requires improvement", "1.4": "Good",
              "3.4": "Good"}
    overall = {}
    for resettlement in ("Outstanding", "Inadequate"):
        inspection = _inspection(YOUTH, chances, tmp_path, {**judged, "4.1": resettlement})
        assert {s.facts.sample_type for s in inspection.samples} == {
            "court-disposals", "out-of-court-disposals"}
        standards, overall[resettlement] = _check(inspection, {**judged, "4.1": resettlement})
        assert (standards["2.1"], standards["2.4"]) == ("Outstanding", "Inadequate")
    # Resettlement is rated and reported but does not move the overall.
    assert overall["Outstanding"] == overall["Inadequate"]


def test_an_nps_inspection_runs_end_to_end_through_its_three_samples(tmp_path: Path) -> None:
    chances = {"2.1": 0.9, "2.2": 0.7, "2.3": 0.58, "2.4": 0.3, "3.1": 0.75, "3.2": 0.45}
    judged = {"1.1": "Good", "1.2": "Requires improvement", "1.3": "Good", "1.4": "Good"}
    inspection = _inspection(NPS, chances, tmp_path, judged)
    assert {s.facts.sample_type for s in inspection.samples} == {
        "case-supervision", "court-reports", "victim-work"}
    standards, _ = _check(inspection, judged)
    assert standards["3.2"] == "Inadequate"
