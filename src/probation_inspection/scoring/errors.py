"""The one error the scoring core raises for bad input.

Owns ScoringError; every message names what is wrong and where (standard, question, case).
"""

from __future__ import annotations


class ScoringError(ValueError):
    """Input the scoring rules cannot use: the message says what and where."""
