"""Builds the report model from an inspection: tallies, ratings, sentences, annexes, glossary.

Owns the assembly only; every count, rating and band comes from the scoring core.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from probation_inspection.evidence.judgement import KeyQuestionAnswer
from probation_inspection.framework.model import (
    Framework,
    KeyQuestion,
    RatingMethod,
    Standard,
)
from probation_inspection.reporting.inputs import Inspection, ReportingError, Team
from probation_inspection.reporting.methodology import methodology
from probation_inspection.reporting.model import (
    Comparison,
    Cover,
    DomainChapter,
    DomainRatings,
    Footnote,
    GlossaryItem,
    InspectionResults,
    JudgedKeyQuestion,
    KeyQuestionResult,
    PracticeItem,
    RatingRow,
    Report,
    ResultsTable,
    StandardResult,
    StandardSection,
    SummaryOfRatings,
    TeamMember,
)
from probation_inspection.reporting.records import (
    StandardPoints,
    group_recommendations,
    recommendations_opening,
)
from probation_inspection.reporting.wording import (
    FindingSentence,
    discretion_footnote,
    finding_sentence,
)
from probation_inspection.scoring import (
    OverallRating,
    StandardRating,
    StandardUncertainty,
    Tally,
    key_question_percents,
    overall_rating,
    rate_standards,
    standard_uncertainty,
    tally_framework,
)
from probation_inspection.scoring.decisions import not_rated_rule


@dataclass(frozen=True)
class Scored:
    """The scoring core's results for an inspection, kept for the renderers and exports."""

    tallies: Mapping[str, Tally]
    ratings: Mapping[str, StandardRating]
    #: None when the framework rates nothing: its report gives findings and proportions only.
    overall: OverallRating | None
    #: How sure each case-data rule rating is, at its sample's confidence (the data annexe).
    uncertainty: Mapping[str, StandardUncertainty] = field(default_factory=dict)


def score(inspection: Inspection) -> Scored:
    """Tally every sample with its own standards, then rate by the framework's rules (a
    framework that rates nothing, a thematic inspection's, is tallied only)."""
    framework = inspection.framework
    # A standard whose sample type was not drawn is reported not rated with the reason (the
    # overall then follows the framework's when_not_rated), not refused.
    given = [sample.facts.sample_type for sample in inspection.samples]
    for sample_type in set(given):
        if given.count(sample_type) > 1:
            raise ReportingError(f"inspection of {inspection.provider}: two {sample_type} samples")
    tallies: dict[str, Tally] = {}
    for sample in inspection.samples:
        facts = sample.facts
        if facts.size != len(sample.assessments):
            raise ReportingError(
                f"{facts.sample_type} sample: size {facts.size} but "
                f"{len(sample.assessments)} case assessments"
            )
        tallies.update(tally_framework(framework, sample.assessments, facts.sample_type))
    if framework.rating is None:
        return Scored(tallies=tallies, ratings={}, overall=None)
    ratings = rate_standards(
        framework,
        key_question_percents(tallies, framework),
        inspection.decisions.judgements,
        inspection.decisions.discretions,
        tallies,
        missing_as_not_rated=True,
    )
    # The reason the ratings page gives for a sample not drawn (the core's one rule).
    ratings = tuple(
        (not_rated_rule(framework, framework.standard(rating.standard_id), None) or rating)
        if not rating.rated and framework.standard(rating.standard_id).sample_type not in given
        else rating
        for rating in ratings
    )
    confidence: dict[str, float] = {sample.facts.sample_type: sample.facts.confidence
                                    for sample in inspection.samples}
    uncertainty = {
        standard.id: standard_uncertainty(framework, standard, tallies,
                                          confidence[standard.sample_type])
        for standard in framework.standards()
        if standard.rating_method is RatingMethod.LOWEST_KEY_QUESTION
        and standard.sample_type in confidence
    }
    return Scored(
        tallies=tallies,
        ratings={rating.standard_id: rating for rating in ratings},
        overall=overall_rating(framework, ratings),
        uncertainty=uncertainty,
    )


def build_report(inspection: Inspection, scored: Scored | None = None) -> Report:
    """The report model, every section in the published order."""
    scored = scored or score(inspection)
    framework = inspection.framework
    narrative = inspection.narrative
    return Report(
        cover=_cover(inspection),
        foreword=narrative.foreword,
        overall_findings=narrative.overall_findings,
        summary_of_ratings=_summary(inspection, scored),
        recommendations=narrative.recommendations,
        background=narrative.background,
        contextual_facts=inspection.contextual_facts,
        domains=tuple(_chapters(inspection, scored)),
        methodology=methodology(inspection),
        results=(_results(framework, scored) if framework.rated
                 else _unrated_results(framework, scored)),
        operating_model=narrative.operating_model,
        glossary=tuple(GlossaryItem(e.term, e.definition) for e in framework.glossary),
        framework_id=framework.id,
        framework_version=framework.version,
        bands=framework.rating.percentage_bands if framework.rating else (),
        comparisons=tuple(
            Comparison(other.label, dict(other.key_questions))
            for other in inspection.other_inspections
        ),
        recommendation_groups=group_recommendations(inspection.recommendation_list),
        recommendations_opening=recommendations_opening(len(inspection.recommendation_list),
                                                        inspection.provider),
    )


def _points(points: StandardPoints | None) -> dict[str, Any]:
    """A standard's strengths and areas for improvement as inspectors wrote them."""
    if points is None:
        return {}
    return {"strengths": points.strengths,
            "areas_for_improvement": points.areas_for_improvement}


def cover_credit(team: Team) -> str:
    """The cover's credit, naming only the people whose names are known: a name not yet
    given leaves its words out rather than printing "is ." (a placeholder never prints)."""
    lead = team.lead_inspector.strip()
    manager = team.programme_manager.strip()
    staff = "inspectors, operations, communications and corporate staff"
    if lead:
        credit = f"This inspection was led by HM Inspector {lead}, supported by a team of {staff}."
    else:
        credit = f"This inspection was carried out by a team of {staff}."
    if manager:
        credit += f" The manager responsible for this inspection programme is {manager}."
    return credit


def _cover(inspection: Inspection) -> Cover:
    team = inspection.team
    named = [
        ("Lead inspector", team.lead_inspector),
        *(("Inspector", name) for name in team.inspectors),
        ("Inspection programme manager", team.programme_manager),
        ("Chief Inspector of Probation", team.chief_inspector),
    ]
    # A role whose holder is not yet named is left off the list, not printed empty.
    members = [TeamMember(role, name.strip()) for role, name in named if name.strip()]
    credit = cover_credit(team)
    return Cover(
        title=inspection.title,
        provider=inspection.provider,
        publication=inspection.publication,
        fieldwork_start=f"{inspection.fieldwork_start:%B %Y}",
        credit=credit,
        team=tuple(members),
        notice=inspection.notice,
        publisher=inspection.framework.terms.publisher,
    )


def _rated(standard: Standard) -> bool:
    return standard.rating_method is not RatingMethod.UNRATED


def _tallied(standard: Standard) -> bool:
    """Whether the standard's key questions are tallied over cases (findings, Annex 2): a
    judgement standard's key questions are answered on the evidence pages instead."""
    return bool(standard.key_questions) and standard.rating_method is not RatingMethod.JUDGEMENT


def _summary(inspection: Inspection, scored: Scored) -> SummaryOfRatings | None:
    if scored.overall is None:
        return None  # the framework rates nothing: no Summary of ratings
    domains = []
    for domain in inspection.framework.domains:
        rows = tuple(
            RatingRow(s.id, s.title, scored.ratings[s.id].rating,
                      scored.ratings[s.id].not_rated_reason)
            for s in domain.standards
            if _rated(s)
        )
        if rows:
            domains.append(DomainRatings(domain.id, domain.title, rows))
    return SummaryOfRatings(
        provider=inspection.provider,
        fieldwork_start=f"{inspection.fieldwork_start:%B %Y}",
        overall=scored.overall.rating,
        score=scored.overall.score,
        maximum=scored.overall.maximum,
        domains=tuple(domains),
        overall_not_rated_reason=scored.overall.not_rated_reason,
        not_rated=scored.overall.not_rated,
    )


def _whole_sample(key_question: KeyQuestion, tally: Tally) -> bool:
    """True when the percentage is over every case of the sample (no relevant sub-sample)."""
    return key_question.relevance is None and tally.relevant == tally.cases


def _findings(standard: Standard, tallies: Mapping[str, Tally],
              framings: Mapping[str, bool]) -> tuple[FindingSentence, ...]:
    sentences: list[FindingSentence | None] = []
    for key_question in standard.key_questions:
        tally = tallies[key_question.id]
        sentences.append(finding_sentence(
            tally, key_question.text, whole_sample=_whole_sample(key_question, tally)
        ))
        for prompt in key_question.prompts:
            prompt_tally = tallies[prompt.id]
            whole = prompt.relevance is None and _whole_sample(key_question, prompt_tally)
            sentences.append(finding_sentence(prompt_tally, prompt.text, whole_sample=whole,
                                              verbal=True, negative=framings.get(prompt.id)))
    return tuple(sentence for sentence in sentences if sentence is not None)


def _chapters(inspection: Inspection, scored: Scored) -> list[DomainChapter]:
    narrative = inspection.narrative
    chapters = []
    for domain in inspection.framework.domains:
        prose = narrative.domains.get(domain.id)
        sections = tuple(
            StandardSection(
                standard_id=s.id,
                title=s.title,
                rating=scored.ratings[s.id].rating if s.id in scored.ratings else None,
                statement=s.statement,
                findings=(_findings(s, scored.tallies, narrative.framings)
                          if _tallied(s) and all(kq.id in scored.tallies
                                                 for kq in s.key_questions) else ()),
                narrative=narrative.standards.get(s.id, ""),
                practice=tuple(
                    PracticeItem(example.kind.value, example.text)
                    for example in inspection.practice_examples
                    if example.standard_id == s.id
                ),
                rationale=_rationale(scored.ratings.get(s.id)),
                not_rated_reason=(scored.ratings[s.id].not_rated_reason
                                  if s.id in scored.ratings else None),
                key_questions=_judged(s, inspection.key_question_answers),
                **_points(narrative.points.get(s.id)),
            )
            for s in domain.standards
        )
        chapters.append(DomainChapter(
            domain_id=domain.id,
            title=domain.title,
            summary=prose.summary if prose else "",
            strengths=prose.strengths if prose else (),
            areas_for_improvement=prose.areas_for_improvement if prose else (),
            standards=sections,
        ))
    return chapters


def _judged(standard: Standard, answers: tuple[KeyQuestionAnswer, ...]
            ) -> tuple[JudgedKeyQuestion, ...]:
    """A judgement standard's answered key questions, in the framework's words and order."""
    if standard.rating_method is not RatingMethod.JUDGEMENT:
        return ()
    given = {answer.key_question_id: answer for answer in answers}
    return tuple(JudgedKeyQuestion(kq.id, kq.text, given[kq.id].judgement, given[kq.id].evidence)
                 for kq in standard.key_questions if kq.id in given)


def _rationale(rating: StandardRating | None) -> str:
    if rating is None or rating.judgement is None:
        return ""
    return rating.judgement.rationale


class _Footnotes:
    """Footnotes numbered in order of first use; the same text keeps one number."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def number(self, text: str) -> int:
        return self.numbers.setdefault(text, len(self.numbers) + 1)

    def all(self) -> tuple[Footnote, ...]:
        return tuple(Footnote(number, text) for text, number in self.numbers.items())


def _results(framework: Framework, scored: Scored) -> InspectionResults:
    footnotes = _Footnotes()
    tables = []
    for domain in framework.domains:
        standards = []
        for standard in domain.standards:
            if not _tallied(standard) or not _rated(standard):
                continue
            rating = scored.ratings[standard.id]
            if not rating.rated:
                continue  # no figures to tabulate: the summary and chapter say why
            uncertainty = scored.uncertainty.get(standard.id)
            key_questions = []
            for key_question in standard.key_questions:
                tally = scored.tallies[key_question.id]
                notes: list[int] = []
                if key_question.relevance_note:
                    notes.append(footnotes.number(key_question.relevance_note))
                limiting = key_question.id == rating.limiting_key_question
                if rating.discretion is not None and limiting:
                    notes.append(footnotes.number(discretion_footnote(rating.discretion)))
                percent = tally.percent
                if percent is None:
                    raise ReportingError(f"key question {key_question.id} has no relevant cases")
                key_questions.append(KeyQuestionResult(
                    key_question.id, key_question.text, percent, tally.yes, tally.relevant,
                    tuple(notes), **_interval(uncertainty, key_question.id),
                ))
            standard_notes = (
                (footnotes.number(discretion_footnote(rating.discretion)),)
                if rating.discretion else ()
            )
            standards.append(StandardResult(
                standard_id=standard.id,
                title=standard.title,
                statement=standard.statement,
                rating=rating.rating,
                rule_rating=rating.rule_rating,
                key_questions=tuple(key_questions),
                footnotes=standard_notes,
                **_flags(uncertainty),
            ))
        if standards:
            tables.append(ResultsTable(domain.id, domain.title, tuple(standards)))
    return InspectionResults(tuple(tables), footnotes.all())


def _unrated_results(framework: Framework, scored: Scored) -> InspectionResults:
    """Annex 2 of a framework that rates nothing: each tallied standard's key-question
    percentages over its relevant cases, with no rating (a key question with no relevant case
    has no percentage and is left out; its relevance note is footnoted as in a rated report)."""
    footnotes = _Footnotes()
    tables = []
    for domain in framework.domains:
        standards = []
        for standard in domain.standards:
            if not _tallied(standard):
                continue
            key_questions = []
            for key_question in standard.key_questions:
                tally = scored.tallies.get(key_question.id)
                if tally is None or tally.percent is None:
                    continue
                notes = ((footnotes.number(key_question.relevance_note),)
                         if key_question.relevance_note else ())
                key_questions.append(KeyQuestionResult(
                    key_question.id, key_question.text, tally.percent, tally.yes,
                    tally.relevant, notes))
            if key_questions:
                standards.append(StandardResult(
                    standard_id=standard.id, title=standard.title,
                    statement=standard.statement, rating="", rule_rating="",
                    key_questions=tuple(key_questions), footnotes=()))
        if standards:
            tables.append(ResultsTable(domain.id, domain.title, tuple(standards)))
    return InspectionResults(tuple(tables), footnotes.all())


def _interval(uncertainty: StandardUncertainty | None, key_question_id: str
              ) -> dict[str, Any]:
    """A key question's interval for the data annexe, to one decimal place."""
    if uncertainty is None:
        return {}
    item = uncertainty.key_question(key_question_id)
    return {"interval_lower": round(item.interval.lower, 1),
            "interval_upper": round(item.interval.upper, 1),
            "crosses_band_edge": item.crosses_band_edge}


def _flags(uncertainty: StandardUncertainty | None) -> dict[str, Any]:
    if uncertainty is None:
        return {}
    return {"uncertain": uncertainty.uncertain,
            "uncertainty_flags": tuple(reason.value for reason in uncertainty.reasons),
            "cases_to_change_up": uncertainty.cases_to_change.up,
            "cases_to_change_down": uncertainty.cases_to_change.down,
            "confidence": uncertainty.confidence}


def sample_types(framework: Framework) -> tuple[str, ...]:
    """The sample types the framework's standards are assessed on, in framework order."""
    seen: list[str] = []
    for standard in framework.standards():
        if standard.sample_type is not None and standard.sample_type not in seen:
            seen.append(standard.sample_type)
    return tuple(seen)
