"""The errors the domain-one evidence core raises; each message names the item, row or column.

Owns ErrorCode, EvidenceError, UploadRejected and ContextualFactsError (which carries every
row problem).
"""

from __future__ import annotations

from dataclasses import dataclass

from probation_inspection.codes import StableCode


class ErrorCode(StableCode):
    """Stable codes of evidence errors: the number never changes meaning; the slug is for
    people. EV1xx: a meeting or document record; EV2xx: presentation notes; EV3xx: an upload;
    EV4xx: contextual facts. `docs/framework-authoring.md` prints the same table."""

    EMPTY_TEXT = "EV101 empty-text"
    INVALID_CHOICE = "EV102 invalid-choice"
    INVALID_DATE = "EV103 invalid-date"
    NO_PARTICIPANTS = "EV104 no-participants"
    NOT_A_JUDGEMENT_STANDARD = "EV105 not-a-judgement-standard"
    NOT_A_JUDGEMENT_KEY_QUESTION = "EV106 not-a-judgement-key-question"
    NO_EVIDENCE_CITED = "EV107 no-evidence-cited"
    UNKNOWN_EVIDENCE = "EV108 unknown-evidence"
    NO_PRESENTATION_QUESTIONS = "EV201 no-presentation-questions"
    UNKNOWN_PRESENTATION_QUESTION = "EV202 unknown-presentation-question"
    UNUSABLE_FILE_NAME = "EV301 unusable-file-name"
    FILE_TYPE_NOT_ALLOWED = "EV302 file-type-not-allowed"
    EMPTY_FILE = "EV303 empty-file"
    FILE_TOO_LARGE = "EV304 file-too-large"
    CONTENT_NOT_AS_NAMED = "EV305 content-not-as-named"
    UNSAFE_ARCHIVE = "EV306 unsafe-archive"
    FACTS_REFUSED = "EV401 facts-refused"


class EvidenceError(ValueError):
    """Evidence that cannot be recorded: the message says what and where.

    ``code`` is stable; ``field`` names the part of the record at fault as the record names it
    (``id``, ``kind``, ``held_on``, ``role_group``, ``participants``, ``notes``, ``title``,
    ``document_type``, ``standards``, ``file``; "" for none), so a page can point at what to
    correct without reading the message.
    """

    def __init__(self, message: str, *, code: ErrorCode, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.field = field


class UploadRejected(EvidenceError):
    """An uploaded file refused by the upload rule; the message names the file and the fault.

    Its field is always ``file``."""

    def __init__(self, message: str, *, code: ErrorCode) -> None:
        super().__init__(message, code=code, field="file")


@dataclass(frozen=True)
class RowProblem:
    """One fault in an imported file, by row (1 = header) and column."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ContextualFactsError(EvidenceError):
    """An import with faults: every problem is listed and nothing is imported.

    Each problem names its row and column; the error itself has no one field."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''}; nothing imported:\n{lines}",
                         code=ErrorCode.FACTS_REFUSED)
