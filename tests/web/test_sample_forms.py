"""The sample pages' forms: a draw offers the sampling core's defaults (the command line's too)
and reads every number strictly; assigning leaves alone the cases a page did not post."""

from __future__ import annotations

from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict

from probation_inspection.sampling.size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN
from probation_inspection.web.casework.sample_forms import (
    AssignForm,
    CaseListUploadForm,
    ColumnStepForm,
    DrawForm,
    SubstituteForm,
)
from probation_inspection.web.forms import error_list


def test_a_draw_offers_the_cores_default_confidence_and_margin() -> None:
    values = DrawForm(eligible=100).values()
    assert (values["confidence"], values["margin"], values["size"]) == ("80", "5", "")
    assert float(values["confidence"]) / 100 == DEFAULT_CONFIDENCE
    assert float(values["margin"]) == DEFAULT_MARGIN
    assert 0 <= int(values["seed"]) < 10**6


def test_a_draw_reads_its_numbers_and_a_blank_size() -> None:
    form = DrawForm({"seed": " 42 ", "confidence": "90", "margin": "2.5", "size": ""},
                    eligible=10)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"seed": 42, "confidence": 90.0, "margin": 2.5, "size": None}
    assert form.values()["seed"] == "42"


def test_a_draw_names_each_bad_number_in_field_order() -> None:
    form = DrawForm({"seed": "1e30", "confidence": "nan", "margin": "5", "size": "11"},
                    eligible=10)
    assert not form.is_valid()
    assert [(error.field, error.message) for error in error_list(form)] == [
        ("seed", "Seed must be a whole number from 0 to 4,294,967,295"),
        ("confidence", "Confidence level (per cent) must be a number from 50 to 99.9"),
        ("size", "Sample size must be a whole number from 1 to 10"),
    ]


def test_a_draw_of_no_eligible_case_still_takes_a_size_of_one() -> None:
    form = DrawForm({"seed": "1", "confidence": "80", "margin": "5", "size": "1"}, eligible=0)
    assert form.is_valid(), form.errors


def test_assigning_changes_only_the_posted_cases_and_only_to_the_team() -> None:
    cases = [SimpleNamespace(pk=1), SimpleNamespace(pk=2), SimpleNamespace(pk=3)]
    team = [SimpleNamespace(pk=7)]
    form = AssignForm(QueryDict("assign-1=7&assign-2="), cases=cases, assessors=team)
    assert form.is_valid()
    assert form.assignments() == [(cases[0], team[0]), (cases[1], None)]
    stranger = AssignForm(QueryDict("assign-1=8"), cases=cases, assessors=team)
    assert not stranger.is_valid()


def test_a_substitution_needs_a_reason_and_limits_its_detail() -> None:
    form = SubstituteForm({"reason": "lost", "detail": "x" * 5001})
    assert [(error.field, error.message) for error in error_list(form)] == [
        ("reason", "Select why the case is being replaced"),
        ("detail", "The detail must be 5,000 characters or fewer (it has 5,001)"),
    ]
    nul = SubstituteForm({"reason": "other", "detail": "a\x00b"})
    assert [error.message for error in error_list(nul)] == [
        "The detail contains a NUL character, which is not text"]


def test_an_upload_needs_a_file_and_takes_an_empty_one_to_the_core() -> None:
    assert [(error.field, error.message) for error in error_list(CaseListUploadForm({}, {}))] == [
        ("case_list", "Select a case list file")]
    empty = CaseListUploadForm({}, {"case_list": SimpleUploadedFile("cases.csv", b"")})
    assert empty.is_valid(), empty.errors


def test_the_column_step_is_told_from_an_upload_and_never_refused() -> None:
    assert ColumnStepForm.posted(QueryDict("pending=3")) and not ColumnStepForm.posted({})
    for raw, pending in (("3", 3), ("x", 0), ("9" * 19, 0), ("", 0)):
        step = ColumnStepForm({"pending": raw})
        assert step.is_valid()
        assert step.cleaned_data == {"pending": pending, "discard": False}
    assert ColumnStepForm({"pending": "3", "discard": "1"}).is_valid()
