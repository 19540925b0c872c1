"""The life of a background job (a PDF, an export, an import) as plain rules: its states, the
moves between them, and what its progress reads as.

The web application's `web/jobs` stores jobs and runs them through a task queue; the rules
of which state may follow which live here, with their tests, and never import Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class JobState(StrEnum):
    """Where a job is (values match the web application's)."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


#: The states each state may move to. A worker that dies mid-job leaves it running; a
#: retry moves it from running to running (its progress starts again). Finished is final.
MOVES: dict[JobState, frozenset[JobState]] = {
    JobState.QUEUED: frozenset({JobState.RUNNING, JobState.FAILED}),
    JobState.RUNNING: frozenset({JobState.RUNNING, JobState.DONE, JobState.FAILED}),
    JobState.DONE: frozenset(),
    JobState.FAILED: frozenset(),
}

FINISHED = frozenset({JobState.DONE, JobState.FAILED})


class JobMoveRefused(ValueError):
    """A move the rules do not allow; ``code`` is stable (JB1), ``field`` is ``state``."""

    code = "JB1"
    field = "state"

    def __init__(self, current: JobState, wanted: JobState) -> None:
        self.current = current
        self.wanted = wanted
        super().__init__(f"[{self.code}] a {current.value} job cannot become {wanted.value}")


def move(current: JobState | str, wanted: JobState | str) -> JobState:
    """``wanted`` if a job in ``current`` may move to it; JobMoveRefused otherwise."""
    now, then = JobState(current), JobState(wanted)
    if then not in MOVES[now]:
        raise JobMoveRefused(now, then)
    return then


@dataclass(frozen=True)
class Progress:
    """How far a job has got: ``done`` of ``total`` steps (total 0: not yet known)."""

    done: int = 0
    total: int = 0
    message: str = ""

    def __post_init__(self) -> None:
        if self.done < 0 or self.total < 0:
            raise ValueError("progress counts are never negative")

    @property
    def percent(self) -> int | None:
        """Whole per cent done (None while the total is unknown), never over 100."""
        if self.total <= 0:
            return None
        return min(100, (100 * self.done) // self.total)

    def words(self) -> str:
        """What a page says: the message, and the counts when the total is known."""
        counts = f"{self.done} of {self.total}" if self.total else ""
        return ": ".join(part for part in (self.message, counts) if part) or "Waiting to start"
