"""Case lists, eligibility windows, sample size, stratified allocation, seeded draws and reserves.

The public API of the sampling core; no Django, plain typed objects in and out.
"""

from __future__ import annotations

from pathlib import Path

from probation_inspection.sampling.allocation import Stratum, allocate, strata_fields
from probation_inspection.sampling.cases import Case, CaseList
from probation_inspection.sampling.columns import parse_overrides
from probation_inspection.sampling.defaults import (
    SampleTypeRef,
    definition_of,
    shipped_sample_types,
)
from probation_inspection.sampling.draw import (
    DropOutReason,
    Sample,
    SamplingError,
    StratumSample,
    Substitution,
    draw,
    substitute,
)
from probation_inspection.sampling.eligibility import (
    EligibilityWindow,
    Population,
    eligible,
)
from probation_inspection.sampling.fields import (
    Disposal,
    Field,
    Gender,
    OfficerGrade,
    Organisation,
    RoSH,
)
from probation_inspection.sampling.problems import CaseListError, Problem
from probation_inspection.sampling.reading import Progress, RawTable, read_case_list
from probation_inspection.sampling.representativeness import (
    FieldShares,
    Share,
    methodology,
    number_words,
    representativeness,
)
from probation_inspection.sampling.size import sample_size, z_score
from probation_inspection.sampling.validation import few_values, validate


def load_case_list(
    path: Path,
    sample_type: SampleTypeRef,
    *,
    overrides: dict[Field, str] | None = None,
    extra_required: tuple[Field, ...] = (),
    progress: Progress | None = None,
) -> CaseList:
    """Read and validate a CSV or XLSX case list; raises ``CaseListError`` with every problem."""
    table = read_case_list(path, progress=progress, few_values=few_values(
        sample_type, overrides=overrides, extra_required=extra_required))
    return validate(table, sample_type, overrides=overrides, extra_required=extra_required)


__all__ = [
    "Case",
    "CaseList",
    "CaseListError",
    "Disposal",
    "DropOutReason",
    "EligibilityWindow",
    "Field",
    "FieldShares",
    "Gender",
    "OfficerGrade",
    "Organisation",
    "Population",
    "Problem",
    "Progress",
    "RawTable",
    "RoSH",
    "Sample",
    "SampleTypeRef",
    "SamplingError",
    "Share",
    "Stratum",
    "StratumSample",
    "Substitution",
    "allocate",
    "definition_of",
    "draw",
    "eligible",
    "load_case_list",
    "methodology",
    "number_words",
    "parse_overrides",
    "read_case_list",
    "representativeness",
    "sample_size",
    "shipped_sample_types",
    "strata_fields",
    "substitute",
    "validate",
    "z_score",
]
