"""Where each case of a drawn sample stands: in the sample, held in reserve, or substituted.

Owns the case-status vocabulary the web stores for each sampled case, and reads it off a
``Sample`` (its strata's cases and reserves, and its substitutions).
"""

from __future__ import annotations

from enum import StrEnum

from probation_inspection.sampling.draw import Sample


class CaseStatus(StrEnum):
    """A drawn case's place in its sample (values match the web application's)."""

    #: Assessed: drawn into the sample, or a reserve that has replaced a case that dropped out.
    SAMPLED = "sampled"
    #: Held, in order, to replace a sampled case of its stratum that drops out.
    RESERVE = "reserve"
    #: Dropped out of the sample and replaced by a reserve; kept, with the reason.
    SUBSTITUTED = "substituted"


def case_status(sample: Sample, crn: str) -> CaseStatus | None:
    """The status of case ``crn`` in ``sample``; None for a case the sample never drew."""
    key = crn.strip().upper()
    if any(case.crn == key for case in sample.cases):
        return CaseStatus.SAMPLED
    if any(case.crn == key for case in sample.reserves):
        return CaseStatus.RESERVE
    if any(substitution.removed.crn == key for substitution in sample.substitutions):
        return CaseStatus.SUBSTITUTED
    return None
