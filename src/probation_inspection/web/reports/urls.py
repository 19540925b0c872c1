"""Routes of the report pages, in the ``reports`` namespace.

All under an inspection: the report, its narrative, workflow, comments and downloads.
"""

from __future__ import annotations

from django.urls import path

from probation_inspection.web.reports import views

app_name = "reports"
urlpatterns = [
    path("inspections/<int:pk>/report/", views.report_page, name="report"),
    path("inspections/<int:pk>/report/move/", views.move, name="move"),
    path("inspections/<int:pk>/report/comments/", views.comment, name="comment"),
    path("inspections/<int:pk>/report/comments/<int:comment>/answer/", views.answer,
         name="answer"),
    path("inspections/<int:pk>/report/comments/log/<str:fmt>/", views.comment_log,
         name="comment-log"),
    path("inspections/<int:pk>/report/narrative/", views.narrative, name="narrative"),
    path("inspections/<int:pk>/report/narrative/<str:key>/", views.edit_section,
         name="section"),
    path("inspections/<int:pk>/report/download/<str:fmt>/", views.download, name="download"),
    path("inspections/<int:pk>/report/cases/<str:fmt>/", views.case_export, name="cases"),
]
