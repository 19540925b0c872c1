"""Which flagged evidence notes the report prints as practice examples, and of what kind.

Owns the rule: a note an inspector flagged as a practice example, on a counted case (the
caller passes only those, by the counting rule), illustrates good practice where the answer
is yes and poor practice where it is no; a note on any other answer, a blank note, or one on a
question the framework does not hold is left out. Each example is filed under the standard
its question belongs to. Flagged notes are candidates: a practice example record is chosen
from one (or from domain-one evidence), its names changed, edited and approved by the lead,
and only approved records print (`printable`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from probation_inspection.framework.model import Framework
from probation_inspection.reporting.inputs import PracticeExample, PracticeKind
from probation_inspection.reporting.pseudonym import pseudonym
from probation_inspection.scoring.answers import Answer

#: A flagged evidence note illustrates good practice on a yes answer, poor on a no.
PRACTICE_KIND = {Answer.YES.value: PracticeKind.GOOD, Answer.NO.value: PracticeKind.POOR}


@dataclass(frozen=True)
class FlaggedNote:
    """An evidence note flagged as a practice example: its question, answer and text."""

    question_id: str
    answer: str
    evidence: str


def practice_kind(answer: str) -> PracticeKind | None:
    """Good practice for a yes, poor for a no; None for any other answer."""
    return PRACTICE_KIND.get(answer)


def standard_of_questions(framework: Framework) -> dict[str, str]:
    """Each key question's and prompt's standard id."""
    standard_of: dict[str, str] = {}
    for standard in framework.standards():
        for key_question in standard.key_questions:
            standard_of[key_question.id] = standard.id
            standard_of.update({prompt.id: standard.id for prompt in key_question.prompts})
    return standard_of


def practice_examples(framework: Framework,
                      notes: Iterable[FlaggedNote]) -> tuple[PracticeExample, ...]:
    """The report's practice examples from flagged notes, in the order given."""
    standard_of = standard_of_questions(framework)
    examples = []
    for note in notes:
        kind = practice_kind(note.answer)
        if kind is None or not note.evidence.strip() or note.question_id not in standard_of:
            continue
        examples.append(PracticeExample(standard_of[note.question_id], kind, note.evidence))
    return tuple(examples)


# --- Practice examples as records: chosen, edited, names changed, approved ----------------


class PracticeState(StrEnum):
    """A practice example record: a draft stays inside the inspectorate; approved prints."""

    DRAFT = "draft"
    APPROVED = "approved"


class PracticeError(ValueError):
    """A practice example that cannot be saved as given; ``code`` is stable (PR codes) and
    ``field`` names the form input."""

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.field = field


#: The longest practice example (a paragraph or three, as the reports print them).
MAX_PRACTICE = 5_000
#: The longest name typed in a name change.
MAX_NAME = 100
#: Names a pseudonym chooses from when the author has not typed one: common, unremarkable
#: first names, as the reports use ("Kieran", "Emma").
PRINTED_NAMES = (
    "Alex", "Ben", "Chris", "Dan", "Ellie", "Fran", "Gemma", "Harry", "Isla", "Jack",
    "Kieran", "Lee", "Mia", "Nathan", "Olivia", "Paul", "Rosie", "Sam", "Tom", "Zoe",
)


def printable(state: PracticeState | str) -> bool:
    """Only an approved example is printed; a draft never leaves the inspectorate."""
    return PracticeState(state) is PracticeState.APPROVED


def state_after_edit(state: PracticeState | str, changed: bool) -> PracticeState:
    """Changing an approved example's words returns it to draft: the lead approves what prints."""
    return PracticeState.DRAFT if changed else PracticeState(state)


def parse_name_changes(text: str, field: str = "names") -> dict[str, str]:
    """"Real name = printed name", one a line, as a mapping (blank lines skipped).

    PR1 a line without "=", PR2 a side empty, PR3 a name over `MAX_NAME` characters, PR4 a
    real name given twice. The line is named (1-based) in the message.
    """
    changes: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if "=" not in line:
            raise PracticeError("PR1", f'Line {number}: write "real name = printed name"', field)
        real, _, printed = (" ".join(part.split()) for part in line.partition("="))
        if not real or not printed:
            raise PracticeError("PR2", f"Line {number}: give both the real and the printed name",
                                field)
        if len(real) > MAX_NAME or len(printed) > MAX_NAME:
            raise PracticeError("PR3", f"Line {number}: a name must be {MAX_NAME} characters "
                                "or fewer", field)
        if real.lower() in (known.lower() for known in changes):
            raise PracticeError("PR4", f"Line {number}: {real} is already changed above", field)
        changes[real] = printed
    return changes


def replace_names(text: str, changes: Mapping[str, str]) -> str:
    """Every whole-word occurrence of each real name (any case, possessive kept) replaced by
    its printed name; longer names first, so "Kevin Smith" goes before "Kevin"."""
    for real in sorted(changes, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(real)}(?!\w)", re.IGNORECASE)
        # A literal replacement: a printed name is never read as a group reference ("\1").
        text = pattern.sub(changes[real].replace("\\", "\\\\"), text)
    return text


def suggested_name(case_reference: str, key: bytes) -> str:
    """A printed name for a case's person, the same for the same case and key, from
    `PRINTED_NAMES` by the case's keyed pseudonym (`pseudonym.pseudonym`): nobody can work
    back from it to the case."""
    digits = pseudonym(case_reference, key).removeprefix("P-")
    return PRINTED_NAMES[int(digits, 16) % len(PRINTED_NAMES)]


def anonymised(text: str, case_reference: str, key: bytes,
               changes: Mapping[str, str] | None = None) -> str:
    """A note as a draft example: the case reference replaced by its pseudonym and each real
    name by its printed name; the author reads and edits the result before approval."""
    if case_reference.strip():
        text = replace_names(text, {case_reference.strip(): pseudonym(case_reference, key)})
    return replace_names(text, changes or {})


def check_practice_text(text: str, field: str = "text") -> str:
    """PR5 empty, PR6 longer than `MAX_PRACTICE`; line ends normalised."""
    cleaned = text.replace("\r\n", "\n").strip()
    if not cleaned:
        raise PracticeError("PR5", "Enter the practice example", field)
    if len(cleaned) > MAX_PRACTICE:
        raise PracticeError("PR6", f"The practice example must be {MAX_PRACTICE:,} characters "
                            "or fewer", field)
    return cleaned
