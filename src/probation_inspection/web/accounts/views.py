"""The sign-in page, in GOV.UK Frontend markup with an error summary.

Failed attempts are counted by django-axes; see settings for the lockout rule.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import LoginView

from probation_inspection.web.forms import error_list


class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["error_list"] = error_list(form) if form.is_bound else []
        return context
