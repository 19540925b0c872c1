"""Annex 1 at every count (none, one, many) and a sample size set by hand stated as such."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from probation_inspection.framework import load_framework
from probation_inspection.framework.library import available_frameworks
from probation_inspection.reporting import Inspection
from probation_inspection.reporting.inputs import (
    CaseSample,
    EvidenceCounts,
    Moderation,
    RatingDecisions,
    SampleFacts,
    Team,
)
from probation_inspection.reporting.methodology import (
    achieved_margin,
    design_sentence,
    evidence_paragraph,
    methodology,
    set_by_hand,
)
from probation_inspection.sampling.fields import Field
from sample_ids import SampleType

#: Words that would show a count not agreeing with its noun, or a count of none printed.
UNGRAMMATICAL = re.compile(
    r"\b(one (meetings|cases|officers|individual responsible officers|custodial cases)"
    r"|zero|0 cases|1 cases|(two|three|\d+) (meeting|case|officer)\b(?!s))"
)


def _sections(inspection: Inspection) -> dict[str, str]:
    return {s.heading: " ".join(s.paragraphs) for s in methodology(inspection)}


@pytest.mark.parametrize(("officers", "meetings", "expected"), [
    (0, 0, "The evidence explored under this domain was judged against our published ratings "
           "characteristics."),
    (1, 0, "During the main fieldwork phase, we interviewed one responsible officer, asking them "
           "about their experiences of training, development, management supervision and "
           "leadership. The evidence explored"),
    (0, 1, "During the main fieldwork phase, we held one meeting, which allowed us to "
           "triangulate evidence and information. The evidence explored"),
    (1, 1, "we interviewed one responsible officer, asking them about their experiences of "
           "training, development, management supervision and leadership. We held one meeting, "
           "which allowed us"),
    (83, 31, "we interviewed 83 individual responsible officers, asking them about their "
             "experiences of training, development, management supervision and leadership. We "
             "held various meetings and focus groups, which allowed us to triangulate evidence "
             "and information. In total, we conducted 31 meetings and focus groups."),
    (2, 0, "we interviewed two individual responsible officers,"),
    (0, 2, "During the main fieldwork phase, we held various meetings and focus groups, which "
           "allowed us to triangulate evidence and information. In total, we conducted two "
           "meetings and focus groups."),
])
def test_the_evidence_sentences_agree_with_their_counts(
    officers: int, meetings: int, expected: str
) -> None:
    text = evidence_paragraph(EvidenceCounts(officers_interviewed=officers, meetings=meetings))
    assert expected in text
    assert not UNGRAMMATICAL.search(text), text
    if not officers:
        assert "interviewed" not in text
    if not meetings:
        assert "meeting" not in text


@pytest.mark.parametrize("officers", [0, 1, 2, 20, 21, 83])
@pytest.mark.parametrize("meetings", [0, 1, 2, 31])
def test_no_count_prints_ungrammatically(officers: int, meetings: int) -> None:
    text = evidence_paragraph(EvidenceCounts(officers_interviewed=officers, meetings=meetings))
    assert not UNGRAMMATICAL.search(text), text


@pytest.mark.parametrize(("moderated", "expected"), [
    (0, None),
    (1, "A quality-assurance inspector moderated one case of the case assessments"),
    (12, "A quality-assurance inspector moderated twelve cases of the case assessments"),
])
def test_moderation_at_none_one_and_many(
    wales_inspection: Inspection, moderated: int, expected: str | None
) -> None:
    inspection = dataclasses.replace(wales_inspection,
                                     moderation=Moderation(cases_moderated=moderated))
    sections = _sections(inspection)
    if expected is None:
        assert "Moderation" not in sections  # left out, not "moderated zero cases"
    else:
        assert sections["Moderation"].startswith(expected)


def _facts(size: int, **changes: object) -> SampleFacts:
    facts = SampleFacts(SampleType.CASE_SUPERVISION, size, strata=(Field.GENDER,))
    return dataclasses.replace(facts, **changes)


def test_a_calculated_size_claims_its_confidence_and_margin() -> None:
    facts = _facts(148, eligible=1400)  # 80 per cent and 5 give 148 of 1,400
    assert not set_by_hand(facts)
    assert design_sentence(facts) == (
        "The sample size was set to achieve a confidence level of 80 per cent (with a margin of "
        "error of 5), and we ensured that the ratios in relation to gender matched those in the "
        "eligible population.")


def test_a_size_set_by_hand_claims_no_margin_and_gives_the_one_it_has() -> None:
    facts = _facts(12, eligible=1400, confidence=0.9, margin=7.5)
    assert set_by_hand(facts)
    text = design_sentence(facts)
    assert "80 per cent" not in text and "margin of error of 7.5" not in text
    assert text == (
        "The sample size was set by the inspection team rather than calculated for a confidence "
        "level and margin of error, and we ensured that the ratios in relation to gender matched "
        "those in the eligible population. At a confidence level of 90 per cent, a sample of "
        "this size has a margin of error of 23.6.")
    margin = achieved_margin(facts)
    assert margin is not None and round(margin, 1) == 23.6


def test_a_recorded_flag_wins_and_an_unknown_population_gives_no_margin() -> None:
    recorded = _facts(130, size_set_by_hand=True)
    assert set_by_hand(recorded)
    assert achieved_margin(recorded) is None
    assert design_sentence(recorded).endswith("matched those in the eligible population.")
    assert "confidence level of 80" not in design_sentence(recorded)
    # A published sample with no eligible population: the design it states is taken.
    assert not set_by_hand(_facts(130))
    assert not set_by_hand(_facts(12, eligible=1400, size_set_by_hand=False))


def test_the_annex_for_samples_set_by_hand(wales_inspection: Inspection) -> None:
    samples = tuple(
        CaseSample(dataclasses.replace(sample.facts, size_set_by_hand=True), sample.assessments)
        for sample in wales_inspection.samples
    )
    sections = _sections(dataclasses.replace(wales_inspection, samples=samples))
    text = " ".join(sections.values())
    assert "confidence level of 80 per cent" not in text
    assert "margin of error of 5" not in text
    assert "higher than for the whole sample" in sections["Domain two: case supervision"]
    sector = sections["Domain three: sector-specific work"]
    assert "As in domain two" not in sector
    assert sector.count("set by the inspection team") == 2  # unpaid work and Through the Gate


def test_a_through_the_gate_sample_of_one(wales_inspection: Inspection) -> None:
    gate = wales_inspection.sample(SampleType.THROUGH_THE_GATE)
    assert gate is not None
    one = CaseSample(dataclasses.replace(gate.facts, size=1), gate.assessments[:1])
    samples = tuple(one if s.facts.sample_type is SampleType.THROUGH_THE_GATE else s
                    for s in wales_inspection.samples)
    sector = _sections(dataclasses.replace(wales_inspection, samples=samples))[
        "Domain three: sector-specific work"]
    assert "we examined one custodial case in which" in sector


def test_the_wales_annex_is_unchanged_where_the_counts_are_many(
    wales_inspection: Inspection,
) -> None:
    sections = _sections(wales_inspection)
    assert "we interviewed 83 individual responsible officers" in sections[
        "Domain one: organisational delivery"]
    assert "In total, we conducted 31 meetings and focus groups." in sections[
        "Domain one: organisational delivery"]
    assert ("As in domain two, sample sizes were set to achieve a confidence level of 80 per "
            "cent (with a margin of error of 5).") in sections["Domain three: sector-specific work"]
    for text in sections.values():
        assert not UNGRAMMATICAL.search(text), text


@pytest.mark.parametrize(("sample_type", "size", "expected"), [
    (SampleType.CASE_SUPERVISION, 1, "We examined one case from across five local delivery "
                                     "units."),
    (SampleType.CASE_SUPERVISION, 130, "We examined 130 cases from across five local delivery "
                                       "units."),
    (SampleType.UNPAID_WORK, 1, "Unpaid work: we examined one case with unpaid work"),
    (SampleType.UNPAID_WORK, 53, "Unpaid work: we examined 53 cases with unpaid work"),
    (SampleType.THROUGH_THE_GATE, 0, "Through the Gate: we examined no custodial cases"),
    (SampleType.THROUGH_THE_GATE, 33, "Through the Gate: we examined 33 custodial cases"),
])
def test_each_sample_is_counted_in_agreement_with_its_size(
    wales_inspection: Inspection, sample_type: SampleType, size: int, expected: str
) -> None:
    samples = tuple(
        CaseSample(dataclasses.replace(s.facts, size=size), s.assessments)
        if s.facts.sample_type is sample_type else s
        for s in wales_inspection.samples
    )
    text = " ".join(_sections(dataclasses.replace(wales_inspection, samples=samples)).values())
    assert expected in text
    assert not UNGRAMMATICAL.search(text), text


# The thematic framework's own template (the shipped framework that rates nothing)


def _thematic(size: int | None, officers: int | None = None, meetings: int = 0,
              moderated: int | None = None) -> Inspection:
    """A thematic inspection: its one sample (read from the framework) of ``size`` cases, or
    none; evidence and moderation counts as given (None: not recorded)."""
    item = next(item for item in available_frameworks() if not item.rated)
    framework = load_framework(item.id, item.version)
    [definition] = framework.sample_types
    samples = () if size is None else (CaseSample(
        SampleFacts(definition.id, size, eligible=None if size == 0 else 400,
                    strata=tuple(Field(name) for name in definition.strata),
                    delivery_units=("Berkshire",)), ()),)
    return Inspection(
        provider="Thematic Area", title="A thematic inspection",
        fieldwork_start=dt.date(2024, 3, 4), publication="May 2024", team=Team("A. Lead"),
        framework=framework, samples=samples, decisions=RatingDecisions(),
        evidence=None if officers is None else EvidenceCounts(officers, meetings),
        moderation=None if moderated is None else Moderation(moderated))


@pytest.mark.parametrize(("size", "officers", "meetings", "moderated", "expected"), [
    (0, 0, 0, 0, ["We looked at no cases."]),
    (1, 1, 1, 1, ["In total, we looked at one case from one local delivery unit, managed by "
                  "the CRC or the NPS, drawn from an eligible population of 400 cases.",
                  "We interviewed one responsible officer who had supervision of the cases we "
                  "examined.",
                  "We held one meeting, which allowed us",
                  "A quality-assurance inspector moderated one case of"]),
    (2, 2, 2, 2, ["we looked at two cases", "We interviewed two responsible officers",
                  "we conducted two meetings and focus groups", "moderated two cases"]),
    (311, 227, 24, 40, ["we looked at 311 cases", "We interviewed 227 responsible officers",
                        "we conducted 24 meetings and focus groups", "moderated 40 cases",
                        "ratios in relation to managing organisation, type of disposal and "
                        "gender matched", "eligible population of 400 cases"]),
])
def test_the_thematic_annex_at_none_one_and_many(
    size: int, officers: int, meetings: int, moderated: int, expected: list[str]
) -> None:
    sections = _sections(_thematic(size, officers, meetings, moderated))
    text = " ".join(sections.values())
    for phrase in expected:
        assert phrase in text, text
    assert not UNGRAMMATICAL.search(text), text
    assert "{{" not in text and "None" not in text
    # Nothing the data does not give: no fixed count of inspections, dates or interviews.
    for fixed in ("six inspections", "2015", "2016", "209", "102", "80 NPS", "55 offenders"):
        assert fixed not in text, fixed
    assert "service users" in sections["Focus of the inspection"]
    assert "The fieldwork began on 4 March 2024." in sections["The cases we looked at"]
    if not officers and not meetings:
        assert "Interviews and focus groups" not in sections
    if not moderated:
        assert "Moderation" not in sections


def test_the_thematic_annex_without_a_sample_or_evidence_says_only_its_focus() -> None:
    sections = _sections(_thematic(None))
    assert list(sections) == ["Focus of the inspection"]
