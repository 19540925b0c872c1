"""Routes of the API: the operations under /api/v1/ (ninja's, namespace ``api``), the reference
page beside them, and the token pages under the account (namespace ``api-pages``)."""

from __future__ import annotations

from django.urls import path

from probation_inspection.web.api import views

app_name = "api-pages"
urlpatterns = [
    path("account/api-tokens/", views.tokens, name="tokens"),
    path("account/api-tokens/<int:token_id>/revoke/", views.revoke, name="revoke"),
    path("api/v1/docs/", views.reference, name="reference"),
]
