"""How well a sample mirrors its eligible population, and the methodology sentence for the report.

Owns the shares table per stratifying field and the wording the reports print (SEEDS-SPEC d.2).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from probation_inspection.sampling.allocation import NOT_RECORDED, Stratum
from probation_inspection.sampling.draw import Sample
from probation_inspection.sampling.fields import FIELD_PHRASES, STRATUM_KEYS, Field
from probation_inspection.sampling.size import sample_size

_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)


def number_words(number: int) -> str:
    """A count as the reports write it: words up to twenty ("five"), figures above ("130")."""
    return _UNITS[number] if 0 <= number < len(_UNITS) else f"{number:,}"


def join_words(items: list[str]) -> str:
    """"a", "a and b", "a, b and c": the reports use no serial comma."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


@dataclass(frozen=True)
class Share:
    """One value of a stratifying field: its count and percentage in population and sample."""

    value: str
    population: int
    population_percent: float
    sample: int
    sample_percent: float

    @property
    def difference(self) -> float:
        """Sample share minus population share, in percentage points."""
        return self.sample_percent - self.population_percent


@dataclass(frozen=True)
class FieldShares:
    """The shares of every value of one stratifying field."""

    field: Field
    shares: tuple[Share, ...]

    @property
    def label(self) -> str:
        return FIELD_PHRASES[self.field]

    @property
    def largest_difference(self) -> float:
        """The largest absolute difference between sample and population shares."""
        return max((abs(share.difference) for share in self.shares), default=0.0)

    def as_dict(self) -> dict[str, object]:
        return {
            "field": STRATUM_KEYS[self.field],
            "label": self.label,
            "values": [
                {"value": share.value, "population": share.population,
                 "population_percent": round(share.population_percent, 1),
                 "sample": share.sample, "sample_percent": round(share.sample_percent, 1),
                 "difference": round(share.difference, 1)}
                for share in self.shares
            ],
            "largest_difference": round(self.largest_difference, 1),
        }


def representativeness(sample: Sample) -> tuple[FieldShares, ...]:
    """For each stratifying field, each value's share of the eligible population and sample.

    The sample counts are of the current cases, after any substitutions.
    """
    tables = []
    for field in sample.fields:
        population: Counter[str] = Counter()
        drawn: Counter[str] = Counter()
        for stratum in sample.strata:
            value = stratum.stratum.value(field)
            population[value] += stratum.population
            drawn[value] += len(stratum.cases)
        order = sorted(population, key=lambda v: Stratum(((field, v),)).sort_key())
        tables.append(FieldShares(field, tuple(
            Share(value, population[value], _percent(population[value], sample.eligible),
                  drawn[value], _percent(drawn[value], len(sample.cases)))
            for value in order
        )))
    return tuple(tables)


def _percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def methodology(sample: Sample, *, unit: str = "local delivery unit") -> str:
    """The sentence the report prints about the sample, from the sample itself.

    E.g. "We examined 130 cases from across five local delivery units. The sample size was
    set to achieve a confidence level of 80 per cent (with a margin of error of 5), and we
    ensured that the ratios in relation to gender, type of disposal and risk of serious harm
    level matched those in the eligible population."
    """
    cases = sample.cases
    units = {case.delivery_unit for case in cases if case.delivery_unit not in (None, NOT_RECORDED)}
    count = len(cases)
    opening = f"We examined {number_words(count)} case{'s' if count != 1 else ''}"
    if len(units) == 1:
        opening += f" from one {unit}"
    elif units:
        opening += f" from across {number_words(len(units))} {unit}s"
    confidence, margin = plain_figure(sample.confidence * 100), plain_figure(sample.margin)
    if size_set_by_hand(sample.size, sample.eligible, sample.confidence, sample.margin):
        # A size typed by the lead achieves no stated margin: say what was done instead.
        design = ("The sample size was set by the inspection team rather than calculated for "
                  "a confidence level and margin of error")
    else:
        design = (
            f"The sample size was set to achieve a confidence level of {confidence} per cent "
            f"(with a margin of error of {margin})"
        )
    if sample.fields:
        phrases = join_words([FIELD_PHRASES[field] for field in sample.fields])
        design += (f", and we ensured that the ratios in relation to {phrases} matched those in "
                   "the eligible population")
    return f"{opening}. {design}."


def size_set_by_hand(size: int, eligible: int, confidence: float, margin: float) -> bool:
    """True when ``size`` is not the size the confidence and margin give for ``eligible``
    cases: the lead set it by hand, and the sample achieves no stated margin."""
    return size != sample_size(eligible, confidence, margin)


def plain_figure(number: float) -> str:
    """A figure as the reports print it: 80, not 80.0; 2.5 stays 2.5."""
    # float() first: an int margin has no is_integer() before Python 3.12.
    rounded = round(float(number), 6)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:g}"
