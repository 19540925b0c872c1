"""The errors the moderation core raises for bad input or a step taken out of turn, and their
stable codes. Owns ModerationError, IllegalTransition and ErrorCode; every message says what
and where, and the code and field say it to a program (`docs/framework-authoring.md` prints
the same table).
"""

from __future__ import annotations

from probation_inspection.codes import StableCode


class ErrorCode(StableCode):
    """Stable codes of moderation errors: the number never changes meaning; the slug is for
    people. MO1xx: a moderation round; MO2xx: the queue; MO3xx: an assessment's status."""

    MODERATOR_IS_ASSESSOR = "MO101 moderator-is-assessor"
    JUDGEMENT_MISSING = "MO102 judgement-missing"
    NOT_MODERATED_HERE = "MO103 not-moderated-here"
    INVALID_JUDGEMENT = "MO104 invalid-judgement"
    RETURN_WITHOUT_DISAGREEMENT = "MO105 return-without-disagreement"
    RETURN_WITHOUT_COMMENT = "MO106 return-without-comment"
    INVALID_SHARE = "MO201 invalid-share"
    INVALID_MINIMUM = "MO202 invalid-minimum"
    SEED_CHANGED = "MO203 seed-changed"
    POLICY_CHANGED = "MO204 policy-changed"
    SUBMITTED_TWICE = "MO205 submitted-twice"
    INSPECTOR_CHANGED = "MO206 inspector-changed"
    NO_SUCH_TRANSITION = "MO301 no-such-transition"
    TRANSITION_REFUSED = "MO302 transition-refused"
    TRANSITION_NEEDS_COMMENT = "MO303 transition-needs-comment"
    REOPEN_NEEDS_REASON = "MO304 reopen-needs-reason"
    NOT_REOPENABLE = "MO305 not-reopenable"
    REOPEN_REFUSED = "MO306 reopen-refused"


class ModerationError(ValueError):
    """Moderation input that cannot be used: the message names the assessment or question.

    ``code`` is stable; ``field`` names the input at fault (``judgement``, ``comment``,
    ``return``, ``moderator``, ``share``, ``minimum``, ``seed``, ``policy``, ``submissions``,
    ``status``, ``role``, ``reason``, ``stage``) and ``key_question`` the key question, where
    there is one, so a page can point at what to correct without reading the message.
    """

    def __init__(self, message: str, *, code: ErrorCode, field: str,
                 key_question: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.key_question = key_question


class IllegalTransition(ModerationError):
    """An assessment status change that the state machine does not allow, or not to this role."""
