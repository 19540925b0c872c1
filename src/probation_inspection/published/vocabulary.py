"""The inspectorate's fixed wording the reader anchors on: ratings, months, numbers in words.

Owns the vocabulary shared by the extraction patterns; no provider or layout knowledge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from probation_inspection.published.numbers import NUMBER, parse_number

__all__ = [
    "MARK", "MARKS", "MONTH", "MONTHS", "NUMBER", "RATING_LABELS",
    "canonical_label", "label_pattern", "parse_number",
]  # fmt: skip

#: The rating labels of the inspectorate's four-point scale, lowest first. The reader
#: takes the framework's labels when it has them; these are the default.
RATING_LABELS: tuple[str, ...] = ("Inadequate", "Requires improvement", "Good", "Outstanding")

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: A footnote marker as the normaliser writes it.
MARK = r"\[\^\d{1,3}\]\s*"
MARKS = rf"(?:{MARK})*"

MONTH = "(?i:" + "|".join(MONTHS) + ")"


def label_pattern(labels: Sequence[str], *, any_case: bool = True) -> str:
    """A regex alternation of rating labels as printed: in any case ("requires improvement"
    in a footnote, "Requires Improvement" in a table), or only as the scheme spells them
    and in capitals, the form that marks a word as a rating rather than prose."""
    variants = {variant for label in labels for variant in (label, label.upper())}
    alternation = "|".join(
        re.escape(v).replace(r"\ ", r"\s+") for v in sorted(variants, key=len, reverse=True)
    )
    return f"(?i:{alternation})" if any_case else f"(?:{alternation})"


def canonical_label(printed: str, labels: Sequence[str]) -> str:
    """The scheme's spelling of a printed label (which may be in capitals)."""
    for label in labels:
        if label.lower() == printed.lower():
            return label
    raise ValueError(f"not a rating label: {printed!r}")
