"""`manage.py verify_audit` (also `verify-audit`): walk the audit log's hash chain and name the
first broken link; exit status 0 when the chain is intact, 1 when it is broken.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from probation_inspection.web.audit.chain import first_break, in_order
from probation_inspection.web.audit.models import AuditEvent


class Command(BaseCommand):
    help = ("Check the audit log's hash chain: exit 0 when intact; otherwise name the first "
            "event whose link or fields do not match, and exit 1.")

    def handle(self, *args: Any, **options: Any) -> None:
        checked, last, broken = first_break(in_order(AuditEvent.objects.all()))
        if broken is not None:
            raise CommandError(f"The audit log is broken at {broken} "
                               f"({checked - 1} events before it are intact).", returncode=1)
        # The last hash, noted somewhere else, lets a later check show nothing was rewritten.
        self.stdout.write(f"The audit log is intact: {checked} events; last hash {last}.")
