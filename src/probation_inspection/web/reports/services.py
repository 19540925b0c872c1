"""Changes to a report: narrative edits, workflow moves, publication and FA comments.

Each runs in one transaction with its audit event; the rules come from `workflow` and the core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from probation_inspection import tabular
from probation_inspection.reporting import Report, build_report, report_from_json
from probation_inspection.reporting.workflow import (
    Answer,
    State,
    WorkflowError,
    check_answer,
    check_move,
)
from probation_inspection.web import notify
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.inspections.models import Inspection, Stage
from probation_inspection.web.reports.builder import inspection_input
from probation_inspection.web.reports.models import (
    CommentAnswer,
    NarrativeRevision,
    NarrativeSection,
    ReportComment,
    ReportState,
    ReportVersion,
)


class StaleEdit(Exception):
    """The section changed since the editor loaded it; ``current`` is the text now stored."""

    def __init__(self, current: NarrativeSection) -> None:
        super().__init__(f"section {current.key} is at version {current.version}")
        self.current = current


class WorkflowRefused(Exception):
    """A move the workflow does not allow from the version's state."""


def current_version(inspection: Inspection) -> ReportVersion | None:
    return ReportVersion.objects.filter(inspection=inspection).order_by("-number").first()


def latest_published(inspection: Inspection) -> ReportVersion | None:
    return (ReportVersion.objects.filter(inspection=inspection, state=ReportState.PUBLISHED)
            .order_by("-number").first())


def open_version(inspection: Inspection, actor: Any) -> ReportVersion:
    """The version changes go into: the current one, or a new draft after a published one."""
    version = current_version(inspection)
    if version is not None and version.state != ReportState.PUBLISHED:
        return version
    number = 1 if version is None else version.number + 1
    created = ReportVersion.objects.create(inspection=inspection, number=number,
                                           created_by=actor)
    record(actor, inspection, AuditAction.REPORT_VERSION_CREATED, target=f"version {number}",
           after={"state": created.state})
    return created


def edit_section(inspection: Inspection, key: str, text: str, loaded_version: int,
                 actor: Any) -> NarrativeSection:
    """Save a section's Markdown, refusing an edit made from an older version of it."""
    text = text.replace("\r\n", "\n").strip()
    with transaction.atomic():
        section, _ = NarrativeSection.objects.get_or_create(inspection=inspection, key=key)
        before = section.text
        changed = NarrativeSection.objects.filter(pk=section.pk, version=loaded_version).update(
            text=text, version=F("version") + 1, updated_by=actor, updated_at=timezone.now())
        section.refresh_from_db()
        if not changed:
            raise StaleEdit(section)
        NarrativeRevision.objects.create(section=section, version=section.version, text=text,
                                         edited_by=actor)
        version = open_version(inspection, actor)
        record(actor, inspection, AuditAction.NARRATIVE_EDITED, target=key, before={"text": before},
               after={"text": text, "version": section.version,
                      "report_version": version.number})
    return section


def live_report(inspection: Inspection) -> Report:
    """The report built now from the stored data (a draft; nothing is frozen)."""
    return build_report(inspection_input(inspection))


def snapshot_report(version: ReportVersion) -> Report:
    return report_from_json(version.snapshot, where=f"report version {version.number}")


@dataclass(frozen=True)
class Move:
    version: ReportVersion
    before: State
    after: State


def move_on(inspection: Inspection, version: ReportVersion, actor: Any,
            expected: State | str | None = None) -> Move:
    """Move a version to its next state; publishing freezes the snapshot and the inspection.

    ``expected`` is the state the mover saw: if the version has moved since (a second click,
    another tab), nothing changes and `WorkflowRefused` says so.
    """
    with transaction.atomic():
        locked = ReportVersion.objects.select_for_update().get(pk=version.pk)
        before = State(locked.state)
        if expected is not None and State(expected) is not before:
            raise WorkflowRefused(f"report version {locked.number} is already "
                                  f"{ReportState(before.value).label.lower()}")
        unanswered = ReportComment.objects.filter(version=locked, answer="").count()
        try:
            after = check_move(before, unanswered)
        except WorkflowError as refused:
            raise WorkflowRefused(str(refused)) from None
        if after is None:
            raise WorkflowRefused(f"report version {locked.number} is published: it never "
                                  "changes; edit the narrative to start the next version")
        if after is State.PUBLISHED:
            # Built inside the transaction, so the snapshot is the data as published.
            locked.snapshot = live_report(inspection).to_json()
        locked.state = after.value
        locked.state_changed_at = timezone.now()
        locked.state_changed_by = actor
        locked.save()
        record(actor, inspection, AuditAction.REPORT_STATE, target=f"version {locked.number}",
               before={"state": before.value}, after={"state": after.value})
        if after is State.PUBLISHED and inspection.stage != Stage.PUBLISHED:
            record(actor, inspection, AuditAction.STAGE_CHANGED, before={"stage": inspection.stage},
                   after={"stage": Stage.PUBLISHED.value})
            Inspection.objects.filter(pk=inspection.pk).update(stage=Stage.PUBLISHED)
            inspection.stage = Stage.PUBLISHED
    if after is State.FACTUAL_ACCURACY_CHECK:
        notify.factual_accuracy_started(inspection, locked)
    return Move(locked, before, after)


def add_comment(version: ReportVersion, section: str, text: str, actor: Any, *,
                section_label: str = "") -> ReportComment:
    """Store a provider reader's comment and tell the leads (``section_label``: the section's
    title, for the email)."""
    with transaction.atomic():
        comment = ReportComment.objects.create(version=version, author=actor, section=section,
                                               text=text.strip())
        record(actor, version.inspection, AuditAction.REPORT_COMMENT,
               target=f"version {version.number}",
               after={"section": section, "text": comment.text})
    notify.factual_accuracy_comment(version.inspection, comment, section_label)
    return comment


def unanswered(version: ReportVersion) -> int:
    """The comments on this version that wait for the team's answer (sign-off waits too)."""
    return ReportComment.objects.filter(version=version, answer="").count()


def answer_comment(comment: ReportComment, answer: Answer | str, reason: str,
                   actor: Any) -> ReportComment:
    """Record the team's answer to a comment (again: the answer is replaced, both audited).

    `workflow.WorkflowError` (with its field) when the answer needs a reason it lacks.
    """
    chosen, reason = check_answer(answer, reason)
    with transaction.atomic():
        locked = ReportComment.objects.select_for_update().select_related(
            "version__inspection").get(pk=comment.pk)
        before = {"answer": locked.answer, "reason": locked.answer_reason}
        locked.answer, locked.answer_reason = CommentAnswer(chosen.value), reason
        locked.answered_by, locked.answered_at = actor, timezone.now()
        locked.save(update_fields=["answer", "answer_reason", "answered_by", "answered_at"])
        record(actor, locked.version.inspection, AuditAction.REPORT_COMMENT_ANSWERED,
               target=f"comment {locked.pk}", before=before,
               after={"answer": chosen.value, "reason": reason,
                      "version": locked.version.number})
    return locked


#: The columns of the comments log export.
LOG_HEADER = ("Comment", "Version", "Section", "From", "Sent", "Comment text", "Answer",
              "Reason or change", "Answered by", "Answered")


def _person(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def comment_log(inspection: Inspection, section_titles: dict[str, str]) -> list[list[object]]:
    """Every comment on the inspection's report and its answer, oldest first, as table rows."""
    rows: list[list[object]] = []
    for item in (ReportComment.objects.filter(version__inspection=inspection)
                 .select_related("version", "author", "answered_by")):
        rows.append([
            item.pk, item.version.number,
            section_titles.get(item.section, item.section) or "The whole report",
            _person(item.author), timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
            item.text,
            CommentAnswer(item.answer).label if item.answer else "Not answered yet",
            item.answer_reason, _person(item.answered_by),
            (timezone.localtime(item.answered_at).strftime("%Y-%m-%d %H:%M")
             if item.answered_at else ""),
        ])
    return rows


def comment_log_file(inspection: Inspection, section_titles: dict[str, str],
                     fmt: str) -> str | bytes:
    """The comments log as CSV text or XLSX bytes, through the one tabular writer."""
    rows = comment_log(inspection, section_titles)
    if fmt == "csv":
        return tabular.csv_text(LOG_HEADER, rows)
    return tabular.xlsx_bytes([("Factual-accuracy comments", LOG_HEADER, rows)])
