"""Routes of the report pages, in the ``reports`` namespace.

All under an inspection: the report, its narrative, workflow, comments and downloads.
"""

from __future__ import annotations

from django.urls import path

from probation_inspection.web.reports import record_views, views

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
    path("inspections/<int:pk>/report/annexe/", views.annexe, name="annexe"),
    path("inspections/<int:pk>/report/cases/<str:fmt>/", views.case_export, name="cases"),
    # The written records (issue 14).
    path("inspections/<int:pk>/report/standards/", record_views.standards, name="standards"),
    path("inspections/<int:pk>/report/standards/<str:standard_id>/",
         record_views.standard_points, name="standard-points"),
    path("inspections/<int:pk>/report/standards/<str:standard_id>/framings/",
         record_views.framings, name="framings"),
    path("inspections/<int:pk>/report/standards/<str:standard_id>/<int:item>/",
         record_views.point, name="point"),
    path("inspections/<int:pk>/report/standards/<str:standard_id>/<int:item>/delete/",
         record_views.point_delete, name="point-delete"),
    path("inspections/<int:pk>/report/practice/", record_views.practice, name="practice"),
    path("inspections/<int:pk>/report/practice/new/", record_views.practice_new,
         name="practice-new"),
    path("inspections/<int:pk>/report/practice/<int:item>/", record_views.practice_edit,
         name="practice-edit"),
    path("inspections/<int:pk>/report/practice/<int:item>/approve/",
         record_views.practice_approve, name="practice-approve"),
    path("inspections/<int:pk>/report/practice/<int:item>/delete/",
         record_views.practice_delete, name="practice-delete"),
    path("inspections/<int:pk>/report/recommendations/", record_views.recommendations,
         name="recommendations"),
    path("inspections/<int:pk>/report/recommendations/<int:item>/",
         record_views.recommendation, name="recommendation"),
    path("inspections/<int:pk>/report/recommendations/<int:item>/move/",
         record_views.recommendation_move, name="recommendation-move"),
    path("inspections/<int:pk>/report/recommendations/<int:item>/delete/",
         record_views.recommendation_delete, name="recommendation-delete"),
    path("inspections/<int:pk>/report/cover/", record_views.cover, name="cover"),
]
