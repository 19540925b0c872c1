"""Routes for the benchmark store: comparisons, their JSON export and importing reports.

Names live in the ``benchmarking`` namespace.
"""

from __future__ import annotations

from django.urls import path

from probation_inspection.web.benchmarking import views

app_name = "benchmarking"
urlpatterns = [
    path("comparisons/", views.comparisons, name="comparisons"),
    path("comparisons/export.json", views.comparisons_json, name="export"),
    path("comparisons/import/", views.import_reports, name="import"),
]
