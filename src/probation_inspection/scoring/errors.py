"""The one error the scoring core raises for bad input, and the stable codes of those a person
corrects on a page. Every message names what is wrong and where (standard, question, case).
"""

from __future__ import annotations

from probation_inspection.codes import StableCode


class ErrorCode(StableCode):
    """Stable codes of the rating-decision errors (SC101-SC113) and of what stops or questions
    an assessment's submission (SC114-): the number never changes meaning; the slug is for
    people. `docs/rating-rules.md` prints the same table."""

    UNKNOWN_RATING = "SC101 unknown-rating"
    RATIONALE_MISSING = "SC102 rationale-missing"
    DISCRETION_UNCHANGED = "SC103 discretion-unchanged"
    WRONG_KIND = "SC104 wrong-kind"
    NOT_THE_RULE_RATING = "SC105 not-the-rule-rating"
    FIGURES_OF_ANOTHER_STANDARD = "SC106 figures-of-another-standard"
    UNKNOWN_REASON = "SC107 unknown-discretion-reason"
    REASON_NOT_IN_FIGURES = "SC108 reason-not-in-figures"
    UNKNOWN_STANDARD = "SC109 unknown-standard"
    EVIDENCE_MISSING = "SC110 evidence-missing"
    EVIDENCE_UNKNOWN = "SC111 evidence-unknown"
    DECIDER_MISSING = "SC112 decider-missing"
    NO_RULE_RATING = "SC113 no-rule-rating"
    ANSWER_MISSING = "SC114 answer-missing"
    ATTRIBUTE_UNDECIDED = "SC115 attribute-undecided"
    JUDGEMENT_CONTRADICTS_PROMPTS = "SC116 judgement-contradicts-prompts"


class ScoringError(ValueError):
    """Input the scoring rules cannot use: the message says what and where.

    ``code`` (stable) and ``field`` (the part of a decision at fault: ``rating``,
    ``rationale``, ``evidence``, ``reason`` or ``kind``; "" for none) let a page point at
    what to correct without reading the message. Errors outside rating decisions carry none.
    """

    def __init__(self, message: str, *, code: ErrorCode | None = None, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.field = field
