"""Domain-one evidence: meetings, provider documents and their upload rule, presentation notes.

Also contextual facts with their CSV import. Plain data and checks; the web stores it all.
"""

from probation_inspection.evidence.context import (
    ContextualFact,
    Measure,
    PrintedFact,
    Unit,
    default_facts,
    import_contextual_facts,
    printed_fact,
    read_contextual_facts,
)
from probation_inspection.evidence.errors import (
    ContextualFactsError,
    ErrorCode,
    EvidenceError,
    RowProblem,
    UploadRejected,
)
from probation_inspection.evidence.judgement import (
    JudgementQuestion,
    KeyQuestionAnswer,
    StandardAnswers,
    answer_key_question,
    answers_by_standard,
    judgement_question,
    judgement_questions,
    unanswered,
)
from probation_inspection.evidence.presentation import (
    PresentationNote,
    PresentationQuestion,
    presentation_notes,
    presentation_questions,
)
from probation_inspection.evidence.records import (
    DocumentType,
    EvidenceDocument,
    Meeting,
    MeetingKind,
    RoleGroup,
    record_document,
    record_meeting,
)
from probation_inspection.evidence.upload import (
    DEFAULT_SIZE_LIMIT,
    CheckedUpload,
    FileKind,
    check_upload,
    sanitise_file_name,
)

__all__ = [
    "DEFAULT_SIZE_LIMIT",
    "CheckedUpload",
    "ContextualFact",
    "ContextualFactsError",
    "DocumentType",
    "ErrorCode",
    "EvidenceDocument",
    "EvidenceError",
    "FileKind",
    "JudgementQuestion",
    "KeyQuestionAnswer",
    "Measure",
    "Meeting",
    "MeetingKind",
    "PresentationNote",
    "PresentationQuestion",
    "PrintedFact",
    "RoleGroup",
    "RowProblem",
    "StandardAnswers",
    "Unit",
    "UploadRejected",
    "answer_key_question",
    "answers_by_standard",
    "check_upload",
    "default_facts",
    "import_contextual_facts",
    "judgement_question",
    "judgement_questions",
    "presentation_notes",
    "presentation_questions",
    "printed_fact",
    "read_contextual_facts",
    "record_document",
    "record_meeting",
    "sanitise_file_name",
    "unanswered",
]
