"""The errors the moderation core raises for bad input or a step taken out of turn.

Owns ModerationError and IllegalTransition; every message says what and where.
"""

from __future__ import annotations


class ModerationError(ValueError):
    """Moderation input that cannot be used: the message names the assessment or question."""


class IllegalTransition(ModerationError):
    """An assessment status change that the state machine does not allow, or not to this role."""
