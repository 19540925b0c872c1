"""Validated case lists and the cases in them, as typed objects over a polars frame.

Owns the shape of imported data: one column per field, extra columns kept as attributes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from probation_inspection.sampling.fields import (
    Disposal,
    Field,
    Gender,
    OfficerGrade,
    Organisation,
    RoSH,
)
from probation_inspection.sampling.reading import ROW

#: Frame columns holding extra (unmapped) columns are the header text behind this prefix.
ATTRIBUTE_PREFIX = "attribute:"


@dataclass(frozen=True)
class Case:
    """One case from a case list: the fields the sample uses and any other columns given."""

    row: int
    crn: str
    gender: Gender | None = None
    disposal: Disposal | None = None
    rosh: RoSH | None = None
    organisation: Organisation | None = None
    delivery_unit: str | None = None
    office: str | None = None
    officer_grade: OfficerGrade | None = None
    start_date: dt.date | None = None
    upw_start_date: dt.date | None = None
    upw_hours: int | None = None
    release_date: dt.date | None = None
    releasing_prison: str | None = None
    attributes: Mapping[str, str | None] = field(default_factory=dict, hash=False)

    def value(self, name: Field) -> object:
        return getattr(self, name.value)

    def framework_attributes(self) -> dict[str, object]:
        """The case's facts under the framework's attribute names and values.

        Case lists spell categories with hyphens ("community-order"); frameworks use the
        reports' words ("community order"). Absent facts are left out, not set to None.
        """

        def words(value: object) -> object:
            return None if value is None else str(value).replace("-", " ")

        attributes: dict[str, object] = {str(k): v for k, v in self.attributes.items()}
        attributes.update({
            "crn": self.crn,
            "gender": words(self.gender),
            "disposal": words(self.disposal),
            "rosh_level": words(self.rosh),
            "responsible_officer_grade": None if self.officer_grade is None
            else str(self.officer_grade),
            "delivery_unit": self.delivery_unit,
            "organisation": None if self.organisation is None else str(self.organisation),
            "office": self.office,
            "upw_hours": self.upw_hours,
            "releasing_prison": self.releasing_prison,
        })
        for name in ("start_date", "upw_start_date", "release_date"):
            value = getattr(self, name)
            attributes[name] = value.isoformat() if value is not None else None
        return {key: value for key, value in attributes.items() if value is not None}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Case:
        def category(name: Field, kind: type[Any]) -> Any:
            value = row[name.value]
            return None if value is None else kind(value)

        return cls(
            row=int(row[ROW]),
            crn=str(row[Field.CRN.value]),
            gender=category(Field.GENDER, Gender),
            disposal=category(Field.DISPOSAL, Disposal),
            rosh=category(Field.ROSH, RoSH),
            organisation=category(Field.ORGANISATION, Organisation),
            delivery_unit=row[Field.DELIVERY_UNIT.value],
            office=row[Field.OFFICE.value],
            officer_grade=category(Field.OFFICER_GRADE, OfficerGrade),
            start_date=row[Field.START_DATE.value],
            upw_start_date=row[Field.UPW_START_DATE.value],
            upw_hours=row[Field.UPW_HOURS.value],
            release_date=row[Field.RELEASE_DATE.value],
            releasing_prison=row[Field.RELEASING_PRISON.value],
            attributes={
                key.removeprefix(ATTRIBUTE_PREFIX): value
                for key, value in row.items()
                if key.startswith(ATTRIBUTE_PREFIX)
            },
        )


def cases_of(frame: pl.DataFrame) -> Iterator[Case]:
    """The cases of a validated frame, in frame order; meant for samples, not whole lists."""
    for row in frame.iter_rows(named=True):
        yield Case.from_row(row)


@dataclass(frozen=True)
class CaseList:
    """A case list that passed validation.

    ``frame`` has ``row``, one typed column per ``Field`` (null where the file has no such
    column) and one text column per extra header, named ``attribute:<header>``.
    """

    source: str
    frame: pl.DataFrame
    #: The header each field was read from.
    columns: Mapping[Field, str]
    #: Headers of the extra columns kept as attributes, in file order.
    attributes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return self.frame.height

    def cases(self) -> Iterator[Case]:
        return cases_of(self.frame)

    def case(self, crn: str) -> Case:
        found = self.frame.filter(pl.col(Field.CRN.value) == crn.strip().upper())
        if found.is_empty():
            raise KeyError(crn)
        return Case.from_row(found.row(0, named=True))
