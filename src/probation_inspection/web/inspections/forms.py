"""The form for creating an inspection: provider, framework, fieldwork dates and team.

Checks only what the user typed; the framework itself is validated by the core loader.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from probation_inspection.web.frameworks import shipped_frameworks
from probation_inspection.web.input_limits import NAME, length_messages
from probation_inspection.web.inspections.models import Role

NOT_ON_TEAM = ""


def framework_choices() -> list[tuple[str, str]]:
    return [
        (f"{item.id}@{item.version}", f"{item.title} ({item.id}, version {item.version})")
        for item in shipped_frameworks()
        if item.rated
    ]


class InspectionForm(forms.Form):
    provider = forms.CharField(
        max_length=NAME,
        error_messages={"required": "Enter the name of the provider",
                        **length_messages("The name of the provider", NAME)},
    )
    framework = forms.ChoiceField(
        choices=framework_choices, error_messages={"required": "Select a framework"}
    )
    fieldwork_start = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": "Enter the date fieldwork starts",
            "invalid": "Date fieldwork starts must be a real date, like 2026-11-02",
        },
    )
    fieldwork_end = forms.DateField(
        input_formats=["%Y-%m-%d"],
        error_messages={
            "required": "Enter the date fieldwork ends",
            "invalid": "Date fieldwork ends must be a real date, like 2026-11-20",
        },
    )

    def __init__(self, *args: Any, creator: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.team_fields: list[tuple[Any, forms.BoundField]] = []
        others = get_user_model().objects.filter(is_active=True).exclude(pk=creator.pk)
        choices = [(NOT_ON_TEAM, "Not on the team")] + [
            (role.value, role.label) for role in Role if role != Role.LEAD_INSPECTOR
        ]
        for user in others.order_by("username"):
            name = f"role_{user.pk}"
            self.fields[name] = forms.ChoiceField(choices=choices, required=False)
            self.team_fields.append((user, self[name]))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("fieldwork_start"), cleaned.get("fieldwork_end")
        if start and end and end < start:
            self.add_error("fieldwork_end", "Date fieldwork ends must be on or after it starts")
        return cleaned

    def team(self) -> list[tuple[Any, Role]]:
        """The chosen team members other than the creator, with their roles."""
        return [
            (user, Role(self.cleaned_data[field.name]))
            for user, field in self.team_fields
            if self.cleaned_data.get(field.name)
        ]
