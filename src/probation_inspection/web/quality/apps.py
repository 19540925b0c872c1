"""The quality app: moderation, domain-one evidence and the lead inspector's rating decisions.

Registered in INSTALLED_APPS; its label is ``quality``. Adds the moderation, rating and
evidence facts to the inspection's stage rules (`inspections.registry`).
"""

from __future__ import annotations

from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "probation_inspection.web.quality"
    label = "quality"
    verbose_name = "Quality assurance and ratings"

    def ready(self) -> None:
        from probation_inspection.web.inspections import registry
        from probation_inspection.web.quality import inspection_pages

        registry.count_progress(self.label, inspection_pages.stage_facts)
