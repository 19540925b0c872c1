"""Routes for the inspections list, creating an inspection and its overview page, and its stage.

Names live in the ``inspections`` namespace.
"""

from __future__ import annotations

from django.urls import path

from probation_inspection.web.inspections import library_views, views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("inspections/new/", views.create_inspection, name="create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="detail"),
    path("inspections/<int:pk>/stage/", views.stage, name="stage"),
    path("inspections/<int:pk>/stage/reopen/", views.reopen_stage, name="reopen"),
    path("frameworks/", library_views.framework_library, name="frameworks"),
    path("frameworks/upload/", library_views.upload_framework, name="framework-upload"),
    path("inspections/<int:pk>/details/", views.edit_details, name="edit-details"),
    path("inspections/<int:pk>/team/", views.team, name="team"),
    path("inspections/<int:pk>/team/remove/", views.remove_member, name="remove-member"),
]
