"""``manage.py load_wales_demo``: store the Wales demo inspection, published, and say where.

Idempotent: a second run finds the inspection and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.urls import reverse

from probation_inspection.demo import wales
from probation_inspection.framework import load_framework
from probation_inspection.web.reports.wales import load_wales


class Command(BaseCommand):
    help = "Load the Wales demo inspection (once), published, with its report."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--address", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, **options: Any) -> None:
        inspection, created = load_wales()
        cases = sum(sample.size for sample in inspection.samples.all())
        state = "created and published" if created else "already loaded, kept as it was"
        path = reverse("reports:report", kwargs={"pk": inspection.pk})
        self.stdout.write(
            f"Wales demo inspection of {inspection.provider.name} ({state}): {cases} cases; "
            f"its report: {options['address'].rstrip('/')}{path}"
        )
        # What the generated figures are, so nobody takes a generated one for the report's.
        self.stdout.write(wales.summary(load_framework(wales.FRAMEWORK_ID)))
