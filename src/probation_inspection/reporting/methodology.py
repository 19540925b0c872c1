"""Annex 1 (Methodology): the framework's template filled from the sample facts, the
moderation and evidence counts.

Owns the template's context (plain values and phrases grammatical at every count) and its
helpers; the wording is the framework file's, the number words and field phrases the sampling
core's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from probation_inspection.framework.narrative import render_methodology
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
        sentences.extend(evidence.interview_findings)
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


def _sub_sample_margin(facts: SampleFacts) -> str:
    """The margin the sub-sample caveat compares against: the design's, or the one the
    sample's size actually gives."""
    if not set_by_hand(facts):
        return plain_figure(facts.margin)
    margin = achieved_margin(facts)
    return "for the whole sample" if margin is None else plain_figure(round(margin, 1))


def sample_context(facts: SampleFacts) -> dict[str, object]:
    """One sample as the methodology template sees it: plain values and ready phrases."""
    return {
        "sample_type": str(facts.sample_type),
        "size": facts.size,
        "eligible": facts.eligible,
        "confidence": facts.confidence,
        "margin": facts.margin,
        "confidence_percent": plain_figure(facts.confidence * 100),
        "margin_figure": plain_figure(facts.margin),
        "confidence_phrase": confidence_phrase(facts),
        "design_sentence": design_sentence(facts),
        "design_sentence_unstratified": design_sentence(_unstratified(facts)),
        "set_by_hand": set_by_hand(facts),
        "strata": [FIELD_PHRASES[field] for field in facts.strata],
        "units": _units(facts),
        "unit_name": facts.unit_name,
        "delivery_units": len(facts.delivery_units),
        "sub_sample_margin": _sub_sample_margin(facts),
    }


def methodology_context(inspection: Inspection) -> dict[str, object]:
    """Everything a methodology template may name, from the inspection's real samples and
    counts (framework/methodology_context.py gives the same names example values)."""
    terms = inspection.framework.terms
    evidence = inspection.evidence
    moderation = inspection.moderation
    return {
        "provider": inspection.provider,
        "title": inspection.title,
        "fieldwork_start": (f"{inspection.fieldwork_start.day} "
                            f"{inspection.fieldwork_start:%B %Y}"),
        "terms": {"person": terms.person, "people": terms.people},
        "samples": {str(sample.facts.sample_type): sample_context(sample.facts)
                    for sample in inspection.samples},
        "evidence": None if evidence is None else {
            "officers_interviewed": evidence.officers_interviewed,
            "meetings": evidence.meetings,
            # The interview topics' sentences (`scoring.topic_findings`), in order, as one
            # text: a methodology template has no loops.
            "interview_findings": " ".join(evidence.interview_findings),
        },
        "moderation": None if moderation is None else {
            "cases_moderated": moderation.cases_moderated,
        },
    }


def _same_design(samples: Sequence[Mapping[str, object] | None]) -> bool:
    """Whether every sample given had its size calculated, at one confidence and margin."""
    present = [sample for sample in samples if sample]
    designs = {(sample["confidence"], sample["margin"]) for sample in present}
    return len(designs) == 1 and not any(sample["set_by_hand"] for sample in present)


#: The helpers a methodology template may call: the reports' number words and lists.
HELPERS: dict[str, Callable[..., Any]] = {
    "number_words": number_words,
    "cases": _cases,
    "join_words": lambda words: join_words([str(word) for word in words]),
    "plain_figure": plain_figure,
    "same_design": _same_design,
}


def methodology(inspection: Inspection) -> tuple[MethodologySection, ...]:
    """The annex's sections, from the framework's methodology template (none without one)."""
    template = inspection.framework.methodology
    if template is None:
        return ()
    sections = render_methodology(template, methodology_context(inspection), HELPERS)
    return tuple(MethodologySection(section.heading, section.paragraphs)
                 for section in sections)


def _unstratified(facts: SampleFacts) -> SampleFacts:
    """The facts without strata: the sector paragraphs state the ratios in their own words."""
    return replace(facts, strata=())
