"""Acceptance: the three rated seed reports give exactly the published ground truth, and the
thematic report is refused as not a rated inspection."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from published_helpers import REPORTS, expected_results, seed_text, thematic_seed

from probation_inspection.demo import wales as wales_demo
from probation_inspection.framework import Framework
from probation_inspection.published import (
    ImportedReport,
    ImportLedger,
    NotARatedInspection,
    import_bytes,
    read_report,
)
from probation_inspection.scoring import FindingKind

CASES = [pytest.param(entry, id=entry["seed"][:3]) for entry in expected_results()]


def _imported(entry: dict[str, Any], framework: Framework) -> ImportedReport:
    record, _ = ImportLedger().import_file(REPORTS / entry["seed"], framework)
    return record


@pytest.mark.parametrize("entry", CASES)
def test_title_facts(entry: dict[str, Any], framework: Framework) -> None:
    report = _imported(entry, framework).report
    assert report.provider == entry["provider"]
    assert report.lead_inspector == entry["lead_inspector"]
    assert report.overall == entry["overall"]
    # "published" holds only a year when the report prints no month: the reader gives null.
    if " " in entry["published"]:
        assert report.published == entry["published"]
    else:
        assert report.published is None
        assert "published" in report.missing


@pytest.mark.parametrize("entry", CASES)
def test_ratings_and_key_questions(entry: dict[str, Any], framework: Framework) -> None:
    report = _imported(entry, framework).report
    assert dict(report.standards) == entry["standards"]
    assert dict(report.key_questions) == entry["key_questions"]


@pytest.mark.parametrize("entry", CASES)
def test_counts(entry: dict[str, Any], framework: Framework) -> None:
    report = _imported(entry, framework).report
    assert report.samples.to_json() == entry["samples"]
    assert report.interviews == entry["domain_one"]["responsible_officers_interviewed"]
    assert report.meetings == entry["domain_one"]["meetings_and_focus_groups"]
    assert len(report.recommendations) == entry["recommendations"]
    assert all(item and item[0].islower() for item in report.recommendations)


@pytest.mark.parametrize("entry", CASES)
def test_discretion_as_recorded(entry: dict[str, Any], framework: Framework) -> None:
    imported = _imported(entry, framework)
    found = imported.report.discretion
    assert [item.standard for item in found] == [d["standard"] for d in entry["discretion"]]
    for item, recorded in zip(found, entry["discretion"], strict=True):
        assert "professional discretion" in item.text
        if recorded["explicit_in_footnote"]:
            assert (item.from_rating, item.to_rating) == (recorded["from"], recorded["to"])
        else:
            # Not stated in the text, so null; the check infers what the file records.
            assert (item.from_rating, item.to_rating) == (None, None)
            (finding,) = [f for f in imported.findings if f.standard == recorded["standard"]]
            assert finding.kind is FindingKind.FOOTNOTED_DISCRETION
            assert (finding.computed, finding.published) == (recorded["from"], recorded["to"])


@pytest.mark.parametrize("entry", CASES)
def test_rule_check_matches_the_ground_truth(entry: dict[str, Any], framework: Framework) -> None:
    imported = _imported(entry, framework)
    assert imported.check_problem is None
    expected = {
        standard: check["status"]
        for standard, check in entry["rule_check"].items()
        if isinstance(check, dict)
    }
    footnoted = {
        f.standard for f in imported.findings if f.kind is FindingKind.FOOTNOTED_DISCRETION
    }
    assert footnoted == {s for s, status in expected.items() if status != "match"}
    assert not [f for f in imported.findings if f.kind is FindingKind.UNEXPLAINED_DEVIATION]


def test_only_the_missing_month_and_facts_are_missing() -> None:
    missing = {
        entry["seed"][:3]: read_report(seed_text(entry["seed"])).missing
        for entry in expected_results()
    }
    assert missing == {"000": (), "002": ("published", "contextual_facts"), "004": ()}


def test_contextual_facts_keep_figure_national_and_target() -> None:
    (wales,) = [e for e in expected_results() if e["seed"].startswith("000")]
    facts = read_report(seed_text(wales["seed"])).contextual_facts
    assert [f.figure for f in facts] == ["151,788", "8,899", "47.9%", "77%", "68%", "92%"]
    assert [(f.national_figure, f.target) for f in facts[3:]] == [
        ("79%", "75%"),
        ("71%", "65%"),
        ("89%", "90%"),
    ]
    assert facts[2].measure.endswith("with a proven reoffence")


def test_a_fact_read_back_is_the_fact_as_a_report_prints_it() -> None:
    # One type for both: the Wales demo prints these facts (with their sources, which the
    # reader does not read); the published report words three measures "... for Wales CRC".
    (wales,) = [e for e in expected_results() if e["seed"].startswith("000")]
    read = read_report(seed_text(wales["seed"])).contextual_facts
    printed = [replace(fact, source="") for fact in wales_demo.CONTEXTUAL_FACTS]
    assert [replace(fact, measure=fact.measure.removesuffix(" for Wales CRC"))
            for fact in read] == printed


def test_thematic_report_is_not_a_rated_inspection() -> None:
    path: Path = thematic_seed()
    with pytest.raises(NotARatedInspection, match="not a rated inspection report"):
        read_report(path.read_text(encoding="utf-8"), source=path.name)


def _without_summary_table(text: str) -> str:
    """The seed without its summary-of-ratings rows ("2.1<tab>Assessment<tab>Rating")."""
    return re.sub(r"(?m)^\d\.\d(?: <sup>\d</sup>| ²)?\t[^\n]*\n", "", text)


@pytest.mark.parametrize("entry", CASES)
def test_without_the_summary_table_ratings_come_from_the_other_copies(
    entry: dict[str, Any], framework: Framework
) -> None:
    text = _without_summary_table(seed_text(entry["seed"]))
    assert text != seed_text(entry["seed"])
    record = import_bytes(text.encode(), entry["seed"], framework)
    found = dict(record.report.standards)
    # Whatever is still printed is read right; whatever is not is named as missing.
    assert found == {k: v for k, v in entry["standards"].items() if k in found}
    assert {f"standards.{k}" for k in entry["standards"] if k not in found} <= set(record.missing)
    if len(found) < len(entry["standards"]):
        assert "findings" in record.missing
