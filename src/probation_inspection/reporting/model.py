"""The report model: the published report's sections as pure data, in the published order.

Owns the model's dataclasses and its JSON form; `build` fills it and the renderers read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from probation_inspection.evidence.context import PrintedFact
from probation_inspection.framework.model import RatingBand
from probation_inspection.reporting.records import RecommendationGroup
from probation_inspection.reporting.wording import FindingSentence


@dataclass(frozen=True)
class TeamMember:
    role: str
    name: str


@dataclass(frozen=True)
class Cover:
    title: str
    provider: str
    publication: str
    fieldwork_start: str
    credit: str
    team: tuple[TeamMember, ...]
    notice: str
    #: Who publishes the report, from the framework's terms; empty: no caption is printed.
    publisher: str = ""


@dataclass(frozen=True)
class RatingRow:
    standard_id: str
    title: str
    rating: str
    #: Why the standard is not rated (its rating is then "Not rated"); None when rated.
    not_rated_reason: str | None = None


@dataclass(frozen=True)
class DomainRatings:
    domain_id: str
    title: str
    rows: tuple[RatingRow, ...]


@dataclass(frozen=True)
class SummaryOfRatings:
    provider: str
    fieldwork_start: str
    overall: str
    score: int
    maximum: int
    domains: tuple[DomainRatings, ...]
    #: Why the overall is not rated, by the framework's ``when_not_rated``; None when rated.
    overall_not_rated_reason: str | None = None
    #: Scored standards not rated, left out of the score (and ``maximum``).
    not_rated: tuple[str, ...] = ()

    def standards(self) -> dict[str, str]:
        return {row.standard_id: row.rating for domain in self.domains for row in domain.rows}


@dataclass(frozen=True)
class PracticeItem:
    kind: str
    text: str


@dataclass(frozen=True)
class JudgedKeyQuestion:
    """A judgement standard's key question in the framework's words, with the team's answer
    from the evidence pages (its evidence ids are the team's, kept for authors)."""

    key_question_id: str
    text: str
    judgement: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class StandardSection:
    standard_id: str
    title: str
    rating: str | None
    statement: str
    findings: tuple[FindingSentence, ...]
    narrative: str
    practice: tuple[PracticeItem, ...]
    #: The recorded rationale of a judgement standard (domain one).
    rationale: str = ""
    #: Why the standard is not rated (its rating is then "Not rated"); None when rated.
    not_rated_reason: str | None = None
    #: What inspectors wrote under the standard ("Strengths:", "Areas for improvement:").
    strengths: tuple[str, ...] = ()
    areas_for_improvement: tuple[str, ...] = ()
    #: A judgement standard's answered key questions, in framework order.
    key_questions: tuple[JudgedKeyQuestion, ...] = ()


@dataclass(frozen=True)
class DomainChapter:
    domain_id: str
    title: str
    summary: str
    strengths: tuple[str, ...]
    areas_for_improvement: tuple[str, ...]
    standards: tuple[StandardSection, ...]


@dataclass(frozen=True)
class MethodologySection:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class KeyQuestionResult:
    key_question_id: str
    text: str
    percent: int
    yes: int
    relevant: int
    footnotes: tuple[int, ...]
    #: Wilson interval in per cent at the sample's confidence (the data annexe's figures;
    #: the published table prints none of them).
    interval_lower: float | None = None
    interval_upper: float | None = None
    crosses_band_edge: bool = False


@dataclass(frozen=True)
class StandardResult:
    standard_id: str
    title: str
    statement: str
    #: Both empty in a report whose framework rates nothing (its tables print no rating).
    rating: str
    rule_rating: str
    key_questions: tuple[KeyQuestionResult, ...]
    footnotes: tuple[int, ...]
    #: How sure the rule rating is (data annexe only): the flags raised (small-sample,
    #: band-edge) and the fewest answers that would move it up or down a band.
    uncertain: bool = False
    uncertainty_flags: tuple[str, ...] = ()
    cases_to_change_up: int | None = None
    cases_to_change_down: int | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class ResultsTable:
    domain_id: str
    title: str
    standards: tuple[StandardResult, ...]


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str


@dataclass(frozen=True)
class InspectionResults:
    tables: tuple[ResultsTable, ...]
    footnotes: tuple[Footnote, ...]

    def percents(self) -> dict[str, int]:
        return {
            kq.key_question_id: kq.percent
            for table in self.tables
            for standard in table.standards
            for kq in standard.key_questions
        }


@dataclass(frozen=True)
class GlossaryItem:
    term: str
    definition: str


@dataclass(frozen=True)
class Comparison:
    """Another inspection's key-question percentages, for the comparison chart."""

    label: str
    percents: Mapping[str, int]


@dataclass(frozen=True)
class ContentsEntry:
    anchor: str
    title: str
    level: int


@dataclass(frozen=True)
class Report:
    cover: Cover
    foreword: str
    overall_findings: str
    #: None when the framework rates nothing (a thematic inspection): the report then has no
    #: Summary of ratings, no rating tags and no score, only findings and proportions.
    summary_of_ratings: SummaryOfRatings | None
    recommendations: str
    background: str
    contextual_facts: tuple[PrintedFact, ...]
    domains: tuple[DomainChapter, ...]
    methodology: tuple[MethodologySection, ...]
    results: InspectionResults
    operating_model: str
    glossary: tuple[GlossaryItem, ...]
    framework_id: str
    framework_version: str
    #: The framework's percentage bands, which the charts draw as thresholds.
    bands: tuple[RatingBand, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    #: The recommendations as numbered groups by addressee ("KSS CRC should:"); when empty
    #: the report prints ``recommendations`` (Markdown) as before.
    recommendation_groups: tuple[RecommendationGroup, ...] = ()
    #: "As a result of our inspection findings, we have made six recommendations ...".
    recommendations_opening: str = ""

    @property
    def rated(self) -> bool:
        """Whether the report rates anything: False for a framework that rates nothing."""
        return self.summary_of_ratings is not None

    def contents(self) -> tuple[ContentsEntry, ...]:
        """Every section in the published order, with the anchor the renderers link to."""
        entries = [
            ContentsEntry("foreword", "Foreword", 1),
            ContentsEntry("overall-findings", "Overall findings", 1),
            *([ContentsEntry("summary-of-ratings", "Summary of ratings", 1)]
              if self.rated else []),
            ContentsEntry("recommendations", "Recommendations", 1),
            ContentsEntry("background", "Background", 1),
            ContentsEntry("contextual-facts", "Contextual facts", 1),
        ]
        for domain in self.domains:
            title = f"{domain.domain_id}. {domain.title}"
            entries.append(ContentsEntry(f"domain-{domain.domain_id}", title, 1))
            entries.extend(
                ContentsEntry(f"standard-{s.standard_id}", f"{s.standard_id}. {s.title}", 2)
                for s in domain.standards
            )
        entries += [
            ContentsEntry("annex-methodology", "Annex 1: Methodology", 1),
            ContentsEntry("annex-results", "Annex 2: Inspection results", 1),
            ContentsEntry("annex-operating-model", "Annex 3: Operating model", 1),
            ContentsEntry("annex-glossary", "Annex 4: Glossary", 1),
        ]
        return tuple(entries)

    def to_json(self) -> dict[str, object]:
        """The model as JSON-ready data, with ``summary_of_ratings`` and ``annex`` up front."""
        summary = self.summary_of_ratings
        return {
            "summary_of_ratings": (None if summary is None else
                                   {"overall": summary.overall, "standards": summary.standards()}),
            "annex": self.results.percents(),
            "framework": {"id": self.framework_id, "version": self.framework_version},
            "sections": [entry.title for entry in self.contents() if entry.level == 1],
            "cover": _plain(self.cover),
            "foreword": self.foreword,
            "overall_findings": self.overall_findings,
            "ratings": _plain(summary),
            "recommendations": self.recommendations,
            "background": self.background,
            "contextual_facts": _plain(self.contextual_facts),
            "domains": _plain(self.domains),
            "methodology": _plain(self.methodology),
            "results": _plain(self.results),
            "operating_model": self.operating_model,
            "glossary": _plain(self.glossary),
            "bands": _plain(self.bands),
            "comparisons": _plain(self.comparisons),
            "recommendation_groups": _plain(self.recommendation_groups),
            "recommendations_opening": self.recommendations_opening,
        }


def _plain(value: object) -> object:
    """Dataclasses, tuples and lists as JSON-ready dicts and lists (field order kept)."""
    if isinstance(value, FindingSentence):
        return value.to_json()
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return value
