"""Routes for case lists, samples, assignment, assessment, history and results.

Names live in the ``casework`` namespace.
"""

from __future__ import annotations

from django.urls import path

from probation_inspection.web.casework import sample_views, views

app_name = "casework"
urlpatterns = [
    path("my-cases/", views.my_cases, name="my-cases"),
    path("cases/<int:pk>/", views.assess, name="assess"),
    path("cases/<int:pk>/history/", views.history, name="history"),
    path("cases/<int:pk>/reopen/", views.reopen_assessment, name="reopen-assessment"),
    path("cases/<int:pk>/print/", views.print_case, name="print"),
    path("cases/<int:pk>/substitute/", sample_views.substitute, name="substitute"),
    path("inspections/<int:pk>/results/", views.results, name="results"),
    path("inspections/<int:pk>/samples/<str:sample_type>/upload/", sample_views.upload,
         name="upload"),
    path("inspections/<int:pk>/samples/<str:sample_type>/draw/", sample_views.draw, name="draw"),
    path("inspections/<int:pk>/samples/<str:sample_type>/", sample_views.sample, name="sample"),
    path("inspections/<int:pk>/samples/<str:sample_type>/assign/", sample_views.assign,
         name="assign"),
    path("inspections/<int:pk>/samples/<str:sample_type>/assign/ticked/",
         sample_views.assign_ticked, name="assign-ticked"),
    path("inspections/<int:pk>/samples/<str:sample_type>/allocate/", sample_views.allocate,
         name="allocate"),
    path("inspections/<int:pk>/samples/<str:sample_type>/conflicts/", sample_views.conflicts,
         name="conflicts"),
    path("inspections/<int:pk>/samples/<str:sample_type>/redraw/", sample_views.redraw,
         name="redraw"),
]
