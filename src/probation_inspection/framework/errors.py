"""Problems found in a framework file, each with a stable code, and the error that carries them.

Owns the catalogue of error codes; `docs/framework-authoring.md` prints the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

from probation_inspection.codes import StableCode


class Code(StableCode):
    """Stable error codes: the number never changes meaning; the slug is for people."""

    UNREADABLE_FILE = "FW000 unreadable-file"
    YAML_SYNTAX = "FW001 yaml-syntax"
    NOT_A_MAPPING = "FW002 not-a-mapping"
    DUPLICATE_KEY = "FW003 duplicate-key"
    CONTROL_CHARACTER = "FW004 control-character"
    NESTED_TOO_DEEPLY = "FW005 nested-too-deeply"
    FILE_TOO_LARGE = "FW006 file-too-large"
    DUPLICATE_ID = "FW101 duplicate-id"
    MISSING_FIELD = "FW102 missing-field"
    UNKNOWN_FIELD = "FW103 unknown-field"
    MISSING_WORDING = "FW104 missing-wording"
    WRONG_TYPE = "FW105 wrong-type"
    INVALID_VALUE = "FW106 invalid-value"
    INVALID_RANGE = "FW107 invalid-range"
    UNDECLARED_ATTRIBUTE = "FW201 undeclared-attribute"
    ID_NOT_UNDER_PARENT = "FW202 id-not-under-parent"
    UNDECLARED_RATING_LABEL = "FW203 undeclared-rating-label"
    MISSING_RATING_METHOD = "FW204 missing-rating-method"
    RATING_METHOD_WITHOUT_SCHEME = "FW205 rating-method-without-scheme"
    MISSING_SCORE = "FW206 missing-score"
    RESERVED_RATING_LABEL = "FW207 reserved-rating-label"
    NOT_FOR_RATING_METHOD = "FW208 not-for-rating-method"
    NO_SCORED_STANDARD = "FW209 no-scored-standard"
    LIMIT_UNKNOWN_REFERENCE = "FW210 limit-unknown-reference"
    LIMIT_CYCLE = "FW211 limit-cycle"
    RELEVANCE_SYNTAX = "FW301 relevance-syntax"
    RELEVANCE_UNKNOWN_ATTRIBUTE = "FW302 relevance-unknown-attribute"
    RELEVANCE_TYPE = "FW303 relevance-type"
    PERCENTAGE_BAND_OVERLAP = "FW401 percentage-band-overlap"
    PERCENTAGE_BAND_GAP = "FW402 percentage-band-gap"
    OVERALL_BAND_OVERLAP = "FW403 overall-band-overlap"
    OVERALL_BAND_GAP = "FW404 overall-band-gap"
    BAND_INVERTED = "FW405 band-inverted"
    INVALID_MINIMUM_RELEVANT_CASES = "FW406 invalid-minimum-relevant-cases"
    QUESTIONNAIRE_WITHOUT_QUESTIONS = "FW501 questionnaire-without-questions"
    ANSWERS_NOT_COUNTABLE = "FW502 answers-not-countable"
    DUPLICATE_TOPIC = "FW503 duplicate-topic"
    UNKNOWN_STANDARD = "FW504 unknown-standard"
    UNKNOWN_TERM = "FW701 unknown-term"
    METHODOLOGY_TEMPLATE = "FW702 methodology-template"
    UNKNOWN_SAMPLE_TYPE = "FW601 unknown-sample-type"
    UNKNOWN_CASE_LIST_FIELD = "FW602 unknown-case-list-field"
    WINDOW_SYNTAX = "FW603 window-syntax"
    WINDOW_INVERTED = "FW604 window-inverted"
    UNKNOWN_FILTER_VALUE = "FW605 unknown-filter-value"
    DUPLICATE_MEASURE = "FW801 duplicate-measure"
    UNKNOWN_MEASURE_UNIT = "FW802 unknown-measure-unit"
    MEASURE_TARGET_OUT_OF_RANGE = "FW803 measure-target-out-of-range"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a framework file, located as precisely as the file allows."""

    code: Code
    message: str
    file: str
    line: int | None
    #: The element's id (``2.2.3``) or, where it has none, its path (``rating.overall_bands[1]``).
    element: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.code.value} {self.element}: {self.message}"


class FrameworkError(Exception):
    """A framework file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in framework:\n{lines}")

    @property
    def codes(self) -> list[Code]:
        return [problem.code for problem in self.problems]
