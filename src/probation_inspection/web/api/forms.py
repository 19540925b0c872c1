"""The form that makes a personal API token: a name to know it by, its scope and its expiry."""

from __future__ import annotations

from django import forms

from probation_inspection.web.api.models import TokenScope
from probation_inspection.web.forms import HandWrittenForm, LimitedText
from probation_inspection.web.input_limits import NAME

#: How long a new token lasts, in days ("" never expires).
EXPIRY_CHOICES = [("30", "30 days"), ("90", "90 days"), ("365", "1 year"), ("", "Never")]


class TokenForm(HandWrittenForm):
    name = LimitedText(100 if NAME > 100 else NAME, "The token's name", required=True,
                       strip=True, error_messages={
                           "required": "Enter a name for the token, to know it by"})
    scope = forms.ChoiceField(choices=TokenScope.choices, error_messages={
        "required": "Choose what the token may do",
        "invalid_choice": "Choose what the token may do"})
    expires = forms.ChoiceField(choices=EXPIRY_CHOICES, required=False, error_messages={
        "invalid_choice": "Choose when the token expires"})


class RevokeForm(forms.Form):
    """Nothing to read: the token is in the URL; a form all the same, so every POST has one."""
