"""Factories for the web tests' rows (factory_boy), and an inspection built up to each stage.

The factories make single rows with sensible defaults: users, providers, inspections with a
team, case lists, samples, sampled cases and assessments with an answer per question. They
write rows directly, so they suit page tests that need a row to exist.

`planning` ... `published` instead build an inspection the way the app does, through its
services: the case lists are read by the case-list reader and the samples drawn by the
sampling core, assessments are saved and submitted through the casework service, moderation
goes through the moderation service, ratings through the decision log and every stage move
through the stage rules. Each returns a `Staged` (the inspection and its team); each builds
on the one before, so ``published()`` is the longest (five to fifteen seconds: each draw
reads its case list in a child process).

See docs/decisions/0005-factory-boy.md for why factory_boy.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from helpers import PASSWORD, case_list_for
from probation_inspection.access import Role as CoreRole
from probation_inspection.evidence import judgement_questions
from probation_inspection.framework.model import Framework
from probation_inspection.scoring import DecisionKind
from probation_inspection.tabular import reader_input_csv
from probation_inspection.web.casework.models import (
    Answer,
    AnswerValue,
    Assessment,
    AssessmentStatus,
    CaseList,
    CaseStatus,
    QuestionKind,
    Sample,
    SampledCase,
)
from probation_inspection.web.casework.questions import questions, relevance_attributes
from probation_inspection.web.casework.results import inspection_not_rated
from probation_inspection.web.casework.sampling import draw_sample
from probation_inspection.web.casework.services import (
    PostedAnswer,
    save_assessment,
    start_assessment,
)
from probation_inspection.web.demo import case_list_csv
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import (
    Inspection,
    Provider,
    Role,
    Stage,
    TeamMember,
)
from probation_inspection.web.inspections.stages import advance
from probation_inspection.web.quality.evidence import answer_key_question, save_meeting
from probation_inspection.web.quality.models import QueueEntry
from probation_inspection.web.quality.moderation import (
    inspector_side,
    record_verdict,
    refresh_queue,
    save_judgements,
)
from probation_inspection.web.quality.ratings import decide, move_to_reporting
from probation_inspection.web.reports.services import move_on, open_version
from sample_ids import SampleType

FRAMEWORK_ID, FRAMEWORK_VERSION = "hmip-crc-2018", "2018.1"
#: The (id, version) staged inspections use unless told otherwise.
CRC = (FRAMEWORK_ID, FRAMEWORK_VERSION)
FIELDWORK_START = dt.date(2026, 11, 2)
#: Cases on each staged inspection's case lists, every one eligible.
LIST_ROWS = 40


def relevance_for(framework: Framework, sample_type: str) -> dict[str, object]:
    """Every relevance attribute of the sample type set, so that every question applies:
    booleans true, other attributes their first value."""
    return {a.name: (True if a.type.value == "boolean" else a.values[0])
            for a in relevance_attributes(framework, sample_type)}


# Rows


class UserFactory(DjangoModelFactory):
    """A user with the shared test password; the first name is the username, title-cased."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyAttribute(lambda user: user.username.title())
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance: Any, create: bool, results: Any = None) -> None:
        if create and results:
            instance.save(update_fields=["password"])


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Provider {n} CRC")


class InspectionFactory(DjangoModelFactory):
    """An inspection against hmip-crc-2018 in fieldwork from 2 November 2026.

    ``team`` takes {user: role} and puts each user on the team: ``InspectionFactory(
    team={lead: Role.LEAD_INSPECTOR})``; the creator is the first lead inspector named.
    """

    class Meta:
        model = Inspection
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    framework_id = FRAMEWORK_ID
    framework_version = FRAMEWORK_VERSION
    fieldwork_start = FIELDWORK_START
    fieldwork_end = factory.LazyAttribute(lambda i: i.fieldwork_start + dt.timedelta(days=18))
    stage = Stage.FIELDWORK
    created_by = None

    @factory.post_generation
    def team(self, create: bool, extracted: dict[Any, Role] | None, **kwargs: Any) -> None:
        if not create or not extracted:
            return
        for user, role in extracted.items():
            TeamMemberFactory(inspection=self, user=user, role=role)
        if self.created_by is None:
            self.created_by = next((user for user, role in extracted.items()
                                    if role == Role.LEAD_INSPECTOR), None)
            self.save(update_fields=["created_by"])


class TeamMemberFactory(DjangoModelFactory):
    class Meta:
        model = TeamMember

    inspection = factory.SubFactory(InspectionFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.INSPECTOR


class CaseListFactory(DjangoModelFactory):
    """A stored case list with no content (enough for a sample row; nothing re-reads it)."""

    class Meta:
        model = CaseList

    inspection = factory.SubFactory(InspectionFactory)
    sample_type = SampleType.CASE_SUPERVISION
    filename = "cases.csv"
    row_count = 0
    content = b""


class SampleFactory(DjangoModelFactory):
    """A sample row of ten, with its case list; no cases (add them with SampledCaseFactory)."""

    class Meta:
        model = Sample

    inspection = factory.SubFactory(InspectionFactory)
    sample_type = SampleType.CASE_SUPERVISION
    case_list = factory.SubFactory(CaseListFactory,
                                   inspection=factory.SelfAttribute("..inspection"),
                                   sample_type=factory.SelfAttribute("..sample_type"))
    seed = 1
    eligible = 10
    size = 10
    fieldwork_start = factory.SelfAttribute("inspection.fieldwork_start")
    methodology = "test"


class SampledCaseFactory(DjangoModelFactory):
    """A case in the sample with every relevance attribute set, so every question applies."""

    class Meta:
        model = SampledCase

    sample = factory.SubFactory(SampleFactory)
    case_reference = factory.Sequence(lambda n: f"C{n:05d}")
    attributes = factory.LazyAttribute(lambda case: relevance_for(
        framework_for(case.sample.inspection.framework_id,
                      case.sample.inspection.framework_version),
        case.sample.sample_type))
    status = CaseStatus.SAMPLED
    assigned_to = None


class AssessmentFactory(DjangoModelFactory):
    """A submitted assessment by the case's assignee (or a new user), answered: key questions
    ``answers__key_value`` and prompts ``answers__prompt_value`` (both yes unless given), and
    "not-relevant" where a question does not apply; ``answers=False`` leaves it unanswered."""

    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    sampled_case = factory.SubFactory(SampledCaseFactory)
    assessor = factory.LazyAttribute(
        lambda a: a.sampled_case.assigned_to or UserFactory())
    status = AssessmentStatus.SUBMITTED
    framework_id = factory.SelfAttribute("sampled_case.sample.inspection.framework_id")
    framework_version = factory.SelfAttribute(
        "sampled_case.sample.inspection.framework_version")
    submitted_at = factory.LazyAttribute(
        lambda a: None if a.status == AssessmentStatus.DRAFT
        else dt.datetime(2026, 11, 5, tzinfo=dt.UTC))

    @factory.post_generation
    def answers(self, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        if not create or extracted is False:
            return
        framework = framework_for(self.framework_id, self.framework_version)
        case = self.sampled_case
        key_value = kwargs.get("key_value", AnswerValue.YES)
        prompt_value = kwargs.get("prompt_value", AnswerValue.YES)
        Answer.objects.bulk_create(
            Answer(assessment=self, question_id=q.id, kind=q.kind,
                   value=AnswerValue.NOT_RELEVANT if q.applies(case.attributes) is False
                   else (key_value if q.kind == QuestionKind.KEY_QUESTION else prompt_value))
            for q in questions(framework, case.sample.sample_type)
        )


# Case lists the case-list reader accepts, for each sample type


def case_list_content(sample_type: str, fieldwork_start: dt.date, cases: int,
                      seed: int = 3) -> bytes:
    """A synthetic case list of the sample type, every case inside its eligibility window."""
    if sample_type == SampleType.CASE_SUPERVISION:
        return case_list_csv(fieldwork_start, cases, seed=seed)
    chooser = random.Random(seed)
    prefix = "U" if sample_type == SampleType.UNPAID_WORK else "T"
    rows: list[list[object]] = []
    for number in range(1, cases + 1):
        crn = f"{prefix}{seed % 1000:03d}{number:05d}"
        if sample_type == SampleType.UNPAID_WORK:
            # Begun at least three months before fieldwork.
            start = fieldwork_start - dt.timedelta(days=chooser.choice(range(100, 200)))
            rows.append([crn, chooser.choice(["Male", "Female"]),
                         chooser.choice(["Low", "Medium", "High"]), start.isoformat(), 100])
        else:
            # Released in the two weeks ending six weeks before fieldwork.
            released = fieldwork_start - dt.timedelta(weeks=6, days=chooser.choice(range(14)))
            rows.append([crn, "Licence", released.isoformat(), "HMP Durham"])
    headers = (["CRN", "Gender", "RoSH", "UPW start date", "UPW hours"]
               if sample_type == SampleType.UNPAID_WORK
               else ["CRN", "Disposal", "Release date", "Releasing prison"])
    return reader_input_csv(headers, rows).encode("utf-8")


# An inspection at each stage, built through the services


#: The team of a staged inspection: key, role on the inspection.
TEAM = (("lead", Role.LEAD_INSPECTOR), ("inspector", Role.INSPECTOR),
        ("other", Role.INSPECTOR), ("qa", Role.QUALITY_ASSURANCE),
        ("data", Role.DATA_TEAM), ("reader", Role.PROVIDER_READER))


@dataclass
class Staged:
    """An inspection and its team ({"lead": user, "inspector": ..., "other", "qa", "data",
    "reader"}), with the framework it uses."""

    inspection: Inspection
    team: dict[str, Any]

    @property
    def framework(self) -> Framework:
        return framework_for(self.inspection.framework_id, self.inspection.framework_version)

    @property
    def sampled_cases(self) -> Any:
        return SampledCase.objects.filter(sample__inspection=self.inspection,
                                          status=CaseStatus.SAMPLED).order_by("pk")

    def refresh(self) -> Staged:
        self.inspection.refresh_from_db()
        return self

    def _advance(self, seen: Stage) -> Staged:
        advance(self.inspection, self.framework, self.team["lead"], CoreRole.LEAD_INSPECTOR,
                seen=seen.value)
        return self.refresh()


def planning(prefix: str = "staged-", framework: tuple[str, str] = CRC) -> Staged:
    """A new inspection in planning with a team of every role; usernames are the team keys
    after ``prefix`` (so they never clash with the ``users`` fixture's). ``framework`` is the
    (id, version) it uses: the CRC 2018 framework unless given."""
    team = {key: UserFactory(username=f"{prefix}{key}", first_name=key.title())
            for key, _ in TEAM}
    inspection = InspectionFactory(stage=Stage.PLANNING, framework_id=framework[0],
                                   framework_version=framework[1],
                                   team={team[key]: role for key, role in TEAM})
    return Staged(inspection, team)


def fieldwork(cases: int = 2, sample_types: tuple[str, ...] | None = None,
              framework: tuple[str, str] = CRC) -> Staged:
    """`planning`, then a case list of each sample type read and a sample of ``cases`` drawn
    from it by the data team, the move to fieldwork, and the sampled cases assigned to the
    two inspectors in turn. The sample types are those the framework's standards are
    assessed from unless given."""
    staged = planning(framework=framework)
    inspection, team = staged.inspection, staged.team
    if sample_types is None:
        sample_types = tuple(dict.fromkeys(
            s.sample_type for s in staged.framework.standards() if s.sample_type))
    for number, sample_type in enumerate(sample_types):
        if sample_type in set(SampleType):
            content = case_list_content(sample_type, inspection.fieldwork_start, LIST_ROWS,
                                        seed=number + 3)
        else:
            # A sample type of the framework's own: a list generated from its definition.
            content, _ = case_list_for(staged.framework.sample_type(sample_type),
                                       inspection.fieldwork_start, LIST_ROWS, seed=number + 3)
        # Stored as the upload page stores it; the draw reads it with the case-list reader.
        case_list = CaseList.objects.create(
            inspection=inspection, sample_type=sample_type, filename=f"{sample_type}.csv",
            uploaded_by=team["data"], row_count=LIST_ROWS, content=content)
        draw_sample(inspection, case_list, team["data"], seed=42, confidence=0.8, margin=5.0,
                    size=cases)
    staged._advance(Stage.PLANNING)
    assessors = [team["inspector"], team["other"]]
    for index, case in enumerate(staged.sampled_cases):
        case.assigned_to = assessors[index % 2]
        case.save(update_fields=["assigned_to"])
    return staged


def submit(case: SampledCase, framework: Framework, value: str = AnswerValue.YES) -> Assessment:
    """The assignee opens the case, answers every question ``value`` with every relevance
    attribute set, and submits, as the assessment page does."""
    assessment = start_assessment(case, framework, case.assigned_to)
    sample_type = case.sample.sample_type
    posted = {q.id: PostedAnswer(value) for q in questions(framework, sample_type)}
    result = save_assessment(assessment, framework, case.assigned_to, assessment.version,
                             posted, relevance_for(framework, sample_type), submit=True)
    assert result.saved and not result.missing, result.missing
    assessment.refresh_from_db()
    return assessment


def moderation(cases: int = 2, framework: tuple[str, str] = CRC) -> Staged:
    """`fieldwork`, then every sampled case assessed (every answer yes) and submitted by its
    inspector, and the move to moderation."""
    staged = fieldwork(cases, framework=framework)
    for case in staged.sampled_cases.select_related("sample"):
        submit(case, staged.framework)
    return staged._advance(Stage.FIELDWORK)


def rating(cases: int = 2, framework: tuple[str, str] = CRC) -> Staged:
    """`moderation`, then the queue drawn by the QA inspector, who agrees with every queued
    assessment, and the move to rating."""
    staged = moderation(cases, framework=framework)
    qa = staged.team["qa"]
    refresh_queue(staged.inspection, qa)
    for entry in QueueEntry.objects.filter(queue__inspection=staged.inspection).order_by("pk"):
        side = inspector_side(entry.assessment)
        # The key questions the moderation page asks (those relevant to the case).
        asked = side.to_moderate()
        row = save_judgements(entry.assessment, qa,
                              {kq: answer.value for kq, answer in side.answers.items()
                               if kq in asked}, {})
        record_verdict(row, qa, CoreRole.QUALITY_ASSURANCE, Stage.MODERATION,
                       return_to_inspector=False, comment="")
    return staged._advance(Stage.MODERATION)


def reporting(cases: int = 2, framework: tuple[str, str] = CRC) -> Staged:
    """`rating`, then a meeting with senior managers recorded as evidence for domain one, any
    key questions of the judgement standards answered citing it, each judgement standard
    rated Good citing it, each rule rating accepted, and the move to reporting."""
    staged = rating(cases, framework=framework)
    inspection, lead, framework = staged.inspection, staged.team["lead"], staged.framework
    judged = [s.id for s in framework.standards() if s.rating_method.value == "judgement"]
    meeting = save_meeting(inspection, lead, framework, kind="meeting",
                           held_on=inspection.fieldwork_start, role_group="senior-managers",
                           participants=["Chief executive"], notes="Plans and delivery",
                           standards=judged)
    for question in judgement_questions(framework):
        answer_key_question(inspection, lead, framework, question.key_question.id,
                            judgement=f"Seen in the meeting ({question.key_question.id})",
                            evidence=[meeting.evidence_id])
    # A standard the framework does not rate, or its rules leave not rated, needs no decision.
    not_rated = inspection_not_rated(inspection, framework)
    for standard in framework.standards():
        if standard.rating_method.value == "unrated" or standard.id in not_rated:
            continue
        if standard.id in judged:
            decide(inspection, framework, lead, CoreRole.LEAD_INSPECTOR, standard.id,
                   kind=DecisionKind.JUDGEMENT, rating="Good", rationale="Seen in the meeting",
                   evidence=[meeting.evidence_id])
        else:
            decide(inspection, framework, lead, CoreRole.LEAD_INSPECTOR, standard.id,
                   kind=DecisionKind.ACCEPTED, rating="", rationale="", evidence=[])
    readiness = move_to_reporting(inspection, framework, lead, CoreRole.LEAD_INSPECTOR)
    assert readiness.ready, readiness.outstanding
    return staged.refresh()


def published(cases: int = 2, framework: tuple[str, str] = CRC) -> Staged:
    """`reporting`, then the report's first version moved through every state by the lead
    (publishing it moves the inspection to published)."""
    staged = reporting(cases, framework=framework)
    lead = staged.team["lead"]
    version = open_version(staged.inspection, lead)
    while True:
        moved = move_on(staged.inspection, version, lead)
        version = moved.version
        if staged.inspection.stage == Stage.PUBLISHED:
            return staged.refresh()
