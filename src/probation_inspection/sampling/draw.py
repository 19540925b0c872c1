"""The seeded stratified draw, ordered reserves per stratum, and substitution of drop-outs.

Owns ``Sample``: what was drawn, from what, with which seed, and every substitution since.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
import polars as pl

from probation_inspection.sampling.allocation import (
    NOT_RECORDED,
    Stratum,
    allocate,
    strata_fields,
)
from probation_inspection.sampling.cases import Case, cases_of
from probation_inspection.sampling.eligibility import Population
from probation_inspection.sampling.fields import Field
from probation_inspection.sampling.reading import ROW
from probation_inspection.sampling.size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN, sample_size


class SamplingError(ValueError):
    """A sample cannot be drawn or changed as asked."""


class DropOutReason(StrEnum):
    """Why a sampled case is replaced by a reserve."""

    TRANSFERRED = "transferred"
    WRONGLY_LISTED = "wrongly-listed"
    DECEASED = "deceased"
    OFFICER_UNAVAILABLE = "officer-unavailable"
    OTHER = "other"


@dataclass(frozen=True)
class Substitution:
    """A sampled case that dropped out, the reserve that replaced it, and why."""

    stratum: Stratum
    removed: Case
    replacement: Case
    reason: DropOutReason
    detail: str = ""


@dataclass(frozen=True)
class StratumSample:
    """One stratum: its eligible population, its allocation, its cases and ordered reserves."""

    stratum: Stratum
    population: int
    allocated: int
    cases: tuple[Case, ...]
    reserves: tuple[Case, ...]


@dataclass(frozen=True)
class Sample:
    """A drawn sample; drawing again with the same case list, settings and seed gives it back."""

    #: The sample type's id.
    sample_type: str
    seed: int
    fieldwork_start: dt.date
    confidence: float
    margin: float
    eligible: int
    size: int
    fields: tuple[Field, ...]
    strata: tuple[StratumSample, ...]
    substitutions: tuple[Substitution, ...] = ()

    @property
    def cases(self) -> tuple[Case, ...]:
        return tuple(case for stratum in self.strata for case in stratum.cases)

    @property
    def reserves(self) -> tuple[Case, ...]:
        return tuple(case for stratum in self.strata for case in stratum.reserves)

    def stratum_of(self, crn: str) -> StratumSample:
        key = crn.strip().upper()
        for stratum in self.strata:
            if any(case.crn == key for case in stratum.cases):
                return stratum
        raise KeyError(crn)


def draw(
    population: Population,
    seed: int,
    *,
    size: int | None = None,
    confidence: float = DEFAULT_CONFIDENCE,
    margin: float = DEFAULT_MARGIN,
    spread_delivery_units: bool = False,
    reserve_ratio: float = 1.0,
) -> Sample:
    """Draw a stratified sample of the eligible population with a seeded generator.

    ``size`` defaults to ``sample_size(len(population), confidence, margin)`` and is capped at
    the population. Each stratum keeps ``ceil(allocated * reserve_ratio)`` reserves (as many
    as are left), in draw order. The seed is a non-negative integer stored with the sample.
    """
    if seed < 0:
        raise SamplingError(f"the seed must be a non-negative whole number, not {seed}")
    if reserve_ratio < 0:
        raise SamplingError(f"reserve_ratio cannot be negative, not {reserve_ratio}")
    eligible = len(population)
    wanted = sample_size(eligible, confidence, margin) if size is None else size
    if wanted < 0:
        raise SamplingError(f"the sample size cannot be negative, not {wanted}")
    wanted = min(wanted, eligible)
    fields = strata_fields(population.definition or population.sample_type,
                           spread_delivery_units=spread_delivery_units)
    frame = _keyed(population.frame, fields, seed)
    keys = _stratum_columns(fields)
    counts = frame.group_by(keys).len("population")
    populations = {_stratum(fields, row): int(row["population"]) for row in
                   counts.iter_rows(named=True)}
    allocation = allocate(populations, wanted)
    ordered = sorted(populations, key=Stratum.sort_key)
    quota = pl.DataFrame(
        {
            **{key: [_key_value(stratum, index) for stratum in ordered]
               for index, key in enumerate(keys)},
            "_allocated": [allocation[stratum] for stratum in ordered],
            "_keep": [allocation[stratum] + math.ceil(allocation[stratum] * reserve_ratio)
                      for stratum in ordered],
        },
        schema_overrides=dict.fromkeys(keys, pl.String),
    )
    chosen = (
        frame.join(quota, on=keys, how="inner")
        .with_columns((pl.col("_key").rank("ordinal").over(keys) - 1).alias("_rank"))
        .filter(pl.col("_rank") < pl.col("_keep"))
        .sort("_rank")
    )
    by_stratum: dict[Stratum, tuple[list[Case], list[Case]]] = {s: ([], []) for s in ordered}
    for row, case in zip(chosen.iter_rows(named=True), cases_of(chosen), strict=True):
        stratum = _stratum(fields, row)
        picked, reserves = by_stratum[stratum]
        (picked if row["_rank"] < row["_allocated"] else reserves).append(case)
    return Sample(
        sample_type=population.sample_type,
        seed=seed,
        fieldwork_start=population.fieldwork_start,
        confidence=confidence,
        margin=margin,
        eligible=eligible,
        size=wanted,
        fields=fields,
        strata=tuple(
            StratumSample(stratum, populations[stratum], allocation[stratum],
                          tuple(by_stratum[stratum][0]), tuple(by_stratum[stratum][1]))
            for stratum in ordered
        ),
    )


def _stratum_columns(fields: tuple[Field, ...]) -> list[str]:
    # With no stratifying field every case is in one stratum, keyed by a constant column.
    return [f"_stratum_{field.value}" for field in fields] or ["_stratum_all"]


def _keyed(frame: pl.DataFrame, fields: tuple[Field, ...], seed: int) -> pl.DataFrame:
    """The population in file order with a random draw key and its stratum columns.

    The key is a permutation drawn over the rows in file order, so the draw depends only on
    the case list and the seed, not on how the frame happened to be ordered.
    """
    frame = frame.sort(ROW)
    keys = np.random.default_rng(seed).permutation(frame.height)
    strata = [
        pl.col(field.value).cast(pl.String).fill_null(NOT_RECORDED).alias(column)
        for field, column in zip(fields, _stratum_columns(fields), strict=False)
    ]
    return frame.with_columns(
        *strata, pl.lit("all").alias("_stratum_all"), pl.Series("_key", keys, dtype=pl.Int64)
    )


def _stratum(fields: tuple[Field, ...], row: dict[str, object]) -> Stratum:
    columns = _stratum_columns(fields)
    return Stratum(tuple((field, str(row[column])) for field, column in zip(fields, columns,
                                                                             strict=False)))


def _key_value(stratum: Stratum, index: int) -> str:
    return stratum.values[index][1] if stratum.values else "all"


def substitute(
    sample: Sample, crn: str, reason: DropOutReason, detail: str = ""
) -> Sample:
    """Replace a sampled case with the next reserve of its stratum, recording the reason.

    ``detail`` is required when the reason is OTHER. Raises ``SamplingError`` when the case
    is not in the sample, or when its stratum has no reserve left.
    """
    detail = detail.strip()
    if reason is DropOutReason.OTHER and not detail:
        raise SamplingError("say why the case dropped out: a reason of 'other' needs a detail")
    try:
        current = sample.stratum_of(crn)
    except KeyError:
        raise SamplingError(f"case {crn} is not in the sample") from None
    if not current.reserves:
        raise SamplingError(
            f"no reserve left in the stratum {current.stratum.label} to replace case {crn}; "
            "draw a new sample or widen the eligibility window"
        )
    removed = next(case for case in current.cases if case.crn == crn.strip().upper())
    replacement, *remaining = current.reserves
    updated = replace(
        current,
        cases=tuple(replacement if case is removed else case for case in current.cases),
        reserves=tuple(remaining),
    )
    return replace(
        sample,
        strata=tuple(updated if s is current else s for s in sample.strata),
        substitutions=(*sample.substitutions,
                       Substitution(current.stratum, removed, replacement, reason, detail)),
    )


def redraw_refusal(*, fieldwork_started: bool, assessments: int) -> str | None:
    """Why a drawn sample may not be redrawn now, or None when it may.

    A redraw replaces every case, so it is only for before fieldwork: once inspectors work on
    cases a drop-out is replaced by a reserve (``substitute``), never by a new draw.
    """
    if fieldwork_started:
        return ("fieldwork has started: the sample can no longer be redrawn. Replace a case "
                "that drops out with a reserve instead")
    if assessments:
        return (f"{assessments} case{'s have' if assessments != 1 else ' has'} an assessment "
                "started: the sample can no longer be redrawn")
    return None
