"""Evidence documents and contextual-facts CSVs from outside, held to their limits (issue 10)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from probation_inspection.evidence import ContextualFactsError, UploadRejected, check_upload
from probation_inspection.evidence.context import (
    COLUMNS,
    import_contextual_facts,
    read_contextual_facts,
)
from probation_inspection.untrusted import Limits

HEADER = ",".join(COLUMNS)


def _docx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:p/>" * (5 * 1024 * 1024))  # 30 MB of XML
    return buffer.getvalue()


def test_an_office_document_that_inflates_like_a_bomb_is_refused() -> None:
    content = _docx_bomb()
    assert len(content) < 200 * 1024
    with pytest.raises(UploadRejected) as error:
        check_upload("plan.docx", content)
    assert str(error.value).startswith("plan.docx: the evidence document's part "
                                       "word/document.xml unpacks")
    assert "more than the 200-times limit for a compressed part" in str(error.value)


def test_the_evidence_size_limit_comes_from_the_limits() -> None:
    with pytest.raises(UploadRejected, match="plan.pdf: 100 bytes is over the 50 bytes limit"):
        check_upload("plan.pdf", b"%PDF-1.4" + b"\0" * 92, limits=Limits(evidence_bytes=50))


def test_facts_over_the_row_limit_are_refused() -> None:
    rows = "".join(f"measure-{n},1,,,2019,\n" for n in range(4))
    with pytest.raises(ContextualFactsError) as error:
        import_contextual_facts(f"{HEADER}\n{rows}", "facts.csv", limits=Limits(facts_rows=3))
    assert [str(p) for p in error.value.problems] == [
        "facts.csv, row 5: more than the 3-row limit for a contextual-facts CSV"]


def test_facts_over_the_size_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text(HEADER + "\n" + "caseload-provider,1,,,2019,\n" * 100, encoding="utf-8")
    reads: list[Callable[[], object]] = [
        lambda: read_contextual_facts(path, limits=Limits(facts_bytes=1000)),
        lambda: import_contextual_facts(path.read_text(), str(path),
                                        limits=Limits(facts_bytes=1000))]
    for read in reads:
        with pytest.raises(ContextualFactsError) as error:
            read()
        assert [str(p) for p in error.value.problems] == [
            f"{path}, row 1: the file is larger than the 1,000 bytes limit for a "
            "contextual-facts CSV"]


def test_a_cell_over_the_csv_field_limit_is_a_problem_not_a_crash() -> None:
    text = f"{HEADER}\ncaseload-provider,1,,,2019,\ncaseload-national,{'9' * 200_000},,,,\n"
    with pytest.raises(ContextualFactsError) as error:
        import_contextual_facts(text, "facts.csv")
    assert [str(p) for p in error.value.problems] == [
        "facts.csv, row 3: not a readable CSV: field larger than field limit (131072)"]
