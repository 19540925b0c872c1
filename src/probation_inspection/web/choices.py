"""Web choices taken from the core's enums, so a value the core knows is one the web knows.

Two ways, by what the code needs:

- ``mirrors(core_enum)`` decorates a ``TextChoices`` class whose members code names
  (``Stage.PLANNING``, ``Role.LEAD_INSPECTOR.label``): the class keeps its members written out,
  so type checking sees them, and importing it fails unless they are exactly the core enum's
  (same names, same values). A member added to the core stops the application at start-up
  with the member to add, rather than letting the web refuse or mislabel the new value.
- ``choices_from(core_enum, labels)`` builds a field's ``choices`` from the core enum itself,
  with a label for each member (a missing label fails at import), or the value as a label.

Why not Django's functional API (``TextChoices("Stage", [...members of the core...])``)? It
builds the same class at run time, but the type checker then knows none of its members, and
every ``Stage.PLANNING`` in the views would be unchecked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from probation_inspection.web.labels import phrase

_Choices = TypeVar("_Choices", bound=type[models.Choices])
_Core = TypeVar("_Core", bound=Enum)


def mirrors(core: type[Enum]) -> Callable[[_Choices], _Choices]:
    """Refuse (at import) a choices class whose members are not exactly ``core``'s."""

    def check(choices: _Choices) -> _Choices:
        differences = mirror_differences(choices, core)
        if differences:
            raise ImproperlyConfigured(
                f"{choices.__module__}.{choices.__name__} must mirror "
                f"{core.__module__}.{core.__name__}: " + "; ".join(differences)
            )
        return choices

    return check


def mirror_differences(choices: type[models.Choices], core: type[Enum]) -> list[str]:
    """What stops ``choices`` mirroring ``core``, one line each (empty when it does)."""
    web = {member.name: member.value for member in choices}
    wanted = {member.name: member.value for member in core}
    differences = [f"add {name} = {value!r} with its label" for name, value in wanted.items()
                   if name not in web]
    differences += [f"{name} is not in the core" for name in web if name not in wanted]
    differences += [f"{name} is {web[name]!r} in the web, {value!r} in the core"
                    for name, value in wanted.items() if name in web and web[name] != value]
    return differences


def choices_from(
    core: type[_Core], labels: Mapping[_Core, str] | None = None
) -> list[tuple[str, str]]:
    """``(value, label)`` for each member of ``core``, in its order.

    With ``labels``, every member needs one (ImproperlyConfigured names those missing);
    without, the label is the value as a phrase: "not-applicable" -> "Not applicable".
    """
    if labels is None:
        return [(str(member.value), _phrase(str(member.value))) for member in core]
    missing = [member.name for member in core if member not in labels]
    if missing:
        raise ImproperlyConfigured(
            f"no label for {', '.join(missing)} of {core.__module__}.{core.__name__}"
        )
    return [(str(member.value), labels[member]) for member in core]


def _phrase(value: str) -> str:
    return phrase(value)
