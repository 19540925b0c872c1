"""The three-way merge of an assessment's fields when two people saved from the same version.

Owns which of an inspector's edits survive a save made after someone else's: field by field,
from the version the form was loaded at (base), what is stored now and what the form posted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


@dataclass(frozen=True)
class FieldConflict(Generic[Key, Value]):
    """A field both sides changed to different values since the base: someone must choose."""

    key: Key
    base: Value | None
    stored: Value | None
    mine: Value | None


@dataclass(frozen=True)
class Merge(Generic[Key, Value]):
    """The result of `merge`."""

    #: The value to store for every field: mine where only I changed it, stored where only
    #: they changed it (or nobody did), stored where we disagree (until someone chooses).
    values: dict[Key, Value | None]
    #: Fields both sides changed to different values, in the order of the keys given.
    conflicts: tuple[FieldConflict[Key, Value], ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge(
    base: Mapping[Key, Value | None],
    stored: Mapping[Key, Value | None],
    mine: Mapping[Key, Value | None],
) -> Merge[Key, Value]:
    """Merge ``mine`` (what the form posted, loaded at ``base``) into ``stored``.

    A field missing from a mapping is None there (never set). Rules, per field:
    unchanged by me (mine == base): theirs stands; unchanged by them (stored == base): mine is
    taken; changed by both to the same value: that value; changed by both differently: a
    conflict, and the stored value stands until the inspector chooses.
    """
    values: dict[Key, Value | None] = {}
    conflicts: list[FieldConflict[Key, Value]] = []
    keys = list(dict.fromkeys([*stored, *mine, *base]))
    for key in keys:
        was, theirs, ours = base.get(key), stored.get(key), mine.get(key)
        if ours in (was, theirs):
            values[key] = theirs
        elif theirs == was:
            values[key] = ours
        else:
            values[key] = theirs
            conflicts.append(FieldConflict(key, was, theirs, ours))
    return Merge(values, tuple(conflicts))
