"""Reads imported records back from their saved JSON form (``import-reports --out``).

Owns the JSON-to-record direction, with errors that say which record and field is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from probation_inspection.evidence.context import PrintedFact
from probation_inspection.published.importer import ImportedReport, Provenance
from probation_inspection.published.reader import PublishedReportError
from probation_inspection.published.record import (
    PublishedDiscretion,
    PublishedReport,
    Samples,
)
from probation_inspection.scoring.check import Finding, FindingKind


class _Bad(ValueError):
    pass


def record_from_json(data: object, where: str = "record") -> ImportedReport:
    """An imported record from ``ImportedReport.to_json`` output; PublishedReportError if not."""
    try:
        return _record(_mapping(data, "the record"))
    except (_Bad, KeyError, ValueError) as error:
        raise PublishedReportError(f"{where}: not a saved report record: {error}") from None


def _record(data: Mapping[str, object]) -> ImportedReport:
    samples = _mapping(data.get("samples") or {}, "samples")
    provenance = _mapping(data.get("provenance") or {}, "provenance")
    report = PublishedReport(
        provider=_text(data.get("provider")),
        published=_text(data.get("published")),
        lead_inspector=_text(data.get("lead_inspector")),
        overall=_text(data.get("overall")),
        standards={
            str(k): str(v) for k, v in _mapping(data.get("standards") or {}, "standards").items()
        },
        key_questions={
            str(k): _whole(v, f"key question {k}")
            for k, v in _mapping(data.get("key_questions") or {}, "key_questions").items()
        },
        discretion=tuple(
            PublishedDiscretion(
                _text(item.get("standard")),
                str(item.get("text", "")),
                _text(item.get("from")),
                _text(item.get("to")),
            )
            for item in _mappings(data.get("discretion"), "discretion")
        ),
        samples=Samples(
            **{
                name: _optional_whole(samples.get(name), f"samples.{name}")
                for name in ("case_supervision", "unpaid_work", "through_the_gate")
            }
        ),
        interviews=_optional_whole(data.get("interviews"), "interviews"),
        meetings=_optional_whole(data.get("meetings"), "meetings"),
        contextual_facts=tuple(
            PrintedFact(
                figure=str(item["figure"]),
                measure=str(item["measure"]),
                national_figure=_text(item.get("national")),
                target=_text(item.get("target")),
            )
            for item in _mappings(data.get("contextual_facts"), "contextual_facts")
        ),
        recommendations=tuple(
            str(r) for r in _list(data.get("recommendations"), "recommendations")
        ),
        missing=tuple(str(m) for m in _list(data.get("missing"), "missing") if m != "findings"),
    )
    imported_at = provenance.get("imported_at")
    return ImportedReport(
        report=report,
        findings=tuple(
            Finding(
                str(item["standard"]),
                FindingKind(str(item["kind"])),
                str(item["published"]),
                str(item["computed"]),
            )
            for item in _mappings(data.get("findings"), "findings")
        ),
        provenance=Provenance(
            str(provenance.get("file_name", "")),
            str(provenance.get("sha256", "")),
            datetime.fromisoformat(str(imported_at))
            if imported_at
            else datetime.min.replace(tzinfo=UTC),
        ),
        framework_id=str(data.get("framework") or ""),
        check_problem=_text(data.get("check_problem")),
    )


def _mapping(value: object, name: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise _Bad(f"{name} should be an object, got {type(value).__name__}")
    return value


def _list(value: object, name: str) -> list[object]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(f"{name} should be a list, got {type(value).__name__}")
    return value


def _mappings(value: object, name: str) -> list[Mapping[str, object]]:
    return [_mapping(item, f"an item of {name}") for item in _list(value, name)]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _whole(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{name} should be a whole number, got {value!r}")
    return value


def _optional_whole(value: object, name: str) -> int | None:
    return None if value is None else _whole(value, name)
