"""The answers an inspector (or the relevance rules) record for a question on one case.

Owns the Answer vocabulary and the shape of a case assessment; holds no counting rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Answer(StrEnum):
    """One case's answer to a prompt or key question."""

    YES = "yes"
    NO = "no"
    #: An inspector's answer: the question could have applied but did not in this case.
    NOT_APPLICABLE = "not-applicable"
    #: Recorded by the system when the question's relevance rule is false for the case.
    NOT_RELEVANT = "not-relevant"

    @property
    def relevant(self) -> bool:
        """True when the answer counts among the relevant cases (yes or no)."""
        return self in (Answer.YES, Answer.NO)


#: One case's answers, keyed by prompt or key-question id.
Assessment = Mapping[str, Answer]
