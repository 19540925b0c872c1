"""A drawn case's status (sampled, reserve, substituted) read off the core sample."""

from __future__ import annotations

from sampling_helpers import population_from_counts

from probation_inspection.sampling import DropOutReason, draw, substitute
from probation_inspection.sampling.status import CaseStatus, case_status


def test_every_case_has_one_status_through_a_substitution() -> None:
    sample = draw(population_from_counts({("Male", "CO", "Low"): 40}), seed=3)
    leaving, first_reserve = sample.cases[0], sample.reserves[0]
    assert case_status(sample, leaving.crn) is CaseStatus.SAMPLED
    assert case_status(sample, first_reserve.crn.lower()) is CaseStatus.RESERVE

    after = substitute(sample, leaving.crn, DropOutReason.TRANSFERRED)
    assert case_status(after, leaving.crn) is CaseStatus.SUBSTITUTED
    assert case_status(after, first_reserve.crn) is CaseStatus.SAMPLED
    statuses = [case_status(after, case.crn) for case in (*after.cases, *after.reserves)]
    assert statuses.count(CaseStatus.SAMPLED) == after.size
    assert case_status(after, "NOT-DRAWN") is None


def test_values_are_the_stored_ones() -> None:
    # The web stores these values in SampledCase.status; changing one needs a data migration.
    assert [status.value for status in CaseStatus] == ["sampled", "reserve", "substituted"]
