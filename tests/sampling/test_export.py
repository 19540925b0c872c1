"""Exports of a sample: the JSON document and the CSV of sample and reserves."""

from __future__ import annotations

import csv
from pathlib import Path

from sampling_helpers import FIELDWORK, case_list_from_rows

from probation_inspection.sampling import draw, eligible
from probation_inspection.sampling.export import sample_document, write_sample_csv
from sample_ids import SampleType

HEADER = ("CRN", "Gender", "RoSH", "UPW start date", "Notes")
NOTES = ["=1+1", "+44 1", "-3", "@x", "\tindented", "plain", "a=b"]


def test_csv_defuses_formula_like_text_and_keeps_order(tmp_path: Path) -> None:
    rows = [(f"U{i}", "Male", "Low", "2018-10-01", note) for i, note in enumerate(NOTES)]
    case_list = case_list_from_rows(rows, HEADER, SampleType.UNPAID_WORK)
    sample = draw(eligible(case_list, SampleType.UNPAID_WORK, FIELDWORK), seed=3, size=4)
    count = write_sample_csv(sample, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert count == len(written) == 7
    assert [r["status"] for r in written] == ["sample"] * 4 + ["reserve"] * 3
    assert [r["order"] for r in written] == ["1", "2", "3", "4", "1", "2", "3"]
    assert {r["stratum"] for r in written} == {"male / low"}
    by_crn = {r["crn"]: r["Notes"] for r in written}
    # Extra columns are kept verbatim, so the tab survives and is defused too.
    assert sorted(by_crn.values()) == sorted(
        ["'=1+1", "'+44 1", "'-3", "'@x", "'\tindented", "plain", "a=b"]
    )
    assert [r["crn"] for r in written] == sample_document(sample)["sample"] + sample_document(
        sample
    )["reserves"]
