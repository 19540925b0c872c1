"""The reports app configuration; its label is ``reports``.

Registered in INSTALLED_APPS after the apps whose rows it reads.
"""

from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "probation_inspection.web.reports"
    label = "reports"
    verbose_name = "Inspection reports"
