"""The audit log's hash chain, the verify-audit command, and sign-ins in the audit log.

Run on SQLite and on PostgreSQL (scripts/test-postgres.sh tests/web/test_audit_chain.py);
the concurrent-insert test is the one that matters on PostgreSQL, where writers overlap.
"""

from __future__ import annotations

import threading
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from helpers import PASSWORD
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.chain import GENESIS, event_hash
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.audit.record import record
from probation_inspection.web.inspections.models import Inspection

TABLE = AuditEvent._meta.db_table


def verify() -> str:
    out = StringIO()
    call_command("verify-audit", stdout=out)
    return out.getvalue()


def some_events(inspection: Inspection, actor: Any, count: int = 4) -> list[AuditEvent]:
    return [record(actor, inspection, AuditAction.ANSWER, target=f"2.1.{n}",
                   before={"value": None}, after={"value": "yes", "margin": 5.0, "n": n})
            for n in range(count)]


@pytest.mark.django_db
def test_each_event_links_to_the_one_before(inspection: Inspection,
                                            users: dict[str, Any]) -> None:
    events = some_events(inspection, users["lead"])
    stored = list(AuditEvent.objects.order_by("id"))
    assert stored[0].previous_hash == GENESIS
    for before, event in zip(stored, stored[1:], strict=False):
        assert event.previous_hash == before.hash
    # The hash read back from the database is the hash computed at insert.
    assert [e.hash for e in stored] == [e.hash for e in events]
    assert all(event_hash(e, e.previous_hash) == e.hash for e in stored)
    assert verify().startswith(f"The audit log is intact: {len(stored)} events; last hash ")


@pytest.mark.django_db
def test_a_row_changed_with_raw_sql_is_caught_at_that_row(inspection: Inspection,
                                                          users: dict[str, Any]) -> None:
    events = some_events(inspection, users["lead"])
    changed = events[2]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET target = %s WHERE id = %s", ["9.9.9", changed.pk])
    with pytest.raises(CommandError) as broken:
        verify()
    assert broken.value.returncode == 1
    message = str(broken.value)
    assert f"broken at event {changed.pk}: its stored hash" in message
    assert "changed after it was written" in message and "(2 events before it" in message


@pytest.mark.django_db
def test_a_row_deleted_with_raw_sql_is_caught_at_the_next_row(inspection: Inspection,
                                                              users: dict[str, Any]) -> None:
    events = some_events(inspection, users["lead"])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError) as broken:
        verify()
    assert f"broken at event {events[2].pk}: it links to {events[1].hash}" in str(broken.value)


@pytest.mark.django_db
def test_a_rehashed_row_still_breaks_the_link_after_it(inspection: Inspection,
                                                       users: dict[str, Any]) -> None:
    # Someone who rewrites a row and its own hash still breaks the next event's link.
    events = some_events(inspection, users["lead"])
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.target = "forged"
    new_hash = event_hash(forged, forged.previous_hash)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET target = %s, hash = %s WHERE id = %s",
                       ["forged", new_hash, forged.pk])
    with pytest.raises(CommandError) as broken:
        verify()
    assert f"broken at event {events[2].pk}: it links to" in str(broken.value)


@pytest.mark.django_db
def test_an_empty_log_is_intact() -> None:
    assert verify() == f"The audit log is intact: 0 events; last hash {GENESIS}.\n"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: SQLite's in-memory test database (shared cache) refuses a second "
           "writer outright, and its IMMEDIATE transactions serialise writers anyway",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_inserts_keep_one_chain(inspection: Inspection,
                                           users: dict[str, Any]) -> None:
    """Writers in their own connections and transactions, released together, never fork."""
    writers, each = 6, 5
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def write(number: int) -> None:
        try:
            start.wait()
            for n in range(each):
                with transaction.atomic():
                    record(users["lead"], inspection, AuditAction.ANSWER,
                           target=f"writer {number} answer {n}", after={"value": "yes"})
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    stored = list(AuditEvent.objects.order_by("id"))
    assert len(stored) == writers * each
    links = [event.previous_hash for event in stored]
    assert len(set(links)) == len(links), "two events link to the same one: the chain forked"
    assert "intact: 30 events" in verify()


@pytest.mark.django_db
def test_sign_in_sign_out_and_failures_are_audited(users: dict[str, Any]) -> None:
    client = Client(REMOTE_ADDR="192.0.2.10")
    failed = client.post(reverse("accounts:sign-in"),
                         {"username": "lead", "password": "not-the-password"})
    assert failed.status_code == 200
    [failure] = AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED)
    assert (failure.actor, failure.inspection, failure.target) == (None, None, "lead")
    assert failure.after == {"username": "lead", "address": "192.0.2.10"}
    stored = str([failure.before, failure.after, failure.target])
    assert "not-the-password" not in stored and "****" not in stored
    assert client.post(reverse("accounts:sign-in"),
                       {"username": "lead", "password": PASSWORD}).status_code == 302
    [signed_in] = AuditEvent.objects.filter(action=AuditAction.SIGNED_IN)
    assert (signed_in.actor, signed_in.inspection, signed_in.after) == (
        users["lead"], None, {"address": "192.0.2.10"})
    assert client.post(reverse("accounts:sign-out")).status_code == 302
    [signed_out] = AuditEvent.objects.filter(action=AuditAction.SIGNED_OUT)
    assert signed_out.actor == users["lead"]
    assert "intact: 3 events" in verify()


@pytest.mark.django_db(transaction=True)
def test_the_migration_chains_events_written_before_it(inspection: Inspection,
                                                       users: dict[str, Any]) -> None:
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("audit", "0001_initial")], [("audit", "0002_hash_chain_and_sign_ins")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_event = executor.loader.project_state(before).apps.get_model("audit", "AuditEvent")
    for n in range(3):
        old_event.objects.create(inspection_id=inspection.pk, actor_id=users["lead"].pk,
                                 action="answer", target=f"2.1.{n}", after={"value": "yes"})
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    stored = list(AuditEvent.objects.order_by("id"))
    assert [e.previous_hash for e in stored] == [GENESIS, stored[0].hash, stored[1].hash]
    assert "intact: 3 events" in verify()
    # New events carry on the same chain.
    record(users["lead"], inspection, AuditAction.ANSWER, target="2.1.9")
    assert "intact: 4 events" in verify()
