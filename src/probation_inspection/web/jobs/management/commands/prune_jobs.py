"""``manage.py prune_jobs --days N``: remove the files of finished jobs older than N days.

The jobs stay (their pages say the file was removed); files in the jobs' folder that no job
names and that are as old (a job deleted with its inspection, an upload whose job never ran)
go too. Run it daily, e.g. from a systemd timer (docs/deployment.md).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from probation_inspection.web.jobs.runner import prune


class Command(BaseCommand):
    help = "Remove the files of background jobs older than --days days (default 30)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30,
                            help="Keep files of jobs started in the last DAYS days")

    def handle(self, *args: Any, **options: Any) -> None:
        days: int = options["days"]
        if days < 0:
            raise CommandError("--days must be 0 or more")
        pruned, strays = prune(days)
        self.stdout.write(f"Removed the files of {pruned} job{'s' if pruned != 1 else ''} "
                          f"older than {days} days, and {strays} stray "
                          f"file{'s' if strays != 1 else ''}.")
