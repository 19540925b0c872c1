"""The hash chain over the audit log: each event's hash covers its fields and the hash of the
event before it, so changing, removing or reordering a stored event breaks the chain there.

`event_hash` is the one definition (canonical JSON, SHA-256); the data migration, `record`
and the `verify-audit` command all use it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection

#: The hash the first event links to.
GENESIS = "0" * 64
#: Any fixed number: the PostgreSQL advisory lock that serialises appends to the chain.
CHAIN_LOCK = 0x41554449  # "AUDI"


def _timestamp(value: dt.datetime) -> str:
    # Stored and read back in UTC with microseconds on both databases.
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _normal(value: Any) -> Any:
    """JSON as the database gives it back: PostgreSQL's jsonb reads 5.0 and 1e20 back as
    whole numbers, so an integral float is hashed as the integer it equals."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(key): _normal(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(item) for item in value]
    return value


def canonical(event: Any, previous_hash: str) -> bytes:
    """The bytes the hash covers: every field that says what happened, keys sorted."""
    fields = {
        "previous_hash": previous_hash,
        "at": _timestamp(event.at),
        "actor": event.actor_id,
        "inspection": event.inspection_id,
        "sampled_case": event.sampled_case_id,
        "action": event.action,
        "target": str(event.target),
        "before": _normal(event.before),
        "after": _normal(event.after),
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def event_hash(event: Any, previous_hash: str) -> str:
    return hashlib.sha256(canonical(event, previous_hash)).hexdigest()


def lock_chain() -> None:
    """Hold the chain's write lock until the transaction ends.

    On PostgreSQL a transaction-scoped advisory lock: locking the last row with
    select_for_update would let two writers that waited on it both link to that same row,
    forking the chain. SQLite's IMMEDIATE transactions already serialise writers.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


@dataclass(frozen=True)
class BrokenLink:
    """The first place the chain does not hold, in words an auditor can act on."""

    event_id: int
    problem: str

    def __str__(self) -> str:
        return f"event {self.event_id}: {self.problem}"


def first_break(events: Iterable[Any]) -> tuple[int, str, BrokenLink | None]:
    """Walk events in id order: (events checked, last hash, first broken link or None)."""
    previous = GENESIS
    count = 0
    for event in events:
        count += 1
        if event.previous_hash != previous:
            return count, previous, BrokenLink(event.id, (
                f"it links to {event.previous_hash or '(nothing)'} but the event before it "
                f"hashes to {previous}: an event before it was changed, removed or inserted"))
        computed = event_hash(event, previous)
        if event.hash != computed:
            return count, previous, BrokenLink(event.id, (
                f"its stored hash {event.hash or '(none)'} does not match its fields, which "
                f"hash to {computed}: the event was changed after it was written"))
        previous = event.hash
    return count, previous, None


def in_order(queryset: Any, batch: int = 2000) -> Iterator[Any]:
    """Every event by id, in batches, so a long log never sits in memory whole."""
    yield from queryset.order_by("id").iterator(chunk_size=batch)
