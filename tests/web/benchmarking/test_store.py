"""The store: one record per file content, with provenance; refusals store nothing; the bulk
command and ``import-reports --store``. SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from typer.testing import CliRunner

from probation_inspection.cli import app
from probation_inspection.framework.model import Framework
from probation_inspection.published import import_bytes
from probation_inspection.web.benchmarking.comparison import comparison_framework
from probation_inspection.web.benchmarking.models import (
    Outcome,
    PublishedInspection,
    StoreEvent,
    StoreIsAppendOnly,
)
from probation_inspection.web.benchmarking.store import imported_report, store_report

#: The framework the seed reports were inspected under: the commands need it named.
CRC = ["--framework", "hmip-crc-2018"]

pytestmark = pytest.mark.django_db


def _crc() -> Framework:
    """The framework the seed reports were inspected under."""
    return comparison_framework("hmip-crc-2018")


def test_the_same_file_twice_is_stored_once(
    users: dict[str, Any], seed: Callable[[str], Path]
) -> None:
    data = seed("000").read_bytes()
    framework = _crc()
    first = store_report(data, "000.txt", framework, by=users["lead"])
    again = store_report(data, "renamed.txt", framework, by=users["other"])
    assert (first.outcome, again.outcome) == (Outcome.READ, Outcome.ALREADY_IMPORTED)
    assert again.stored == first.stored
    stored = PublishedInspection.objects.get()
    # The second attempt changed nothing: name, importer and time are the first import's.
    assert (stored.file_name, stored.imported_by) == ("000.txt", users["lead"])
    assert list(StoreEvent.objects.values_list("outcome", "file_name")) == [
        ("read", "000.txt"), ("already imported", "renamed.txt")]


def test_provenance_and_the_record_round_trip(
    users: dict[str, Any], seed: Callable[[str], Path]
) -> None:
    data = seed("004").read_bytes()
    framework = _crc()
    stored = store_report(data, "004.txt", framework, by=users["lead"]).stored
    assert stored is not None
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.record["provenance"]["sha256"] == stored.sha256
    assert stored.record["provenance"]["file_name"] == "004.txt"
    assert stored.imported_at is not None and stored.imported_by == users["lead"]
    assert stored.provider.startswith("Humberside, Lincolnshire & North Yorkshire")
    assert (stored.published, stored.overall) == ("February 2019", "Requires improvement")
    fresh = import_bytes(data, "004.txt", framework)
    assert imported_report(stored).report == fresh.report
    assert imported_report(stored).findings == fresh.findings


def test_a_thematic_report_is_refused_and_nothing_stored(seed: Callable[[str], Path]) -> None:
    result = store_report(seed("001").read_bytes(), "001.txt", _crc())
    assert result.outcome == Outcome.NOT_RATED
    assert "not a rated inspection report" in result.message
    assert not PublishedInspection.objects.exists()
    assert StoreEvent.objects.get().outcome == "not rated"


def test_unreadable_bytes_fail_and_store_nothing() -> None:
    result = store_report(b"%PDF-1.4 not really", "broken.pdf", _crc())
    assert result.outcome == Outcome.FAILED and "broken.pdf" in result.message
    assert not PublishedInspection.objects.exists()


def test_stored_records_are_append_only(seed: Callable[[str], Path]) -> None:
    stored = store_report(seed("002").read_bytes(), "002.txt", _crc()).stored
    assert stored is not None
    stored.overall = "Outstanding"
    with pytest.raises(StoreIsAppendOnly):
        stored.save()
    with pytest.raises(StoreIsAppendOnly):
        PublishedInspection.objects.update(overall="Outstanding")
    with pytest.raises(StoreIsAppendOnly):
        stored.delete()


def test_management_command_imports_a_folder_idempotently(reports: Path) -> None:
    out = StringIO()
    call_command("import_reports", str(reports), "--framework", "hmip-crc-2018", stdout=out)
    assert out.getvalue().splitlines()[-1] == (
        "read: 3; already imported: 0; not rated: 1; failed: 0")
    again = StringIO()
    call_command("import_reports", str(reports), "--framework", "hmip-crc-2018", stdout=again)
    assert again.getvalue().splitlines()[-1] == (
        "read: 0; already imported: 3; not rated: 1; failed: 0")
    assert PublishedInspection.objects.count() == 3


def test_cli_import_reports_store(reports: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["import-reports", *CRC, str(reports), "--store"])
    assert result.exit_code == 0, result.output
    assert "read: 3; already imported: 0; not rated: 1; failed: 0" in result.output
    assert "Stored 3 new records" in result.output
    assert PublishedInspection.objects.count() == 3
    again = runner.invoke(app, ["import-reports", *CRC, str(reports), "--store"])
    assert "read: 0; already imported: 3; not rated: 1; failed: 0" in again.output
    assert PublishedInspection.objects.count() == 3


def test_cli_store_and_out_together_is_bad_input(reports: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["import-reports", *CRC, str(reports), "--store", "--out", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 2
    assert "either --out or --store" in result.output
    assert not PublishedInspection.objects.exists()
