"""App registration for signing in and out, and programme roles.

Users are Django's; the one model here is ProgrammeMembership (a user's programme role).
"""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "probation_inspection.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
