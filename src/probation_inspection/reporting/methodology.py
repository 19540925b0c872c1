"""Annex 1 (Methodology), written from the sample facts, the moderation and evidence counts.

Owns the annex's wording; the number words and field phrases come from the sampling core.
"""

from __future__ import annotations

from probation_inspection.framework.model import SampleType
from probation_inspection.reporting.inputs import Inspection, SampleFacts
from probation_inspection.reporting.model import MethodologySection
from probation_inspection.sampling.fields import FIELD_PHRASES
from probation_inspection.sampling.representativeness import (
    join_words,
    number_words,
    plain_figure,
)


def confidence_phrase(facts: SampleFacts) -> str:
    """"a confidence level of 80 per cent (with a margin of error of 5)"."""
    return (
        f"a confidence level of {plain_figure(facts.confidence * 100)} per cent "
        f"(with a margin of error of {plain_figure(facts.margin)})"
    )


def design_sentence(facts: SampleFacts) -> str:
    """"The sample size was set to achieve a confidence level of 80 per cent (with a margin of
    error of 5)", with the stratification where there was one."""
    text = f"The sample size was set to achieve {confidence_phrase(facts)}"
    if facts.strata:
        phrases = join_words([FIELD_PHRASES[field] for field in facts.strata])
        text += (
            f", and we ensured that the ratios in relation to {phrases} matched those in the "
            "eligible population"
        )
    return text + "."


def _cases(count: int) -> str:
    return f"{number_words(count)} case{'s' if count != 1 else ''}"


def _units(facts: SampleFacts) -> str:
    count = len(facts.delivery_units)
    if count == 0:
        return ""
    if count == 1:
        return f" from one {facts.unit_name}"
    return f" from across {number_words(count)} {facts.unit_name}s"


def _eligible(facts: SampleFacts) -> list[str]:
    if facts.eligible is None:
        return []
    return [f"They were drawn from an eligible population of {facts.eligible:,} cases."]


def methodology(inspection: Inspection) -> tuple[MethodologySection, ...]:
    """The annex's sections: domain one, case supervision, and the sector-specific samples."""
    sections: list[MethodologySection] = []
    if inspection.evidence is not None:
        evidence = inspection.evidence
        sections.append(MethodologySection("Domain one: organisational delivery", (
            "The provider submitted evidence in advance and delivered a presentation on how its "
            "leadership, staff, services, and information and facilities support a "
            "high-quality, personalised and responsive service for all service users.",
            "During the main fieldwork phase, we interviewed "
            f"{number_words(evidence.officers_interviewed)} individual responsible officers, "
            "asking them about their experiences of training, "
            "development, management supervision and leadership. We held various meetings and "
            "focus groups, which allowed us to triangulate evidence and information. In total, "
            f"we conducted {number_words(evidence.meetings)} meetings and focus groups. The "
            "evidence explored under this domain was judged against our published ratings "
            "characteristics.",
        )))
    supervision = inspection.sample(SampleType.CASE_SUPERVISION)
    if supervision is not None:
        facts = supervision.facts
        paragraphs = [
            "We completed case assessments over a two-week period, examining service users' "
            "files and interviewing responsible officers.",
            f"We examined {_cases(facts.size)}{_units(facts)}. {design_sentence(facts)}",
            *_eligible(facts),
            "In some areas of this report, data may have been split into smaller sub-samples. "
            "For example, male/female cases, Probation Officer/Probation Service Officer cases "
            "and where this is the case, the margin of error for the sub-sample findings may be "
            f"higher than {plain_figure(facts.margin)}.",
        ]
        sections.append(MethodologySection("Domain two: case supervision", tuple(paragraphs)))
    sections.extend(_sector_specific(inspection))
    if inspection.moderation is not None:
        moderated = inspection.moderation.cases_moderated
        sections.append(MethodologySection("Moderation", (
            f"A quality-assurance inspector moderated {_cases(moderated)} of the case "
            "assessments, comparing their judgements with the inspectors'.",
        )))
    return tuple(sections)


def _sector_specific(inspection: Inspection) -> list[MethodologySection]:
    unpaid = inspection.sample(SampleType.UNPAID_WORK)
    gate = inspection.sample(SampleType.THROUGH_THE_GATE)
    first = unpaid or gate
    if first is None:
        return []
    names = [name for name, sample in (("unpaid work", unpaid), ("Through the Gate", gate))
             if sample is not None]
    count = "two further samples" if len(names) == 2 else "a further sample"
    paragraphs = [
        f"We completed case assessments for {count}: {join_words(names)}. As in domain two, "
        f"sample sizes were set to achieve {confidence_phrase(first.facts)}.",
    ]
    if unpaid is not None:
        facts = unpaid.facts
        strata = ""
        if facts.strata:
            phrases = join_words([FIELD_PHRASES[field] for field in facts.strata])
            strata = (f" We ensured that the ratios in relation to {phrases} matched those in "
                      "the eligible population.")
        paragraphs.append(
            f"Unpaid work: we examined {_cases(facts.size)} with unpaid work requirements that "
            f"had begun at least three months previously.{strata}"
        )
        paragraphs.extend(_eligible(facts))
    if gate is not None:
        facts = gate.facts
        paragraphs.append(
            f"Through the Gate: we examined {number_words(facts.size)} custodial cases in which "
            "the individual had been released on licence or post-sentence supervision six weeks "
            "earlier from the provider's resettlement prisons."
        )
        paragraphs.extend(_eligible(facts))
    return [MethodologySection("Domain three: sector-specific work", tuple(paragraphs))]
