"""The one catalogue of audit action names: every `record(...)` call names one of these.

`record` refuses a name that is not here, so a new kind of event is added here first.
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    """What an audit event records; the values are what the log stores."""

    # The inspection and its stage: every move, publication included, is one action.
    INSPECTION_CREATED = "inspection-created"
    STAGE_CHANGED = "stage-changed"
    DEMO_LOADED = "demo-loaded"
    INSPECTION_EDITED = "inspection-edited"
    TEAM_CHANGED = "team-changed"
    # The sample.
    CASE_LIST_UPLOADED = "case-list-uploaded"
    SAMPLE_DRAWN = "sample-drawn"
    SUBSTITUTION = "substitution"
    ASSIGNMENT = "assignment"
    SAMPLE_REDRAWN = "sample-redrawn"
    CASES_ALLOCATED = "cases-allocated"
    CONFLICT_DECLARED = "conflict-declared"
    CONFLICT_WITHDRAWN = "conflict-withdrawn"
    # Case assessments and their moderation.
    CASE_ATTRIBUTE = "case-attribute"
    ANSWER = "answer"
    ASSESSMENT_SUBMITTED = "assessment-submitted"
    ASSESSMENT_RETURNED = "assessment-returned"
    ASSESSMENT_REOPENED = "assessment-reopened"
    ASSESSMENT_MODERATED = "assessment-moderated"
    MODERATION_QUEUE_CREATED = "moderation-queue-created"
    MODERATION_QUEUED = "moderation-queued"
    MODERATION_JUDGED = "moderation-judged"
    MODERATION_RECORDED = "moderation-recorded"
    MODERATION_FLAGGED = "moderation-flagged"
    # Domain-one evidence.
    INTERVIEW_RECORDED = "interview-recorded"
    MEETING_RECORDED = "meeting-recorded"
    DOCUMENT_UPLOADED = "document-uploaded"
    PRESENTATION_NOTE = "presentation-note"
    KEY_QUESTION_ANSWERED = "key-question-answered"
    CONTEXTUAL_FACT = "contextual-fact"
    # Ratings and the report.
    RATING_DECIDED = "rating-decided"
    REPORT_VERSION_CREATED = "report-version-created"
    REPORT_STATE = "report-state"
    NARRATIVE_EDITED = "narrative-edited"
    REPORT_COMMENT = "report-comment"
    REPORT_COMMENT_ANSWERED = "report-comment-answered"
    # The report's written records (issue 14).
    STANDARD_POINT = "standard-point"
    PRACTICE_EXAMPLE = "practice-example"
    PRACTICE_EXAMPLE_APPROVED = "practice-example-approved"
    RECOMMENDATION = "recommendation"
    REPORT_DETAILS_EDITED = "report-details-edited"
    # Reads of case-level data, evidence and reports.
    CASE_VIEWED = "case-viewed"
    CASE_HISTORY_VIEWED = "case-history-viewed"
    SAMPLE_VIEWED = "sample-viewed"
    CASE_LEVEL_EXPORT = "case-level-export"
    EVIDENCE_DOCUMENT_DOWNLOADED = "evidence-document-downloaded"
    REPORT_DOWNLOADED = "report-downloaded"
    # The API: personal tokens made and revoked by their owner, and every signed call.
    API_TOKEN_CREATED = "api-token-created"
    API_TOKEN_REVOKED = "api-token-revoked"
    API_CALL = "api-call"
    # Background jobs: started (any kind), and a job's file downloaded when its kind names
    # no read of its own.
    JOB_STARTED = "job-started"
    JOB_FILE_DOWNLOADED = "job-file-downloaded"
    # Signing in and out (no inspection).
    SIGNED_IN = "signed-in"
    SIGNED_OUT = "signed-out"
    SIGN_IN_FAILED = "sign-in-failed"
    # Accounts a programme manager manages (no inspection).
    USER_CREATED = "user-created"
    USER_CHANGED = "user-changed"
    # The framework library (no inspection): a version published for new inspections.
    FRAMEWORK_PUBLISHED = "framework-published"


#: Events that record someone reading, not changing: a case's history leaves them out.
READS = frozenset({
    AuditAction.CASE_VIEWED, AuditAction.CASE_HISTORY_VIEWED, AuditAction.SAMPLE_VIEWED,
    AuditAction.CASE_LEVEL_EXPORT, AuditAction.EVIDENCE_DOCUMENT_DOWNLOADED,
    AuditAction.REPORT_DOWNLOADED, AuditAction.JOB_FILE_DOWNLOADED,
})
