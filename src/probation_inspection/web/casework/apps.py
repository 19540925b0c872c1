"""App registration for casework.

Holds CaseList, Sample, SampledCase, Assessment and Answer; adds the sample and assessment
facts and the overview's sample rows to the inspection's pages (`inspections.registry`).
"""

from __future__ import annotations

from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "probation_inspection.web.casework"
    label = "casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from probation_inspection.web.casework import inspection_pages
        from probation_inspection.web.inspections import registry

        registry.count_progress(self.label, inspection_pages.stage_facts)
        registry.add_overview(self.label, inspection_pages.sample_rows)
        registry.count_held_cases(self.label, inspection_pages.held_cases)
