"""A report model back from its JSON form, so a published report re-renders unchanged."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from probation_inspection.reporting import Report, ReportingError, render_html, report_from_json


@pytest.fixture(scope="module")
def data(wales_report: Report) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(wales_report.to_json()))
    return loaded


def test_the_model_comes_back_equal_from_its_json(
    data: dict[str, Any], wales_report: Report
) -> None:
    assert report_from_json(data) == wales_report


def test_a_snapshot_renders_the_same_html(data: dict[str, Any], wales_report: Report) -> None:
    assert render_html(report_from_json(data), charts=False) == render_html(
        wales_report, charts=False)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("cover"), r"snap: missing 'cover'"),
    (lambda d: d.pop("framework"), r"snap.framework: expected an object"),
    (lambda d: d["results"]["tables"][0]["standards"][0]["key_questions"][0].update(
        percent="67"), r"snap.results.tables\[0\].standards\[0\].key_questions\[0\].percent: "
                       r"expected int, got '67'"),
    (lambda d: d["domains"][1]["standards"][1]["findings"][0].update(yes=True),
     r"findings\[0\].yes: expected int, got True"),
    (lambda d: d.update(glossary={}), r"snap.glossary: expected a list"),
    (lambda d: d["comparisons"].append({"label": "x", "percents": []}),
     r"snap.comparisons\[0\].percents: expected an object"),
])
def test_a_damaged_snapshot_names_the_place(
    data: dict[str, Any], change: Any, message: str
) -> None:
    damaged = copy.deepcopy(data)
    change(damaged)
    with pytest.raises(ReportingError, match=message):
        report_from_json(damaged, where="snap")


def test_a_snapshot_must_be_an_object() -> None:
    with pytest.raises(ReportingError, match="snap: expected an object, got list"):
        report_from_json([], where="snap")


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:2]):
            found += _paths(item, (*path, index))
    return found


@given(choice=st.data(),
       replacement=st.none() | st.booleans() | st.integers() | st.text(max_size=5)
       | st.lists(st.integers(), max_size=2) | st.dictionaries(st.text(max_size=3),
                                                               st.integers(), max_size=2))
@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_damage_gives_a_reporting_error_never_a_crash(
    data: dict[str, Any], choice: st.DataObject, replacement: Any
) -> None:
    path = choice.draw(st.sampled_from(_paths(data)[1:]))
    damaged = copy.deepcopy(data)
    target = damaged
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    try:
        report_from_json(damaged, where="snap")
    except ReportingError as error:
        assert str(error).startswith("snap")
