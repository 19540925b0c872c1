"""App registration for the benchmark store of published inspections and the comparisons.

Holds PublishedInspection and StoreEvent.
"""

from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    name = "probation_inspection.web.benchmarking"
    label = "benchmarking"
    verbose_name = "Benchmarking"
