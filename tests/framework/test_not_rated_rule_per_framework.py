"""What each shipped framework's overall does when a standard cannot be rated, through `rate`.

No source we hold states the inspectorate's rule for a scored standard that is not rated (too
few cases, no sample) in any of its frameworks, so none declares `when_not_rated` and each
keeps the format's conservative default: the overall is not rated (docs/frameworks.md says so
per framework). What the sources do state is which standards count at all: the youth
resettlement standard "does not contribute to the overall rating" and the 2023 PDU overall
rests on the four case standards; a standard outside the overall never stops it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.framework import available_frameworks, load_framework
from probation_inspection.framework.model import Framework, WhenNotRated

RUNNER = CliRunner()

RATED = [summary for summary in available_frameworks() if summary.rated]


def _rate(tmp_path: Path, framework: Framework, ratings: dict[str, str]) -> Any:
    entry = {"provider": "Anywhere", "framework": f"{framework.id}@{framework.version}",
             "standards": ratings, "key_questions": {}}
    path = tmp_path / "input.json"
    path.write_text(json.dumps(entry), encoding="utf-8")
    result = RUNNER.invoke(app, ["rate", str(path), "--json"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["reports"][0]


def _all_good(framework: Framework) -> dict[str, str]:
    assert framework.rating is not None
    good = framework.rating.labels[-2]
    return {standard.id: good for standard in framework.standards()}


@pytest.mark.parametrize("summary", RATED, ids=[s.id for s in RATED])
def test_no_shipped_framework_declares_a_rule_no_source_states(summary: Any) -> None:
    framework = load_framework(summary.id, summary.version)
    assert framework.rating is not None
    assert framework.rating.when_not_rated is WhenNotRated.NOT_RATED


@pytest.mark.parametrize("summary", RATED, ids=[s.id for s in RATED])
def test_a_scored_standard_not_rated_leaves_the_overall_not_rated(
    summary: Any, tmp_path: Path
) -> None:
    framework = load_framework(summary.id, summary.version)
    ratings = _all_good(framework)
    rated = _rate(tmp_path, framework, ratings)
    assert rated["overall"] == "Good", rated
    assert rated["max_score"] == framework.maximum_score
    last_scored = framework.scored_standards()[-1]
    del ratings[last_scored.id]
    report = _rate(tmp_path, framework, ratings)
    standard = report["standards"][last_scored.id]
    assert (standard["rating"], standard["scored"]) == ("Not rated", True)
    assert standard["not_rated_reason"]
    assert report["overall"] == "Not rated"


@pytest.mark.parametrize("summary", RATED, ids=[s.id for s in RATED])
def test_a_standard_outside_the_overall_never_stops_it(summary: Any, tmp_path: Path) -> None:
    framework = load_framework(summary.id, summary.version)
    scored = {standard.id for standard in framework.scored_standards()}
    unscored = [standard.id for standard in framework.standards() if standard.id not in scored]
    ratings = _all_good(framework)
    for standard_id in unscored:
        del ratings[standard_id]
    report = _rate(tmp_path, framework, ratings)
    assert report["overall"] == "Good"
    for standard_id in unscored:
        assert report["standards"][standard_id]["scored"] is False
        assert report["standards"][standard_id]["rating"] == "Not rated"


def test_the_declared_unscored_standards_are_the_ones_the_sources_name() -> None:
    # Youth resettlement [V, Portsmouth YOT report 2022]; the 2023 PDU domain one, since the
    # forewords tie the overall to the four case standards [D/R].
    unscored = {
        summary.id: [standard.id for standard in load_framework(summary.id).standards()
                     if standard.id not in {s.id for s in
                                            load_framework(summary.id).scored_standards()}]
        for summary in RATED
    }
    assert unscored == {
        "hmip-crc-2018": [], "hmip-nps-2018": [], "hmip-pdu-2021": [],
        "hmip-pdu-2023": ["1.1", "1.2", "1.3"], "hmip-yjs-2021": ["4.1"],
    }
