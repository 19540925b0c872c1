"""The URL map of the web application.

Each app owns its own routes; the admin is for staff only.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from probation_inspection.web.api.operations import api
from probation_inspection.web.favicon import Favicon

urlpatterns = [
    path("", include("probation_inspection.web.inspections.urls")),
    path("", include("probation_inspection.web.casework.urls")),
    path("", include("probation_inspection.web.quality.urls")),
    path("", include("probation_inspection.web.reports.urls")),
    path("", include("probation_inspection.web.benchmarking.urls")),
    path("", include("probation_inspection.web.jobs.urls")),
    path("account/", include("probation_inspection.web.accounts.urls")),
    path("", include("probation_inspection.web.api.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("favicon.ico", Favicon.as_view()),
]
