"""Typed records of domain-one evidence: meetings and focus groups, provider documents.

Owns their fields and the checks made when one is recorded; storage is the web application's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from probation_inspection.evidence.errors import ErrorCode, EvidenceError
from probation_inspection.evidence.upload import CheckedUpload, FileKind
from probation_inspection.framework.model import Framework, RatingMethod


class MeetingKind(StrEnum):
    MEETING = "meeting"
    FOCUS_GROUP = "focus-group"


class RoleGroup(StrEnum):
    """Who the inspectors met, grouped as the reports' methodology names them."""

    SENIOR_MANAGERS = "senior-managers"
    MIDDLE_MANAGERS = "middle-managers"
    RESPONSIBLE_OFFICERS = "responsible-officers"
    UPW_STAFF = "upw-staff"
    RESETTLEMENT_WORKERS = "resettlement-workers"
    INTERVENTIONS_STAFF = "interventions-staff"
    ADMINISTRATORS = "administrators"
    PARTNERS = "partners-and-stakeholders"
    SUPPLY_CHAIN = "supply-chain-providers"
    SENTENCERS = "sentencers"
    SERVICE_USERS = "service-users"
    OTHER = "other"


class DocumentType(StrEnum):
    """Kinds of provider evidence the reports cite (SEEDS-SPEC e.1)."""

    STRATEGY = "strategy-or-business-plan"
    POLICY = "policy-or-guidance"
    RISK_REGISTER = "risk-register"
    BUSINESS_CONTINUITY = "business-continuity-plan"
    MANAGEMENT_INFORMATION = "management-information"
    WORKLOAD_TOOL = "workload-tool"
    AUDIT = "audit"
    STAFF_SURVEY = "staff-survey"
    SERVICE_USER_FEEDBACK = "service-user-feedback"
    OTHER = "other"


_E = TypeVar("_E", bound=StrEnum)


def _text(value: str, what: str, where: str, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise EvidenceError(f"{where}: {what} must not be empty", code=ErrorCode.EMPTY_TEXT,
                            field=field)
    return value.strip()


def _choice(kind: type[_E], value: _E | str, where: str, field: str) -> _E:
    try:
        return kind(value)
    except ValueError as error:
        raise EvidenceError(f"{where}: {error}", code=ErrorCode.INVALID_CHOICE,
                            field=field) from None


def _standards(standards: Iterable[str], framework: Framework | None, where: str
               ) -> tuple[str, ...]:
    chosen = tuple(standards)
    if framework is not None:
        judged = {s.id for s in framework.standards() if s.rating_method is RatingMethod.JUDGEMENT}
        for standard in chosen:
            if standard not in judged:
                raise EvidenceError(f"{where}: {standard!r} is not a domain-one (judgement) "
                                    f"standard of {framework.id}",
                                    code=ErrorCode.NOT_A_JUDGEMENT_STANDARD, field="standards")
    return chosen


@dataclass(frozen=True)
class Meeting:
    """A meeting or focus group held during fieldwork."""

    id: str
    kind: MeetingKind
    held_on: date
    role_group: RoleGroup
    #: Who attended: names or job titles, as the team records them.
    participants: tuple[str, ...]
    notes: str
    #: Domain-one standards the notes bear on.
    standards: tuple[str, ...] = ()


def record_meeting(
    item_id: str, kind: MeetingKind | str, held_on: date, role_group: RoleGroup | str,
    participants: Iterable[str], notes: str, standards: Iterable[str] = (),
    framework: Framework | None = None,
) -> Meeting:
    """A checked meeting record; raises EvidenceError naming the meeting and the field."""
    where = f"meeting {item_id.strip() or '(no id)'}"
    _text(item_id, "the id", where, "id")
    kind = _choice(MeetingKind, kind, where, "kind")
    role_group = _choice(RoleGroup, role_group, where, "role_group")
    if not isinstance(held_on, date):
        raise EvidenceError(f"{where}: the date must be a date, not {held_on!r}",
                            code=ErrorCode.INVALID_DATE, field="held_on")
    who = tuple(p.strip() for p in participants if p.strip())
    if not who:
        raise EvidenceError(f"{where}: say who attended", code=ErrorCode.NO_PARTICIPANTS,
                            field="participants")
    return Meeting(item_id, kind, held_on, role_group, who,
                   _text(notes, "the notes", where, "notes"),
                   _standards(standards, framework, where))


@dataclass(frozen=True)
class EvidenceDocument:
    """A document the provider submitted; the file itself is stored by the web application."""

    id: str
    title: str
    document_type: DocumentType
    file_name: str
    kind: FileKind
    size: int
    standards: tuple[str, ...] = ()


def record_document(
    item_id: str, title: str, document_type: DocumentType | str, upload: CheckedUpload,
    standards: Iterable[str] = (), framework: Framework | None = None,
) -> EvidenceDocument:
    """A document record from an upload that passed `check_upload`."""
    where = f"document {item_id.strip() or '(no id)'}"
    _text(item_id, "the id", where, "id")
    document_type = _choice(DocumentType, document_type, where, "document_type")
    return EvidenceDocument(item_id, _text(title, "the title", where, "title"), document_type,
                            upload.file_name, upload.kind, upload.size,
                            _standards(standards, framework, where))
