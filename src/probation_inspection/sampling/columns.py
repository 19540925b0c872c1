"""Matching a case list's headers to fields: default spellings and chosen columns.

Owns header problems (missing required column, ambiguous or duplicate header, mapped header
not found), worded for any audience: how to name a column is the caller's to say.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from probation_inspection.sampling.fields import (
    DEFAULT_HEADERS,
    FIELD_LABELS,
    Field,
    field_named,
    header_key,
    normalise,
)
from probation_inspection.sampling.problems import Problem, quoted


def resolve_columns(
    headers: Iterable[str],
    overrides: Mapping[Field, str] | None = None,
    required: Iterable[Field] = (),
) -> tuple[dict[Field, int], list[Problem]]:
    """Match headers to fields: overrides first, then the default spellings, in priority order.

    A header matches a spelling when their words agree (``header_key``: case, punctuation,
    word order, filler words and synonyms aside). Two columns that match a field equally well
    are a problem naming both, and the field stays unmatched rather than one being picked
    silently. Returns the column index of each matched field and the problems with the
    header row; a required field left unmatched is a problem that carries the field, so the
    command line and the web page can each say how to name its column.
    """
    headers = list(headers)
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    keys: dict[int, frozenset[str]] = {}
    for index, header in enumerate(headers):
        text = normalise(header)
        if not text:
            continue
        if text in positions:
            columns = f"columns {positions[text] + 1} and {index + 1}"
            problems.append(Problem(1, header, header,
                                    f"the header {quoted(header)} appears twice ({columns})"))
            continue
        positions[text] = index
        keys[index] = header_key(header)
    matched: dict[Field, int] = {}
    for field, header in (overrides or {}).items():
        if normalise(header) in positions:
            matched[field] = positions[normalise(header)]
        else:
            problems.append(Problem(1, header, None, f"no column headed {quoted(header)} for "
                                    f"{FIELD_LABELS[field]}; the headers are {', '.join(headers)}"))
    ambiguous: set[Field] = set()
    for field, spellings_ in DEFAULT_HEADERS.items():
        if field in matched or (overrides and field in overrides):
            continue
        claimed = set(matched.values())
        for spelling in spellings_:
            wanted = header_key(spelling)
            found = [index for index, key in keys.items()
                     if key == wanted and index not in claimed]
            if len(found) == 1:
                matched[field] = found[0]
                break
            if len(found) > 1:
                named = " and ".join(f"{quoted(headers[index])} (column {index + 1})"
                                     for index in found)
                problems.append(Problem(1, headers[found[0]], None,
                                        f"the columns {named} could each be the "
                                        f"{FIELD_LABELS[field]}; say which one to use",
                                        missing_field=field.value))
                ambiguous.add(field)
                break
    for field in required:
        if field not in matched and field not in ambiguous and not (
                overrides and field in overrides):
            found_headers = ", ".join(quoted(header) for header in headers if header.strip())
            problems.append(Problem(1, None, None, f"no column for the {FIELD_LABELS[field]}, "
                                    f"which is required; columns found: {found_headers}",
                                    missing_field=field.value))
    return matched, problems


def parse_overrides(pairs: Iterable[str], given_as: str = "--map") -> dict[Field, str]:
    """``field=Header`` pairs (as given to ``--map``, or the API's ``map``) as a mapping;
    ValueError names a bad one and where it was given."""
    overrides: dict[Field, str] = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        if not sep or not header.strip():
            raise ValueError(f"{given_as} {pair!r} should be FIELD=HEADER, "
                             f"e.g. crn=\"Case ref\"")
        try:
            overrides[field_named(name)] = header.strip()
        except KeyError:
            names = ", ".join(field.value for field in Field)
            message = f"{given_as} {pair!r}: unknown field {name!r}; fields are {names}"
            raise ValueError(message) from None
    return overrides
