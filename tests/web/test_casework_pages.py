"""View tests for the sample journey and case assessment: upload, draw, assign, substitute,
assess, submit, stale edits, permissions, history and live results. SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from helpers import assign, signed_in
from helpers import upload_case_list as upload
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import (
    Answer,
    Assessment,
    CaseList,
    Sample,
    SampledCase,
)
from probation_inspection.web.inspections.models import Inspection

pytestmark = pytest.mark.django_db

BAD_CASE_LIST = (
    b"CRN,Gender,Disposal,RoSH,Sentence start date,LDU\n"
    b"A000001,Male,Community order,Low,2026-04-20,North\n"
    b"A000002,Robot,Community order,Low,2026-04-20,North\n"
    b"A000003,Female,Community order,Low,2026-02-31,North\n"
)


def test_case_list_errors_name_row_and_column_and_store_nothing(
    inspection: Inspection, users: dict[str, Any]
) -> None:
    response = upload(signed_in(users["lead"]), inspection, BAD_CASE_LIST)
    assert response.status_code == 400
    problems = [(p.row, p.column) for p in response.context["problems"]]
    assert (3, "Gender") in problems
    assert (4, "Sentence start date") in problems
    assert "nothing was imported" in response.content.decode()
    assert not CaseList.objects.exists()


def test_only_sample_managers_upload(inspection: Inspection, users: dict[str, Any]) -> None:
    response = upload(signed_in(users["inspector"]), inspection, BAD_CASE_LIST)
    assert response.status_code == 403


def test_draw_stores_allocation_representativeness_and_methodology(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    assert drawn.size == 6
    assert sum(row["allocated"] for row in drawn.allocation) == 6
    assert drawn.methodology.startswith("We examined six cases")
    assert drawn.cases.filter(status="sampled").count() == 6
    assert drawn.cases.filter(status="reserve").count() >= 6
    url = reverse("casework:sample", args=[inspection.pk, "case-supervision"])
    # The provider reader sees nothing before publication.
    assert signed_in(users["reader"]).get(url).status_code == 404
    page = signed_in(users["lead"]).get(url)
    body = page.content.decode()
    assert drawn.methodology in body
    assert "Allocation per stratum" in body and "Representativeness" in body
    assert AuditEvent.objects.filter(action="sample-drawn").count() == 1


def test_same_seed_gives_the_same_sample(inspection: Inspection, drawn: Sample) -> None:
    from probation_inspection.web.casework.sampling import rebuild

    stored = set(drawn.cases.filter(status="sampled").values_list("case_reference", flat=True))
    assert {case.crn for case in rebuild(drawn).cases} == stored


def test_assign_and_substitute_are_audited(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    case.refresh_from_db()
    assert case.assigned_to == users["inspector"]
    response = signed_in(users["lead"]).post(
        reverse("casework:substitute", args=[case.pk]), {"reason": "transferred", "detail": ""}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    replacement = SampledCase.objects.get(replaced=case)
    assert case.status == "substituted" and case.substitution_reason == "transferred"
    assert replacement.status == "sampled" and replacement.stratum == case.stratum
    assert replacement.assigned_to == users["inspector"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"assignment", "substitution"} <= actions
    history = signed_in(users["inspector"]).get(reverse("casework:history", args=[case.pk]))
    assert b"transferred" in history.content.lower()  # "Reason: Transferred"


def test_other_reason_needs_a_detail(drawn: Sample, users: dict[str, Any]) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    response = signed_in(users["lead"]).post(
        reverse("casework:substitute", args=[case.pk]), {"reason": "other", "detail": ""}
    )
    assert response.status_code == 400
    assert not SampledCase.objects.filter(status="substituted").exists()


def form_data(assessment: Assessment, action: str, **answers: str) -> dict[str, str]:
    data = {"version": str(assessment.version), "action": action}
    data.update(answers)
    return data


def answer_everything(client: Client, case: SampledCase, rosh: bool, value: str = "yes") -> Any:
    """Set every case attribute, then answer every question that applies."""
    url = reverse("casework:assess", args=[case.pk])
    page = client.get(url)
    assessment = Assessment.objects.get(sampled_case=case)
    attributes = {f"attribute-{attribute.name}": "false"
                  for attribute, _ in page.context["attribute_fields"]
                  if attribute.type == "boolean"}
    attributes["attribute-rosh_issues"] = "true" if rosh else "false"
    client.post(url, form_data(assessment, "save", **attributes))
    assessment.refresh_from_db()
    page = client.get(url)
    answers = dict(attributes)
    for _standard, blocks in page.context["standards"]:
        for block in blocks:
            if block.judgement.applies:
                for row in [*block.shown_prompts, block.judgement]:
                    answers[f"answer-{row.field}"] = value
    return client.post(url, form_data(assessment, "submit", **answers))


def test_assessment_hides_questions_that_do_not_apply(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    client = signed_in(users["inspector"])
    response = answer_everything(client, case, rosh=False)
    assert response.status_code == 302
    assessment = Assessment.objects.get(sampled_case=case)
    assert assessment.status == "submitted"
    assert assessment.framework_version == "2018.1"
    # 2.2.3 is about keeping other people safe: only relevant where RoSH issues apply.
    safe = Answer.objects.get(assessment=assessment, question_id="2.2.3")
    assert safe.value == "not-relevant"
    page = client.get(reverse("casework:assess", args=[case.pk])).content.decode()
    assert "Not relevant" in page


def test_submit_lists_unanswered_questions(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    client = signed_in(users["inspector"])
    url = reverse("casework:assess", args=[case.pk])
    client.get(url)
    assessment = Assessment.objects.get(sampled_case=case)
    response = client.post(url, form_data(assessment, "submit", **{"answer-2-1-1": "yes"}))
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Say whether: Risk of serious harm issues apply" in body
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert Answer.objects.get(assessment=assessment, question_id="2.1.1").value == "yes"


def test_stale_edit_is_refused_and_shows_what_changed(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    first, second = signed_in(users["inspector"]), signed_in(users["inspector"])
    url = reverse("casework:assess", args=[case.pk])
    first.get(url)
    loaded = Assessment.objects.get(sampled_case=case).version
    first.post(url, {"version": loaded, "action": "save", "answer-2-1-1": "yes",
                     "evidence-2-1-1": "Seen in the OASys"})
    response = second.post(url, {"version": loaded, "action": "save", "answer-2-1-1": "no"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved this assessment" in body and "Seen in the OASys" in body
    assert Answer.objects.get(assessment__sampled_case=case, question_id="2.1.1").value == "yes"


def test_inspectors_change_only_their_own_cases(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    signed_in(users["inspector"]).get(reverse("casework:assess", args=[case.pk]))
    version = Assessment.objects.get(sampled_case=case).version
    response = signed_in(users["other"]).post(
        reverse("casework:assess", args=[case.pk]),
        {"version": version, "action": "save", "answer-2-1-1": "no"},
    )
    assert response.status_code == 403
    assert b"you can change only cases assigned to you" in response.content
    assert signed_in(users["outsider"]).get(
        reverse("casework:assess", args=[case.pk])).status_code == 404


def test_contradicting_judgement_warns_without_blocking(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    client = signed_in(users["inspector"])
    url = reverse("casework:assess", args=[case.pk])
    client.get(url)
    assessment = Assessment.objects.get(sampled_case=case)
    block = next(b for _, blocks in client.get(url).context["standards"] for b in blocks
                 if b.judgement.applies and len(b.shown_prompts) >= 2)
    data = {f"answer-{row.field}": "no" for row in block.shown_prompts}
    data[f"answer-{block.judgement.field}"] = "yes"
    response = client.post(url, form_data(assessment, "save", **data))
    assert "disagrees with most of its prompts" in response.content.decode()
    assert Answer.objects.get(assessment=assessment,
                              question_id=block.judgement.question.id).value == "yes"


def test_results_count_submitted_assessments_only(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    cases = list(drawn.cases.filter(status="sampled").order_by("case_reference")[:3])
    for case in cases:
        assign(inspection, users["lead"], case, users["inspector"])
    client = signed_in(users["inspector"])
    answer_everything(client, cases[0], rosh=True, value="yes")
    answer_everything(client, cases[1], rosh=False, value="no")
    client.get(reverse("casework:assess", args=[cases[2].pk]))  # a draft: not counted
    url = reverse("casework:results", args=[inspection.pk])
    assert signed_in(users["reader"]).get(url).status_code == 404
    page = signed_in(users["other"]).get(url)
    results = page.context["samples"][0]
    assert results.submitted == 2
    rows = {row.id: row for standard in results.standards for row in standard.rows}
    assert (rows["2.1.1"].tally.yes, rows["2.1.1"].tally.relevant) == (1, 2)
    assert rows["2.1.1"].tally.percent == 50
    # Keeping other people safe in planning counts only the case with RoSH issues.
    assert (rows["2.2.3"].tally.yes, rows["2.2.3"].tally.relevant) == (1, 1)
    body = page.content.decode()
    assert "1 of 2 relevant cases" in body and "1 of 1 relevant case" in body
    planning = next(s for s in results.standards if s.standard.id == "2.2")
    assert planning.rating is not None
    # Lowest key question 50 per cent (one yes of two) is the Requires improvement band.
    assert (planning.rating.rule_rating, planning.rating.lowest_percent) == (
        "Requires improvement", 50)
    assert planning.rating.limiting_key_question == "2.2.1"
    assert "Key questions by gender" in body
    # One yes of two, at the sample's 80 per cent, could be anything from 18 to 82 per cent:
    # the rule rating is flagged, with its interval and the answers that would change it.
    uncertainty = planning.uncertainty
    assert uncertainty is not None and uncertainty.confidence == drawn.confidence
    assert uncertainty.uncertain and uncertainty.at_band_edge
    # 2.2.1 and 2.2.2 are both one of two: both must move for the standard to move up.
    assert uncertainty.cases_to_change.to_json() == {"up": 2, "down": 1}
    section = body.split('id="standard-22"')[1].split("</section>")[0]
    assert "Uncertain: score at a band edge" in section
    assert "At 80% confidence the percentage lies between 16% and 84%." in section
    assert "2 more Yes would make it Good." in section
    assert "the rating could be Inadequate, Requires improvement, Good or Outstanding" in section
    assert "key questions 2.2.2 and 2.2.3 could each be the lowest instead" in section


def test_results_say_why_when_the_core_refuses_the_data(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    answer_everything(signed_in(users["inspector"]), case, rosh=False)
    # An answer recorded against its relevance rule is inconsistent: the core refuses it.
    Answer.objects.filter(assessment__sampled_case=case, question_id="2.2.3").update(value="yes")
    page = signed_in(users["lead"]).get(reverse("casework:results", args=[inspection.pk]))
    assert page.status_code == 200
    assert "These results cannot be computed" in page.content.decode()
    assert "2.2.3" in page.content.decode()


def set_stage(inspection: Inspection, stage: str) -> None:
    inspection.stage = stage
    inspection.save(update_fields=["stage"])


def test_inspectors_assess_only_while_the_stage_allows_it(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    client = signed_in(users["inspector"])
    url = reverse("casework:assess", args=[case.pk])
    set_stage(inspection, "planning")
    assert client.get(url).status_code == 403  # inspectors see cases from fieldwork
    assert not Assessment.objects.exists()
    set_stage(inspection, "fieldwork")
    assert client.get(url).context["editable"]
    assessment = Assessment.objects.get(sampled_case=case)
    set_stage(inspection, "moderation")
    # A draft is not open in moderation: only assessments moderation returned are.
    page = client.get(url)
    assert page.status_code == 200 and not page.context["editable"]
    response = client.post(url, form_data(assessment, "save", **{"answer-2-1-1": "no"}))
    assert response.status_code == 302
    assert not Answer.objects.filter(assessment=assessment, value="no").exists()
    Assessment.objects.filter(pk=assessment.pk).update(status="returned")
    assert client.get(url).context["editable"]
    set_stage(inspection, "rating")
    refused = client.post(url, form_data(assessment, "save", **{"answer-2-1-1": "no"}))
    assert refused.status_code == 403
    assert "cannot answer and revise a case assessment at the rating stage" in (
        refused.content.decode())
    assert not Answer.objects.filter(assessment=assessment, value="no").exists()


def test_samples_are_managed_only_at_planning_and_fieldwork(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    lead = signed_in(users["lead"])
    set_stage(inspection, "planning")
    assert lead.get(reverse("casework:sample", args=[inspection.pk, "case-supervision"])
                    ).context["manages"]
    assert signed_in(users["inspector"]).get(
        reverse("casework:sample", args=[inspection.pk, "case-supervision"])).status_code == 403
    set_stage(inspection, "moderation")
    response = lead.post(reverse("casework:assign", args=[inspection.pk, "case-supervision"]),
                         {f"assign-{case.pk}": str(users["inspector"].pk)})
    assert response.status_code == 403
    assert ("cannot upload the case list, draw the sample, assign and substitute cases at the "
            "moderation stage") in response.content.decode()
    assert lead.post(reverse("casework:substitute", args=[case.pk]),
                     {"reason": "transferred"}).status_code == 403
    case.refresh_from_db()
    assert case.assigned_to is None and case.status == "sampled"


def test_the_provider_reader_sees_results_only_once_published(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    reader = signed_in(users["reader"])
    for stage in ("planning", "fieldwork", "moderation", "rating", "reporting"):
        set_stage(inspection, stage)
        for url in (reverse("casework:results", args=[inspection.pk]),
                    reverse("casework:assess", args=[case.pk]),
                    reverse("casework:history", args=[case.pk])):
            assert reader.get(url).status_code == 404, (stage, url)
    set_stage(inspection, "published")
    assert reader.get(reverse("casework:results", args=[inspection.pk])).status_code == 200
    # Case-level pages stay closed to the provider, published or not.
    assert reader.get(reverse("casework:assess", args=[case.pk])).status_code == 403
    assert reader.get(reverse("casework:history", args=[case.pk])).status_code == 403


def test_my_cases_lists_only_cases_the_stage_lets_the_user_see(
    drawn: Sample, inspection: Inspection, users: dict[str, Any]
) -> None:
    case = drawn.cases.filter(status="sampled").first()
    assert case is not None
    assign(inspection, users["lead"], case, users["inspector"])
    client = signed_in(users["inspector"])
    assert case.case_reference in client.get(reverse("casework:my-cases")).content.decode()
    set_stage(inspection, "planning")
    assert case.case_reference not in client.get(reverse("casework:my-cases")).content.decode()
