"""The jobs app configuration; its label is ``jobs``.

Above inspections (a job may belong to one), below every app whose work it runs.
"""

from __future__ import annotations

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "probation_inspection.web.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
