"""Eligibility windows relative to the fieldwork start, and the eligible population they select.

Owns the default windows the published reports describe (SEEDS-SPEC b.4, d.3), all configurable.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from probation_inspection.framework.model import SampleType
from probation_inspection.sampling.cases import CaseList
from probation_inspection.sampling.fields import Disposal, Field, normalise


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` earlier, or that month's last day if shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class CaseSupervisionWindow:
    """Sentence or licence began between ``earliest_months`` and ``latest_months`` before.

    The reports examine cases "under community supervision for approximately six to seven
    months (either through a community sentence or following release from custody)". Post-
    sentence supervision is left out by default: it starts when a licence ends, so its start
    date does not measure six to seven months of supervision.
    """

    earliest_months: int = 7
    latest_months: int = 6
    disposals: frozenset[Disposal] = frozenset(
        {Disposal.COMMUNITY_ORDER, Disposal.SUSPENDED_SENTENCE_ORDER, Disposal.LICENCE}
    )
    date_field: Field = Field.START_DATE

    def bounds(self, fieldwork_start: dt.date) -> tuple[dt.date | None, dt.date]:
        return (months_before(fieldwork_start, self.earliest_months),
                months_before(fieldwork_start, self.latest_months))

    def condition(self, fieldwork_start: dt.date) -> pl.Expr:
        return _in_window(self.date_field, self.bounds(fieldwork_start)) & _disposal(self.disposals)


@dataclass(frozen=True)
class UnpaidWorkWindow:
    """The unpaid work requirement began at least ``at_least_months`` before fieldwork.

    The reports give no upper limit ("requirements that had begun at least three months
    previously"), so none is set by default; ``at_most_months`` adds one.
    """

    at_least_months: int = 3
    at_most_months: int | None = None
    date_field: Field = Field.UPW_START_DATE

    def bounds(self, fieldwork_start: dt.date) -> tuple[dt.date | None, dt.date]:
        earliest = (None if self.at_most_months is None
                    else months_before(fieldwork_start, self.at_most_months))
        return earliest, months_before(fieldwork_start, self.at_least_months)

    def condition(self, fieldwork_start: dt.date) -> pl.Expr:
        return _in_window(self.date_field, self.bounds(fieldwork_start))


@dataclass(frozen=True)
class ThroughTheGateWindow:
    """Released on licence or post-sentence supervision in the ``span_days`` ending
    ``weeks_before`` weeks before fieldwork, from one of ``prisons`` when any are named.

    The reports: "released on licence or post-sentence supervision six weeks earlier from the
    CRC's resettlement prisons, over a two-week period". Prison names are compared ignoring
    case, punctuation and a leading "HMP" or "HMP/YOI".
    """

    weeks_before: int = 6
    span_days: int = 14
    prisons: frozenset[str] = frozenset()
    disposals: frozenset[Disposal] = frozenset(
        {Disposal.LICENCE, Disposal.POST_SENTENCE_SUPERVISION}
    )
    date_field: Field = Field.RELEASE_DATE

    def bounds(self, fieldwork_start: dt.date) -> tuple[dt.date | None, dt.date]:
        latest = fieldwork_start - dt.timedelta(weeks=self.weeks_before)
        return latest - dt.timedelta(days=self.span_days - 1), latest

    def condition(self, fieldwork_start: dt.date) -> pl.Expr:
        condition = _in_window(self.date_field, self.bounds(fieldwork_start))
        condition &= _disposal(self.disposals)
        if self.prisons:
            names = sorted({prison_key(prison) for prison in self.prisons})
            prison = pl.col(Field.RELEASING_PRISON.value).str.to_lowercase()
            prison = prison.str.replace_all(r"[\s_\-./&]+", " ").str.strip_chars()
            prison = prison.str.replace(_PRISON_PREFIX, "")
            condition &= prison.is_in(names).fill_null(False)
        return condition


EligibilityWindow = CaseSupervisionWindow | UnpaidWorkWindow | ThroughTheGateWindow

DEFAULT_WINDOWS: Mapping[SampleType, EligibilityWindow] = {
    SampleType.CASE_SUPERVISION: CaseSupervisionWindow(),
    SampleType.UNPAID_WORK: UnpaidWorkWindow(),
    SampleType.THROUGH_THE_GATE: ThroughTheGateWindow(),
}

_PRISON_PREFIX = r"^(?:hmp yoi |hmp |hmyoi |yoi )"


def prison_key(name: str) -> str:
    return re.sub(_PRISON_PREFIX, "", normalise(name.replace("&", " ")))


def _in_window(field: Field, bounds: tuple[dt.date | None, dt.date]) -> pl.Expr:
    earliest, latest = bounds
    column = pl.col(field.value)
    condition = column <= latest
    if earliest is not None:
        condition &= column >= earliest
    return condition.fill_null(False)


def _disposal(disposals: frozenset[Disposal]) -> pl.Expr:
    # A list without a disposal column cannot exclude on it (it is only required where it
    # stratifies); a blank is therefore eligible.
    column = pl.col(Field.DISPOSAL.value)
    return column.is_null() | column.is_in(sorted(d.value for d in disposals))


@dataclass(frozen=True)
class Population:
    """The eligible cases of a case list for one sample type and fieldwork start."""

    sample_type: SampleType
    fieldwork_start: dt.date
    window: EligibilityWindow
    case_list: CaseList
    frame: pl.DataFrame

    def __len__(self) -> int:
        return self.frame.height

    @property
    def listed(self) -> int:
        return len(self.case_list)


def eligible(
    case_list: CaseList,
    sample_type: SampleType,
    fieldwork_start: dt.date,
    window: EligibilityWindow | None = None,
) -> Population:
    """The cases eligible for a sample of ``sample_type`` with fieldwork starting on that day."""
    window = window or DEFAULT_WINDOWS[sample_type]
    frame = case_list.frame.filter(window.condition(fieldwork_start))
    return Population(sample_type, fieldwork_start, window, case_list, frame)


@dataclass(frozen=True)
class Exclusion:
    """How many listed cases one reason left out of the eligible population."""

    reason: str
    cases: int


@dataclass(frozen=True)
class EligibilityReport:
    """What a window selects from a case list, said in dates and counts a lead can check:
    the window's first and last day, the cases included, and those excluded by reason."""

    sample_type: SampleType
    fieldwork_start: dt.date
    date_field: Field
    #: None: the window has no earliest day (an unpaid work window without an upper limit).
    earliest: dt.date | None
    latest: dt.date
    listed: int
    included: int
    excluded: tuple[Exclusion, ...]

    @property
    def empty(self) -> bool:
        return self.included == 0


_DATE_NAMES = {Field.START_DATE: "start date", Field.UPW_START_DATE: "unpaid work start date",
               Field.RELEASE_DATE: "release date"}


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _reasons(window: EligibilityWindow, fieldwork_start: dt.date) -> list[tuple[str, pl.Expr]]:
    """Each exclusion test in the order a case is charged to it: a case failing several is
    counted once, under the first, so the counts add up to the cases left out."""
    earliest, latest = window.bounds(fieldwork_start)
    name = _DATE_NAMES.get(window.date_field, window.date_field.value.replace("_", " "))
    column = pl.col(window.date_field.value)
    checks = [(f"No {name}", column.is_null())]
    if earliest is not None:
        checks.append((f"{name.capitalize()} before {_day(earliest)}", column < earliest))
    checks.append((f"{name.capitalize()} after {_day(latest)}", column > latest))
    if isinstance(window, CaseSupervisionWindow | ThroughTheGateWindow):
        kept = ", ".join(sorted(d.value.replace("-", " ") for d in window.disposals))
        checks.append((f"Disposal other than {kept}", ~_disposal(window.disposals)))
    if isinstance(window, ThroughTheGateWindow) and window.prisons:
        checks.append(("Released from a prison not named for the sample",
                       ~window.condition(fieldwork_start)))
    return checks


def eligibility_report(
    case_list: CaseList,
    sample_type: SampleType,
    fieldwork_start: dt.date,
    window: EligibilityWindow | None = None,
) -> EligibilityReport:
    """The window as dates and the cases it includes and excludes, by reason, for one list."""
    window = window or DEFAULT_WINDOWS[sample_type]
    earliest, latest = window.bounds(fieldwork_start)
    remaining = case_list.frame
    excluded = []
    for reason, test in _reasons(window, fieldwork_start):
        left_out = remaining.filter(test.fill_null(False))
        if left_out.height:
            excluded.append(Exclusion(reason, left_out.height))
            remaining = remaining.filter(~test.fill_null(False))
    included = eligible(case_list, sample_type, fieldwork_start, window)
    return EligibilityReport(sample_type, fieldwork_start, window.date_field, earliest, latest,
                             len(case_list), len(included), tuple(excluded))
