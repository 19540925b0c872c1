"""Admin for programme roles: administrators grant and remove them here.

Who may do what with a role is the core access module's `PROGRAMME_MATRIX`, not this page.
"""

from __future__ import annotations

from django.contrib import admin

from probation_inspection.web.accounts.models import ProgrammeMembership


@admin.register(ProgrammeMembership)
class ProgrammeMembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "role", "granted_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email")
    autocomplete_fields = ("user",)
