"""Records that are written once and never changed: one rule for every app that keeps them.

A model built on `Immutable` refuses, with its own `refusal` exception, saving a row that is
already stored, deleting a row, and the queryset's bulk `update()` and `delete()` (which skip
`save()` and `delete()`, so guarding the row alone leaves them open). The audit log, the
benchmark store, rating decisions, key-question answers and narrative revisions use it.

Shared beside the apps: it imports none of them, so any app may build on it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models


class RecordIsImmutable(Exception):
    """A stored record was about to be changed or deleted; each model refuses with its own
    subclass."""


def _refusal(model: type[models.Model]) -> type[RecordIsImmutable]:
    return getattr(model, "refusal", RecordIsImmutable)


class ImmutableQuerySet(models.QuerySet[Any]):
    """Bulk changes refused: ``update()`` and ``delete()`` never reach the rows' own checks."""

    def update(self, **kwargs: Any) -> int:
        raise _refusal(self.model)(
            f"{self.model._meta.verbose_name_plural} cannot be updated once stored")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise _refusal(self.model)(
            f"{self.model._meta.verbose_name_plural} cannot be deleted")


class Immutable(models.Model):
    """A row written once: saving it again or deleting it raises ``refusal``."""

    #: The exception the model raises (a subclass of `RecordIsImmutable`).
    refusal: ClassVar[type[RecordIsImmutable]] = RecordIsImmutable

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def refuse_if_stored(self) -> None:
        """Raise ``refusal`` if this row is already stored: for a ``save()`` that does work of
        its own before saving (the audit chain's hash) to call first."""
        if self.pk is not None:
            raise self.refusal(
                f"a stored {self._meta.verbose_name} is never changed: record another")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refuse_if_stored()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise self.refusal(f"a stored {self._meta.verbose_name} is never deleted")
