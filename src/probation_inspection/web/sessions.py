"""The database session store, read with one prepared statement.

Django's own ``db`` store reads a session through the ORM, building and compiling the same
query on every request; every request of a signed-in user pays for it (a background save of
the assessment page every few seconds). This store reads the same row with the same
condition (the key, and not expired) in SQL written once, and is otherwise Django's: sessions
stay in the database, so signing out ends a session on every server at once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    """Django's database session store; ``load`` without the ORM's per-request query building."""

    def load(self) -> dict[str, Any]:
        key = self.session_key
        if not key:
            self._session_key = None
            return {}
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        sql = (f"SELECT {quote('session_data')} FROM {quote(model._meta.db_table)} "
               f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s")
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, now])
            row = cursor.fetchone()
        if row is None:
            # As Django's store: an unknown or expired key is forgotten, a new one is made.
            self._session_key = None
            return {}
        decoded: dict[str, Any] = self.decode(row[0])
        return decoded
