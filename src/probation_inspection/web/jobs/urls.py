"""Routes of a job's page, its status JSON and its file, in the ``jobs`` namespace."""

from __future__ import annotations

from django.urls import path

from probation_inspection.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.my_jobs, name="mine"),
    path("jobs/<int:job_id>/", views.job_page, name="job"),
    path("jobs/<int:job_id>/status.json", views.job_status, name="status"),
    path("jobs/<int:job_id>/download/", views.download, name="download"),
]
