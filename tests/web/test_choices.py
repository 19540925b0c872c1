"""The web's choices come from the core's enums: each mirror has exactly the core's members."""

from __future__ import annotations

from enum import Enum, StrEnum

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from probation_inspection import access
from probation_inspection.evidence import Unit
from probation_inspection.moderation.status import AssessmentStatus as CoreAssessmentStatus
from probation_inspection.reporting.workflow import State
from probation_inspection.sampling.status import CaseStatus as CoreCaseStatus
from probation_inspection.scoring import Answer
from probation_inspection.scoring.walk import QuestionKind as CoreQuestionKind
from probation_inspection.web.accounts.models import ProgrammeRole
from probation_inspection.web.casework.models import (
    AnswerValue,
    AssessmentStatus,
    CaseStatus,
    QuestionKind,
)
from probation_inspection.web.choices import choices_from, mirror_differences, mirrors
from probation_inspection.web.inspections.models import ASSESSORS, Role, Stage
from probation_inspection.web.quality.models import ContextualFact
from probation_inspection.web.reports.models import ReportState

MIRRORS: list[tuple[type[models.TextChoices], type[Enum]]] = [
    (Stage, access.Stage),
    (Role, access.Role),
    (ProgrammeRole, access.ProgrammeRole),
    (CaseStatus, CoreCaseStatus),
    (AssessmentStatus, CoreAssessmentStatus),
    (AnswerValue, Answer),
    (QuestionKind, CoreQuestionKind),
    (ReportState, State),
]


@pytest.mark.parametrize(("web", "core"), MIRRORS, ids=[web.__name__ for web, _ in MIRRORS])
def test_each_web_choice_mirrors_its_core_enum(
    web: type[models.TextChoices], core: type[Enum]
) -> None:
    assert mirror_differences(web, core) == []
    assert [(m.name, m.value) for m in web] == [(m.name, m.value) for m in core]
    assert all(str(m.label).strip() for m in web)
    # A core member is accepted where the web's is: the same string.
    assert {web(m.value) for m in core} == set(web)


class _Core(StrEnum):
    ONE = "one"
    TWO = "two"


def test_a_mirror_missing_a_core_member_fails_at_import() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"must mirror .*_Core: add TWO = 'two'"):
        @mirrors(_Core)
        class Partial(models.TextChoices):
            ONE = "one", "One"


def test_a_mirror_with_an_extra_or_different_member_fails() -> None:
    class Wrong(models.TextChoices):
        ONE = "1", "One"
        TWO = "two", "Two"
        THREE = "three", "Three"

    assert mirror_differences(Wrong, _Core) == [
        "THREE is not in the core", "ONE is '1' in the web, 'one' in the core"]


def test_choices_from_needs_every_label_or_phrases_the_values() -> None:
    assert choices_from(_Core, {_Core.ONE: "First", _Core.TWO: "Second"}) == [
        ("one", "First"), ("two", "Second")]
    with pytest.raises(ImproperlyConfigured, match="no label for TWO of"):
        choices_from(_Core, {_Core.ONE: "First"})
    assert choices_from(Answer)[2] == ("not-applicable", "Not applicable")


def test_a_new_core_unit_is_a_choice_of_the_stored_fact() -> None:
    field = ContextualFact._meta.get_field("unit")
    assert [value for value, _ in field.choices or []] == [unit.value for unit in Unit]


def test_assessors_are_the_roles_the_matrix_lets_edit_an_assessment() -> None:
    assert {str(role) for role in ASSESSORS} == {
        str(role) for role in access.roles_that_may(access.Action.EDIT_ASSESSMENT)}
