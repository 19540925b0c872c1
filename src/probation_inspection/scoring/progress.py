"""How far an assessment has got, standard by standard: answered of the questions that apply.

Owns the counting only; which questions a case is assessed on and whether each applies is the
walk's (`scoring.walk`), itself reading the framework's relevance rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from probation_inspection.framework.model import CaseAttributes, Framework, Standard
from probation_inspection.scoring.submission import INSPECTOR_ANSWERS
from probation_inspection.scoring.walk import questions


@dataclass(frozen=True)
class SectionProgress:
    """One standard's progress: ``answered`` of the ``relevant`` questions; ``undecided``
    counts those whose relevance waits on a case attribute not yet given."""

    standard: Standard
    answered: int
    relevant: int
    undecided: int

    @property
    def complete(self) -> bool:
        return self.answered == self.relevant and not self.undecided


def section_progress(
    framework: Framework, sample_type: str, attributes: CaseAttributes,
    answers: Mapping[str, str],
) -> list[SectionProgress]:
    """Progress per case-data standard of the sample type, in framework order; ``answers``
    maps question ids to their stored values."""
    counts: dict[str, list[int]] = {}
    standards: dict[str, Standard] = {}
    for question in questions(framework, sample_type):
        standards.setdefault(question.standard.id, question.standard)
        count = counts.setdefault(question.standard.id, [0, 0, 0])
        applies = question.applies(attributes)
        if applies is None:
            count[2] += 1
        elif applies:
            count[1] += 1
            count[0] += answers.get(question.id, "") in INSPECTOR_ANSWERS
    return [SectionProgress(standards[key], *count) for key, count in counts.items()]
