"""Routes for moderation, agreement, domain-one evidence and rating decisions.

Names live in the ``quality`` namespace.
"""

from __future__ import annotations

from django.urls import path

from probation_inspection.web.quality import (
    agreement_views,
    evidence_views,
    moderation_views,
    ratings_views,
)

app_name = "quality"
urlpatterns = [
    path("inspections/<int:pk>/moderation/", moderation_views.queue, name="queue"),
    path("moderation/<int:pk>/", moderation_views.moderate, name="moderate"),
    path("cases/<int:pk>/flag-for-moderation/", moderation_views.flag, name="flag"),
    path("inspections/<int:pk>/agreement/", agreement_views.agreement, name="agreement"),
    path("inspections/<int:pk>/agreement.csv", agreement_views.agreement_csv,
         name="agreement-csv"),
    path("inspections/<int:pk>/agreement.xlsx", agreement_views.agreement_xlsx,
         name="agreement-xlsx"),
    path("inspections/<int:pk>/evidence/", evidence_views.overview, name="evidence"),
    path("inspections/<int:pk>/evidence/interviews/", evidence_views.interviews,
         name="interviews"),
    path("inspections/<int:pk>/evidence/meetings/new/", evidence_views.meeting_new,
         name="meeting-new"),
    path("inspections/<int:pk>/evidence/documents/new/", evidence_views.document_new,
         name="document-new"),
    path("inspections/<int:pk>/evidence/documents/<int:document>/",
         evidence_views.document_download, name="document"),
    path("inspections/<int:pk>/evidence/presentation/", evidence_views.presentation,
         name="presentation"),
    path("inspections/<int:pk>/evidence/facts/", evidence_views.facts, name="facts"),
    path("inspections/<int:pk>/evidence/key-questions/<str:key_question_id>/",
         evidence_views.key_question, name="key-question"),
    path("inspections/<int:pk>/ratings/", ratings_views.ratings, name="ratings"),
    path("inspections/<int:pk>/ratings/advance/", ratings_views.advance, name="advance"),
    path("inspections/<int:pk>/ratings/<str:standard_id>/", ratings_views.decide,
         name="decide"),
]
