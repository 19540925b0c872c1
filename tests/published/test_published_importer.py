"""Importing files: provenance, idempotence by content hash, the rule check, saved records."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from published_helpers import REPORTS, rated_seed_names, seed_text

from probation_inspection.framework import Framework
from probation_inspection.published import (
    ImportLedger,
    PublishedReportError,
    check_report,
    import_bytes,
    read_report,
    record_from_json,
    sha256_of,
)
from probation_inspection.scoring import FindingKind

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_provenance_names_the_file_its_hash_and_the_import_time(framework: Framework) -> None:
    name = rated_seed_names()[0]
    data = (REPORTS / name).read_bytes()
    record = import_bytes(data, name, framework, clock=lambda: WHEN)
    assert record.provenance.file_name == name
    assert record.provenance.sha256 == sha256_of(data)
    assert record.provenance.imported_at == WHEN
    assert record.framework_id == framework.id


def test_importing_the_same_file_twice_changes_nothing(
    framework: Framework, tmp_path: Path
) -> None:
    name = rated_seed_names()[0]
    copy = tmp_path / "renamed-copy.txt"
    copy.write_bytes((REPORTS / name).read_bytes())
    ledger = ImportLedger()
    first, new = ledger.import_file(REPORTS / name, framework, clock=lambda: WHEN)
    again, again_new = ledger.import_file(copy, framework)
    assert (new, again_new) == (True, False)
    assert again is first
    assert len(ledger) == 1
    assert again.provenance.file_name == name  # the first import's provenance is kept


def test_a_changed_file_is_a_new_record(framework: Framework, tmp_path: Path) -> None:
    name = rated_seed_names()[0]
    changed = tmp_path / name
    changed.write_text(seed_text(name) + "\n", encoding="utf-8")
    ledger = ImportLedger()
    ledger.import_file(REPORTS / name, framework)
    assert ledger.import_file(changed, framework)[1] is True
    assert len(ledger) == 2


def test_a_missing_file_is_a_clear_error(framework: Framework, tmp_path: Path) -> None:
    with pytest.raises(PublishedReportError, match=r"absent\.txt: cannot read the file"):
        ImportLedger().import_file(tmp_path / "absent.txt", framework)


def test_a_published_rating_the_rules_do_not_give_is_an_unexplained_deviation(
    framework: Framework,
) -> None:
    name = rated_seed_names()[0]
    report = read_report(seed_text(name))
    standards = {**report.standards, "2.1": "Outstanding"}
    changed = type(report)(**{**report.__dict__, "standards": standards})
    findings, problem = check_report(changed, framework)
    assert problem is None
    deviation = [f for f in findings if f.kind is FindingKind.UNEXPLAINED_DEVIATION]
    assert [(f.standard, f.published) for f in deviation][0] == ("2.1", "Outstanding")


def test_a_report_missing_a_percentage_cannot_be_checked(framework: Framework) -> None:
    name = rated_seed_names()[0]
    text = seed_text(name).replace("2.3.2. Does", "Does")
    record = import_bytes(text.encode(), name, framework)
    assert record.findings == ()
    assert record.check_problem is not None and "2.3.2" in record.check_problem
    assert "key_questions.2.3.2" in record.missing
    assert record.missing[-1] == "findings"


@pytest.mark.parametrize("name", rated_seed_names())
def test_saved_records_read_back_to_the_same_record(name: str, framework: Framework) -> None:
    record = import_bytes((REPORTS / name).read_bytes(), name, framework, clock=lambda: WHEN)
    document = json.loads(json.dumps(record.to_json(provenance=True)))
    assert record_from_json(document) == record


def test_json_document_has_exactly_the_issue_fields(framework: Framework) -> None:
    name = rated_seed_names()[0]
    record = import_bytes((REPORTS / name).read_bytes(), name, framework)
    assert list(record.to_json()) == [
        "provider", "published", "lead_inspector", "overall", "standards", "key_questions",
        "discretion", "samples", "interviews", "meetings", "contextual_facts",
        "recommendations", "findings", "missing",
    ]  # fmt: skip
    # Stored records keep the keys they were first written with.
    facts = record.to_json()["contextual_facts"]
    assert isinstance(facts, list) and facts
    assert all(list(fact) == ["measure", "figure", "national", "target"] for fact in facts)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "the record should be an object"),
        ({"key_questions": {"2.1.1": "high"}}, "key question 2.1.1 should be a whole number"),
        ({"discretion": "none"}, "discretion should be a list"),
    ],
)
def test_a_malformed_saved_record_is_refused(document: object, message: str) -> None:
    with pytest.raises(PublishedReportError, match=f"records.json: .*{message}"):
        record_from_json(document, "records.json")
