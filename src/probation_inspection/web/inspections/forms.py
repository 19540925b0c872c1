"""The forms of the inspection pages: creating an inspection (provider, framework, fieldwork
dates and team), changing its details and team afterwards, and moving it a stage on or back.

The team is typed as usernames or exact e-mail addresses, never picked from a list of every
account. Checks only what the user typed; the framework itself is validated by the core loader,
and whether a stage may move by the core stage rules.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from probation_inspection.web.forms import HandWrittenForm, LimitedText
from probation_inspection.web.frameworks import published_frameworks, shipped_frameworks
from probation_inspection.web.input_limits import NAME, NOTE, length_messages
from probation_inspection.web.inspections.models import Role

#: The longest username or e-mail address looked up (RFC 5321's limit for an address).
IDENTIFIER = 254
#: The most people one role's box may name: a team is a handful, not a directory.
MOST_PER_ROLE = 50
#: The boxes for the team other than the lead: field name, role, label.
TEAM_ROLES = (
    ("inspectors", Role.INSPECTOR, "Inspectors"),
    ("quality_assurance", Role.QUALITY_ASSURANCE, "Quality-assurance inspectors"),
    ("data_team", Role.DATA_TEAM, "Data team"),
    ("provider_readers", Role.PROVIDER_READER, "Provider readers"),
)
_SEPARATORS = re.compile(r"[\s,;]+")


def find_account(identifier: str) -> Any:
    """The one active account with this exact username, or with this e-mail address
    (ignoring case) when only one account has it; otherwise None."""
    users = get_user_model().objects.filter(is_active=True)
    if "@" in identifier:
        matches = list(users.filter(email__iexact=identifier)[:2])
        if len(matches) == 1:
            return matches[0]
    return users.filter(username=identifier).first()


def _shown(identifier: str) -> str:
    return identifier if len(identifier) <= 60 else identifier[:57] + "..."


def framework_choices() -> list[tuple[str, str]]:
    """The frameworks a new inspection may use: shipped, then published in the library. One
    that rates nothing (a thematic inspection's) is offered too, its label saying so: its
    inspection reports findings and proportions without ratings."""
    items = [(item.id, item.version, item.title, item.rated) for item in shipped_frameworks()]
    items += [(item.id, item.version, item.title, item.rated) for item in published_frameworks()]
    return [(f"{id_}@{version}",
             f"{title} ({id_}, version {version}{'' if rated else ', no ratings'})")
            for id_, version, title, rated in items]


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

    lead = forms.CharField(
        max_length=IDENTIFIER,
        error_messages={
            "required": "Enter the username or e-mail address of the lead inspector",
            "max_length": f"The lead inspector's username or e-mail address must be "
                          f"{IDENTIFIER} characters or fewer",
        },
    )
    inspectors = forms.CharField(required=False, widget=forms.Textarea)
    quality_assurance = forms.CharField(required=False, widget=forms.Textarea)
    data_team = forms.CharField(required=False, widget=forms.Textarea)
    provider_readers = forms.CharField(required=False, widget=forms.Textarea)

    def clean_lead(self) -> Any:
        typed = self.cleaned_data["lead"].strip()
        user = find_account(typed)
        if user is None:
            raise forms.ValidationError(
                f"Lead inspector: no active account has the username or e-mail address "
                f"\u201c{_shown(typed)}\u201d")
        return user

    def _people(self, field: str, label: str) -> list[Any]:
        names = [name for name in _SEPARATORS.split(self.cleaned_data.get(field) or "") if name]
        if len(names) > MOST_PER_ROLE:
            raise forms.ValidationError(
                f"{label}: name at most {MOST_PER_ROLE} people (you named {len(names)})")
        people, unknown = [], []
        for name in names:
            user = find_account(name) if len(name) <= IDENTIFIER else None
            if user is None:
                unknown.append(f"\u201c{_shown(name)}\u201d")
            elif user not in people:
                people.append(user)
        if unknown:
            raise forms.ValidationError(
                f"{label}: no active account has the username or e-mail address "
                + ", ".join(unknown))
        return people

    def clean_inspectors(self) -> list[Any]:
        return self._people("inspectors", "Inspectors")

    def clean_quality_assurance(self) -> list[Any]:
        return self._people("quality_assurance", "Quality-assurance inspectors")

    def clean_data_team(self) -> list[Any]:
        return self._people("data_team", "Data team")

    def clean_provider_readers(self) -> list[Any]:
        return self._people("provider_readers", "Provider readers")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("fieldwork_start"), cleaned.get("fieldwork_end")
        if start and end and end < start:
            self.add_error("fieldwork_end", "Date fieldwork ends must be on or after it starts")
        # One role per person on an inspection: say who was named twice, and where.
        roles: dict[Any, str] = {}
        if cleaned.get("lead") is not None:
            roles[cleaned["lead"]] = "lead inspector"
        for field, role, label in TEAM_ROLES:
            for user in cleaned.get(field) or []:
                if user in roles:
                    self.add_error(field, f"{label}: {user.get_username()} is already named as "
                                          f"{roles[user]}; each person has one role")
                else:
                    roles[user] = role.label.lower()
        return cleaned

    def team(self) -> list[tuple[Any, Role]]:
        """The lead inspector first, then everyone named for another role."""
        team = [(self.cleaned_data["lead"], Role.LEAD_INSPECTOR)]
        for field, role, _label in TEAM_ROLES:
            team += [(user, role) for user in self.cleaned_data[field]]
        return team


class PageStage(forms.Field):
    """The stage the page showed (a hidden input): never an error, a stale or tampered value
    is answered by the stage rules as a move already made."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)

    def to_python(self, value: Any) -> str:
        return value if isinstance(value, str) else ""


class MoveStageForm(HandWrittenForm):
    """Move the inspection on from the stage the page showed."""

    stage = PageStage()


class ReopenStageForm(HandWrittenForm):
    """Move the inspection back from the stage the page showed, saying why."""

    stage = PageStage()
    reason = LimitedText(NOTE, "The reason", strip=True)


class DetailsForm(forms.Form):
    """Change an inspection's provider name and fieldwork dates (never its framework: every
    assessment records the version it was made against)."""

    provider = InspectionForm.base_fields["provider"]
    fieldwork_start = InspectionForm.base_fields["fieldwork_start"]
    fieldwork_end = InspectionForm.base_fields["fieldwork_end"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("fieldwork_start"), cleaned.get("fieldwork_end")
        if start and end and end < start:
            self.add_error("fieldwork_end", "Date fieldwork ends must be on or after it starts")
        return cleaned


#: Roles a person may be given on the team page, with the words the select shows.
MEMBER_ROLES = [(role.value, role.label) for role in Role]


class AddMemberForm(forms.Form):
    """Add a person to the team (or give a member another role), by username or e-mail."""

    person = forms.CharField(
        max_length=IDENTIFIER,
        error_messages={
            "required": "Enter the username or e-mail address of the person to add",
            "max_length": f"The username or e-mail address must be {IDENTIFIER} characters "
                          "or fewer",
        },
    )
    role = forms.ChoiceField(choices=MEMBER_ROLES,
                             error_messages={"required": "Select the person's role",
                                             "invalid_choice": "Select the person's role"})

    def clean_person(self) -> Any:
        typed = self.cleaned_data["person"].strip()
        user = find_account(typed)
        if user is None:
            raise forms.ValidationError(
                f"No active account has the username or e-mail address \u201c{_shown(typed)}"
                "\u201d")
        return user


class RemoveMemberForm(forms.Form):
    """Take a member off the team (the member's row id, from a button on the team page)."""

    member = forms.IntegerField(min_value=1, error_messages={
        "required": "Choose the member to remove", "invalid": "Choose the member to remove"})
