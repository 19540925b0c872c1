"""The forms of the users pages: a new account, and a user's programme roles and whether
their account is active."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from probation_inspection.web.accounts.models import ProgrammeRole
from probation_inspection.web.forms import HandWrittenForm
from probation_inspection.web.input_limits import length_messages

#: Django's own limits on a username and on each part of a name.
USERNAME = NAME = 150


class NewUserForm(HandWrittenForm):
    """A new account: the username it signs in with, the name pages show, an e-mail address."""

    username = forms.RegexField(
        regex=r"^[\w.@+-]+\Z", max_length=USERNAME,
        error_messages={
            "required": "Enter a username",
            "invalid": "A username may contain only letters, digits and @ . + - _",
            **length_messages("The username", USERNAME)})
    first_name = forms.CharField(max_length=NAME, required=False,
                                 error_messages=length_messages("The first name", NAME))
    last_name = forms.CharField(max_length=NAME, required=False,
                                error_messages=length_messages("The last name", NAME))
    email = forms.EmailField(required=False, max_length=254, error_messages={
        "invalid": "Enter an e-mail address in the right form, like name@example.org",
        **length_messages("The e-mail address", 254)})

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"])
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(f"An account with the username \u201c{username}\u201d "
                                        "already exists")
        return username

    def clean_email(self) -> str:
        email = str(self.cleaned_data.get("email") or "").strip()
        if email and get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Another account already has this e-mail address")
        return email


class UserAccessForm(HandWrittenForm):
    """A user's programme roles and whether the account may sign in."""

    roles = forms.MultipleChoiceField(choices=ProgrammeRole.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple, error_messages={
                                          "invalid_choice": "Select programme roles from the list"})
    active = forms.BooleanField(required=False)

    def chosen_roles(self) -> set[ProgrammeRole]:
        return {ProgrammeRole(role) for role in self.cleaned_data["roles"]}
