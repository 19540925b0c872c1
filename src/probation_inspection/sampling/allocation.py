"""Strata and proportional allocation of a sample by largest remainder, and the sharing out
of sampled cases among inspectors.

Owns which fields stratify each sample type, how n cases are shared out among strata, and how
cases are shared among inspectors (balanced, by delivery unit, never across a conflict).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from probation_inspection.sampling.defaults import SampleTypeRef, definition_of
from probation_inspection.sampling.fields import CATEGORIES, STRATUM_KEYS, Field

#: The value a stratum shows for a case whose stratifying field is blank.
NOT_RECORDED = "not recorded"


def strata_fields(
    sample_type: SampleTypeRef, *, spread_delivery_units: bool = False
) -> tuple[Field, ...]:
    """The fields a sample type is stratified by, as its definition declares them."""
    fields = tuple(Field(name) for name in definition_of(sample_type).strata)
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


@dataclass(frozen=True)
class CaseToAssign:
    """A sampled case waiting for an inspector, with its delivery unit ("" when none)."""

    reference: str
    delivery_unit: str = ""


@dataclass(frozen=True)
class CaseAllocation:
    """Who each case goes to, the cases no inspector may take, and each inspector's total."""

    assignments: Mapping[str, str]
    #: Cases from a delivery unit every chosen inspector declared a conflict with.
    unallocated: tuple[str, ...]
    #: Cases per inspector afterwards, the cases they already had included.
    loads: Mapping[str, int] = field(default_factory=dict)


def _targets(inspectors: Sequence[str], existing: Mapping[str, int], new: int,
             rank: Mapping[str, int]) -> dict[str, int]:
    """Each inspector's total once ``new`` cases are added, filling the lightest first (ties
    by the seeded rank), so totals end as even as the cases they already had allow."""
    totals = {inspector: existing.get(inspector, 0) for inspector in inspectors}
    for _ in range(new):
        lightest = min(inspectors, key=lambda inspector: (totals[inspector], rank[inspector]))
        totals[lightest] += 1
    return totals


def allocate_cases(
    cases: Sequence[CaseToAssign],
    inspectors: Sequence[str],
    *,
    seed: int,
    conflicts: Mapping[str, frozenset[str]] | None = None,
    existing: Mapping[str, int] | None = None,
    keep_units_together: bool = True,
) -> CaseAllocation:
    """Share ``cases`` among ``inspectors``: balanced workload, never a case from a delivery
    unit its inspector declared a conflict with, and (``keep_units_together``) the cases of one
    unit with as few inspectors as balance allows.

    Each inspector has a quota: their share of the cases so that totals (``existing`` cases
    included) differ by at most one, the odd cases going by a ``seed``-ed order. Units whose
    choice is narrowest go first, so a conflict is less likely to strand a unit. A case goes
    over quota only when every inspector free of a conflict with its unit is full; a case no
    chosen inspector may take is returned as unallocated. The same inputs and seed always give
    the same allocation, whatever order the cases and inspectors come in.
    """
    conflicts = conflicts or {}
    existing = existing or {}
    people = sorted(set(inspectors))
    shuffled = list(people)
    random.Random(seed).shuffle(shuffled)
    rank = {inspector: index for index, inspector in enumerate(shuffled)}
    ordered = sorted(set(cases), key=lambda case: (case.delivery_unit, case.reference))
    if not people:
        return CaseAllocation({}, tuple(case.reference for case in ordered), {})
    targets = _targets(people, existing, len(ordered), rank)
    loads = {inspector: existing.get(inspector, 0) for inspector in people}

    groups: dict[str, list[CaseToAssign]] = {}
    for case in ordered:
        key = (case.delivery_unit if keep_units_together
               else f"{case.delivery_unit}\0{case.reference}")
        groups.setdefault(key, []).append(case)

    def allowed(unit: str) -> list[str]:
        return [person for person in people if unit not in conflicts.get(person, frozenset())]

    order = sorted(groups, key=lambda key: (len(allowed(groups[key][0].delivery_unit)),
                                            -len(groups[key]), key))
    assignments: dict[str, str] = {}
    unallocated: list[str] = []
    for key in order:
        group = groups[key]
        free = allowed(group[0].delivery_unit)
        holder: str | None = None
        for case in group:
            if not free:
                unallocated.append(case.reference)
                continue
            room = [person for person in free if loads[person] < targets[person]]
            if holder is not None and holder in room:
                chosen = holder
            elif room:
                # The most room left keeps a unit in fewest hands and the totals level.
                chosen = min(room, key=lambda p: (loads[p] - targets[p], rank[p]))
            else:
                chosen = min(free, key=lambda p: (loads[p], rank[p]))
            assignments[case.reference] = chosen
            loads[chosen] += 1
            holder = chosen
    return CaseAllocation(assignments, tuple(sorted(unallocated)), loads)
