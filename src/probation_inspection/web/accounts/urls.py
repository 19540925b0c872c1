"""Routes for signing in and out, and the users pages.

Names: ``accounts:sign-in``, ``accounts:sign-out``, ``accounts:users``, ``accounts:new-user``
and ``accounts:user``.
"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from probation_inspection.web.accounts import users
from probation_inspection.web.accounts.views import SignInView

app_name = "accounts"
urlpatterns = [
    path("sign-in/", SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("users/", users.user_list, name="users"),
    path("users/new/", users.create_user, name="new-user"),
    path("users/<int:pk>/", users.user_detail, name="user"),
]
