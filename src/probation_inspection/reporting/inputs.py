"""The plain input a report is built from: one inspection's facts, answers, decisions and prose.

Owns the input dataclasses only; the web application and the demo fill them, `build` reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from probation_inspection.analytics.comparable import ComparableInspection
from probation_inspection.evidence.context import PrintedFact
from probation_inspection.evidence.judgement import KeyQuestionAnswer
from probation_inspection.framework.model import Framework
from probation_inspection.reporting.records import Recommendation, StandardPoints
from probation_inspection.sampling.fields import Field
from probation_inspection.scoring import CaseAssessment, Discretion, Judgement


class ReportingError(ValueError):
    """An inspection that cannot be reported as given; the message says what and where."""


@dataclass(frozen=True)
class Team:
    """The names the cover and foreword print; a name not yet known is "" and is left out."""

    lead_inspector: str
    programme_manager: str = ""
    chief_inspector: str = ""
    inspectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class SampleFacts:
    """What the methodology annex says about one sample."""

    #: The id of one of the framework's sample types.
    sample_type: str
    size: int
    #: The eligible population the sample was drawn from, where known.
    eligible: int | None = None
    confidence: float = 0.8
    margin: float = 5.0
    #: The fields whose ratios the sample was stratified to match (gender, disposal, RoSH).
    strata: tuple[Field, ...] = ()
    delivery_units: tuple[str, ...] = ()
    unit_name: str = "local delivery unit"
    #: True when the lead typed the size rather than have it calculated from the confidence
    #: and margin; None works it out from the eligible population where that is known.
    size_set_by_hand: bool | None = None


@dataclass(frozen=True)
class CaseSample:
    """One sample's facts and its case assessments (with the attributes breakdowns read)."""

    facts: SampleFacts
    assessments: tuple[CaseAssessment, ...]


@dataclass(frozen=True)
class RatingDecisions:
    """The lead inspector's recorded decisions: domain-one judgements and any discretion."""

    judgements: Mapping[str, Judgement] = field(default_factory=dict)
    discretions: Mapping[str, Discretion] = field(default_factory=dict)


@dataclass(frozen=True)
class DomainNarrative:
    """A domain chapter's prose, in Markdown."""

    summary: str = ""
    strengths: tuple[str, ...] = ()
    areas_for_improvement: tuple[str, ...] = ()


@dataclass(frozen=True)
class Narrative:
    """Everything the inspectors write, section by section, in Markdown."""

    foreword: str = ""
    overall_findings: str = ""
    recommendations: str = ""
    background: str = ""
    operating_model: str = ""
    domains: Mapping[str, DomainNarrative] = field(default_factory=dict)
    #: Findings per standard id, printed after the generated findings sentences.
    standards: Mapping[str, str] = field(default_factory=dict)
    #: Strengths and areas for improvement per standard id, as inspectors wrote them.
    points: Mapping[str, StandardPoints] = field(default_factory=dict)
    #: Prompt id -> True to say what was not done, False to say what was: the author's
    #: framing of a prompt's findings sentence, where it departs from the share rule.
    framings: Mapping[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class EvidenceCounts:
    """Domain-one evidence the methodology annex counts."""

    officers_interviewed: int
    meetings: int
    #: The interview topics' sentences (``scoring.topic_findings``), in questionnaire order:
    #: "60 per cent of the 10 responsible officers who answered said ...".
    interview_findings: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionAgreement:
    """Moderation of one question: answers compared and answers on which both agreed."""

    question_id: str
    compared: int
    agreed: int

    def __post_init__(self) -> None:
        if not 0 <= self.agreed <= self.compared:
            raise ReportingError(
                f"moderation of {self.question_id}: agreed {self.agreed} of {self.compared}"
            )


@dataclass(frozen=True)
class Moderation:
    """How many assessments a quality-assurance inspector moderated, and agreement per question."""

    cases_moderated: int
    agreement: tuple[QuestionAgreement, ...] = ()


class PracticeKind(StrEnum):
    GOOD = "good"
    POOR = "poor"


@dataclass(frozen=True)
class PracticeExample:
    """An evidence note flagged for the report, with the name changed to protect identity."""

    standard_id: str
    kind: PracticeKind
    text: str


@dataclass(frozen=True)
class Inspection:
    """Everything a report is built from."""

    provider: str
    title: str
    fieldwork_start: dt.date
    publication: str
    team: Team
    framework: Framework
    samples: tuple[CaseSample, ...]
    decisions: RatingDecisions
    narrative: Narrative = Narrative()
    #: As the Contextual facts page prints them (``evidence.printed_fact`` of those entered).
    contextual_facts: tuple[PrintedFact, ...] = ()
    evidence: EvidenceCounts | None = None
    moderation: Moderation | None = None
    practice_examples: tuple[PracticeExample, ...] = ()
    #: Other inspections to compare this provider against in the charts.
    other_inspections: tuple[ComparableInspection, ...] = ()
    #: Printed on the cover: copyright, licence or the credit for reproduced text.
    notice: str = ""
    #: The recommendations as records, in order, each with its addressee; when given, the
    #: report prints these as numbered groups instead of ``narrative.recommendations``.
    recommendation_list: tuple[Recommendation, ...] = ()
    #: The current answers to the judgement standards' key questions (evidence pages).
    key_question_answers: tuple[KeyQuestionAnswer, ...] = ()

    def sample(self, sample_type: str) -> CaseSample | None:
        for sample in self.samples:
            if sample.facts.sample_type == sample_type:
                return sample
        return None
