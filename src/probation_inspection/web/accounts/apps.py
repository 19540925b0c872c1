"""App registration for signing in and out.

No models of its own: users are Django's.
"""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "probation_inspection.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
