"""App registration for inspections and their teams.

Holds Provider, DeliveryUnit, Inspection, TeamMember and the framework library's published
versions (FrameworkVersion), which it tells `web.frameworks` where to read.
"""

from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "probation_inspection.web.inspections"
    label = "inspections"
    verbose_name = "Inspections"

    def ready(self) -> None:
        from probation_inspection.web import frameworks
        from probation_inspection.web.inspections import framework_library

        frameworks.use_published(framework_library.published_one,
                                 framework_library.published_every)
