"""``manage.py load_demo``: load the demonstration inspection and print how to sign in.

Idempotent: a second run finds the data and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from probation_inspection.framework import load_framework, summarise
from probation_inspection.web.demo import USERS, load_demo


class Command(BaseCommand):
    help = "Load the demonstration inspection (once) and print the demo sign-ins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--address", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, **options: Any) -> None:
        inspection, created = load_demo()
        summary = summarise(load_framework(inspection.framework_id,
                                           inspection.framework_version))
        sample = inspection.samples.first()
        self.stdout.write(
            f"Framework {summary.id} {summary.version}: {summary.title}: "
            f"{summary.standards} standards, {summary.key_questions} key questions, "
            f"{summary.prompts} prompts"
        )
        self.stdout.write(
            f"Demo inspection of {inspection.provider.name} "
            f"({'created' if created else 'already loaded, kept as it was'})"
            + (f": {sample.size} cases sampled from {sample.eligible} eligible" if sample else "")
        )
        self.stdout.write(f"Open {options['address']} and sign in as one of:")
        width = max(len(demo.described) for demo in USERS) + 1
        for demo in USERS:
            self.stdout.write(f"  {demo.described:<{width}} {demo.username:<11} {demo.password}")
