"""Annex 1 (Methodology), written from the sample facts, the moderation and evidence counts.

Owns the annex's wording, grammatical at every count (a count of none leaves its sentence
out, as a report would); the number words and field phrases come from the sampling core.
"""

from __future__ import annotations

import math
from dataclasses import replace

from probation_inspection.framework.model import SampleType
from probation_inspection.reporting.inputs import EvidenceCounts, Inspection, SampleFacts
from probation_inspection.reporting.model import MethodologySection
from probation_inspection.sampling.fields import FIELD_PHRASES
from probation_inspection.sampling.representativeness import (
    join_words,
    number_words,
    plain_figure,
    size_set_by_hand,
)
from probation_inspection.sampling.size import z_score


def confidence_phrase(facts: SampleFacts) -> str:
    """"a confidence level of 80 per cent (with a margin of error of 5)"."""
    return (
        f"a confidence level of {plain_figure(facts.confidence * 100)} per cent "
        f"(with a margin of error of {plain_figure(facts.margin)})"
    )


def set_by_hand(facts: SampleFacts) -> bool:
    """Whether the size was typed rather than calculated: as recorded, or else worked out
    from the eligible population; with neither, the design the sample states is taken."""
    if facts.size_set_by_hand is not None:
        return facts.size_set_by_hand
    if facts.eligible is None:
        return False
    return size_set_by_hand(facts.size, facts.eligible, facts.confidence, facts.margin)


def achieved_margin(facts: SampleFacts) -> float | None:
    """The margin of error (percentage points, at the sample's confidence, for a proportion of
    a half) that the sample's size gives from its eligible population; None where unknown."""
    if facts.eligible is None or not 0 < facts.size < facts.eligible:
        return None
    correction = (facts.eligible - facts.size) / (facts.eligible - 1)
    return 100 * z_score(facts.confidence) * math.sqrt(0.25 / facts.size * correction)


def _strata_clause(facts: SampleFacts) -> str:
    if not facts.strata:
        return ""
    phrases = join_words([FIELD_PHRASES[field] for field in facts.strata])
    return (f", and we ensured that the ratios in relation to {phrases} matched those in the "
            "eligible population")


def design_sentence(facts: SampleFacts) -> str:
    """"The sample size was set to achieve a confidence level of 80 per cent (with a margin of
    error of 5)", with the stratification where there was one; where the size was set by hand,
    what was done instead, and the margin that size gives where the population is known."""
    if not set_by_hand(facts):
        return (f"The sample size was set to achieve {confidence_phrase(facts)}"
                f"{_strata_clause(facts)}.")
    text = ("The sample size was set by the inspection team rather than calculated for a "
            f"confidence level and margin of error{_strata_clause(facts)}.")
    margin = achieved_margin(facts)
    if margin is not None:
        text += (f" At a confidence level of {plain_figure(facts.confidence * 100)} per cent, a "
                 f"sample of this size has a margin of error of {plain_figure(round(margin, 1))}.")
    return text


def _cases(count: int) -> str:
    if count == 0:
        return "no cases"
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
    return [f"They were drawn from an eligible population of {_cases(facts.eligible)}."]


def _sub_samples(facts: SampleFacts) -> str:
    """The caveat on sub-samples, against the margin the sample actually has."""
    if not set_by_hand(facts):
        than = plain_figure(facts.margin)
    else:
        margin = achieved_margin(facts)
        than = ("for the whole sample" if margin is None
                else plain_figure(round(margin, 1)))
    return ("In some areas of this report, data may have been split into smaller sub-samples. "
            "For example, male/female cases, Probation Officer/Probation Service Officer cases "
            "and where this is the case, the margin of error for the sub-sample findings may be "
            f"higher than {than}.")


def evidence_paragraph(evidence: EvidenceCounts) -> str:
    """Interviews and meetings in the reports' words, at any count: a count of none leaves
    its sentence out ("conducted one meetings" and "interviewed zero officers" never print)."""
    sentences = []
    lead_in = "During the main fieldwork phase, we"
    officers = evidence.officers_interviewed
    if officers:
        who = ("one responsible officer" if officers == 1
               else f"{number_words(officers)} individual responsible officers")
        sentences.append(f"{lead_in} interviewed {who}, asking them about their experiences of "
                         "training, development, management supervision and leadership.")
        lead_in = "We"
    meetings = evidence.meetings
    if meetings == 1:
        sentences.append(f"{lead_in} held one meeting, which allowed us to triangulate evidence "
                         "and information.")
    elif meetings > 1:
        sentences.append(f"{lead_in} held various meetings and focus groups, which allowed us to "
                         "triangulate evidence and information. In total, we conducted "
                         f"{number_words(meetings)} meetings and focus groups.")
    sentences.append("The evidence explored under this domain was judged against our published "
                     "ratings characteristics.")
    return " ".join(sentences)


def methodology(inspection: Inspection) -> tuple[MethodologySection, ...]:
    """The annex's sections: domain one, case supervision, and the sector-specific samples."""
    sections: list[MethodologySection] = []
    if inspection.evidence is not None:
        sections.append(MethodologySection("Domain one: organisational delivery", (
            "The provider submitted evidence in advance and delivered a presentation on how its "
            "leadership, staff, services, and information and facilities support a "
            "high-quality, personalised and responsive service for all service users.",
            evidence_paragraph(inspection.evidence),
        )))
    supervision = inspection.sample(SampleType.CASE_SUPERVISION)
    if supervision is not None:
        facts = supervision.facts
        paragraphs = [
            "We completed case assessments over a two-week period, examining service users' "
            "files and interviewing responsible officers.",
            f"We examined {_cases(facts.size)}{_units(facts)}. {design_sentence(facts)}",
            *_eligible(facts),
            _sub_samples(facts),
        ]
        sections.append(MethodologySection("Domain two: case supervision", tuple(paragraphs)))
    sections.extend(_sector_specific(inspection))
    if inspection.moderation is not None and inspection.moderation.cases_moderated:
        moderated = inspection.moderation.cases_moderated
        sections.append(MethodologySection("Moderation", (
            f"A quality-assurance inspector moderated {_cases(moderated)} of the case "
            "assessments, comparing their judgements with the inspectors'.",
        )))
    return tuple(sections)


def _sector_specific(inspection: Inspection) -> list[MethodologySection]:
    unpaid = inspection.sample(SampleType.UNPAID_WORK)
    gate = inspection.sample(SampleType.THROUGH_THE_GATE)
    present = [sample for sample in (unpaid, gate) if sample is not None]
    if not present:
        return []
    names = [name for name, sample in (("unpaid work", unpaid), ("Through the Gate", gate))
             if sample is not None]
    count = "two further samples" if len(names) == 2 else "a further sample"
    designs = {(s.facts.confidence, s.facts.margin) for s in present}
    # One shared sentence where every size was calculated alike; otherwise each sample says
    # how its own size was set.
    shared = len(designs) == 1 and not any(set_by_hand(s.facts) for s in present)
    opening = f"We completed case assessments for {count}: {join_words(names)}."
    if shared:
        opening += (f" As in domain two, sample sizes were set to achieve "
                    f"{confidence_phrase(present[0].facts)}.")
    paragraphs = [opening]
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
            + ("" if shared else f" {design_sentence(_unstratified(facts))}")
        )
        paragraphs.extend(_eligible(facts))
    if gate is not None:
        facts = gate.facts
        custodial = "custodial case" if facts.size == 1 else "custodial cases"
        amount = "no" if facts.size == 0 else number_words(facts.size)
        paragraphs.append(
            f"Through the Gate: we examined {amount} {custodial} in which "
            "the individual had been released on licence or post-sentence supervision six weeks "
            "earlier from the provider's resettlement prisons."
            + ("" if shared else f" {design_sentence(_unstratified(facts))}")
        )
        paragraphs.extend(_eligible(facts))
    return [MethodologySection("Domain three: sector-specific work", tuple(paragraphs))]


def _unstratified(facts: SampleFacts) -> SampleFacts:
    """The facts without strata: the sector paragraphs state the ratios in their own words."""
    return replace(facts, strata=())
