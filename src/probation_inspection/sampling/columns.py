"""Matching a case list's headers to fields: default spellings and ``--map`` overrides.

Owns header problems (missing required column, duplicate header, mapped header not found).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from probation_inspection.sampling.fields import (
    DEFAULT_HEADERS,
    FIELD_LABELS,
    Field,
    field_named,
    normalise,
)
from probation_inspection.sampling.problems import Problem, quoted


def resolve_columns(
    headers: Iterable[str],
    overrides: Mapping[Field, str] | None = None,
    required: Iterable[Field] = (),
) -> tuple[dict[Field, int], list[Problem]]:
    """Match headers to fields: overrides first, then the default spellings, in priority order.

    Returns the column index of each matched field and the problems with the header row.
    """
    headers = list(headers)
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = normalise(header)
        if not key:
            continue
        if key in positions:
            columns = f"columns {positions[key] + 1} and {index + 1}"
            problems.append(Problem(1, header, header,
                                    f"the header {quoted(header)} appears twice ({columns})"))
            continue
        positions[key] = index
    matched: dict[Field, int] = {}
    for field, header in (overrides or {}).items():
        if normalise(header) in positions:
            matched[field] = positions[normalise(header)]
        else:
            problems.append(Problem(1, header, None, f"no column headed {quoted(header)} for "
                                    f"{FIELD_LABELS[field]}; the headers are {', '.join(headers)}"))
    for field, spellings_ in DEFAULT_HEADERS.items():
        if field in matched or (overrides and field in overrides):
            continue
        claimed = set(matched.values())
        for spelling in spellings_:
            index = positions.get(normalise(spelling), -1)
            if index >= 0 and index not in claimed:
                matched[field] = index
                break
    for field in required:
        if field not in matched and not (overrides and field in overrides):
            looked = ", ".join(DEFAULT_HEADERS[field])
            problems.append(Problem(1, None, None, f"no column for {FIELD_LABELS[field]}, which "
                                    f"is required; looked for the headers {looked} "
                                    f"(or name it with --map {field.value}=HEADER)"))
    return matched, problems


def parse_overrides(pairs: Iterable[str]) -> dict[Field, str]:
    """``field=Header`` pairs (as given to ``--map``) as a mapping; ValueError names a bad one."""
    overrides: dict[Field, str] = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        if not sep or not header.strip():
            raise ValueError(f"--map {pair!r} should be FIELD=HEADER, e.g. crn=\"Case ref\"")
        try:
            overrides[field_named(name)] = header.strip()
        except KeyError:
            names = ", ".join(field.value for field in Field)
            message = f"--map {pair!r}: unknown field {name!r}; fields are {names}"
            raise ValueError(message) from None
    return overrides
