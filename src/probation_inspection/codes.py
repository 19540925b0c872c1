"""The shape every core error code shares: ``"FW104 missing-wording"``, a number that never
changes meaning and a slug for people.

Each core package keeps its own codes (framework ``Code``, scoring, moderation and evidence
``ErrorCode``), derived from `StableCode` so the number and slug are read one way.
"""

from __future__ import annotations

from enum import StrEnum


class StableCode(StrEnum):
    """A stable code: its value is the number, a space and the slug."""

    @property
    def number(self) -> str:
        """``"FW104"``: what docs, tests and people cite."""
        return self.value.split()[0]

    @property
    def slug(self) -> str:
        """``"missing-wording"``: the same code in words."""
        return self.value.split()[1]
