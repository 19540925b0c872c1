"""Helpers that turn Django form errors into the GOV.UK error summary's list.

Shared by every app's views.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class PageError:
    """One line of the error summary; ``field`` is the id the link jumps to."""

    message: str
    field: str = ""


def error_list(form: forms.BaseForm) -> list[PageError]:
    errors: list[PageError] = []
    for name, messages in form.errors.items():
        anchor = "" if name == forms.forms.NON_FIELD_ERRORS else form[name].id_for_label
        errors.extend(PageError(str(message), anchor) for message in messages)
    return errors
