"""The roles walk: every page of the quality app requested as each role at each stage, and
the answer checked against `access.can` (the provider reader sees nothing before publication).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from helpers import signed_in
from probation_inspection.access import Action, Stage, can
from probation_inspection.web.casework.models import Assessment
from probation_inspection.web.frameworks import framework as framework_for
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.evidence import store_document
from probation_inspection.web.quality.models import QueueEntry
from probation_inspection.web.quality.moderation import refresh_queue

pytestmark = pytest.mark.django_db

ROLES = ("lead", "inspector", "qa", "data", "reader", "outsider")
ROLE_OF = {"lead": "lead-inspector", "inspector": "inspector", "qa": "quality-assurance",
           "data": "data-team", "reader": "provider-reader"}


@pytest.fixture
def world(inspection: Inspection, team: dict[str, Any], build: Any, settings: Any,
          tmp_path: Path) -> dict[str, Any]:
    settings.EVIDENCE_DIR = tmp_path
    build(inspection, [(team["inspector"], ["yes", "no"])], ("case-supervision",))
    refresh_queue(inspection, team["qa"])
    assessment = QueueEntry.objects.first().assessment  # type: ignore[union-attr]
    framework = framework_for(inspection.framework_id, inspection.framework_version)
    document = store_document(inspection, team["lead"], framework, title="Plan",
                              document_type="other", file_name="plan.pdf",
                              content=b"%PDF-1.4 plan", standards=[])
    return {"assessment": assessment, "document": document}


def requests(inspection: Inspection, assessment: Assessment, document: Any
             ) -> list[tuple[str, str, dict[str, Any], Action, bool]]:
    """(method, url, data, action, whether the user must be the assessor for it)."""
    pk = inspection.pk
    get = [
        ("quality:queue", [pk], Action.MODERATE),
        ("quality:agreement", [pk], Action.VIEW_AGREEMENT),
        ("quality:agreement-csv", [pk], Action.VIEW_AGREEMENT),
        ("quality:agreement-xlsx", [pk], Action.VIEW_AGREEMENT),
        ("quality:evidence", [pk], Action.VIEW_EVIDENCE),
        ("quality:interviews", [pk], Action.VIEW_EVIDENCE),
        ("quality:presentation", [pk], Action.VIEW_EVIDENCE),
        ("quality:facts", [pk], Action.VIEW_EVIDENCE),
        ("quality:document", [pk, document.pk], Action.VIEW_EVIDENCE),
        ("quality:meeting-new", [pk], Action.RECORD_EVIDENCE),
        ("quality:document-new", [pk], Action.RECORD_EVIDENCE),
        ("quality:ratings", [pk], Action.VIEW_RATINGS),
        ("quality:decide", [pk, "2.1"], Action.VIEW_RATINGS),
    ]
    walk: list[tuple[str, str, dict[str, Any], Action, bool]] = [
        ("get", reverse(name, args=args), {}, action, False) for name, args, action in get
    ]
    walk += [
        ("get", reverse("quality:moderate", args=[assessment.pk]), {}, Action.MODERATE, False),
        ("post", reverse("quality:interviews", args=[pk]), {"interviewee": ""},
         Action.RECORD_EVIDENCE, False),
        ("post", reverse("quality:presentation", args=[pk]), {}, Action.RECORD_EVIDENCE, False),
        ("post", reverse("quality:facts", args=[pk]), {"action": "enter"},
         Action.RECORD_CONTEXTUAL_FACTS, False),
        ("post", reverse("quality:decide", args=[pk, "2.1"]), {}, Action.DECIDE_RATING, False),
        ("post", reverse("quality:advance", args=[pk]), {}, Action.ADVANCE_STAGE, False),
        ("post", reverse("quality:flag", args=[assessment.sampled_case.pk]), {},
         Action.FLAG_FOR_MODERATION, True),
    ]
    return walk


@pytest.mark.slow
@pytest.mark.parametrize("stage", [stage.value for stage in Stage])
def test_every_page_answers_each_role_as_the_matrix_says(
    stage: str, inspection: Inspection, team: dict[str, Any], world: dict[str, Any]
) -> None:
    inspection.stage = stage
    inspection.save()
    assessment = world["assessment"]
    wrong = []
    for name in ROLES:
        client = signed_in(team[name])
        user = team[name]
        for method, url, data, action, _ in requests(inspection, assessment, world["document"]):
            response = getattr(client, method)(url, data)
            is_assessor = user.pk == assessment.assessor_id
            if name == "outsider" or not can(ROLE_OF[name], Action.VIEW_INSPECTION, stage):
                expected = {404}
            elif can(ROLE_OF[name], action, stage, is_assessor=is_assessor):
                expected = {200, 302, 400}
            else:
                expected = {403}
            if response.status_code not in expected:
                wrong.append(f"{name} {method} {url}: {response.status_code}, expected "
                             f"{sorted(expected)} ({action.value} at {stage})")
    assert not wrong, "\n".join(wrong)
    inspection.refresh_from_db()
    assert inspection.stage == stage  # nothing was decided, so nothing advanced
