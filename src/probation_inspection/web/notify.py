"""Emails the platform sends: one function per notice, each with a plain-text template.

Mail goes through Django's email framework (``EMAIL_BACKEND``: the console unless the
environment names SMTP, see docs/deployment.md). A notice is sent after the change it tells of
is committed (a rolled-back change sends nothing), and sending never fails the user's action:
a refused or unreachable mail server is logged (logger ``probation_inspection.web.notify``)
and the action stands. Users without an email address are skipped (logged at INFO). Nothing
here is audited: the change the notice tells of already is, and the log says what was sent to
whom.

This module sits beside the apps and imports none of them (tests/web/test_import_direction.py):
callers pass the rows, and links are built from URL names with ``reverse``.

Templates live in ``web/templates/notify/<name>_subject.txt`` and ``<name>.txt``, each wrapped in
``{% autoescape off %}`` (plain text, not HTML).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from probation_inspection.access import Role

log = logging.getLogger(__name__)


def absolute(path: str) -> str:
    """The address of a page of this site, for an email (``SITE_URL`` plus the path)."""
    return f"{settings.SITE_URL}{path}"


def _render(name: str, context: Mapping[str, Any]) -> str:
    # Each template is wrapped in {% autoescape off %}: plain text, so "O'Brien & Co" stays so.
    return render_to_string(f"notify/{name}.txt", dict(context))


def send(name: str, recipients: Iterable[Any], context: Mapping[str, Any]) -> int:
    """Send notice ``name`` to each user with an email address once the change it tells of is
    committed; the number of messages to be sent.

    Inside a transaction the mail waits for the commit (``transaction.on_commit``), so a change
    that is rolled back sends nothing and nobody is told of something that did not happen;
    outside one it goes at once. Each recipient gets their own message (``user`` in the
    context is them), so one bad address does not stop the others. Never raises for a sending
    failure: it is logged.
    """
    users = list(recipients)
    transaction.on_commit(partial(_deliver, name, users, dict(context)))
    return sum(1 for user in users if _address(user))


def _address(user: Any) -> str:
    """The user's email address, or "" where they have none."""
    return (getattr(user, "email", "") or "").strip()


def _deliver(name: str, recipients: Iterable[Any], context: Mapping[str, Any]) -> int:
    sent = 0
    for user in recipients:
        address = _address(user)
        if not address:
            log.info("notice %s not sent to user %s: no email address", name, user.pk)
            continue
        personal = {**context, "user": user,
                    "name": user.get_full_name() or user.get_username()}
        try:
            subject = " ".join(_render(f"{name}_subject", personal).split())
            body = _render(name, personal)
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception:  # any backend failure: the user's action has already been stored
            log.exception("notice %s to user %s could not be sent", name, user.pk)
            continue
        log.info("notice %s sent to user %s", name, user.pk)
    return sent


def team_in_role(inspection: Any, role: Role) -> list[Any]:
    """The users on the inspection's team in one role."""
    return [member.user for member in
            inspection.team.filter(role=role.value).select_related("user")]


# ---- The notices ------------------------------------------------------------------------


def factual_accuracy_started(inspection: Any, version: Any) -> int:
    """The draft report is with the provider for its factual-accuracy check: tell its readers."""
    return send("factual_accuracy_started", team_in_role(inspection, Role.PROVIDER_READER), {
        "inspection": inspection,
        "version": version,
        "link": absolute(reverse("reports:report", args=[inspection.pk])),
    })


def factual_accuracy_comment(inspection: Any, comment: Any, section_label: str = "") -> int:
    """A provider reader commented on the draft: tell the lead inspectors, who answer it."""
    return send("factual_accuracy_comment", team_in_role(inspection, Role.LEAD_INSPECTOR), {
        "inspection": inspection,
        "comment": comment,
        "section_label": section_label,
        "link": absolute(reverse("reports:report", args=[inspection.pk]) + "#comments"),
    })


def assessment_returned(assessment: Any, comment: str) -> int:
    """Moderation returned an assessment to its inspector: tell them, with the moderator's words."""
    return _tell_assessor("assessment_returned", assessment, comment=comment)


def assessment_reopened(assessment: Any, reason: str) -> int:
    """The lead reopened a submitted assessment: tell its inspector, with the lead's reason."""
    return _tell_assessor("assessment_reopened", assessment, reason=reason)


def _tell_assessor(name: str, assessment: Any, **words: str) -> int:
    """Notice ``name`` to the assessment's inspector, linking to the case's assessment."""
    sampled = assessment.sampled_case
    return send(name, [assessment.assessor], {
        "inspection": sampled.sample.inspection,
        "case_reference": sampled.case_reference,
        **words,
        "link": absolute(reverse("casework:assess", args=[sampled.pk])),
    })


def cases_assigned(inspection: Any, inspector: Any, case_references: Iterable[str]) -> int:
    """Cases were assigned to an inspector: tell them which (one email for a batch)."""
    references = sorted(case_references)
    if not references:
        return 0
    return send("cases_assigned", [inspector], {
        "inspection": inspection,
        "case_references": references,
        "link": absolute(reverse("casework:my-cases")),
    })
