"""A report model back from its JSON form: a published report is frozen as that JSON and
re-rendered from it later, without recounting anything.

Owns the JSON-to-model direction; `Report.to_json` owns the other.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from typing import Any

from probation_inspection.reporting.inputs import ReportingError
from probation_inspection.reporting.model import Report

#: Top-level keys of `Report.to_json` that are derived views, not fields of the model.
DERIVED = ("summary_of_ratings", "annex", "sections")


def report_from_json(data: object, where: str = "report") -> Report:
    """The `Report` whose `to_json()` gave ``data``; ReportingError naming the place if not."""
    if not isinstance(data, Mapping):
        raise ReportingError(f"{where}: expected an object, got {type(data).__name__}")
    fields = {key: value for key, value in data.items() if key not in DERIVED}
    framework = fields.pop("framework", None)
    if not isinstance(framework, Mapping):
        raise ReportingError(f"{where}.framework: expected an object with id and version")
    fields["framework_id"] = framework.get("id")
    fields["framework_version"] = framework.get("version")
    fields["summary_of_ratings"] = fields.pop("ratings", None)
    report = _build(Report, fields, where)
    if not isinstance(report, Report):  # _build returns the kind it is given
        raise ReportingError(f"{where}: not a report")
    return report


#: The plain types a model field may have, and what JSON values stand for them.
_PLAIN: Mapping[object, type | tuple[type, ...]] = {
    str: str, int: int, float: (int, float), bool: bool,
}


def _build(kind: Any, value: object, where: str) -> object:
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _dataclass(kind, value, where)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if value is None and type(None) in options:
            return None
        (inner,) = [option for option in options if option is not type(None)]
        return _build(inner, value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise ReportingError(f"{where}: expected a list")
        item = typing.get_args(kind)[0]
        return tuple(_build(item, v, f"{where}[{n}]") for n, v in enumerate(value))
    if origin in (Mapping, dict):
        if not isinstance(value, Mapping):
            raise ReportingError(f"{where}: expected an object")
        item = typing.get_args(kind)[1]
        return {str(k): _build(item, v, f"{where}[{k!r}]") for k, v in value.items()}
    expected = _PLAIN.get(kind)
    if expected is None:
        raise ReportingError(f"{where}: cannot read a value of type {kind}")
    if isinstance(value, bool) and kind is not bool or not isinstance(value, expected):
        raise ReportingError(f"{where}: expected {kind.__name__}, got {value!r}")
    return value


def _dataclass(kind: type, value: object, where: str) -> object:
    if not isinstance(value, Mapping):
        raise ReportingError(f"{where}: expected an object, got {type(value).__name__}")
    hints = typing.get_type_hints(kind)
    arguments = {}
    for field in dataclasses.fields(kind):
        if field.name in value:
            arguments[field.name] = _build(hints[field.name], value[field.name],
                                           f"{where}.{field.name}")
        elif (field.default is dataclasses.MISSING
              and field.default_factory is dataclasses.MISSING):
            raise ReportingError(f"{where}: missing {field.name!r}")
    return kind(**arguments)

