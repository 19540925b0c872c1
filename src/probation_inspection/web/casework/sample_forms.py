"""The forms of the sample pages: upload a case list (and the column step's own buttons), draw
the sample, assign its cases and substitute one.

Numbers are read strictly by `input_limits` (its ranges and messages); the defaults a draw
offers are the sampling core's, the ones the command line uses. The column choices themselves
are `casework.forms.ColumnMappingForm`.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from probation_inspection import sampling as core
from probation_inspection.sampling.size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN
from probation_inspection.web.forms import HandWrittenForm, LimitedText
from probation_inspection.web.input_limits import (
    CONFIDENCE_RANGE,
    MARGIN_RANGE,
    NOTE,
    SEED_RANGE,
    NumberError,
    decimal_number,
    whole_number,
)

#: The confidence level and margin of error a draw offers, as the page writes them ("80", "5").
DEFAULT_CONFIDENCE_PERCENT = f"{DEFAULT_CONFIDENCE * 100:g}"
DEFAULT_MARGIN_POINTS = f"{DEFAULT_MARGIN:g}"

REASON_LABELS = {
    core.DropOutReason.TRANSFERRED: "Transferred to another provider or area",
    core.DropOutReason.WRONGLY_LISTED: "Wrongly listed (not eligible)",
    core.DropOutReason.DECEASED: "Deceased",
    core.DropOutReason.OFFICER_UNAVAILABLE: "Responsible officer unavailable",
    core.DropOutReason.OTHER: "Other",
}


class CaseListUploadForm(HandWrittenForm):
    """The case list file; what is in it is the sampling core's to judge (an empty file too)."""

    case_list = forms.FileField(allow_empty_file=True, error_messages={
        "required": "Select a case list file", "missing": "Select a case list file",
        "invalid": "Select a case list file"})


class _Anything(forms.Field):
    """A posted value taken as typed (never an error): the view decides what it means."""

    def to_python(self, value: Any) -> str:
        return value if isinstance(value, str) else ""


class ColumnStepForm(HandWrittenForm):
    """The column step's own controls: which kept upload it is about, and whether to discard it.

    A pending id that is no number is no upload: nothing kept has it.
    """

    pending = _Anything(widget=forms.HiddenInput, required=False)
    discard = forms.BooleanField(required=False)

    @staticmethod
    def posted(data: Mapping[str, Any]) -> bool:
        """Whether the page posting ``data`` is the column step (not a new upload)."""
        return "pending" in data

    def clean_pending(self) -> int:
        raw = self.cleaned_data["pending"]
        return int(raw) if raw.isdigit() and len(raw) < 19 else 0


class _Number(forms.Field):
    """A number typed in plain digits within ``limits`` (`input_limits` reads it); blank is
    None when ``optional``."""

    def __init__(self, label: str, limits: tuple[float, float], *, whole: bool,
                 optional: bool = False) -> None:
        super().__init__(required=False)
        self.named, self.limits, self.whole, self.optional = label, limits, whole, optional

    def to_python(self, value: Any) -> float | int | None:
        raw = value.strip() if isinstance(value, str) else ""
        if self.optional and not raw:
            return None
        try:
            if self.whole:
                lowest, highest = self.limits
                return whole_number(raw, self.named, (int(lowest), int(highest)))
            return decimal_number(raw, self.named, self.limits)
        except NumberError as error:
            raise forms.ValidationError(str(error)) from None


class DrawForm(HandWrittenForm):
    """The draw's seed, confidence level (per cent), margin of error and optional size, each in
    range before the core sees it (1e30 as a seed once overflowed the column)."""

    seed = _Number("Seed", SEED_RANGE, whole=True)
    confidence = _Number("Confidence level (per cent)", CONFIDENCE_RANGE, whole=False)
    margin = _Number("Margin of error (percentage points)", MARGIN_RANGE, whole=False)
    size = _Number("Sample size", (1, 1), whole=True, optional=True)

    def __init__(self, *args: Any, eligible: int, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {
            "seed": str(secrets.randbelow(10**6)), "confidence": DEFAULT_CONFIDENCE_PERCENT,
            "margin": DEFAULT_MARGIN_POINTS, "size": ""})
        super().__init__(*args, **kwargs)
        size = self.fields["size"]
        assert isinstance(size, _Number)
        size.limits = (1, max(eligible, 1))

    def values(self) -> dict[str, str]:
        """What each input shows: as typed once posted, else the defaults."""
        return {name: str(self[name].value() or "").strip() for name in self.fields}


class AssignForm(forms.Form):
    """Who each sampled case on the page is assigned to: an inspector on the team, or nobody
    (blank). A case the page did not post is left as it is."""

    REFUSED = "Cases can be assigned only to inspectors on the team."

    def __init__(self, *args: Any, cases: Sequence[Any], assessors: Sequence[Any],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assessors = {str(user.pk): user for user in assessors}
        choices = [("", "Nobody"), *((pk, pk) for pk in self.assessors)]
        self.cases = {f"assign-{case.pk}": case for case in cases}
        for name in self.cases:
            self.fields[name] = forms.ChoiceField(
                required=False, choices=choices, error_messages={"invalid_choice": self.REFUSED})

    def assignments(self) -> list[tuple[Any, Any]]:
        """(case, the inspector chosen or None) for each case the page posted."""
        return [(case, self.assessors.get(self.cleaned_data[name]))
                for name, case in self.cases.items() if name in self.data]


class SubstituteForm(HandWrittenForm):
    """Why a sampled case is replaced by a reserve, and the detail (the core requires it for
    Other)."""

    reason = forms.ChoiceField(
        choices=[(reason.value, label) for reason, label in REASON_LABELS.items()],
        error_messages={"required": "Select why the case is being replaced",
                        "invalid_choice": "Select why the case is being replaced"})
    detail = LimitedText(NOTE, "The detail", strip=True)


class BulkAssignForm(HandWrittenForm):
    """The cases ticked on the sample page and the one inspector (or nobody) they all go to."""

    def __init__(self, *args: Any, cases: Sequence[Any], assessors: Sequence[Any],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_pk = {str(case.pk): case for case in cases}
        self.assessors = {str(user.pk): user for user in assessors}
        self.fields["ticked"] = forms.MultipleChoiceField(
            choices=[(pk, pk) for pk in self.by_pk], error_messages={
                "required": "Tick the cases to assign",
                "invalid_choice": "Only cases in the sample can be assigned"})
        self.fields["inspector"] = forms.ChoiceField(
            required=False, choices=[("", "Nobody"), *((pk, pk) for pk in self.assessors)],
            error_messages={"invalid_choice": AssignForm.REFUSED})

    def assignments(self) -> list[tuple[Any, Any]]:
        new = self.assessors.get(self.cleaned_data["inspector"])
        return [(self.by_pk[pk], new) for pk in self.cleaned_data["ticked"]]


class AllocateForm(HandWrittenForm):
    """Automatic allocation of the unassigned cases: among which inspectors, whether a delivery
    unit's cases stay together, the seed; ``confirm`` is set by the preview's own button."""

    def __init__(self, *args: Any, assessors: Sequence[Any], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"seed": str(secrets.randbelow(10**6)),
                                      "inspectors": [str(user.pk) for user in assessors],
                                      "together": True})
        super().__init__(*args, **kwargs)
        self.assessors = {str(user.pk): user for user in assessors}
        self.fields["inspectors"] = forms.MultipleChoiceField(
            choices=[(pk, pk) for pk in self.assessors], error_messages={
                "required": "Choose at least one inspector to allocate cases to",
                "invalid_choice": AssignForm.REFUSED})
        self.fields["together"] = forms.BooleanField(required=False)
        self.fields["seed"] = _Number("Seed", SEED_RANGE, whole=True)
        self.fields["confirm"] = forms.BooleanField(required=False)

    def chosen(self) -> list[Any]:
        return [self.assessors[pk] for pk in self.cleaned_data["inspectors"]]


class ConflictForm(HandWrittenForm):
    """A team member's declared conflict with a delivery unit of the provider."""

    def __init__(self, *args: Any, members: Sequence[Any], units: Sequence[Any],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {str(member.pk): member for member in members}
        self.units = {str(unit.pk): unit for unit in units}
        self.fields["conflict_member"] = forms.ChoiceField(
            choices=[(pk, pk) for pk in self.members], error_messages={
                "required": "Select the inspector who has the conflict",
                "invalid_choice": "Select an inspector on the team"})
        self.fields["conflict_unit"] = forms.ChoiceField(
            choices=[(pk, pk) for pk in self.units], error_messages={
                "required": "Select the delivery unit of the conflict",
                "invalid_choice": "Select one of the provider's delivery units"})


class WithdrawConflictForm(forms.Form):
    """Which declared conflict is withdrawn (its id)."""

    withdraw = forms.IntegerField(min_value=1)


class RedrawForm(DrawForm):
    """A redraw: the draw's settings, a new seed, and why (kept with the earlier draw)."""

    reason = LimitedText(NOTE, "The reason for the redraw", required=True, strip=True,
                         error_messages={"required": "Say why the sample is redrawn"})
