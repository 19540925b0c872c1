"""Problems found in a case list, and the error that carries all of them at once.

Owns how a problem names its place (row, column) and value; holds no checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnSample:
    """A column of a case list as a person choosing it would want to see it."""

    header: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case list, where a person would find it.

    ``row`` counts rows as a spreadsheet shows them (the header is row 1); ``column`` is the
    header text as written in the file. Either is None when the problem has no such place.
    ``missing_field`` names the field (its value, "start_date") when the problem is that no
    single column could be read as it, so each audience can say how to choose one; ``columns``
    then gives every column of the file with a few of its values, to choose from.
    """

    row: int | None
    column: str | None
    value: str | None
    message: str
    missing_field: str | None = None
    columns: tuple[ColumnSample, ...] = ()

    def __str__(self) -> str:
        place = [f"row {self.row}"] if self.row is not None else []
        if self.column is not None:
            place.append(f"column {self.column}")
        return f"{', '.join(place)}: {self.message}" if place else self.message


class CaseListError(ValueError):
    """A case list that cannot be imported; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"{source}: {count} problem{'s' if count != 1 else ''}"]
        lines += [str(problem) for problem in self.problems[:20]]
        if count > 20:
            lines.append(f"... and {count - 20} more")
        super().__init__("\n".join(lines))

    @property
    def missing_fields(self) -> tuple[str, ...]:
        """The fields (values) no single column could be read as, in the order reported."""
        return tuple(dict.fromkeys(p.missing_field for p in self.problems if p.missing_field))

    @classmethod
    def single(cls, source: str, message: str) -> CaseListError:
        return cls(source, (Problem(None, None, None, message),))


def quoted(value: str | None) -> str:
    return "(blank)" if value is None else f'"{value}"'
