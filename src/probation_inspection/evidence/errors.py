"""The errors the domain-one evidence core raises; each message names the item, row or column.

Owns EvidenceError, UploadRejected and ContextualFactsError (which carries every row problem).
"""

from __future__ import annotations

from dataclasses import dataclass


class EvidenceError(ValueError):
    """Evidence that cannot be recorded: the message says what and where."""


class UploadRejected(EvidenceError):
    """An uploaded file refused by the upload rule; the message names the file and the fault."""


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
    """An import with faults: every problem is listed and nothing is imported."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''}; nothing imported:\n{lines}")
