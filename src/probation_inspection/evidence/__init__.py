"""Domain-one evidence: meetings, provider documents and their upload rule, presentation notes.

Also contextual facts with their CSV import. Plain data and checks; the web stores it all.
"""

from probation_inspection.evidence.context import (
    DEFAULT_MEASURES,
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
    "DEFAULT_MEASURES",
    "DEFAULT_SIZE_LIMIT",
    "CheckedUpload",
    "ContextualFact",
    "ContextualFactsError",
    "DocumentType",
    "ErrorCode",
    "EvidenceDocument",
    "EvidenceError",
    "FileKind",
    "Measure",
    "Meeting",
    "MeetingKind",
    "PresentationNote",
    "PresentationQuestion",
    "PrintedFact",
    "RoleGroup",
    "RowProblem",
    "Unit",
    "UploadRejected",
    "check_upload",
    "default_facts",
    "import_contextual_facts",
    "presentation_notes",
    "presentation_questions",
    "printed_fact",
    "read_contextual_facts",
    "record_document",
    "record_meeting",
    "sanitise_file_name",
]
