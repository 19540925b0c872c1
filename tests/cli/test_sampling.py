"""``probation-inspection sample-size`` and ``sample`` through the Typer app."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.cli.app import EXIT_BAD_INPUT

CASELISTS = Path(__file__).parents[1] / "fixtures" / "caselists"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_sample_size_json() -> None:
    code, out, _ = run("sample-size", "--population", "1000", "--json")
    assert code == 0
    assert json.loads(out) == {"population": 1000, "confidence": 0.8, "margin": 5,
                               "sample_size": 142}


def test_sample_size_text_and_options() -> None:
    code, out, _ = run("sample-size", "--population", "1000", "--confidence", "0.95",
                       "--margin", "2.5")
    assert code == 0
    assert out.strip() == ("607 cases: a population of 1,000 at 95 per cent confidence with a "
                           "margin of error of 2.5.")
    code, out, _ = run("sample-size", "--json")
    assert json.loads(out)["sample_size"] == 165


def test_sample_size_bad_confidence_exits_2() -> None:
    code, _, err = run("sample-size", "--population", "10", "--confidence", "80")
    assert code == EXIT_BAD_INPUT
    assert "confidence must be between 0 and 1" in err


def sample_json(name: str, sample_type: str, *extra: str) -> dict[str, object]:
    code, out, err = run("sample", str(CASELISTS / name), "--type", sample_type,
                         "--fieldwork-start", "2019-03-04", "--seed", "42", "--json", *extra)
    assert code == 0, err
    document: dict[str, object] = json.loads(out)
    return document


def test_sample_json_shape_for_case_supervision() -> None:
    document = sample_json("case-supervision.csv", "case-supervision")
    assert list(document) == ["eligible", "sample_size", "seed", "strata", "sample", "reserves",
                              "representativeness", "methodology"]
    assert document["seed"] == 42
    strata = document["strata"]
    assert isinstance(strata, list)
    assert set(strata[0]) == {"stratum", "population", "allocated"}
    assert set(strata[0]["stratum"]) == {"gender", "disposal", "rosh"}
    assert sum(s["allocated"] for s in strata) == document["sample_size"]
    assert sum(s["population"] for s in strata) == document["eligible"]
    sample, reserves = document["sample"], document["reserves"]
    assert isinstance(sample, list) and isinstance(reserves, list)
    assert len(sample) == document["sample_size"]
    assert not set(sample) & set(reserves)
    assert [table["field"] for table in document["representativeness"]] == [  # type: ignore[attr-defined]
        "gender", "disposal", "rosh"
    ]
    assert str(document["methodology"]).startswith(
        f"We examined {len(sample)} cases from across five local delivery units."
    )
    assert sample_json("case-supervision.csv", "case-supervision") == document


def test_sample_json_strata_keys_follow_the_sample_type() -> None:
    upw = sample_json("unpaid-work.csv", "unpaid-work")
    assert set(upw["strata"][0]["stratum"]) == {"gender", "rosh"}  # type: ignore[index]
    ttg = sample_json("through-the-gate.csv", "through-the-gate")
    assert [s["stratum"] for s in ttg["strata"]] == [{}]  # type: ignore[attr-defined]
    named = sample_json("through-the-gate.csv", "through-the-gate", "--prison", "Cardiff")
    assert named["eligible"] < ttg["eligible"]  # type: ignore[operator]
    spread = sample_json("case-supervision.csv", "case-supervision", "--spread-delivery-units",
                         "--size", "40")
    assert set(spread["strata"][0]["stratum"]) == {  # type: ignore[index]
        "delivery_unit", "gender", "disposal", "rosh"
    }
    assert spread["sample_size"] == 40


def test_sample_text_output_and_out_csv(tmp_path: Path) -> None:
    out_file = tmp_path / "sample.csv"
    code, out, err = run("sample", str(CASELISTS / "case-supervision.csv"), "--type",
                         "case-supervision", "--fieldwork-start", "2019-03-04", "--seed", "42",
                         "--out", str(out_file))
    assert code == 0, err
    assert "600 cases listed" in out
    assert "Allocation by stratum" in out
    assert "We examined" in out
    assert f"to {out_file}" in out.replace("\n", "")
    document = sample_json("case-supervision.csv", "case-supervision")
    with out_file.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["crn"] for r in rows if r["status"] == "sample"] == document["sample"]
    assert [r["crn"] for r in rows if r["status"] == "reserve"] == document["reserves"]
    assert all(r["stratum"].count(" / ") == 2 for r in rows)
    # Formula-like text from the case list is written so a spreadsheet shows it as text.
    notes = {r["Notes"] for r in rows}
    assert notes <= {"", "interpreter", "'=1+1", "'-", "'@team"}


def test_a_case_list_with_errors_prints_each_and_exits_2(tmp_path: Path) -> None:
    out_file = tmp_path / "sample.csv"
    code, out, err = run("sample", str(CASELISTS / "many-problems.csv"), "--type",
                         "case-supervision", "--fieldwork-start", "2019-03-04", "--seed", "1",
                         "--json", "--out", str(out_file))
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert not out_file.exists()
    lines = err.strip().splitlines()
    assert lines[0] == "error: many-problems.csv: 5 problems; nothing was imported"
    assert lines[1:] == [
        "row 3, column Gender: gender is blank but required",
        'row 3, column RoSH: unknown RoSH level "Moderate"; allowed values are low, medium, '
        "high, very high",
        'row 3, column Sentence start date: sentence or licence start date "2018-02-30" is not a '
        "real date: there is no such day",
        'row 4, column CRN: case reference "X100001" is also on row 2',
        'row 4, column Sentence start date: sentence or licence start date "yesterday" is not a '
        "date; write dates as YYYY-MM-DD or DD/MM/YYYY",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fieldwork-start", "04/03/2019"], "--fieldwork-start '04/03/2019' is not a date"),
        (["--map", "colour=Red"], "unknown field 'colour'"),
        (["--prison", "Cardiff"], "--prison applies only to --type through-the-gate"),
        (["--map", "gender=Sex"], 'no column headed "Sex" for gender'),
    ],
)
def test_bad_arguments_exit_2(args: list[str], message: str) -> None:
    base = {"--fieldwork-start": "2019-03-04"}
    if "--fieldwork-start" in args:
        base = {}
    flat = [item for pair in base.items() for item in pair]
    code, _, err = run("sample", str(CASELISTS / "case-supervision.csv"), "--type",
                       "case-supervision", "--seed", "1", *flat, *args)
    assert code == EXIT_BAD_INPUT
    assert message in err


def test_missing_file_and_unknown_type_exit_2(tmp_path: Path) -> None:
    code, _, err = run("sample", str(tmp_path / "nope.csv"), "--type", "case-supervision",
                       "--fieldwork-start", "2019-03-04", "--seed", "1")
    assert code == EXIT_BAD_INPUT
    assert "no such file" in err
    code, _, _ = run("sample", str(CASELISTS / "case-supervision.csv"), "--type", "thematic",
                     "--fieldwork-start", "2019-03-04", "--seed", "1")
    assert code == EXIT_BAD_INPUT


def test_sample_from_an_xlsx_case_list(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    with (CASELISTS / "unpaid-work.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    workbook.save(tmp_path / "upw.xlsx")
    from_xlsx = run("sample", str(tmp_path / "upw.xlsx"), "--type", "unpaid-work",
                    "--fieldwork-start", "2019-03-04", "--seed", "42", "--json")
    assert from_xlsx[0] == 0, from_xlsx[2]
    assert json.loads(from_xlsx[1]) == sample_json("unpaid-work.csv", "unpaid-work")


def test_no_eligible_case_is_said_plainly() -> None:
    code, out, _ = run("sample", str(CASELISTS / "case-supervision.csv"), "--type",
                       "case-supervision", "--fieldwork-start", "2030-01-01", "--seed", "1")
    assert code == 0
    assert "No case is eligible" in out
    assert "We examined zero cases." in out


def test_a_column_the_defaults_do_not_know_is_named_with_map(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("CRN No.,Sex,Order type,RoSH level,Commencement\n"
                      "X1,Male,CO,Low,2018-08-20\n", encoding="utf-8")
    args = ("sample", str(export), "--type", "case-supervision", "--seed", "1",
            "--fieldwork-start", "2019-03-04")
    code, _, err = run(*args)
    assert code == EXIT_BAD_INPUT
    assert ('row 1: no column for the sentence or licence start date, which is required; '
            'columns found: "CRN No.", "Sex", "Order type", "RoSH level", "Commencement" '
            "(use --map start_date=HEADER)") in err
    code, _, err = run(*args, "--map", "start_date=Commencement")
    assert code == 0, err
