"""A framework file's ``sample_types``: the case sets it draws and who is eligible for each.

Owns that part of the file format and its checks (FW601-FW605); `loader` calls
`read_sample_types` with its builder. The case-list vocabulary (field names, category values)
is the sampling package's: it is read when a file is loaded, not when this module is imported,
so the framework package keeps no import-time dependency on sampling.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from probation_inspection.framework.errors import Code
from probation_inspection.framework.marked import MarkedList, MarkedMap
from probation_inspection.framework.model import (
    Eligibility,
    FieldFilter,
    Offset,
    SampleTypeDefinition,
)

if TYPE_CHECKING:
    from probation_inspection.framework.loader import _Builder

FIELDS: dict[str, tuple[set[str], set[str]]] = {
    "sample type": ({"id", "label", "fields", "eligibility"},
                    {"strata", "description", "notes", "published_as"}),
    "eligibility": ({"date", "to"}, {"from", "where"}),
    "filter": ({"field", "in"}, {"blank"}),
}

_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_PART = re.compile(r"([0-9]{1,4}) (month|week|day)s?")
_OFFSET = re.compile(r"(?:[0-9]{1,4} (?:month|week|day)s?)(?: [0-9]{1,4} (?:month|week|day)s?)*"
                     r"(?: before fieldwork)?")
_BLANK = ("eligible", "not eligible")


def parse_offset(text: str) -> Offset | None:
    """``"7 months"``, ``"6 weeks 13 days"`` (optionally ``"... before fieldwork"``); None if
    the text is not one. Months come first, then weeks, then days, each at most once."""
    words = " ".join(text.split())
    if not _OFFSET.fullmatch(words):
        return None
    amounts: dict[str, int] = {}
    order = ("month", "week", "day")
    last = -1
    for count, unit in _PART.findall(words):
        if unit in amounts or order.index(unit) < last:
            return None
        last = order.index(unit)
        amounts[unit] = int(count)
    return Offset(amounts.get("month", 0), amounts.get("week", 0), amounts.get("day", 0))


def read_sample_types(builder: _Builder, data: MarkedMap, owner: str
                      ) -> tuple[SampleTypeDefinition, ...]:
    """The framework's declared sample types, every problem noted on ``builder``.

    A file that declares none has none: no code supplies default samples. A standard that
    names a ``sample_type`` in such a file is then FW601, naming that standard."""
    if "sample_types" not in data:
        return ()
    definitions: list[SampleTypeDefinition] = []
    seen: dict[str, int] = {}
    for item in builder.mappings(data, "sample_types", owner):
        identifier = builder.text(item, "id", "sample type") or "sample type"
        element = identifier
        builder.check_fields(item, "sample type", element)
        line = item.line_of("id") if "id" in item else item.line
        if "id" in item and not _ID.match(identifier):
            builder.problem(Code.INVALID_VALUE, f"sample type id {identifier!r} must be lower "
                            "case letters, digits and hyphens", line, element)
        if identifier in seen:
            builder.problem(Code.DUPLICATE_ID, f"sample type {identifier!r} is already declared "
                            f"on line {seen[identifier]}", line, element)
            continue
        seen[identifier] = line
        builder.locations[element] = line
        eligibility = item.get("eligibility")
        window = (_eligibility(builder, eligibility, element)
                  if isinstance(eligibility, MarkedMap) else None)
        if "eligibility" in item and window is None:
            if not isinstance(eligibility, MarkedMap):
                builder.problem(Code.WRONG_TYPE, "'eligibility' must be a mapping (date, from, "
                                "to, where)", item.line_of("eligibility"), element)
            window = Eligibility("", Offset())
        definitions.append(SampleTypeDefinition(
            id=identifier,
            label=builder.text(item, "label", element),
            fields=_field_names(builder, item, "fields", element),
            eligibility=window or Eligibility("", Offset()),
            strata=_field_names(builder, item, "strata", element),
            description=builder.text(item, "description", element, wording=False),
            notes=builder.notes(item, element),
            published_as=_published_as(builder, item, element),
        ))
    return tuple(definitions)


def published_sample_fields() -> tuple[str, ...]:
    """The sample sizes a published report's record holds (`published.record.Samples`), the
    values a sample type's ``published_as`` may take."""
    import dataclasses

    from probation_inspection.published.record import Samples

    return tuple(field.name for field in dataclasses.fields(Samples))


def _published_as(builder: _Builder, item: MarkedMap, element: str) -> str:
    """``published_as``: which sample size of a published report this sample is."""
    if "published_as" not in item:
        return ""
    raw = builder.text(item, "published_as", element)
    known = published_sample_fields()
    if raw and raw not in known:
        builder.problem(Code.INVALID_VALUE, f"'published_as' is {raw!r}; expected one of the "
                        f"published reports' sample sizes: {', '.join(known)}",
                        item.line_of("published_as"), element)
        return ""
    return raw


def check_standard_sample_type(builder: _Builder, data: MarkedMap, element: str,
                               declared: tuple[SampleTypeDefinition, ...]) -> str | None:
    """A standard's ``sample_type``: the id of one the file declares (FW601 otherwise)."""
    if "sample_type" not in data:
        return None
    raw = builder.text(data, "sample_type", element)
    ids = [definition.id for definition in declared]
    if raw and raw not in ids:
        known = ", ".join(ids) if ids else "none: declare them under 'sample_types'"
        builder.problem(Code.UNKNOWN_SAMPLE_TYPE, f"'sample_type' is {raw!r}, which the file "
                        f"does not declare (declared: {known})", data.line_of("sample_type"),
                        element)
        return None
    return raw or None


def _vocabulary() -> tuple[list[str], dict[str, dict[str, str]]]:
    """Case-list field names, and each category field's spellings -> canonical values."""
    from probation_inspection.sampling.fields import CATEGORIES, Field, normalise, spellings

    categories = {field.value: {normalise(k): v for k, v in spellings(field).items()}
                  for field in CATEGORIES}
    return [field.value for field in Field], categories


def _field_names(builder: _Builder, data: MarkedMap, key: str, element: str) -> tuple[str, ...]:
    raw = data.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, MarkedList) or not all(isinstance(v, str) for v in raw):
        builder.problem(Code.WRONG_TYPE, f"{key!r} must be a list of case-list field names",
                        data.line_of(key), element)
        return ()
    known, _ = _vocabulary()
    names: list[str] = []
    for value in raw:
        name = str(value)
        if name not in known:
            builder.problem(Code.UNKNOWN_CASE_LIST_FIELD, f"{name!r} in {key!r} is not a "
                            f"case-list field (known: {', '.join(known)})", data.line_of(key),
                            element)
        elif name not in names:
            names.append(name)
    return tuple(names)


def _eligibility(builder: _Builder, data: MarkedMap, owner: str) -> Eligibility:
    from probation_inspection.sampling.fields import DATE_FIELDS, normalise

    element = f"{owner}.eligibility"
    builder.check_fields(data, "eligibility", element)
    known, categories = _vocabulary()
    date_field = builder.text(data, "date", element)
    dates = [field.value for field in DATE_FIELDS]
    if date_field and date_field not in dates:
        builder.problem(Code.UNKNOWN_CASE_LIST_FIELD, f"'date' is {date_field!r}, not a date "
                        f"field of the case list (one of: {', '.join(dates)})",
                        data.line_of("date"), element)
    latest = _offset(builder, data, "to", element) or Offset()
    earliest = _offset(builder, data, "from", element)
    if earliest is not None and "to" in data:
        # Compared on a day that makes the month arithmetic plain; a window whose earliest day
        # is not before its latest for any fieldwork start selects nobody.
        probe = dt.date(2001, 1, 31)
        if earliest.before(probe) > latest.before(probe):
            builder.problem(Code.WINDOW_INVERTED, f"'from' ({earliest}) must reach further "
                            f"back than 'to' ({latest})", data.line_of("from"), element)
    filters: list[FieldFilter] = []
    for index, item in enumerate(builder.mappings(data, "where", element)):
        where = f"{element}.where[{index}]"
        builder.check_fields(item, "filter", where)
        field_name = builder.text(item, "field", where)
        if field_name and field_name not in known:
            builder.problem(Code.UNKNOWN_CASE_LIST_FIELD, f"{field_name!r} is not a case-list "
                            f"field (known: {', '.join(known)})", item.line_of("field"), where)
            continue
        raw = item.get("in")
        if not isinstance(raw, MarkedList) or not raw or not all(isinstance(v, str) for v in raw):
            if "in" in item:
                builder.problem(Code.WRONG_TYPE, "'in' must be a list of one or more values",
                                item.line_of("in"), where)
            continue
        values: list[str] = []
        spellings = categories.get(field_name)
        for value in raw:
            text = str(value)
            if spellings is not None:
                canonical = spellings.get(normalise(text))
                if canonical is None:
                    allowed = ", ".join(sorted(set(spellings.values())))
                    builder.problem(Code.UNKNOWN_FILTER_VALUE, f"{text!r} is not a value of "
                                    f"{field_name!r} (one of: {allowed})", item.line_of("in"),
                                    where)
                    continue
                text = canonical
            if text not in values:
                values.append(text)
        blank = builder.text(item, "blank", where) if "blank" in item else "not eligible"
        if blank not in _BLANK:
            builder.problem(Code.INVALID_VALUE, f"'blank' is {blank!r}; expected one of: "
                            f"{', '.join(_BLANK)}", item.line_of("blank"), where)
        filters.append(FieldFilter(field_name, tuple(values), blank == "eligible"))
    return Eligibility(date_field, latest, earliest, tuple(filters))


def _offset(builder: _Builder, data: MarkedMap, key: str, element: str) -> Offset | None:
    if key not in data:
        return None
    text = builder.text(data, key, element)
    offset = parse_offset(text) if text else None
    if offset is None and text:
        builder.problem(Code.WINDOW_SYNTAX, f"{key!r} is {text!r}; write a time before "
                        "fieldwork as months, weeks and days in that order, such as "
                        "'7 months' or '6 weeks 13 days'", data.line_of(key), element)
    return offset
