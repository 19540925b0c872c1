"""The moderation panel on the assessment page: the QA comment on a return, and the flag button.

Lets casework show moderation without knowing the quality app's models.
"""

from __future__ import annotations

from typing import Any

from django import template

from probation_inspection.access import Action, can
from probation_inspection.web.quality.models import ModerationFlag
from probation_inspection.web.quality.moderation import latest_return

register = template.Library()


@register.inclusion_tag("quality/_moderation_panel.html", takes_context=True)
def moderation_panel(context: Any, assessment: Any) -> dict[str, Any]:
    if assessment is None or assessment.pk is None:
        return {"show": False}
    user = context["request"].user
    inspection = assessment.sampled_case.sample.inspection
    role = inspection.role_of(user)
    assessor = assessment.assessor_id == user.pk
    returned = latest_return(assessment)
    flagged = ModerationFlag.objects.filter(assessment=assessment).first()
    may_flag = (role is not None and flagged is None and can(
        role, Action.FLAG_FOR_MODERATION, inspection.stage, is_assessor=assessor))
    return {
        "show": True, "returned": returned, "flagged": flagged, "may_flag": may_flag,
        "case": assessment.sampled_case, "csrf_token": context.get("csrf_token"),
    }


#: The quality pages an inspection's overview links to, with the action each needs.
LINKS = (
    ("quality:queue", "Moderation queue", Action.MODERATE),
    ("quality:agreement", "Agreement between inspectors and quality assurance",
     Action.VIEW_AGREEMENT),
    ("quality:evidence", "Domain one evidence", Action.VIEW_EVIDENCE),
    ("quality:ratings", "Ratings", Action.VIEW_RATINGS),
)


@register.inclusion_tag("quality/_links.html")
def quality_links(inspection: Any, role: Any) -> dict[str, Any]:
    """Links to the quality pages this role may open at the inspection's stage."""
    shown = [(name, label) for name, label, action in LINKS
             if role is not None and can(role, action, inspection.stage)]
    return {"inspection": inspection, "links": shown}
