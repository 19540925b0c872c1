"""Breakdowns by a case attribute: the groups cover every case, missing values included."""

from __future__ import annotations

from probation_inspection.demo import wales
from probation_inspection.scoring import CaseAssessment, tally_framework
from probation_inspection.scoring.breakdowns import NOT_RECORDED, group_cases, tally_breakdown
from sample_ids import SampleType


def _case(name: str, grade: object) -> CaseAssessment:
    attributes = {} if grade is None else {"responsible_officer_grade": grade}
    return CaseAssessment(name, {}, attributes)


def test_groups_are_named_by_value_in_order_and_missing_values_are_not_recorded() -> None:
    cases = [_case("a", "PSO"), _case("b", "PO"), _case("c", None), _case("d", ""),
             _case("e", "PO")]
    groups = group_cases(cases, "responsible_officer_grade")
    assert list(groups) == [NOT_RECORDED, "PO", "PSO"]
    assert [c.case_id for c in groups["PO"]] == ["b", "e"]
    assert sum(len(members) for members in groups.values()) == len(cases)


def test_boolean_values_read_yes_and_no() -> None:
    cases = [CaseAssessment("a", {}, {"rosh_issues": True}),
             CaseAssessment("b", {}, {"rosh_issues": False})]
    assert list(group_cases(cases, "rosh_issues")) == ["no", "yes"]


def test_the_groups_add_up_to_the_whole_sample() -> None:
    inspection = wales.inspection()
    sample = next(s for s in inspection.samples if s.facts.sample_type is SampleType.UNPAID_WORK)
    whole = tally_framework(inspection.framework, sample.assessments, SampleType.UNPAID_WORK)
    groups = tally_breakdown(
        inspection.framework, sample.assessments, SampleType.UNPAID_WORK, "gender"
    )
    assert sum(size for size, _ in groups.values()) == len(sample.assessments) == 53
    for question in ("4.1.1", "4.1.3"):
        assert sum(t[question].yes for _, t in groups.values()) == whole[question].yes
        assert sum(t[question].relevant for _, t in groups.values()) == whole[question].relevant
