"""The API app: personal tokens, their pages, and the /api/v1/ operations.

Ranks above every other app (it calls their services), beside benchmarking.
"""

from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "probation_inspection.web.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"
