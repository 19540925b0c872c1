"""Which submitted assessments a QA inspector moderates: a seeded share of each inspector's work.

Owns the selection policy, the stable draw and the queue that later submissions extend.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from probation_inspection.moderation.errors import ErrorCode, ModerationError


@dataclass(frozen=True)
class SelectionPolicy:
    """How much of each inspector's submitted work is moderated."""

    #: At least this share of each inspector's submitted assessments (rounded up).
    share: Fraction = Fraction(1, 5)
    #: And at least this many per inspector (all of them when fewer were submitted).
    minimum: int = 2

    def __post_init__(self) -> None:
        # A float such as 0.2 is not exactly 1/5; going through its text keeps 1/5 exact.
        share = self.share if isinstance(self.share, Fraction) else Fraction(str(self.share))
        object.__setattr__(self, "share", share)
        if not 0 < share <= 1:
            raise ModerationError(f"the moderation share must be above 0 and at most 1, "
                                  f"got {self.share}", code=ErrorCode.INVALID_SHARE,
                                  field="share")
        if isinstance(self.minimum, bool) or not isinstance(self.minimum, int) or self.minimum < 0:
            raise ModerationError(f"the minimum per inspector must be a whole number 0 or more, "
                                  f"got {self.minimum!r}", code=ErrorCode.INVALID_MINIMUM,
                                  field="minimum")

    def target(self, submitted: int) -> int:
        """How many of ``submitted`` assessments are drawn (flagged ones come on top)."""
        return min(submitted, max(self.minimum, math.ceil(self.share * submitted)))


@dataclass(frozen=True)
class Submission:
    """A submitted assessment as the selection sees it."""

    assessment_id: str
    inspector: str
    #: The inspector asked for this case to be moderated.
    flagged: bool = False


class Reason(StrEnum):
    DRAWN = "drawn"
    FLAGGED = "flagged"


@dataclass(frozen=True)
class QueueEntry:
    assessment_id: str
    inspector: str
    reason: Reason


@dataclass(frozen=True)
class ModerationQueue:
    """The assessments selected so far, with the seed and policy that selected them."""

    seed: int
    policy: SelectionPolicy = field(default_factory=SelectionPolicy)
    entries: tuple[QueueEntry, ...] = ()

    def ids(self) -> list[str]:
        return [entry.assessment_id for entry in self.entries]

    def for_inspector(self, inspector: str) -> list[QueueEntry]:
        return [entry for entry in self.entries if entry.inspector == inspector]


def draw_key(seed: int, assessment_id: str) -> float:
    """The assessment's place in the seeded draw, fixed by seed and id alone.

    Because it depends on nothing else, adding submissions never reorders earlier ones.
    ``random.Random`` seeded with text is stable across runs and Python versions 3.2+.
    """
    return random.Random(f"{seed}:{assessment_id}").random()


def select(
    submissions: Iterable[Submission],
    seed: int,
    policy: SelectionPolicy | None = None,
    queue: ModerationQueue | None = None,
) -> ModerationQueue:
    """Extend ``queue`` (or start one) so every inspector's share is met and flags are in.

    Earlier entries are kept whatever is submitted later: for each inspector only the
    shortfall against the new target is drawn, from the assessments not yet selected, lowest
    draw key first. Selecting the same submissions with the same seed gives the same queue.
    """
    queue = queue or ModerationQueue(seed, policy or SelectionPolicy())
    if queue.seed != seed:
        raise ModerationError(f"the queue was drawn with seed {queue.seed}, not {seed}: "
                              "keep the stored seed", code=ErrorCode.SEED_CHANGED, field="seed")
    if policy is not None and policy != queue.policy:
        raise ModerationError("the queue was drawn under another policy: keep the stored one",
                              code=ErrorCode.POLICY_CHANGED, field="policy")
    by_inspector: dict[str, list[Submission]] = {}
    seen: dict[str, str] = {}
    for submission in submissions:
        if submission.assessment_id in seen:
            raise ModerationError(f"assessment {submission.assessment_id} is submitted twice",
                                  code=ErrorCode.SUBMITTED_TWICE, field="submissions")
        seen[submission.assessment_id] = submission.inspector
        by_inspector.setdefault(submission.inspector, []).append(submission)
    for entry in queue.entries:
        if seen.get(entry.assessment_id, entry.inspector) != entry.inspector:
            raise ModerationError(f"assessment {entry.assessment_id} was queued for "
                                  f"{entry.inspector}, now submitted by "
                                  f"{seen[entry.assessment_id]}",
                                  code=ErrorCode.INSPECTOR_CHANGED, field="submissions")
    entries = list(queue.entries)
    chosen = {entry.assessment_id for entry in entries}
    for inspector in sorted(by_inspector):
        own = by_inspector[inspector]
        for submission in own:
            if submission.flagged and submission.assessment_id not in chosen:
                entries.append(QueueEntry(submission.assessment_id, inspector, Reason.FLAGGED))
                chosen.add(submission.assessment_id)
        drawn = sum(1 for e in entries if e.inspector == inspector and e.reason is Reason.DRAWN)
        # Flagged cases come on top of the share, so they are not drawn from.
        candidates = sorted(
            (s for s in own if s.assessment_id not in chosen and not s.flagged),
            key=lambda s: (draw_key(seed, s.assessment_id), s.assessment_id),
        )
        shortfall = max(0, queue.policy.target(len(own)) - drawn)
        for submission in candidates[:shortfall]:
            entries.append(QueueEntry(submission.assessment_id, inspector, Reason.DRAWN))
            chosen.add(submission.assessment_id)
    return ModerationQueue(seed, queue.policy, tuple(entries))
