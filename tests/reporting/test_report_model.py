"""The report model: sections in the published order, JSON form, annexes and refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from probation_inspection.framework import load_framework
from probation_inspection.reporting import (
    CaseSample,
    EvidenceCounts,
    Inspection,
    Moderation,
    RatingDecisions,
    Report,
    ReportingError,
    SampleFacts,
    build_report,
)
from probation_inspection.reporting.methodology import methodology
from probation_inspection.sampling.fields import Field
from probation_inspection.scoring import ScoringError
from sample_ids import SampleType

PUBLISHED_ORDER = [
    "Foreword", "Overall findings", "Summary of ratings", "Recommendations", "Background",
    "Contextual facts", "1. Organisational delivery", "2. Case supervision",
    "4. CRC-specific work", "Annex 1: Methodology", "Annex 2: Inspection results",
    "Annex 3: Operating model", "Annex 4: Glossary",
]


def test_sections_follow_the_published_order(wales_report: Report) -> None:
    assert wales_report.to_json()["sections"] == PUBLISHED_ORDER
    standards = [e.title for e in wales_report.contents() if e.level == 2]
    assert standards[:2] == ["1.1. Leadership", "1.2. Staff"]
    assert standards[-1] == "4.2. Through the Gate"


def test_the_json_form_carries_the_summary_and_the_annex(wales_report: Report) -> None:
    data = wales_report.to_json()
    assert set(data["summary_of_ratings"]) == {"overall", "standards"}
    assert data["annex"]["4.2.3"] == 50
    assert data["framework"] == {"id": "hmip-crc-2018", "version": "2018.1"}


def test_each_case_data_standard_has_findings_with_exact_figures(wales_report: Report) -> None:
    planning = wales_report.domains[1].standards[1]
    assert planning.standard_id == "2.2"
    texts = [finding.text for finding in planning.findings]
    assert ("In 61 per cent of the cases we inspected, planning focused sufficiently on "
            "engaging the service user.") in texts
    assert ("Planning focused sufficiently on keeping other people safe in 50 (48 per cent) of "
            "the 105 relevant cases.") in texts
    assert all(finding.figure for finding in planning.findings)


def test_every_finding_traces_to_its_tally_in_the_json(wales_report: Report) -> None:
    data = wales_report.to_json()
    domains = data["domains"]
    assert isinstance(domains, list)
    findings = [finding for domain in domains for standard in domain["standards"]
                for finding in standard["findings"]]
    assert findings
    for finding in findings:
        question, _, figure = finding["source"].partition(": ")
        assert question == finding["question_id"]
        assert figure == finding["figure"]
        assert figure.startswith(f"{finding['yes']} of {finding['relevant']} ")
        # Whole-sample questions are over "cases", the rest over "relevant cases".
        assert ("relevant case" in figure) != finding["whole_sample"]
        assert "[" not in finding["text"] and "per cent)]" not in finding["text"]


def test_domain_one_sections_carry_the_judgement_rationale(wales_report: Report) -> None:
    leadership = wales_report.domains[0].standards[0]
    assert leadership.rating == "Good"
    assert leadership.findings == ()
    assert "leadership team" in leadership.rationale


def test_annex_two_footnotes_relevance_once_and_discretion_once(wales_report: Report) -> None:
    texts = [note.text for note in wales_report.results.footnotes]
    assert len(texts) == 2
    assert texts[0].startswith("Please note: percentages relating to questions 2.2.3")
    assert texts[1].startswith("In arriving at the rating for planning")
    case_supervision = wales_report.results.tables[0]
    marked = [kq.key_question_id for s in case_supervision.standards for kq in s.key_questions
              if 1 in kq.footnotes]
    assert marked == ["2.2.3", "2.3.3", "2.4.3"]


def test_glossary_comes_from_the_framework(wales_report: Report) -> None:
    framework = load_framework("hmip-crc-2018")
    assert [item.term for item in wales_report.glossary] == [e.term for e in framework.glossary]


def test_the_methodology_annex_is_written_from_the_sample_facts(wales_report: Report) -> None:
    sections = {s.heading: s.paragraphs for s in wales_report.methodology}
    assert list(sections) == ["Domain one: organisational delivery",
                              "Domain two: case supervision",
                              "Domain three: sector-specific work"]
    assert ("We examined 130 cases from across five local delivery units. The sample size was "
            "set to achieve a confidence level of 80 per cent (with a margin of error of 5), and "
            "we ensured that the ratios in relation to gender, type of disposal and risk of "
            "serious harm level matched those in the eligible population."
            ) in sections["Domain two: case supervision"]
    domain_one = " ".join(sections["Domain one: organisational delivery"])
    assert "we interviewed 83 individual responsible officers" in domain_one
    assert "we conducted 31 meetings and focus groups" in domain_one
    domain_three = " ".join(sections["Domain three: sector-specific work"])
    assert "two further samples: unpaid work and Through the Gate" in domain_three
    assert "we examined 53 cases with unpaid work requirements" in domain_three
    assert ("ratios in relation to gender and risk of serious harm level matched"
            in domain_three)
    assert "we examined 33 custodial cases" in domain_three


def _with_samples(inspection: Inspection, *samples: CaseSample) -> Inspection:
    return dataclasses.replace(inspection, samples=samples)


def test_methodology_words_small_counts_and_names_eligible_populations(
    wales_inspection: Inspection,
) -> None:
    supervision = wales_inspection.sample(SampleType.CASE_SUPERVISION)
    assert supervision is not None
    # 111 of 1,400 is the size 90 per cent and a margin of 7.5 give.
    facts = SampleFacts(SampleType.CASE_SUPERVISION, 111, eligible=1400, confidence=0.9,
                        margin=7.5, strata=(Field.GENDER,), delivery_units=("North",),
                        unit_name="cluster")
    inspection = dataclasses.replace(
        _with_samples(wales_inspection, CaseSample(facts, supervision.assessments[:111])),
        evidence=None, moderation=Moderation(cases_moderated=1),
    )
    sections = {s.heading: " ".join(s.paragraphs) for s in methodology(inspection)}
    assert list(sections) == ["Domain two: case supervision", "Moderation"]
    text = sections["Domain two: case supervision"]
    assert "We examined 111 cases from one cluster." in text
    assert ("confidence level of 90 per cent (with a margin of error of 7.5), and we ensured "
            "that the ratios in relation to gender matched") in text
    assert "eligible population of 1,400 cases" in text
    assert "higher than 7.5" in text
    assert sections["Moderation"].startswith("A quality-assurance inspector moderated one case ")


def test_a_missing_sample_leaves_its_standard_not_rated(wales_inspection: Inspection) -> None:
    # No dead end (issue 12): reported not rated with the reason, and the overall follows the
    # framework's when_not_rated (CRC: no overall without every scored standard).
    report = build_report(_with_samples(wales_inspection, *wales_inspection.samples[:2]))
    rows = {row.standard_id: row for domain in report.summary_of_ratings.domains
            for row in domain.rows}
    assert (rows["4.2"].rating, rows["4.2"].not_rated_reason) == (
        "Not rated", "no Through the Gate sample was drawn")
    assert report.summary_of_ratings.overall == "Not rated"
    assert report.summary_of_ratings.not_rated == ("4.2",)


def test_a_size_that_does_not_match_the_assessments_is_refused(
    wales_inspection: Inspection,
) -> None:
    first = wales_inspection.samples[0]
    wrong = CaseSample(dataclasses.replace(first.facts, size=131), first.assessments)
    with pytest.raises(ReportingError, match="size 131 but 130 case assessments"):
        build_report(_with_samples(wales_inspection, wrong, *wales_inspection.samples[1:]))


def test_a_sample_given_twice_is_refused(wales_inspection: Inspection) -> None:
    with pytest.raises(ReportingError, match="two unpaid-work samples"):
        build_report(_with_samples(wales_inspection, *wales_inspection.samples,
                                   wales_inspection.samples[1]))


def test_a_missing_judgement_is_refused(wales_inspection: Inspection) -> None:
    decisions = RatingDecisions(
        judgements={k: v for k, v in wales_inspection.decisions.judgements.items()
                    if k != "1.3"},
        discretions=wales_inspection.decisions.discretions,
    )
    with pytest.raises(ScoringError, match="1.3: no judgement recorded"):
        build_report(dataclasses.replace(wales_inspection, decisions=decisions))


def test_an_unrated_framework_gives_a_report_without_ratings(wales_inspection: Inspection,
                                                             wales_report: Report) -> None:
    # Issue 12: a framework that rates nothing reports its findings and percentages only
    # (tests/reporting/test_unrated_report.py runs the shipped thematic framework).
    unrated = dataclasses.replace(wales_inspection.framework, rating=None)
    report = build_report(dataclasses.replace(wales_inspection, framework=unrated))
    assert report.summary_of_ratings is None and not report.rated
    assert report.results.percents() == wales_report.results.percents()
    assert {s.rating for table in report.results.tables for s in table.standards} == {""}


def test_cover_gives_the_team_and_the_fieldwork_month(wales_inspection: Inspection) -> None:
    inspection = dataclasses.replace(
        wales_inspection, fieldwork_start=dt.date(2024, 11, 4),
        evidence=EvidenceCounts(1, 2),
        team=dataclasses.replace(wales_inspection.team, inspectors=("A", "B")),
    )
    cover = build_report(inspection).cover
    assert cover.fieldwork_start == "November 2024"
    assert [m.role for m in cover.team].count("Inspector") == 2
    assert cover.credit.startswith("This inspection was led by HM Inspector Joseph Simpson")
