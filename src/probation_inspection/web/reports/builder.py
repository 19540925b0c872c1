"""Database inspection -> the reporting core's `Inspection` input; rows mapped, no rules.

Reads casework (samples; the assessments that count, by casework.results' one rule), quality
(its decision log and moderation pairs, evidence, contextual facts) and this app's narrative;
the core counts, rates and words.
"""

from __future__ import annotations

from typing import Any

from probation_inspection.evidence import ContextualFact as EnteredFact
from probation_inspection.evidence import Unit
from probation_inspection.framework.model import Framework
from probation_inspection.reporting import (
    CaseSample,
    DomainNarrative,
    EvidenceCounts,
    FlaggedNote,
    Inspection,
    Moderation,
    Narrative,
    PracticeExample,
    PracticeKind,
    PrintedFact,
    QuestionAgreement,
    RatingDecisions,
    SampleFacts,
    Team,
    practice_examples,
    printed_fact,
)
from probation_inspection.reporting.records import Recommendation, StandardPoints
from probation_inspection.reporting.wording import read_framings
from probation_inspection.sampling.fields import STRATUM_KEYS
from probation_inspection.scoring import (
    agreement_by_key_question,
    current_discretions,
    current_judgements,
    topic_findings,
)
from probation_inspection.web.casework.models import (
    Answer as AnswerRow,
)
from probation_inspection.web.casework.models import (
    Assessment,
    CaseStatus,
    SampledCase,
)
from probation_inspection.web.casework.results import case_assessments, counted
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection as InspectionRow
from probation_inspection.web.inspections.models import Role
from probation_inspection.web.quality import models as quality
from probation_inspection.web.quality.evidence import (
    core_answer,
    current_answers,
    interview_results,
    questionnaire_of,
)
from probation_inspection.web.quality.moderation import judgement_pairs
from probation_inspection.web.quality.ratings import decision_log
from probation_inspection.web.reports import sections
from probation_inspection.web.reports.models import (
    NarrativeSection,
    PointKind,
    PracticeState,
    ReportDetails,
    StandardPoint,
)
from probation_inspection.web.reports.models import PracticeExample as PracticeRecord
from probation_inspection.web.reports.models import Recommendation as RecommendationRow


def _name(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


def _team(row: InspectionRow, details: ReportDetails | None) -> Team:
    members = list(row.team.select_related("user").order_by("user__last_name",
                                                             "user__username"))
    lead = next((_name(m.user) for m in members if m.role == Role.LEAD_INSPECTOR), "")
    inspectors = tuple(_name(m.user) for m in members if m.role == Role.INSPECTOR)
    if details is not None:
        lead = details.lead_inspector or lead
        listed = tuple(line.strip() for line in details.inspectors.splitlines() if line.strip())
        inspectors = listed or inspectors
    return Team(lead_inspector=lead, inspectors=inspectors,
                programme_manager=details.programme_manager if details else "",
                chief_inspector=details.chief_inspector if details else "")


def _strata(sample: Any) -> tuple[Any, ...]:
    # In the fields' own order: PostgreSQL's jsonb does not keep a stored object's key order.
    for stratum in sample.allocation or ():
        keys = stratum.get("stratum", {})
        return tuple(field for field, key in STRATUM_KEYS.items() if key in keys)
    return ()


def _samples(row: InspectionRow) -> tuple[CaseSample, ...]:
    result = []
    for sample in row.samples.order_by("sample_type"):
        cases = counted(SampledCase.objects.filter(sample=sample)).order_by("case_reference")
        units = SampledCase.objects.filter(sample=sample, status=CaseStatus.SAMPLED).exclude(
            delivery_unit=None).values_list("delivery_unit__name", flat=True)
        facts = SampleFacts(
            sample_type=sample.sample_type,
            size=sample.size,
            # 0 records "not known": a sample loaded from a published report, not drawn here.
            eligible=sample.eligible or None,
            confidence=sample.confidence,
            margin=sample.margin,
            strata=_strata(sample),
            delivery_units=tuple(sorted(set(units))),
        )
        result.append(CaseSample(facts, tuple(case_assessments(cases))))
    return tuple(result)


def _decisions(row: InspectionRow) -> RatingDecisions:
    log = decision_log(row)
    return RatingDecisions(judgements=current_judgements(log),
                           discretions=current_discretions(log))


def _narrative(row: InspectionRow, framework: Framework) -> Narrative:
    text = dict(NarrativeSection.objects.filter(inspection=row).values_list("key", "text"))
    domains = {
        domain.id: DomainNarrative(
            summary=text.get(sections.domain_key(domain.id, "summary"), ""),
            strengths=sections.list_items(
                text.get(sections.domain_key(domain.id, "strengths"), "")),
            areas_for_improvement=sections.list_items(
                text.get(sections.domain_key(domain.id, "areas-for-improvement"), "")),
        )
        for domain in framework.domains
    }
    standards = {
        standard.id: text[sections.standard_key(standard.id)]
        for standard in framework.standards()
        if text.get(sections.standard_key(standard.id))
    }
    return Narrative(
        points=_points(row),
        foreword=text.get("foreword", ""),
        overall_findings=text.get("overall-findings", ""),
        recommendations=text.get("recommendations", ""),
        background=text.get("background", ""),
        operating_model=text.get("operating-model", ""),
        domains=domains,
        standards=standards,
        framings=read_framings(text.get(sections.FRAMINGS_KEY, "")),
    )


def _points(row: InspectionRow) -> dict[str, StandardPoints]:
    """Each standard's strengths and areas for improvement, in the order the team set."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    for point in StandardPoint.objects.filter(inspection=row):
        strengths, areas = found.setdefault(point.standard_id, ([], []))
        (strengths if point.kind == PointKind.STRENGTH else areas).append(point.text)
    return {standard_id: StandardPoints(tuple(strengths), tuple(areas))
            for standard_id, (strengths, areas) in found.items()}


def recommendation_list(row: InspectionRow) -> tuple[Recommendation, ...]:
    """The recommendations in the team's order, each with its addressee."""
    return tuple(Recommendation(item.addressee, item.text)
                 for item in RecommendationRow.objects.filter(inspection=row))


def _contextual_facts(row: InspectionRow, framework: Framework) -> tuple[PrintedFact, ...]:
    """The facts entered, the framework version's measures first in the file's order, then
    the inspection's own in the order they were entered."""
    order = {measure.key: index for index, measure in enumerate(framework.contextual_measures)}
    stored = sorted(quality.ContextualFact.objects.filter(inspection=row).order_by("id"),
                    key=lambda fact: order.get(fact.measure, len(order)))
    entered = (
        EnteredFact(fact.measure, fact.name, Unit(fact.unit), fact.provider_figure,
                    fact.national_figure, fact.target, fact.period, fact.source)
        for fact in stored
    )
    # The core says how each prints, and leaves out a measure whose figure is not entered.
    return tuple(fact for fact in map(printed_fact, entered) if fact is not None)


def _evidence(row: InspectionRow) -> EvidenceCounts | None:
    interviews = quality.InterviewResponse.objects.filter(inspection=row).count()
    meetings = quality.Meeting.objects.filter(inspection=row).count()
    if not interviews and not meetings:
        return None
    return EvidenceCounts(officers_interviewed=interviews, meetings=meetings,
                          interview_findings=_interview_findings(row))


def _interview_findings(row: InspectionRow) -> tuple[str, ...]:
    """Each interview topic's sentence, percentages by topic with any national figure."""
    questionnaire = questionnaire_of(framework_for(row.framework_id, row.framework_version))
    if questionnaire is None:
        return ()
    results = interview_results(row, questionnaire)
    return tuple(finding.sentence for finding in topic_findings(questionnaire, results))


def _moderation(row: InspectionRow) -> Moderation | None:
    pairs = judgement_pairs(row)
    if not pairs:
        return None
    return Moderation(
        cases_moderated=len({pair.case_id for pair in pairs}),
        agreement=tuple(QuestionAgreement(question_id, item.judgements, item.agreements)
                        for question_id, item in agreement_by_key_question(pairs).items()),
    )


def _practice_examples(row: InspectionRow, framework: Framework) -> tuple[PracticeExample, ...]:
    """The approved practice example records of standards the framework holds: a draft, and a
    flagged note nobody has made into a record, never leave the inspectorate."""
    standards = {standard.id for standard in framework.standards()}
    return tuple(
        PracticeExample(record.standard_id, PracticeKind(record.kind), record.text)
        for record in PracticeRecord.objects.filter(inspection=row, state=PracticeState.APPROVED)
        if record.standard_id in standards
    )


def flagged_notes(row: InspectionRow, framework: Framework
                  ) -> list[tuple[AnswerRow, str, PracticeExample]]:
    """The flagged evidence notes of counted cases that may become practice examples: each
    answer row, its case reference and the example the core files it as (standard, kind)."""
    cases = counted(SampledCase.objects.filter(sample__inspection=row))
    reference = dict(Assessment.objects.filter(sampled_case__in=list(cases))
                     .values_list("id", "sampled_case__case_reference"))
    flagged = sorted(
        AnswerRow.objects.filter(assessment_id__in=list(reference), practice_example=True),
        key=lambda answer: (reference[answer.assessment_id], answer.pk),
    )
    # The core says which flagged notes are examples, and of good or poor practice.
    found = []
    for answer in flagged:
        examples = practice_examples(framework, (
            FlaggedNote(answer.question_id, answer.value, answer.evidence),))
        if examples:
            found.append((answer, reference[answer.assessment_id], examples[0]))
    return found


def inspection_input(row: InspectionRow) -> Inspection:
    """The reporting core's input for a stored inspection."""
    framework = framework_for(row.framework_id, row.framework_version)
    details = ReportDetails.objects.filter(inspection=row).first()
    provider = row.provider.name
    return Inspection(
        provider=provider,
        title=details.title if details else f"An inspection of probation services: {provider}",
        fieldwork_start=row.fieldwork_start,
        publication=(details.publication if details and details.publication
                     else f"{row.fieldwork_end:%B %Y}"),
        team=_team(row, details),
        framework=framework,
        samples=_samples(row),
        decisions=_decisions(row),
        narrative=_narrative(row, framework),
        contextual_facts=_contextual_facts(row, framework),
        evidence=_evidence(row),
        moderation=_moderation(row),
        practice_examples=_practice_examples(row, framework),
        notice=details.notice if details else "",
        recommendation_list=recommendation_list(row),
        key_question_answers=tuple(core_answer(answer)
                                   for answer in current_answers(row).values()),
    )
