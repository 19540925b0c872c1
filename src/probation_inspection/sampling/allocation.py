"""Strata and proportional allocation of a sample by largest remainder.

Owns which fields stratify each sample type and how n cases are shared out among strata.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from probation_inspection.framework.model import SampleType
from probation_inspection.sampling.fields import CATEGORIES, STRATUM_KEYS, Field

#: Stratifying fields per sample type (SEEDS-SPEC d.2); Through the Gate states none.
STRATA_FIELDS: Mapping[SampleType, tuple[Field, ...]] = {
    SampleType.CASE_SUPERVISION: (Field.GENDER, Field.DISPOSAL, Field.ROSH),
    SampleType.UNPAID_WORK: (Field.GENDER, Field.ROSH),
    SampleType.THROUGH_THE_GATE: (),
}

#: The value a stratum shows for a case whose stratifying field is blank.
NOT_RECORDED = "not recorded"


def strata_fields(
    sample_type: SampleType, *, spread_delivery_units: bool = False
) -> tuple[Field, ...]:
    fields = STRATA_FIELDS[sample_type]
    return (Field.DELIVERY_UNIT, *fields) if spread_delivery_units else fields


@dataclass(frozen=True)
class Stratum:
    """A cell of the cross-classification: one value for each stratifying field."""

    values: tuple[tuple[Field, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        """Keyed as the JSON output names them: gender, disposal, rosh, delivery_unit."""
        return {STRATUM_KEYS[field]: value for field, value in self.values}

    def value(self, field: Field) -> str:
        return dict(self.values)[field]

    @property
    def label(self) -> str:
        return " / ".join(value.replace("-", " ") for _, value in self.values) or "all cases"

    def sort_key(self) -> tuple[tuple[int, str], ...]:
        """Categories in their natural order (low before high), other text alphabetically."""
        return tuple(_value_order(field, value) for field, value in self.values)


def _value_order(field: Field, value: str) -> tuple[int, str]:
    if field in CATEGORIES:
        members = [member.value for member in CATEGORIES[field]]
        if value in members:
            return (members.index(value), value)
        return (len(members), value)
    return (0, value)


def allocate(populations: Mapping[Stratum, int], size: int) -> dict[Stratum, int]:
    """Share ``size`` cases among strata in proportion to their populations.

    Largest remainder (Hamilton): each stratum gets the whole part of its exact share
    ``size * N_h / N``, and the cases left over go one each to the largest fractional parts
    (ties: larger stratum first, then stratum order). So the total is exactly ``size`` and each
    stratum is within one case of its exact share (and never above its population).
    """
    total = sum(populations.values())
    if any(count < 0 for count in populations.values()):
        raise ValueError("a stratum cannot have a negative population")
    if not 0 <= size <= total:
        raise ValueError(f"cannot allocate {size} cases from a population of {total}")
    if total == 0:
        return dict.fromkeys(populations, 0)
    # Integer arithmetic: the exact share is quotient + remainder / total.
    shares = {stratum: divmod(size * count, total) for stratum, count in populations.items()}
    allocation = {stratum: quotient for stratum, (quotient, _) in shares.items()}
    left_over = size - sum(allocation.values())
    ranked = sorted(
        populations,
        key=lambda stratum: (-shares[stratum][1], -populations[stratum], stratum.sort_key()),
    )
    for stratum in ranked[:left_over]:
        allocation[stratum] += 1
    return allocation
