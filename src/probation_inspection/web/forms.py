"""What every app's forms share: Django form errors turned into the GOV.UK error summary's
list, forms whose inputs the templates write by hand, and free text held to `input_limits`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import ProhibitNullCharactersValidator

from probation_inspection.web.input_limits import refused_text


@dataclass(frozen=True)
class PageError:
    """One line of the error summary; ``field`` is the id the link jumps to."""

    message: str
    field: str = ""


def error_list(form: forms.BaseForm) -> list[PageError]:
    errors: list[PageError] = []
    for name, messages in form.errors.items():
        anchor = "" if name == NON_FIELD_ERRORS else form[name].id_for_label
        errors.extend(PageError(str(message), anchor) for message in messages)
    return errors


class HandWrittenForm(forms.Form):
    """A form whose inputs the template writes by hand, each with its field's name as its id,
    so the error summary's links (`web.forms.error_list`) land on them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)


class LimitedText(forms.CharField):
    """Text held to `input_limits`: more than ``limit`` characters, or a NUL character, is
    refused with its message naming the field (``label``)."""

    def __init__(self, limit: int, label: str, *, required: bool = False, strip: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(required=required, strip=strip, **kwargs)
        self.limit, self.label_text = limit, label
        # refused_text says why, naming the field, where Django would say only "Null characters".
        self.validators = [v for v in self.validators
                           if not isinstance(v, ProhibitNullCharactersValidator)]

    def validate(self, value: Any) -> None:
        super().validate(value)
        if (message := refused_text(value or "", self.limit, self.label_text)) is not None:
            raise ValidationError(message, code="refused")
