"""Changes to the report's written records: strengths and areas per standard, practice
examples and their approval, recommendations and their order, the cover and credits.

Each runs in one transaction with its audit event and opens the report version the change
goes into (after publication, the next one); the rules come from the core.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from probation_inspection.reporting.practice import PracticeState as CoreState
from probation_inspection.reporting.practice import state_after_edit
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.models import Answer as AnswerRow
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.reports import services
from probation_inspection.web.reports.models import (
    NarrativeSection,
    PracticeExample,
    PracticeState,
    Recommendation,
    ReportDetails,
    StandardPoint,
)


def _next_position(rows: Any) -> int:
    return int(rows.aggregate(top=Max("position"))["top"] or 0) + 1


# --- Strengths and areas for improvement ------------------------------------------------


def add_point(inspection: Inspection, standard_id: str, kind: str, text: str,
              question_id: str, actor: Any) -> StandardPoint:
    with transaction.atomic():
        rows = StandardPoint.objects.filter(inspection=inspection, standard_id=standard_id,
                                            kind=kind)
        point = StandardPoint.objects.create(
            inspection=inspection, standard_id=standard_id, kind=kind, text=text,
            question_id=question_id, position=_next_position(rows), updated_by=actor)
        version = services.open_version(inspection, actor)
        record(actor, inspection, AuditAction.STANDARD_POINT, target=f"{standard_id} {kind}",
               after={"text": text, "question": question_id, "report_version": version.number})
    return point


def change_point(point: StandardPoint, kind: str, text: str, actor: Any) -> StandardPoint:
    with transaction.atomic():
        before = {"kind": point.kind, "text": point.text}
        if kind != point.kind:
            point.position = _next_position(StandardPoint.objects.filter(
                inspection=point.inspection, standard_id=point.standard_id, kind=kind))
        point.kind, point.text, point.updated_by = kind, text, actor
        point.save()
        version = services.open_version(point.inspection, actor)
        record(actor, point.inspection, AuditAction.STANDARD_POINT,
               target=f"{point.standard_id} {point.kind}", before=before,
               after={"kind": kind, "text": text, "report_version": version.number})
    return point


def delete_point(point: StandardPoint, actor: Any) -> None:
    with transaction.atomic():
        inspection = point.inspection
        before = {"kind": point.kind, "text": point.text}
        target = f"{point.standard_id} {point.kind}"
        point.delete()
        version = services.open_version(inspection, actor)
        record(actor, inspection, AuditAction.STANDARD_POINT, target=target, before=before,
               after={"deleted": True, "report_version": version.number})


# --- Practice examples ------------------------------------------------------------------


def create_practice(inspection: Inspection, standard_id: str, kind: str, text: str,
                    source: str, answer: AnswerRow | None, actor: Any) -> PracticeExample:
    with transaction.atomic():
        example = PracticeExample.objects.create(
            inspection=inspection, standard_id=standard_id, kind=kind, text=text,
            source=source[:300], answer=answer, created_by=actor)
        version = services.open_version(inspection, actor)
        record(actor, inspection, AuditAction.PRACTICE_EXAMPLE, target=f"example {example.pk}",
               after={"standard": standard_id, "kind": kind, "text": text, "source": source,
                      "state": example.state, "report_version": version.number})
    return example


def change_practice(example: PracticeExample, standard_id: str, kind: str, text: str,
                    actor: Any) -> PracticeExample:
    """Save an edit; changed words or placement return an approved example to draft."""
    with transaction.atomic():
        before = {"standard": example.standard_id, "kind": example.kind, "text": example.text,
                  "state": example.state}
        changed = (standard_id, kind, text) != (example.standard_id, example.kind, example.text)
        state = state_after_edit(example.state, changed)
        example.standard_id, example.kind, example.text = standard_id, kind, text
        example.state = PracticeState(state.value)
        if state is CoreState.DRAFT:
            example.approved_by, example.approved_at = None, None
        example.save()
        version = services.open_version(example.inspection, actor)
        record(actor, example.inspection, AuditAction.PRACTICE_EXAMPLE,
               target=f"example {example.pk}", before=before,
               after={"standard": standard_id, "kind": kind, "text": text,
                      "state": example.state, "report_version": version.number})
    return example


def approve_practice(example: PracticeExample, approve: bool, actor: Any) -> PracticeExample:
    """The lead approves an example (it prints) or withdraws approval (it does not)."""
    with transaction.atomic():
        before = {"state": example.state}
        if approve:
            example.state = PracticeState.APPROVED
            example.approved_by, example.approved_at = actor, timezone.now()
        else:
            example.state = PracticeState.DRAFT
            example.approved_by, example.approved_at = None, None
        example.save()
        version = services.open_version(example.inspection, actor)
        record(actor, example.inspection, AuditAction.PRACTICE_EXAMPLE_APPROVED,
               target=f"example {example.pk}", before=before,
               after={"state": example.state, "report_version": version.number})
    return example


def delete_practice(example: PracticeExample, actor: Any) -> None:
    with transaction.atomic():
        inspection, target = example.inspection, f"example {example.pk}"
        before = {"standard": example.standard_id, "text": example.text, "state": example.state}
        example.delete()
        version = services.open_version(inspection, actor)
        record(actor, inspection, AuditAction.PRACTICE_EXAMPLE, target=target, before=before,
               after={"deleted": True, "report_version": version.number})


# --- Recommendations --------------------------------------------------------------------


def add_recommendation(inspection: Inspection, addressee: str, text: str,
                       actor: Any) -> Recommendation:
    with transaction.atomic():
        rows = Recommendation.objects.filter(inspection=inspection)
        item = Recommendation.objects.create(inspection=inspection, addressee=addressee,
                                             text=text, position=_next_position(rows),
                                             updated_by=actor)
        version = services.open_version(inspection, actor)
        record(actor, inspection, AuditAction.RECOMMENDATION, target=f"recommendation {item.pk}",
               after={"addressee": addressee, "text": text, "report_version": version.number})
    return item


def change_recommendation(item: Recommendation, addressee: str, text: str,
                          actor: Any) -> Recommendation:
    with transaction.atomic():
        before = {"addressee": item.addressee, "text": item.text}
        item.addressee, item.text, item.updated_by = addressee, text, actor
        item.save()
        version = services.open_version(item.inspection, actor)
        record(actor, item.inspection, AuditAction.RECOMMENDATION,
               target=f"recommendation {item.pk}", before=before,
               after={"addressee": addressee, "text": text, "report_version": version.number})
    return item


def move_recommendation(item: Recommendation, up: bool, actor: Any) -> None:
    """Swap with the one above (or below); the first cannot go up nor the last down."""
    with transaction.atomic():
        ordered = list(Recommendation.objects.select_for_update()
                       .filter(inspection=item.inspection))
        index = next(n for n, row in enumerate(ordered) if row.pk == item.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(ordered):
            return
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, row in enumerate(ordered, start=1):
            if row.position != position:
                Recommendation.objects.filter(pk=row.pk).update(position=position)
        version = services.open_version(item.inspection, actor)
        record(actor, item.inspection, AuditAction.RECOMMENDATION,
               target=f"recommendation {item.pk}", before={"number": index + 1},
               after={"number": other + 1, "report_version": version.number})


def delete_recommendation(item: Recommendation, actor: Any) -> None:
    with transaction.atomic():
        inspection, target = item.inspection, f"recommendation {item.pk}"
        before = {"addressee": item.addressee, "text": item.text}
        item.delete()
        version = services.open_version(inspection, actor)
        record(actor, inspection, AuditAction.RECOMMENDATION, target=target, before=before,
               after={"deleted": True, "report_version": version.number})


# --- Cover, credits and foreword --------------------------------------------------------

#: The report details the cover form edits, in its order.
DETAIL_FIELDS = ("title", "publication", "lead_inspector", "inspectors", "programme_manager",
                 "chief_inspector")


def save_cover(inspection: Inspection, values: dict[str, Any], foreword: str,
               foreword_version: int, actor: Any) -> ReportDetails:
    """The cover's names and month, and the foreword (a narrative section, so it keeps its
    revisions); `services.StaleEdit` when the foreword changed since the page was loaded."""
    with transaction.atomic():
        details, _ = ReportDetails.objects.get_or_create(
            inspection=inspection, defaults={"title": values["title"]})
        before = {name: getattr(details, name) for name in DETAIL_FIELDS}
        after = {name: values[name] for name in DETAIL_FIELDS}
        for name, value in after.items():
            setattr(details, name, value)
        details.full_clean()
        details.save()
        stored = NarrativeSection.objects.filter(inspection=inspection, key="foreword").first()
        if (stored.text if stored else "") != foreword.replace("\r\n", "\n").strip():
            services.edit_section(inspection, "foreword", foreword, foreword_version, actor)
        if before != after:
            version = services.open_version(inspection, actor)
            record(actor, inspection, AuditAction.REPORT_DETAILS_EDITED, target="cover",
                   before=before, after={**after, "report_version": version.number})
    return details


def store_published_examples(inspection: Inspection, examples: Any, actor: Any = None,
                             source: str = "Published report") -> list[PracticeExample]:
    """Approved records for examples already printed in a published report (a demo or an
    import loading one): they were approved when it was published. ``examples`` are the
    core's `reporting.PracticeExample`s; each is audited like any other record."""
    stored = []
    with transaction.atomic():
        for example in examples:
            item = PracticeExample.objects.create(
                inspection=inspection, standard_id=example.standard_id, kind=example.kind.value,
                text=example.text, state=PracticeState.APPROVED, source=source,
                created_by=actor, approved_by=actor, approved_at=timezone.now())
            record(actor, inspection, AuditAction.PRACTICE_EXAMPLE_APPROVED,
                   target=f"example {item.pk}",
                   after={"standard": item.standard_id, "text": item.text, "state": item.state,
                          "source": source})
            stored.append(item)
    return stored
