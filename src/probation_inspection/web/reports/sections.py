"""The narrative sections of a report, named by key, derived from the framework's domains.

Owns the section keys and titles; which text goes where in the report is the builder's mapping.
"""

from __future__ import annotations

from dataclasses import dataclass

from probation_inspection.framework.model import Framework

#: Sections every report has, in the published order.
FIXED = (
    ("foreword", "Foreword"),
    ("overall-findings", "Overall findings"),
    ("recommendations", "Recommendations"),
    ("background", "Background"),
    ("operating-model", "Operating model (Annex 3)"),
)
#: The authors' framing of prompt findings sentences (``reporting.wording.framings_text``),
#: where recorded: set per standard on the framings page (``record_views.framings``), not as
#: text on the narrative page; the Wales demo records the published report's.
FRAMINGS_KEY = "prompt-framings"
#: Per domain: (suffix, title).
DOMAIN_PARTS = (
    ("summary", "summary"),
    ("strengths", "strengths"),
    ("areas-for-improvement", "areas for improvement"),
)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    #: Strengths and areas for improvement are lists: one item per Markdown bullet.
    is_list: bool = False


def domain_key(domain_id: str, part: str) -> str:
    return f"domain-{domain_id}-{part}"


def standard_key(standard_id: str) -> str:
    return f"standard-{standard_id}-findings"


def sections(framework: Framework) -> tuple[Section, ...]:
    """Every narrative section of a report on this framework, in the report's order."""
    result = [Section(key, title) for key, title in FIXED[:4]]
    for domain in framework.domains:
        for part, label in DOMAIN_PARTS:
            result.append(Section(domain_key(domain.id, part),
                                  f"Domain {domain.id}. {domain.title}: {label}",
                                  is_list=part != "summary"))
        for standard in domain.standards:
            result.append(Section(standard_key(standard.id),
                                  f"{standard.id}. {standard.title}: findings"))
    result.append(Section(*FIXED[4]))
    return tuple(result)


def section(framework: Framework, key: str) -> Section | None:
    return next((item for item in sections(framework) if item.key == key), None)


def list_items(text: str) -> tuple[str, ...]:
    """A list section's items: each Markdown bullet ("- " or "* ") or, failing that, paragraph."""
    items: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped[:2] in ("- ", "* "):
            items.append(stripped[2:].strip())
        elif stripped and items and line[:1].isspace():
            items[-1] = f"{items[-1]} {stripped}"  # a wrapped bullet continues its item
        elif stripped:
            items.append(stripped)
    return tuple(item for item in items if item)


def as_list_text(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in items)
