"""The Wales demo stored as database rows and published, so a newcomer opens a full report.

Rows come from `probation_inspection.demo.wales.inspection()`; loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from probation_inspection.demo import wales
from probation_inspection.evidence import MeetingKind, RoleGroup
from probation_inspection.reporting import CaseSample, PracticeKind, score
from probation_inspection.reporting import Inspection as Source
from probation_inspection.reporting.wording import framings_text
from probation_inspection.reporting.workflow import State
from probation_inspection.sampling.fields import STRATUM_KEYS, Field
from probation_inspection.scoring import DecisionKind
from probation_inspection.tabular import reader_input_csv
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    CaseList,
    CaseStatus,
    QuestionKind,
    Sample,
    SampledCase,
)
from probation_inspection.web.demo import USERS, grant_programme_roles
from probation_inspection.web.inspections.models import (
    DeliveryUnit,
    Inspection,
    Provider,
    Stage,
    TeamMember,
)
from probation_inspection.web.quality import models as quality
from probation_inspection.web.quality.evidence import CASES
from probation_inspection.web.quality.ratings import result_json
from probation_inspection.web.reports import sections
from probation_inspection.web.reports.models import (
    NarrativeRevision,
    NarrativeSection,
    PracticeState,
    ReportDetails,
    ReportVersion,
)
from probation_inspection.web.reports.models import PracticeExample as PracticeRecord
from probation_inspection.web.reports.services import move_on

#: The case attribute holding each stratifying field's value in the generated cases.
STRATUM_ATTRIBUTES = {Field.GENDER: "gender", Field.DISPOSAL: "disposal", Field.ROSH: "rosh_level"}
PRACTICE_ANSWER = {PracticeKind.GOOD: "yes", PracticeKind.POOR: "no"}
FIELDWORK_DAYS = 18
#: The provider as the demo names it (`wales.inspection().provider`); checked by a test.
PROVIDER = "Wales division of KSS CRC"


def _users() -> dict[str, Any]:
    model = get_user_model()
    users = {}
    for demo in USERS:
        user = model.objects.filter(username=demo.username).first()
        if user is None:
            first, last = demo.name.split(" ", 1)
            user = model.objects.create_user(demo.username, password=demo.password,
                                             first_name=first, last_name=last)
        users[demo.username] = user
    grant_programme_roles(users)
    return users


def _allocation(sample: CaseSample) -> list[dict[str, Any]]:
    keys = [(STRATUM_KEYS[field], STRATUM_ATTRIBUTES[field]) for field in sample.facts.strata]
    counts = Counter(
        tuple((key, str((case.attributes or {}).get(name, ""))) for key, name in keys)
        for case in sample.assessments
    )
    return [
        # The eligible population is not known for a published report: allocated stands in.
        {"stratum": dict(stratum), "label": " / ".join(v for _, v in stratum) or "all cases",
         "population": count, "allocated": count, "reserves": 0}
        for stratum, count in sorted(counts.items())
    ]


def _case_list(sample: CaseSample) -> bytes:
    names = sorted({name for case in sample.assessments for name in (case.attributes or {})})
    # The case list the sample is stored against, read back by the case-list reader.
    return reader_input_csv(["CRN", *names], (
        [case.case_id, *((case.attributes or {}).get(n, "") for n in names)]
        for case in sample.assessments
    )).encode("utf-8")


def _practice_targets(source: Source) -> dict[tuple[str, str], str]:
    """(case id, key question id) -> the flagged evidence note, one case per example."""
    targets: dict[tuple[str, str], str] = {}
    for example in source.practice_examples:
        standard = source.framework.standard(example.standard_id)
        wanted = PRACTICE_ANSWER[example.kind]
        sample = source.sample(standard.sample_type) if standard.sample_type else None
        for case in sample.assessments if sample else ():
            hit = next((kq.id for kq in standard.key_questions
                        if str(case.answers.get(kq.id, "")) == wanted
                        and (case.case_id, kq.id) not in targets), None)
            if hit is not None:
                targets[(case.case_id, hit)] = example.text
                break
    return targets


def _store_sample(row: Inspection, sample: CaseSample, users: dict[str, Any],
                  practice: dict[tuple[str, str], str]) -> None:
    facts = sample.facts
    content = _case_list(sample)
    case_list = CaseList.objects.create(
        inspection=row, sample_type=facts.sample_type,
        filename=f"wales-{facts.sample_type}.csv", uploaded_by=users["data"],
        row_count=len(sample.assessments), content=content)
    stored = Sample.objects.create(
        inspection=row, sample_type=facts.sample_type, case_list=case_list,
        seed=wales.SEED, confidence=facts.confidence, margin=facts.margin,
        eligible=0,  # not known: the builder maps 0 to "not stated"
        size=facts.size, fieldwork_start=row.fieldwork_start, allocation=_allocation(sample),
        representativeness=[], methodology="Loaded from the published Wales report's results.",
        drawn_by=users["data"])
    units = {unit.name: unit for unit in DeliveryUnit.objects.filter(provider=row.provider)}
    assessors = [users["inspector"], users["inspector2"], users["lead"]]
    cases = SampledCase.objects.bulk_create([
        SampledCase(
            sample=stored, case_reference=case.case_id, attributes=dict(case.attributes or {}),
            stratum=_allocation(CaseSample(facts, (case,)))[0]["stratum"],
            delivery_unit=(units.get(str((case.attributes or {}).get("delivery_unit")))
                           if facts.delivery_units else None),
            status=CaseStatus.SAMPLED, assigned_to=assessors[index % len(assessors)])
        for index, case in enumerate(sample.assessments)
    ])
    assessments = Assessment.objects.bulk_create([
        Assessment(sampled_case=case, assessor=case.assigned_to,
                   status=AssessmentStatus.SUBMITTED, framework_id=row.framework_id,
                   framework_version=row.framework_version, submitted_at=row.created_at)
        for case in cases
    ])
    answers = []
    for assessment, case in zip(assessments, sample.assessments, strict=True):
        for question_id, value in case.answers.items():
            note = practice.get((case.case_id, question_id), "")
            answers.append(Answer(
                assessment=assessment, question_id=question_id,
                kind=QuestionKind.PROMPT if ".p" in question_id else QuestionKind.KEY_QUESTION,
                value=str(value), evidence=note, practice_example=bool(note)))
    Answer.objects.bulk_create(answers, batch_size=2000)


def _practice_records(row: Inspection, source: Source, lead: Any,
                      practice: dict[tuple[str, str], str]) -> None:
    """Each published example as the report prints it: an approved record of its flagged note
    (the names in the report are already changed)."""
    kinds = {example.text: example for example in source.practice_examples}
    now = timezone.now()
    for (case_id, question_id), text in practice.items():
        example = kinds[text]
        answer = Answer.objects.filter(
            assessment__sampled_case__sample__inspection=row, question_id=question_id,
            assessment__sampled_case__case_reference=case_id, practice_example=True).first()
        PracticeRecord.objects.create(
            inspection=row, standard_id=example.standard_id, kind=example.kind.value,
            text=text, state=PracticeState.APPROVED, source=f"Case {case_id}, {question_id}",
            answer=answer, created_by=lead, approved_by=lead, approved_at=now)


def _evidence(row: Inspection, source: Source, lead: Any) -> list[str]:
    counts = source.evidence
    if counts is None:
        return []
    questionnaire = source.framework.questionnaires[0].id
    # The generated answers give the interview shares the report states (demo/wales.py).
    quality.InterviewResponse.objects.bulk_create([
        quality.InterviewResponse(
            inspection=row, questionnaire_id=questionnaire, interviewee=response.interviewee,
            grade=response.group,
            answers={**response.answers,
                     **({CASES: {case: dict(given)
                                 for case, given in response.case_answers.items()}}
                        if response.case_answers else {})},
            recorded_by=lead)
        for response in wales.interview_responses(source.framework, source.samples)
    ])
    groups = list(RoleGroup)
    meetings = quality.Meeting.objects.bulk_create([
        quality.Meeting(
            inspection=row, kind=MeetingKind.MEETING if n % 3 else MeetingKind.FOCUS_GROUP,
            held_on=row.fieldwork_start + dt.timedelta(days=n % FIELDWORK_DAYS),
            role_group=groups[n % len(groups)], participants="Demonstration record",
            notes="Demonstration record: the report counts this meeting; notes not published.",
            recorded_by=lead)
        for n in range(1, counts.meetings + 1)
    ])
    return [meetings[0].evidence_id, "interviews"] if meetings else ["interviews"]


def _number(figure: str) -> Decimal:
    return Decimal(figure.replace(",", "").rstrip("%"))


def _contextual_facts(row: Inspection, source: Source) -> None:
    # The demo's facts follow the order of its framework's measures (SEEDS-SPEC e.4).
    measures = source.framework.contextual_measures
    for measure, fact in zip(measures, source.contextual_facts, strict=True):
        quality.ContextualFact.objects.create(
            inspection=row, measure=measure.key, name=fact.measure, unit=measure.unit,
            provider_figure=_number(fact.figure),
            national_figure=_number(fact.national_figure) if fact.national_figure else None,
            target=_number(fact.target) if fact.target else None,
            source=fact.source)


def _decisions(row: Inspection, source: Source, lead: Any, cited: list[str]) -> None:
    for standard_id, rating in score(source).ratings.items():
        if rating.judgement is not None:
            kind, rationale = DecisionKind.JUDGEMENT, rating.judgement.rationale
        elif rating.discretion is not None:
            kind, rationale = DecisionKind.DISCRETION, rating.discretion.rationale
        else:
            kind, rationale = DecisionKind.ACCEPTED, ""
        quality.RatingDecision.objects.create(
            inspection=row, standard_id=standard_id, version=1, kind=kind.value,
            rule_rating="" if kind is DecisionKind.JUDGEMENT else rating.rule_rating,
            rating=rating.rating, rationale=rationale,
            evidence=cited if kind is DecisionKind.JUDGEMENT else [],
            # Stored as the ratings page stores it, so 2.2 keeps its reason and cited figures.
            result=result_json(rating), decided_by=lead)


def _narrative(row: Inspection, source: Source) -> None:
    narrative = source.narrative
    texts = {"foreword": narrative.foreword, "overall-findings": narrative.overall_findings,
             "recommendations": narrative.recommendations, "background": narrative.background,
             "operating-model": narrative.operating_model}
    for domain_id, domain in narrative.domains.items():
        texts[sections.domain_key(domain_id, "summary")] = domain.summary
        texts[sections.domain_key(domain_id, "strengths")] = sections.as_list_text(
            domain.strengths)
        texts[sections.domain_key(domain_id, "areas-for-improvement")] = sections.as_list_text(
            domain.areas_for_improvement)
    for standard_id, text in narrative.standards.items():
        texts[sections.standard_key(standard_id)] = text
    # The published report's framing of each prompt it states, so the stored demo's findings
    # read as the core demo's.
    texts[sections.FRAMINGS_KEY] = framings_text(narrative.framings)
    stored = NarrativeSection.objects.bulk_create([
        NarrativeSection(inspection=row, key=key, text=text, version=1)
        for key, text in texts.items() if text
    ])
    NarrativeRevision.objects.bulk_create([
        NarrativeRevision(section=section, version=1, text=section.text) for section in stored
    ])


def load_wales() -> tuple[Inspection, bool]:
    """Store and publish the Wales demo once; returns the inspection and whether it was new."""
    with transaction.atomic():
        users = _users()
        existing = Inspection.objects.filter(provider__name=PROVIDER).first()
        if existing is not None:
            return existing, False
        source = wales.inspection()
        provider, _ = Provider.objects.get_or_create(name=source.provider)
        lead = users["lead"]
        row = Inspection.objects.create(
            provider=provider, framework_id=source.framework.id,
            framework_version=source.framework.version, fieldwork_start=source.fieldwork_start,
            fieldwork_end=source.fieldwork_start + dt.timedelta(days=FIELDWORK_DAYS),
            stage=Stage.REPORTING, created_by=lead)
        TeamMember.objects.bulk_create([
            TeamMember(inspection=row, user=users[demo.username], role=demo.role)
            for demo in USERS
        ])
        for sample in source.samples:
            for unit in sample.facts.delivery_units:
                DeliveryUnit.objects.get_or_create(provider=provider, name=unit)
        practice = _practice_targets(source)
        for sample in source.samples:
            _store_sample(row, sample, users, practice)
        _practice_records(row, source, lead, practice)
        cited = _evidence(row, source, lead)
        _contextual_facts(row, source)
        _decisions(row, source, lead, cited)
        _narrative(row, source)
        ReportDetails.objects.create(
            inspection=row, title=source.title, publication=source.publication,
            lead_inspector=source.team.lead_inspector,
            inspectors="\n".join(source.team.inspectors),
            programme_manager=source.team.programme_manager,
            chief_inspector=source.team.chief_inspector, notice=source.notice)
        record(lead, row, AuditAction.DEMO_LOADED, after={"demo": "wales", "cases": sum(
            len(sample.assessments) for sample in source.samples)})
        version = ReportVersion.objects.create(inspection=row, number=1, created_by=lead)
        while version.state != State.PUBLISHED:
            version = move_on(row, version, lead).version
        return row, True
