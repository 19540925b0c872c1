"""What the API reads and answers, as pydantic schemas: the OpenAPI document is built from
these, and schemathesis holds every answer to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field


class Error(Schema):
    """A refusal: why, in a sentence; ``problems`` for a case list that could not be read."""

    detail: str
    problems: list[CaseListProblem] = []


class Invalid(Schema):
    """A request the schema refuses (ninja's own answer): what was wrong, field by field."""

    detail: list[dict[str, Any]]


class CaseListProblem(Schema):
    """One problem with a case list, where a person would find it (row 1 is the header)."""

    row: int | None
    column: str | None
    value: str | None
    message: str
    missing_field: str | None = None


Error.model_rebuild()


class InspectionOut(Schema):
    id: int
    provider: str
    framework_id: str
    framework_version: str
    fieldwork_start: dt.date
    fieldwork_end: dt.date
    stage: str
    #: The caller's role on the inspection's team.
    role: str


class CaseOut(Schema):
    id: int
    case_reference: str
    status: str
    reserve_order: int | None
    stratum: dict[str, Any]
    assigned_to: str | None
    assessment_status: str | None


class SampleSummary(Schema):
    sample_type: str
    seed: int
    confidence: float
    margin: float
    eligible: int
    size: int
    drawn_at: dt.datetime


class SampleOut(SampleSummary):
    methodology: str
    cases: list[CaseOut]
    reserves: list[CaseOut]
    #: Cases taken out of the sample, each replaced by a reserve.
    substituted: list[CaseOut]


class CaseListOut(Schema):
    sample_type: str
    filename: str
    cases: int


class DrawIn(Schema):
    """The draw's seed, confidence level (per cent), margin of error (percentage points) and
    optional size; each is checked by the page's own form (the same ranges and messages)."""

    seed: int
    confidence: float = 80
    margin: float = 5
    size: int | None = None


class QuestionResultOut(Schema):
    id: str
    text: str
    is_key_question: bool
    yes: int
    no: int
    not_applicable: int
    not_relevant: int
    relevant: int
    percent: int | None
    counts: str


class StandardResultOut(Schema):
    id: str
    title: str
    rule_rating: str | None
    limiting_key_question: str | None
    lowest_percent: int | None
    unrated_because: str
    questions: list[QuestionResultOut]


class SampleResultsOut(Schema):
    sample_type: str
    submitted: int
    #: Set when the scoring core refused the data; no figures then.
    problem: str
    standards: list[StandardResultOut]


class StandardRatingOut(Schema):
    id: str
    title: str
    judged: bool
    rule_rating: str | None
    decided_rating: str | None
    #: The rating counted in the overall: the decision, else the rule rating.
    counted: str | None


class OverallOut(Schema):
    score: int
    maximum: int
    rating: str
    not_rated: list[str]


class RatingsOut(Schema):
    overall: OverallOut | None
    provisional: bool
    standards: list[StandardRatingOut]


class AnswerOut(Schema):
    question_id: str
    kind: str
    value: str
    evidence: str
    practice_example: bool


class AnswerIn(Schema):
    value: str = Field("", max_length=40)
    evidence: str = ""
    practice_example: bool = False


class AssessmentOut(Schema):
    case_id: int
    case_reference: str
    status: str
    #: The version to send back as If-Match (also the ETag header).
    version: int
    framework_id: str
    framework_version: str
    attributes: dict[str, Any]
    answers: list[AnswerOut]


class AssessmentIn(Schema):
    """Answers by question id and case attributes by name (those left out are unchanged),
    and whether to submit."""

    answers: dict[str, AnswerIn] = {}
    attributes: dict[str, str] = {}
    submit: bool = False


class Missing(Schema):
    field: str
    message: str


class AssessmentSaved(AssessmentOut):
    #: What blocked submission (nothing is submitted while any is missing).
    missing: list[Missing]
    #: Key questions whose judgement contradicts most of their prompts.
    warnings: list[str]


class PublishedOut(Schema):
    """A published report in the benchmark store, as imported (content stored once)."""

    id: int
    provider: str
    published: str
    overall: str
    framework_id: str
    file_name: str
    sha256: str
    imported_at: dt.datetime


class PublishedRecordOut(PublishedOut):
    #: The structured record read from the report (ratings, key-question percentages...).
    record: dict[str, Any]


class JobOut(Schema):
    """A background job (a report export, or any job the caller may see on its page): how far
    it has got and, once done, where its file is."""

    id: int
    kind: str = Field(description="What kind of work, e.g. report-pdf")
    title: str
    state: str = Field(description="queued, running, done or failed")
    state_label: str
    finished: bool
    done: int
    total: int
    percent: int | None = Field(description="Progress in per cent, when the work knows it")
    progress: str = Field(description="Progress in words")
    summary: str
    error: str = Field(description="Why it failed, in words a user can act on")
    status_url: str = Field(description="This operation's address, to poll")
    download_url: str | None = Field(description="The file's API address once the job is done")
    file_name: str | None
    page_url: str = Field(description="The job's page in the app, for a person")
