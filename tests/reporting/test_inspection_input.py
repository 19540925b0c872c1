"""The inspection-input JSON file: round trip, and errors that name the place."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from probation_inspection.reporting import (
    Inspection,
    Report,
    ReportingError,
    build_report,
    inspection_from_json,
    inspection_to_json,
)


@pytest.fixture(scope="module")
def data(wales_inspection: Inspection) -> dict[str, Any]:
    return json.loads(json.dumps(inspection_to_json(wales_inspection)))


def test_an_inspection_survives_the_file_unchanged(
    data: dict[str, Any], wales_inspection: Inspection, wales_report: Report
) -> None:
    read = inspection_from_json(data)
    assert read == wales_inspection
    assert build_report(read).to_json() == wales_report.to_json()


def _broken(data: dict[str, Any], change: Any) -> dict[str, Any]:
    broken = copy.deepcopy(data)
    change(broken)
    return broken


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(format="other"), "in.json: not an inspection-input file"),
    (lambda d: d.update(version=2), "in.json: unsupported version"),
    (lambda d: d.pop("provider"), "in.json: missing 'provider'"),
    (lambda d: d["framework"].update(id="nope"), "in.json.framework: no shipped framework"),
    (lambda d: d.update(fieldwork_start="Feb 2019"),
     "in.json.fieldwork_start: expected a date as YYYY-MM-DD"),
    (lambda d: d["samples"][0].update(sample_type="probation"),
     r"in.json.samples\[0\].sample_type: 'probation' is not a known sample type"),
    (lambda d: d["samples"][1]["assessments"][2]["answers"].update({"4.1.1": "maybe"}),
     r"in.json.samples\[1\].assessments\[2\].answers\['4.1.1'\]: 'maybe' is not a known answer"),
    (lambda d: d["samples"][0].update(size="130"),
     r"in.json.samples\[0\].size: expected a whole number, got '130'"),
    (lambda d: d["samples"][0]["assessments"][0]["attributes"].update(rosh_issues=[1]),
     r"attributes\['rosh_issues'\]: expected text, a whole number or true/false"),
    (lambda d: d["samples"][0].update(strata=["shoe size"]),
     r"strata\[0\]: 'shoe size' is not a known case-list field"),
    (lambda d: d["decisions"]["discretions"]["2.2"].update(rationale=" "),
     "in.json.decisions: discretion Inadequate -> Requires improvement needs a rationale"),
    (lambda d: d.update(samples={}), r"in.json.samples: expected a list"),
    (lambda d: d.update(team=[]), r"in.json.team: expected an object"),
    (lambda d: d.update(practice_examples=[{"standard_id": "2.2", "kind": "ok", "text": "x"}]),
     r"practice_examples\[0\].kind: 'ok' is not a known practice kind"),
])
def test_bad_input_names_the_place(data: dict[str, Any], change: Any, message: str) -> None:
    with pytest.raises(ReportingError, match=message):
        inspection_from_json(_broken(data, change), where="in.json")


def test_optional_sections_may_be_left_out(data: dict[str, Any]) -> None:
    minimal = {k: v for k, v in data.items()
               if k not in ("narrative", "contextual_facts", "evidence", "moderation",
                            "practice_examples", "other_inspections", "notice")}
    inspection = inspection_from_json(minimal)
    assert inspection.evidence is None and inspection.notice == ""
    assert inspection.narrative.foreword == ""


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            found += _paths(item, (*path, index))
    return found


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 500) | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                  max_size=3),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def small(data: dict[str, Any]) -> dict[str, Any]:
    """The Wales input with three cases per sample, so damaged copies are quick to read."""
    trimmed = copy.deepcopy(data)
    for sample in trimmed["samples"]:
        sample["assessments"] = sample["assessments"][:3]
        sample["size"] = 3
    return trimmed


@given(choice=st.data(), replacement=JSON_VALUES)
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_damaged_files_give_a_reporting_error_never_a_crash(
    small: dict[str, Any], choice: st.DataObject, replacement: Any
) -> None:
    paths = _paths(small)
    path = choice.draw(st.sampled_from(paths[1:]))
    damaged = copy.deepcopy(small)
    target = damaged
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    try:
        inspection_from_json(damaged, where="in.json")
    except ReportingError as error:
        assert str(error).startswith("in.json")
