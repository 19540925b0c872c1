"""App registration for casework.

Holds CaseList, Sample, SampledCase, Assessment and Answer.
"""

from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "probation_inspection.web.casework"
    label = "casework"
    verbose_name = "Casework"
