"""Tests for ``probation-inspection rate``: the table, the exact JSON shape and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from probation_inspection.cli import app

#: The framework the seed reports were inspected under: the commands need it named.
CRC = ["--framework", "hmip-crc-2018"]

RUNNER = CliRunner()
WIDE = {"COLUMNS": "200"}  # one table row per line, so the assertions can read rows


def _published(fixtures: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(
        (fixtures / "published-results.json").read_text(encoding="utf-8")
    )
    return entries


def _write(tmp_path: Path, document: object, name: str = "input.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _rows(output: str) -> dict[str, list[str]]:
    """Table rows keyed by standard id, each a list of its cell texts."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if cells and cells[0][:3].replace(".", "").isdigit():
            rows[cells[0].split()[0]] = cells
    return rows


def test_table_shows_every_standard_and_the_overall(fixtures: Path) -> None:
    result = RUNNER.invoke(app, ["rate", *CRC, str(fixtures / "published-results.json")], env=WIDE)
    assert result.exit_code == 0, result.output
    output = result.stdout
    assert output.count("Score ") == 3
    assert "Score 11 of 30: overall Requires improvement (published Requires improvement: yes)" in (
        output
    )
    assert "Score 9 of 30: overall Requires improvement" in output
    assert "Score 12 of 30: overall Requires improvement" in output
    assert "Unexplained deviation" not in output
    wales = output.split("Staffordshire")[0]
    rows = _rows(wales)
    assert list(rows) == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2"]
    assert rows["2.2"][1:] == [
        "61, 64, 48",
        "48 (2.2.3)",
        "Inadequate",
        "yes [1]",
        "Requires improvement",
        "Requires improvement",
        "footnoted",
    ]
    assert rows["4.1"][1:3] == ["64, 72, 51, 79", "51 (4.1.3)"]
    assert rows["1.1"][3] == "Good"
    assert "[1] 2.2: Inadequate -> Requires improvement (from/to inferred)" in wales


def test_table_flags_an_unexplained_deviation(fixtures: Path, tmp_path: Path) -> None:
    entry = _published(fixtures)[1]
    entry["standards"]["2.3"] = "Requires improvement"
    result = RUNNER.invoke(app, ["rate", *CRC, str(_write(tmp_path, entry))], env=WIDE)
    assert result.exit_code == 0, result.output
    assert _rows(result.stdout)["2.3"][-1] == "NO"
    assert "Unexplained deviation 2.3: published Requires improvement, computed Inadequate" in (
        result.stdout
    )


def test_json_has_exactly_the_documented_shape(fixtures: Path) -> None:
    path = fixtures / "published-results.json"
    result = RUNNER.invoke(app, ["rate", *CRC, str(path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)  # exactly one JSON document, nothing else
    assert list(document) == ["reports"]
    assert len(document["reports"]) == 3
    wales = document["reports"][0]
    assert list(wales) == ["provider", "standards", "score", "max_score", "overall", "findings"]
    assert wales["provider"] == (
        "Wales division of Kent, Surrey and Sussex Community Rehabilitation Company"
    )
    assert (wales["score"], wales["overall"], wales["findings"]) == (
        11,
        "Requires improvement",
        [],
    )
    assert wales["max_score"] == 30
    assert wales["standards"]["1.2"] == {
        "rule_rating": "Requires improvement",
        "rating": "Requires improvement",
        "limiting_key_question": None,
        "lowest_percent": None,
        "discretion": None,
        "uncertain": None,
        "cases_to_change": None,
        "scored": True,
        "not_rated_reason": None,
        "limited_by": None,
    }
    assert wales["standards"]["2.2"] == {
        "rule_rating": "Inadequate",
        "rating": "Requires improvement",
        "limiting_key_question": "2.2.3",
        "lowest_percent": 48,
        "discretion": {"from": "Inadequate", "to": "Requires improvement"},
        # Published percentages alone give no interval: nothing to say, so null.
        "uncertain": None,
        "cases_to_change": None,
        "scored": True,
        "not_rated_reason": None,
        "limited_by": None,
    }
    for report in document["reports"]:
        assert list(report["standards"]) == [
            "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2",
        ]  # fmt: skip
        for rating in report["standards"].values():
            assert list(rating) == [
                "rule_rating", "rating", "limiting_key_question", "lowest_percent", "discretion",
                "uncertain", "cases_to_change", "scored", "not_rated_reason", "limited_by",
            ]  # fmt: skip
    assert [r["score"] for r in document["reports"]] == [11, 9, 12]


def test_json_for_a_single_object_and_its_findings(fixtures: Path, tmp_path: Path) -> None:
    entry = _published(fixtures)[2]
    entry["standards"]["4.2"] = "Outstanding"
    entry["overall"] = "Good"
    result = RUNNER.invoke(app, ["rate", *CRC, str(_write(tmp_path, entry)), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["reports"][0]
    assert report["findings"] == [
        {
            "standard": "4.2",
            "kind": "unexplained-deviation",
            "published": "Outstanding",
            "computed": "Good",
        },
        {
            "standard": "overall",
            "kind": "unexplained-deviation",
            "published": "Good",
            "computed": "Requires improvement",
        },
    ]


def _wales_with_counts(fixtures: Path) -> dict[str, Any]:
    """Wales as published, with planning's key questions given as counts (130 cases; 105
    with risk of serious harm issues: "50 (48 per cent) of the 105 relevant cases")."""
    entry = _published(fixtures)[0]
    entry["key_questions"].update({
        "2.2.1": {"yes": 79, "relevant": 130},
        "2.2.2": {"yes": 83, "relevant": 130, "percent": 64},
        "2.2.3": {"yes": 50, "relevant": 105},
    })
    return entry


def test_json_says_how_sure_a_rating_is_where_counts_are_given(
    fixtures: Path, tmp_path: Path
) -> None:
    path = _write(tmp_path, _wales_with_counts(fixtures))
    result = RUNNER.invoke(app, ["rate", *CRC, str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["reports"][0]
    planning = report["standards"]["2.2"]
    assert (planning["lowest_percent"], planning["rule_rating"], planning["rating"]) == (
        48, "Inadequate", "Requires improvement",
    )
    assert planning["uncertain"] is True
    assert planning["cases_to_change"] == {"up": 2, "down": None}
    assert report["standards"]["2.1"]["uncertain"] is None  # still percentages only
    assert (report["score"], report["findings"]) == (11, [])


def test_a_narrower_confidence_can_make_a_rating_certain(fixtures: Path, tmp_path: Path) -> None:
    entry = _wales_with_counts(fixtures)
    entry["confidence"] = 0.2
    result = RUNNER.invoke(app, ["rate", *CRC, str(_write(tmp_path, entry)), "--json"])
    assert result.exit_code == 0, result.output
    planning = json.loads(result.stdout)["reports"][0]["standards"]["2.2"]
    assert planning["uncertain"] is False
    assert planning["cases_to_change"] == {"up": 2, "down": None}


def test_table_names_an_uncertain_rating_with_its_figures(fixtures: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, _wales_with_counts(fixtures))
    result = RUNNER.invoke(app, ["rate", *CRC, str(path)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert (
        "2.2 is uncertain (band-edge): key question 2.2.3: 50 (48%) of 105, 80% interval 41% to "
        "54%; 2 more Yes would make it Requires improvement"
    ) in result.stdout
    assert _rows(result.stdout)["2.2"][1] == "61, 64, 48"


def _bad(fixtures: Path, change: str) -> object:
    entries = _published(fixtures)
    entry = entries[0]
    if change == "percent-too-high":
        entry["key_questions"]["2.1.1"] = 101
    elif change == "percent-fraction":
        entry["key_questions"]["2.1.1"] = 67.5
    elif change == "percent-text":
        entry["key_questions"]["2.1.1"] = "67"
    elif change == "missing-key-question":
        del entry["key_questions"]["4.2.3"]
    elif change == "unknown-standard":
        entry["standards"]["5.1"] = "Good"
    elif change == "unknown-label":
        entry["standards"]["1.3"] = "Excellent"
    elif change == "no-standards":
        del entry["standards"]
    elif change == "discretion-not-list":
        entry["discretion"] = {"standard": "2.2"}
    elif change == "discretion-without-rationale":
        entry["discretion"] = [{"standard": "2.2", "from": "Inadequate", "to": "Good"}]
    elif change == "counts-yes-above-relevant":
        entry["key_questions"]["2.2.3"] = {"yes": 106, "relevant": 105}
    elif change == "counts-not-whole":
        entry["key_questions"]["2.2.3"] = {"yes": 50.5, "relevant": 105}
    elif change == "counts-percent-disagrees":
        entry["key_questions"]["2.2.3"] = {"yes": 50, "relevant": 105, "percent": 50}
    elif change == "counts-unknown-field":
        entry["key_questions"]["2.2.3"] = {"yes": 50, "relevant": 105, "no": 55}
    elif change == "confidence-out-of-range":
        entry["confidence"] = 80
    elif change == "not-an-object":
        return [entry, 42]
    return entries


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("percent-too-high", "report 1 (Wales division of Kent, Surrey and Sussex Community"),
        (
            "percent-too-high",
            "key question 2.1.1: percentage must be a whole number 0-100, got 101",
        ),
        (
            "percent-fraction",
            "key question 2.1.1: percentage must be a whole number 0-100, got 67.5",
        ),
        ("percent-text", "key question 2.1.1: percentage must be a whole number 0-100, got '67'"),
        ("missing-key-question", "standard 4.2: no percentage for key question 4.2.3"),
        ("unknown-standard", "unknown standard 5.1 in hmip-crc-2018"),
        ("unknown-label", "standard 1.3: unknown rating 'Excellent'"),
        ("no-standards", "'standards' must be an object, got nothing"),
        ("discretion-not-list", "'discretion' must be a list, got an object"),
        ("discretion-without-rationale", "discretion 1: a discretion needs a rationale"),
        ("not-an-object", "report 2: expected an object, got a number"),
        ("counts-yes-above-relevant",
         "key_questions.2.2.3: 106 yes of 105 relevant cases is not a percentage"),
        ("counts-not-whole", "key_questions.2.2.3: 'yes' must be a whole number of cases"),
        ("counts-percent-disagrees", "key_questions.2.2.3: 50 of 105 is 48%, not the 50% given"),
        ("counts-unknown-field", "key_questions.2.2.3: unknown field 'no'"),
        ("confidence-out-of-range", "'confidence' must be a number between 0 and 1"),
    ],
)
def test_malformed_input_exits_2_naming_file_and_place(
    fixtures: Path, tmp_path: Path, change: str, message: str
) -> None:
    path = _write(tmp_path, _bad(fixtures, change))
    result = RUNNER.invoke(app, ["rate", *CRC, str(path), "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing half-printed
    assert str(path) in result.stderr
    assert message in result.stderr


def test_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"provider": "X",\n  "standards": }', encoding="utf-8")
    result = RUNNER.invoke(app, ["rate", *CRC, str(path)])
    assert result.exit_code == 2
    assert f"{path}: not JSON: Expecting value at line 2, column 16" in result.stderr


@pytest.mark.parametrize("document", [[], "text", 7, {"standards": {}}])
def test_wrong_top_level_shape_exits_2(tmp_path: Path, document: object) -> None:
    result = RUNNER.invoke(app, ["rate", *CRC, str(_write(tmp_path, document))])
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr


def test_missing_file_and_unknown_framework_exit_2(fixtures: Path, tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["rate", *CRC, str(tmp_path / "absent.json")])
    assert result.exit_code == 2
    assert "absent.json: cannot read the file" in result.stderr
    path = str(fixtures / "published-results.json")
    result = RUNNER.invoke(app, ["rate", path, "--framework", "no-such-framework"])
    assert result.exit_code == 2
    assert "--framework: no shipped framework 'no-such-framework'" in result.stderr


def test_an_unrated_framework_exits_2(fixtures: Path) -> None:
    path = str(fixtures / "published-results.json")
    result = RUNNER.invoke(app, ["rate", path, "--framework", "hmip-tr-ei5-2016"])
    assert result.exit_code == 2
    assert "--framework: hmip-tr-ei5-2016 is not rated" in result.stderr
