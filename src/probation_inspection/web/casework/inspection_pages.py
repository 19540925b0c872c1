"""What casework adds to an inspection's own pages: the stage facts counted from samples and
assessments, and the overview's sample rows. Registered into `inspections.registry` from
`CaseworkConfig.ready()`, because the inspections app may not import this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from probation_inspection.access import Stage as CoreStage
from probation_inspection.framework.model import Framework
from probation_inspection.web.casework.models import (
    Assessment,
    AssessmentStatus,
    CaseStatus,
    SampledCase,
)
from probation_inspection.web.casework.results import counted, inspection_results
from probation_inspection.web.inspections.gate import Member
from probation_inspection.web.inspections.models import Inspection


def stage_facts(inspection: Inspection, framework: Framework) -> dict[str, Any]:
    """The stage rules' facts about samples and assessments, taken from the database now."""
    # Only the draw in force: a redrawn sample's earlier cases are history.
    sampled = SampledCase.objects.filter(sample__inspection=inspection, status=CaseStatus.SAMPLED,
                                         sample__superseded_at__isnull=True)
    relevant: dict[str, int] | None = None
    # Relevance is counted from assessments that count, which exist only once fieldwork ends.
    if inspection.stage in (CoreStage.MODERATION, CoreStage.RATING):
        relevant = {}
        for results in inspection_results(inspection, framework):
            for item in results.standards:
                for row in item.rows:
                    if row.is_key_question:
                        relevant[row.id] = relevant.get(row.id, 0) + row.tally.yes + row.tally.no
    unassigned: dict[str, int] = {}
    for sample_type in sampled.filter(assigned_to__isnull=True).values_list(
            "sample__sample_type", flat=True):
        unassigned[sample_type] = unassigned.get(sample_type, 0) + 1
    for sample_type in sampled.values_list("sample__sample_type", flat=True).distinct():
        unassigned.setdefault(sample_type, 0)
    return dict(
        drawn_samples=inspection.samples.count(),
        sampled_cases=sampled.count(),
        # Not yet counted, by the one rule live results and the report use.
        not_submitted=sampled.count() - counted(sampled).count(),
        returned=Assessment.objects.filter(sampled_case__sample__inspection=inspection,
                                           status=AssessmentStatus.RETURNED).count(),
        drawn_sample_types=frozenset(sampled.values_list("sample__sample_type", flat=True)),
        unassigned=unassigned,
        relevant_cases=relevant,
    )


@dataclass(frozen=True)
class SampleCounts:
    """A drawn sample's cases in the sample, assigned, and with a submitted assessment."""

    sampled: int
    assigned: int
    submitted: int


def sample_rows(member: Member, framework: Framework) -> dict[str, Any]:
    """The overview's row for each sample type the framework's standards are assessed from, in
    the order the framework declares them: the definition (id, label), the sample once drawn
    and its cases sampled, assigned and submitted."""
    inspection = member.inspection
    samples = {sample.sample_type: sample for sample in inspection.samples.all()}
    used_types = {standard.sample_type for standard in framework.standards()}
    rows = []
    for definition in framework.sample_types:
        if definition.id not in used_types:
            continue
        sample = samples.get(definition.id)
        counts: SampleCounts | None = None
        if sample is not None:
            cases = SampledCase.objects.filter(sample=sample, status=CaseStatus.SAMPLED)
            counts = SampleCounts(
                sampled=cases.count(),
                assigned=cases.exclude(assigned_to=None).count(),
                # Submitted or moderated, by the one rule live results and the report use.
                submitted=counted(cases).count(),
            )
        rows.append((definition, sample, counts))
    return {"sample_rows": rows}


def held_cases(inspection: Inspection, user: Any) -> int:
    """The sampled cases of ``inspection`` assigned to ``user`` (the team page refuses to
    remove a member who holds any)."""
    return SampledCase.objects.filter(sample__inspection=inspection, assigned_to=user,
                                      status=CaseStatus.SAMPLED,
                                      sample__superseded_at__isnull=True).count()
