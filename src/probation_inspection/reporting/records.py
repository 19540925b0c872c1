"""The report's written records as plain data: strengths and areas for improvement per standard,
recommendations with their addressees, and how the recommendations are grouped and numbered.

Owns those records' shapes and the grouping rule; the web app stores them, `build` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from probation_inspection.sampling.representativeness import number_words


class RecordError(ValueError):
    """A record that cannot be printed as given; ``code`` is stable, ``field`` names the input."""

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.field = field


#: The longest strength, area for improvement or recommendation (one sentence or two).
MAX_POINT = 1_000
#: The longest addressee ("The Wales division of KSS CRC").
MAX_ADDRESSEE = 200


@dataclass(frozen=True)
class StandardPoints:
    """What inspectors wrote under one standard: its strengths and areas for improvement."""

    strengths: tuple[str, ...] = ()
    areas_for_improvement: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recommendation:
    """One recommendation and who it is made to ("KSS CRC"), in the order the report prints."""

    addressee: str
    text: str


@dataclass(frozen=True)
class NumberedRecommendation:
    number: int
    text: str


@dataclass(frozen=True)
class RecommendationGroup:
    """"KSS CRC should:" and its numbered items; numbers run on across groups (000 L184-194)."""

    addressee: str
    items: tuple[NumberedRecommendation, ...]


def check_point(text: str, field: str = "text") -> str:
    """A strength, area or recommendation as it is stored: trimmed, one line, not empty.

    RC1 empty, RC2 too long (both name ``field``).
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise RecordError("RC1", "Enter the text", field)
    if len(cleaned) > MAX_POINT:
        raise RecordError("RC2", f"The text must be {MAX_POINT:,} characters or fewer", field)
    return cleaned


def check_addressee(addressee: str, field: str = "addressee") -> str:
    """Who a recommendation is made to: RC3 empty, RC4 too long, RC5 ending in "should"."""
    cleaned = " ".join(addressee.split()).rstrip(":")
    if not cleaned:
        raise RecordError("RC3", "Enter who the recommendation is made to", field)
    if len(cleaned) > MAX_ADDRESSEE:
        raise RecordError("RC4", f"The addressee must be {MAX_ADDRESSEE} characters or fewer",
                          field)
    if cleaned.lower().endswith(" should"):
        raise RecordError("RC5", 'Enter the addressee only: the report adds "should:"', field)
    return cleaned


def group_recommendations(items: tuple[Recommendation, ...] | list[Recommendation]
                          ) -> tuple[RecommendationGroup, ...]:
    """Consecutive recommendations to the same addressee form one group; numbers run 1..n
    across groups, as the Wales report numbers its sixth recommendation under a second
    addressee (000 L184-194)."""
    groups: list[tuple[str, list[NumberedRecommendation]]] = []
    for number, item in enumerate(items, start=1):
        if not groups or groups[-1][0] != item.addressee:
            groups.append((item.addressee, []))
        groups[-1][1].append(NumberedRecommendation(number, item.text))
    return tuple(RecommendationGroup(addressee, tuple(numbered)) for addressee, numbered in groups)


def recommendations_opening(count: int, provider: str) -> str:
    """The sentence before the list (000 L182, 004 L203), or "" when there are none."""
    if count <= 0:
        return ""
    noun = "recommendation" if count == 1 else "recommendations"
    return (f"As a result of our inspection findings, we have made {number_words(count)} "
            f"{noun} that we believe, if implemented, will have a positive impact on the "
            f"quality of probation services in {provider}.")
