"""The quality app: moderation, domain-one evidence and the lead inspector's rating decisions.

Registered in INSTALLED_APPS; its label is ``quality``.
"""

from __future__ import annotations

from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "probation_inspection.web.quality"
    label = "quality"
    verbose_name = "Quality assurance and ratings"
