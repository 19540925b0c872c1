"""App registration for inspections and their teams.

Holds Provider, DeliveryUnit, Inspection and TeamMember.
"""

from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "probation_inspection.web.inspections"
    label = "inspections"
    verbose_name = "Inspections"
