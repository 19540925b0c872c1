"""The web side of sampling: validating an upload, drawing, rebuilding and substituting.

Every rule is the sampling core's; this module moves its inputs and outputs to and from rows.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from probation_inspection import sampling as core
from probation_inspection.framework.model import SampleTypeDefinition
from probation_inspection.sampling.defaults import SampleTypeRef, definition_of
from probation_inspection.sampling.eligibility import EligibilityReport, eligibility_report
from probation_inspection.sampling.loading import load_untrusted_case_list
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import CaseList, CaseStatus, Sample, SampledCase
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import DeliveryUnit, Inspection
from probation_inspection.web.limits import untrusted_limits

SUFFIXES = {".csv", ".xlsx", ".txt", ".tsv"}


def sample_type_definition(inspection: Inspection, sample_type: str) -> SampleTypeDefinition:
    """The inspection's framework's definition of ``sample_type``: its fields, window and
    strata (KeyError when the framework declares no such sample type)."""
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    return framework.sample_type(sample_type)


def sample_type_ids(inspection: Inspection) -> list[str]:
    """The ids of the sample types the inspection's framework version declares, in its order."""
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    return [definition.id for definition in framework.sample_types]


def read_upload(content: bytes, filename: str, sample_type: SampleTypeRef,
                overrides: Mapping[str, str] | None = None) -> core.CaseList:
    """Validate an uploaded case list; raises ``core.CaseListError`` naming every problem.

    Read in a child process within the settings' limits (size, rows, seconds, memory), so a
    hostile file never costs the web server's own memory. ``overrides`` names the column
    chosen for a field the headers do not ({"start_date": "Commencement"}).
    """
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise core.CaseListError.single(
            filename, f"the file must be a CSV or XLSX case list, not {suffix or 'no extension'}"
        )
    # The core reads paths (CSV and XLSX alike); the copy lives only while it reads.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"case-list{'.csv' if suffix in {'.txt', '.tsv'} else suffix}"
        path.write_bytes(content)
        chosen = {core.Field(field): header for field, header in (overrides or {}).items()}
        return load_untrusted_case_list(path, definition_of(sample_type), limits=untrusted_limits(),
                                        source=filename, overrides=chosen or None)


def population(case_list: CaseList, fieldwork_start: dt.date) -> core.Population:
    definition = sample_type_definition(case_list.inspection, case_list.sample_type)
    validated = read_upload(bytes(case_list.content), case_list.filename, definition,
                            case_list.column_map)
    return core.eligible(validated, definition, fieldwork_start)


def eligibility(case_list: CaseList, fieldwork_start: dt.date) -> EligibilityReport:
    """The window as dates and the stored list's cases included and excluded, by reason."""
    definition = sample_type_definition(case_list.inspection, case_list.sample_type)
    validated = read_upload(bytes(case_list.content), case_list.filename, definition,
                            case_list.column_map)
    return eligibility_report(validated, definition, fieldwork_start)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _refusal(drawn: core.Sample, size: int | None, case_list: CaseList,
             fieldwork_start: dt.date) -> str | None:
    """Why a draw must not be stored (empty, or smaller than the size asked), or None."""
    if drawn.size and (size is None or drawn.size >= size):
        return None
    if not drawn.eligible:
        report = eligibility(case_list, fieldwork_start)
        window = (f"from {_day(report.earliest)} to {_day(report.latest)}" if report.earliest
                  else f"on or before {_day(report.latest)}")
        reasons = "; ".join(f"{item.reason}: {item.cases}" for item in report.excluded)
        return (f"no case on {case_list.filename} is eligible for fieldwork starting "
                f"{_day(fieldwork_start)} (the window is {window}; excluded: "
                f"{reasons or 'none'}). Nothing was drawn")
    if not drawn.size:
        return "the sample would have no cases. Nothing was drawn"
    return (f"only {drawn.eligible} case{'s' if drawn.eligible != 1 else ''} "
            f"{'are' if drawn.eligible != 1 else 'is'} eligible, fewer than the {size} asked. "
            "Nothing was drawn")


def _summary(drawn: core.Sample) -> dict[str, Any]:
    return {
        "allocation": [
            {"stratum": stratum.stratum.as_dict(), "label": stratum.stratum.label,
             "population": stratum.population, "allocated": stratum.allocated,
             "reserves": len(stratum.reserves)}
            for stratum in drawn.strata
        ],
        "representativeness": [shares.as_dict() for shares in core.representativeness(drawn)],
        "methodology": core.methodology(drawn),
    }


def draw_sample(
    inspection: Inspection, case_list: CaseList, actor: Any, *, seed: int,
    confidence: float, margin: float, size: int | None,
) -> Sample:
    """Draw with the core and store the sample, its cases and reserves in one transaction."""
    fieldwork_start = inspection.fieldwork_start
    # Floats always: the core formats them for the methodology sentence.
    confidence, margin = float(confidence), float(margin)
    drawn = core.draw(population(case_list, fieldwork_start), seed, size=size,
                      confidence=confidence, margin=margin)
    # The core caps a draw at the eligible cases; a sample that is empty or smaller than asked
    # is refused here, before anything is stored, so planning never counts it as drawn.
    refusal = _refusal(drawn, size, case_list, fieldwork_start)
    if refusal is not None:
        raise core.SamplingError(refusal)
    with transaction.atomic():
        sample = Sample.objects.create(
            inspection=inspection, sample_type=case_list.sample_type, case_list=case_list,
            seed=seed, confidence=confidence, margin=margin, eligible=drawn.eligible,
            size=drawn.size, fieldwork_start=fieldwork_start, drawn_by=actor, **_summary(drawn),
        )
        units: dict[str, DeliveryUnit] = {}
        rows = []
        for stratum in drawn.strata:
            for order, case in enumerate((*stratum.cases, *stratum.reserves)):
                reserve = order >= len(stratum.cases)
                unit = None
                if case.delivery_unit:
                    unit = units.get(case.delivery_unit)
                    if unit is None:
                        unit, _ = DeliveryUnit.objects.get_or_create(
                            provider=inspection.provider, name=case.delivery_unit
                        )
                        units[case.delivery_unit] = unit
                rows.append(SampledCase(
                    sample=sample, case_reference=case.crn, attributes=case.framework_attributes(),
                    stratum=stratum.stratum.as_dict(), delivery_unit=unit,
                    status=CaseStatus.RESERVE if reserve else CaseStatus.SAMPLED,
                    reserve_order=order - len(stratum.cases) if reserve else None,
                ))
        SampledCase.objects.bulk_create(rows)
        record(actor, inspection, AuditAction.SAMPLE_DRAWN, target=case_list.sample_type, after={
            "seed": seed, "size": drawn.size, "eligible": drawn.eligible,
            "confidence": confidence, "margin": margin, "case_list": case_list.filename,
            "cases": [case.crn for case in drawn.cases],
        })
    return sample


def rebuild(sample: Sample) -> core.Sample:
    """The core's sample as it stands: redrawn from the stored file and seed, then every
    recorded substitution replayed in order."""
    drawn = core.draw(population(sample.case_list, sample.fieldwork_start), sample.seed,
                      size=sample.size, confidence=sample.confidence, margin=sample.margin)
    for case in sample.cases.filter(status=CaseStatus.SUBSTITUTED).order_by("substituted_at"):
        drawn = core.substitute(drawn, case.case_reference,
                                core.DropOutReason(case.substitution_reason),
                                case.substitution_note)
    return drawn


def substitute_case(case: SampledCase, actor: Any, reason: str, detail: str) -> SampledCase:
    """Replace a sampled case with the core's next reserve; returns the replacement row."""
    sample = case.sample
    with transaction.atomic():
        updated = core.substitute(rebuild(sample), case.case_reference,
                                  core.DropOutReason(reason), detail)
        change = updated.substitutions[-1]
        replacement = SampledCase.objects.select_for_update().get(
            sample=sample, case_reference=change.replacement.crn
        )
        case.status = CaseStatus.SUBSTITUTED
        case.substitution_reason = change.reason.value
        case.substitution_note = change.detail
        case.substituted_at = timezone.now()
        case.save()
        replacement.status = CaseStatus.SAMPLED
        replacement.reserve_order = None
        replacement.replaced = case
        replacement.assigned_to = case.assigned_to
        replacement.save()
        summary = _summary(updated)
        Sample.objects.filter(pk=sample.pk).update(**summary)
        record(actor, sample.inspection, AuditAction.SUBSTITUTION, target=case.case_reference,
               sampled_case=case,
               before={"case": case.case_reference, "status": CaseStatus.SAMPLED},
               after={"case": case.case_reference, "status": CaseStatus.SUBSTITUTED,
                      "replacement": replacement.case_reference, "reason": change.reason.value,
                      "detail": change.detail})
        record(actor, sample.inspection, AuditAction.SUBSTITUTION,
               target=replacement.case_reference,
               sampled_case=replacement, before={"status": CaseStatus.RESERVE},
               after={"status": CaseStatus.SAMPLED, "replaces": case.case_reference})
    return replacement


def redraw_sample(sample: Sample, case_list: CaseList, actor: Any, *, seed: int,
                  confidence: float, margin: float, size: int | None, reason: str) -> Sample:
    """Draw the sample again from ``case_list`` (the newest) with a new seed; the earlier draw
    is kept, cases and all, as superseded history. Nothing changes if the new draw is refused.

    The earlier draw's cases lose their inspectors (they are no longer anyone's work); the
    audit log keeps who had them.
    """
    inspection = sample.inspection
    earlier = {"seed": sample.seed, "size": sample.size, "case_list": sample.case_list.filename,
               "cases": sorted(sample.cases.filter(status=CaseStatus.SAMPLED)
                               .values_list("case_reference", flat=True))}
    with transaction.atomic():
        Sample.draws.filter(pk=sample.pk).update(
            superseded_at=timezone.now(), superseded_by=actor, redraw_reason=reason)
        SampledCase.objects.filter(sample=sample).update(assigned_to=None)
        new = draw_sample(inspection, case_list, actor, seed=seed, confidence=confidence,
                          margin=margin, size=size)
        record(actor, inspection, AuditAction.SAMPLE_REDRAWN, target=sample.sample_type,
               before=earlier, after={"seed": seed, "size": new.size, "reason": reason,
                                      "case_list": case_list.filename})
    return new
