"""The structured record read from one published rated inspection report.

Owns the record's shape and its JSON form; holds no reading or checking logic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from probation_inspection.evidence.context import PrintedFact


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


def fact_to_json(fact: PrintedFact) -> dict[str, str | None]:
    """A contextual fact read from a report, in the record's JSON form (keys as first stored:
    "national", and no source, which the reader does not read)."""
    return {
        "measure": fact.measure,
        "figure": fact.figure,
        "national": fact.national_figure,
        "target": fact.target,
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
    #: As the report prints them; the reader leaves each one's source "".
    contextual_facts: tuple[PrintedFact, ...] = ()
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
            "contextual_facts": [fact_to_json(fact) for fact in self.contextual_facts],
            "recommendations": list(self.recommendations),
        }
