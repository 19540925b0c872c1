"""Results broken down by a case attribute (gender, RO grade, delivery unit, disposal).

One rule for live results and exports alike: a case without the attribute is counted under
"Not recorded", so the groups always add up to the whole sample.
"""

from __future__ import annotations

from collections.abc import Iterable

from probation_inspection.framework.model import Framework
from probation_inspection.scoring.tally import CaseAssessment, Tally, tally_framework

NOT_RECORDED = "Not recorded"


def group_value(value: object) -> str:
    """How an attribute value names its group."""
    if value is None or value == "":
        return NOT_RECORDED
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def group_cases(
    cases: Iterable[CaseAssessment], attribute: str
) -> dict[str, list[CaseAssessment]]:
    """The cases grouped by their value of ``attribute``, groups in name order."""
    groups: dict[str, list[CaseAssessment]] = {}
    for case in cases:
        value = (case.attributes or {}).get(attribute)
        groups.setdefault(group_value(value), []).append(case)
    return dict(sorted(groups.items()))


def tally_breakdown(
    framework: Framework,
    cases: Iterable[CaseAssessment],
    sample_type: str | None,
    attribute: str,
) -> dict[str, tuple[int, dict[str, Tally]]]:
    """For each group: its number of cases and the tallies of its key questions over them
    (the breakdowns every page, export and annexe print are by key question; tallying every
    group's prompts too was most of the data annexe's time)."""
    return {
        name: (len(members), tally_framework(framework, members, sample_type,
                                             key_questions_only=True))
        for name, members in group_cases(cases, attribute).items()
    }
