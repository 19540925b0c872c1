"""The structured record read from one published rated inspection report.

Owns the record's shape and its JSON form; holds no reading or checking logic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PublishedDiscretion:
    """A professional-discretion footnote: from and to are None unless the text states them."""

    standard: str | None
    text: str
    from_rating: str | None = None
    to_rating: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "standard": self.standard,
            "text": self.text,
            "from": self.from_rating,
            "to": self.to_rating,
        }


@dataclass(frozen=True)
class ContextualFact:
    """A performance measure: the provider's figure, and the national figure and target."""

    measure: str
    figure: str
    national: str | None = None
    target: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "measure": self.measure,
            "figure": self.figure,
            "national": self.national,
            "target": self.target,
        }


@dataclass(frozen=True)
class Samples:
    """Cases examined in each case set."""

    case_supervision: int | None = None
    unpaid_work: int | None = None
    through_the_gate: int | None = None

    def to_json(self) -> dict[str, int | None]:
        return {
            "case_supervision": self.case_supervision,
            "unpaid_work": self.unpaid_work,
            "through_the_gate": self.through_the_gate,
        }


@dataclass(frozen=True)
class PublishedReport:
    """Every field read from a rated report; a field not found is None or empty and named
    in ``missing`` (dotted for parts: ``samples.unpaid_work``)."""

    provider: str | None
    published: str | None
    lead_inspector: str | None
    overall: str | None
    standards: Mapping[str, str] = field(default_factory=dict)
    key_questions: Mapping[str, int] = field(default_factory=dict)
    discretion: tuple[PublishedDiscretion, ...] = ()
    samples: Samples = Samples()
    interviews: int | None = None
    meetings: int | None = None
    contextual_facts: tuple[ContextualFact, ...] = ()
    recommendations: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing

    def to_json(self) -> dict[str, object]:
        """The fields of the issue's JSON document, in its order, without findings."""
        return {
            "provider": self.provider,
            "published": self.published,
            "lead_inspector": self.lead_inspector,
            "overall": self.overall,
            "standards": dict(self.standards),
            "key_questions": dict(self.key_questions),
            "discretion": [item.to_json() for item in self.discretion],
            "samples": self.samples.to_json(),
            "interviews": self.interviews,
            "meetings": self.meetings,
            "contextual_facts": [fact.to_json() for fact in self.contextual_facts],
            "recommendations": list(self.recommendations),
        }
