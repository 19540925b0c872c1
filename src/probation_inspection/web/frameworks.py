"""The web application's one door to the framework library: the shipped frameworks and the
versions published through the library page.

Looks frameworks up through the core library; a recorded version never falls back to another.
The published versions are rows of the inspections app, which every app reads frameworks
through but this shared module may not import (apps depend one way): the app registers where
its rows are read from (`use_published`, from its ``AppConfig.ready()``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from probation_inspection.framework import (
    FrameworkSummary,
    UnknownFramework,
    available_frameworks,
    load_framework,
    load_framework_text,
)
from probation_inspection.framework.model import Framework


@dataclass(frozen=True)
class PublishedText:
    """A published framework version as stored: what it is called and its text."""

    framework_id: str
    version: str
    file_name: str
    text: str
    sha256: str


def _none(framework_id: str, version: str) -> PublishedText | None:
    return None


def _nothing() -> Sequence[PublishedText]:
    return ()


@dataclass
class _Source:
    """Where published versions are read from; nothing is published until an app says."""

    one: Callable[[str, str], PublishedText | None] = _none
    every: Callable[[], Sequence[PublishedText]] = _nothing


_published = _Source()


def use_published(one: Callable[[str, str], PublishedText | None],
                  every: Callable[[], Sequence[PublishedText]]) -> None:
    """Read published versions with ``one(id, version)`` and ``every()`` (the inspections app)."""
    _published.one = one
    _published.every = every


def shipped_frameworks() -> list[FrameworkSummary]:
    """Every framework version in the shipped library, by id then version."""
    return available_frameworks()


@lru_cache(maxsize=32)
def _from_text(sha256: str, text: str, file_name: str) -> Framework:
    # Keyed by the text's hash as well as the text: a stored text never changes, so a version
    # is parsed once per process. It was validated when it was published.
    return load_framework_text(text, file_name)


def load_published(item: PublishedText) -> Framework:
    """A published version's framework (parsed once per process)."""
    return _from_text(item.sha256, item.text, item.file_name)


def published_frameworks() -> list[Framework]:
    """Every version published through the library page, by id then version."""
    return [load_published(item) for item in _published.every()]


def framework(framework_id: str, version: str) -> Framework:
    """The exact framework version an inspection or assessment recorded: shipped or published."""
    try:
        return load_framework(framework_id, version)
    except UnknownFramework:
        published = _published.one(framework_id, version)
        if published is None:
            raise
        return load_published(published)
