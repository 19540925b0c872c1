"""The report's written records in the web app (issue 14): strengths and areas per standard
with candidates from the data, practice examples approved by the lead, recommendations with
addressees, and the cover, credits and foreword; each page's form errors, audit and who may.
"""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from helpers import signed_in
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.casework.models import Answer
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.reports import services
from probation_inspection.web.reports.models import (
    PracticeExample,
    Recommendation,
    ReportDetails,
    StandardPoint,
)


def _client(username: str) -> Any:
    return signed_in(get_user_model().objects.get(username=username))


def _url(name: str, inspection: Inspection, *args: Any) -> str:
    return reverse(f"reports:{name}", args=[inspection.pk, *args])


def _standard(report: Any, standard_id: str) -> Any:
    return next(s for d in report.domains for s in d.standards if s.standard_id == standard_id)


@pytest.mark.parametrize("username,status", [("lead", 200), ("inspector", 200), ("qa", 403),
                                             ("data", 403), ("provider", 403)])
def test_only_the_writers_open_the_record_pages(wales: Inspection, username: str,
                                                status: int) -> None:
    client = _client(username)
    for name, args in (("standards", ()), ("standard-points", ("2.1",)), ("practice", ()),
                       ("practice-new", ()), ("recommendations", ())):
        assert client.get(_url(name, wales, *args)).status_code == status, (name, username)


def test_a_candidate_is_accepted_and_prints_under_its_standard(wales: Inspection) -> None:
    lead = _client("lead")
    page = lead.get(_url("standard-points", wales, "2.1"))
    candidates = page.context["candidates"]
    strength = candidates.strengths[0]
    assert strength.figure.encode() in page.content  # the exact tally, for authors
    answer = lead.post(_url("standard-points", wales, "2.1"),
                       {"kind": "strength", "text": strength.text,
                        "question_id": strength.question_id})
    assert answer.status_code == 302
    area = candidates.areas_for_improvement[0]
    lead.post(_url("standard-points", wales, "2.1"),
              {"kind": "area", "text": area.text + " Edited."})
    saved = StandardPoint.objects.get(inspection=wales, kind="strength")
    assert saved.question_id == strength.question_id
    report = services.live_report(wales)
    assessment = _standard(report, "2.1")
    assert assessment.strengths == (strength.text,)
    assert assessment.areas_for_improvement == (area.text + " Edited.",)
    # A change after publication starts the next version; the published one stays.
    assert services.current_version(wales).number == 2  # type: ignore[union-attr]
    events = AuditEvent.objects.filter(inspection=wales, action="standard-point")
    assert events.count() == 2
    body = unescape(lead.get(reverse("reports:report", args=[wales.pk])).content.decode())
    assert "<strong>Strengths:</strong>" in body and strength.text in body


def test_a_point_is_changed_and_removed_and_errors_are_shown(wales: Inspection) -> None:
    inspector = _client("inspector")
    refused = inspector.post(_url("standard-points", wales, "2.1"), {"kind": "strength",
                                                                     "text": "   "})
    assert refused.status_code == 400
    assert b"Enter the text" in refused.content and b'href="#text"' in refused.content
    assert inspector.post(_url("standard-points", wales, "2.1"),
                          {"kind": "praise", "text": "x"}).status_code == 400
    assert inspector.post(_url("standard-points", wales, "9.9"),
                          {"kind": "strength", "text": "x"}).status_code == 404
    inspector.post(_url("standard-points", wales, "2.1"), {"kind": "strength", "text": "Good."})
    point = StandardPoint.objects.get(inspection=wales)
    assert inspector.get(_url("point", wales, "2.1", point.pk)).status_code == 200
    inspector.post(_url("point", wales, "2.1", point.pk), {"kind": "area", "text": "Better."})
    point.refresh_from_db()
    assert (point.kind, point.text) == ("area", "Better.")
    inspector.post(_url("point-delete", wales, "2.1", point.pk))
    assert not StandardPoint.objects.filter(inspection=wales).exists()
    assert AuditEvent.objects.filter(inspection=wales, action="standard-point").count() == 3


def test_a_practice_example_is_chosen_renamed_approved_and_only_then_printed(
    wales: Inspection,
) -> None:
    inspector, lead = _client("inspector"), _client("lead")
    # The demo's own approved examples are records of its flagged notes: start afresh.
    PracticeExample.objects.filter(inspection=wales).delete()
    listing = inspector.get(_url("practice", wales))
    notes = listing.context["notes"]
    assert notes, "the Wales demo flags case notes"
    answer, reference, example = notes[0]
    new = inspector.get(_url("practice-new", wales) + f"?answer={answer.pk}")
    assert new.status_code == 200
    initial = new.context["form"].initial
    assert reference not in initial["text"]
    assert new.context["suggestion"]
    text = "Kevin met Kevin's worker weekly; KEVIN kept every appointment."
    saved = inspector.post(_url("practice-new", wales) + f"?answer={answer.pk}", {
        "standard": example.standard_id, "kind": "good", "text": text,
        "names": "Kevin = Kieran"})
    assert saved.status_code == 302
    record = PracticeExample.objects.get(inspection=wales)
    assert record.text == "Kieran met Kieran's worker weekly; Kieran kept every appointment."
    assert record.state == "draft" and record.answer_id == answer.pk
    assert record.source == f"Case {reference}, {answer.question_id}"

    def printed() -> tuple[Any, ...]:
        return _standard(services.live_report(wales), example.standard_id).practice

    assert all("Kieran met" not in item.text for item in printed())  # a draft never prints
    assert inspector.post(_url("practice-approve", wales, record.pk),
                          {"decision": "approve"}).status_code == 403
    assert lead.post(_url("practice-approve", wales, record.pk),
                     {"decision": "approve"}).status_code == 302
    record.refresh_from_db()
    assert record.state == "approved" and record.approved_by is not None
    assert any("Kieran met" in item.text for item in printed())
    body = lead.get(reverse("reports:report", args=[wales.pk])).content.decode()
    assert "Good practice example:" in body and "Kieran met Kieran" in body
    # An edit returns it to draft: the lead approves what prints.
    inspector.post(_url("practice-edit", wales, record.pk), {
        "standard": example.standard_id, "kind": "good", "text": "Kieran was seen at home."})
    record.refresh_from_db()
    assert record.state == "draft" and record.approved_by is None
    assert all("Kieran was seen" not in item.text for item in printed())
    actions = list(AuditEvent.objects.filter(inspection=wales, action__startswith="practice",
                                             target=f"example {record.pk}")
                   .values_list("action", flat=True))
    assert actions == ["practice-example", "practice-example-approved", "practice-example"]
    # The note in use is no longer offered.
    assert answer.pk not in {a.pk for a, _, _ in inspector.get(_url("practice", wales))
                             .context["notes"]}


def test_practice_form_errors_name_the_field(wales: Inspection) -> None:
    inspector = _client("inspector")
    before = PracticeExample.objects.count()
    refused = inspector.post(_url("practice-new", wales), {"standard": "", "kind": "good",
                                                            "text": "", "names": "Kevin"})
    assert refused.status_code == 400
    content = unescape(refused.content.decode())
    assert "Choose the standard the example illustrates" in content
    assert 'Line 1: write "real name = printed name"' in content
    assert "Enter the practice example" in content
    assert inspector.get(_url("practice-new", wales) + "?answer=999999").status_code == 404
    assert inspector.get(_url("practice-new", wales) + "?answer=x").status_code == 404
    assert PracticeExample.objects.count() == before
    assert not Answer.objects.filter(pk=999999).exists()


def test_recommendations_are_numbered_by_addressee_ordered_and_printed(
    wales: Inspection,
) -> None:
    lead = _client("lead")
    page = lead.get(_url("recommendations", wales))
    assert page.context["form"].initial["addressee"] == wales.provider.name
    for addressee, text in (("The Wales division of KSS CRC", "better manage workloads"),
                            ("KSS CRC", "make sure that all buildings support staff."),
                            ("The Wales division of KSS CRC", "improve planning")):
        assert lead.post(_url("recommendations", wales),
                         {"addressee": addressee, "text": text}).status_code == 302
    last = Recommendation.objects.filter(inspection=wales).last()
    assert last is not None
    lead.post(_url("recommendation-move", wales, last.pk), {"direction": "up"})
    order = list(Recommendation.objects.filter(inspection=wales).values_list("text", flat=True))
    assert order == ["better manage workloads", "improve planning",
                     "make sure that all buildings support staff."]
    report = services.live_report(wales)
    assert [g.addressee for g in report.recommendation_groups] == [
        "The Wales division of KSS CRC", "KSS CRC"]
    assert report.recommendation_groups[1].items[0].number == 3
    body = lead.get(reverse("reports:report", args=[wales.pk])).content.decode()
    assert "we have made three recommendations" in body and "KSS CRC should:" in body
    lead.post(_url("recommendation", wales, last.pk), {"addressee": "KSS CRC",
                                                       "text": "improve planning."})
    lead.post(_url("recommendation-delete", wales, last.pk))
    assert Recommendation.objects.filter(inspection=wales).count() == 2
    assert AuditEvent.objects.filter(inspection=wales, action="recommendation").count() == 6


@pytest.mark.parametrize("data,message", [
    ({"addressee": "", "text": "improve"}, "Enter who the recommendation is made to"),
    ({"addressee": "KSS CRC should", "text": "improve"}, "the report adds"),
    ({"addressee": "KSS CRC", "text": "  "}, "Enter the recommendation"),
])
def test_recommendation_errors(wales: Inspection, data: dict[str, str], message: str) -> None:
    refused = _client("inspector").post(_url("recommendations", wales), data)
    assert refused.status_code == 400 and message in unescape(refused.content.decode())
    assert not Recommendation.objects.exists()


def test_the_lead_edits_the_cover_credits_and_foreword(wales: Inspection) -> None:
    lead = _client("lead")
    assert _client("inspector").get(_url("cover", wales)).status_code == 403
    assert _client("qa").get(_url("cover", wales)).status_code == 403
    form = lead.get(_url("cover", wales)).context["form"]
    data = {**{k: v for k, v in form.initial.items() if v is not None}}
    data.update({"programme_manager": "Helen Davies", "publication": "July 2019",
                 "foreword": "A new foreword."})
    assert lead.post(_url("cover", wales), data).status_code == 302
    details = ReportDetails.objects.get(inspection=wales)
    assert details.programme_manager == "Helen Davies"
    report = services.live_report(wales)
    assert "The manager responsible for this inspection programme is Helen Davies." in \
        report.cover.credit
    assert report.foreword == "A new foreword." and report.cover.publication == "July 2019"
    assert AuditEvent.objects.filter(inspection=wales, action="report-details-edited").exists()
    assert AuditEvent.objects.filter(inspection=wales, action="narrative-edited",
                                     target="foreword").exists()
    # A blank name leaves its words out: no placeholder prints.
    data.update({"programme_manager": "", "lead_inspector": "", "foreword_version": 1 + int(
        data["foreword_version"])})
    lead.post(_url("cover", wales), data)
    assert "is ." not in services.live_report(wales).cover.credit
    refused = lead.post(_url("cover", wales), {**data, "title": "  "})
    assert refused.status_code == 400
    assert "Enter the report's title" in unescape(refused.content.decode())


def test_a_published_reports_examples_are_stored_approved_and_print_as_published(
    wales: Inspection,
) -> None:
    from probation_inspection.demo import wales as wales_demo
    from probation_inspection.reporting import build_report
    from probation_inspection.web.reports.records import store_published_examples

    core = build_report(wales_demo.inspection())
    PracticeExample.objects.filter(inspection=wales).delete()
    store_published_examples(wales, wales_demo.inspection().practice_examples)
    assert set(PracticeExample.objects.values_list("state", flat=True)) == {"approved"}
    live = services.live_report(wales)
    for ours, theirs in zip(live.domains, core.domains, strict=True):
        for standard, other in zip(ours.standards, theirs.standards, strict=True):
            assert sorted(map(str, standard.practice)) == sorted(map(str, other.practice))


def test_recommendations_travel_into_comparisons(wales: Inspection) -> None:
    from probation_inspection.web.benchmarking.platform import comparable_inspection
    from probation_inspection.web.frameworks import framework as framework_for

    lead = _client("lead")
    lead.post(_url("recommendations", wales), {"addressee": "KSS CRC", "text": "improve ICT"})
    framework = framework_for(wales.framework_id, wales.framework_version)
    assert comparable_inspection(wales, framework).recommendations == (("KSS CRC",
                                                                        "improve ICT"),)


def test_a_candidate_is_edited_before_it_is_added(wales: Inspection) -> None:
    inspector = _client("inspector")
    candidates = inspector.get(_url("standard-points", wales, "2.1")).context["candidates"]
    area = candidates.areas_for_improvement[0]
    page = inspector.get(_url("standard-points", wales, "2.1")
                         + f"?kind=area&question={area.question_id}")
    assert page.context["form"].initial["text"] == area.text
    assert "Edit it first" in page.content.decode()
    inspector.post(_url("standard-points", wales, "2.1"), {
        "kind": "area", "text": "Information from other agencies was too rarely sought.",
        "question_id": area.question_id})
    stored = StandardPoint.objects.get(inspection=wales)
    assert (stored.kind, stored.question_id) == ("area", area.question_id)


def test_a_practice_example_starts_from_a_meeting(wales: Inspection) -> None:
    from probation_inspection.web.quality.models import Meeting

    meeting = Meeting.objects.filter(inspection=wales).exclude(notes="").first()
    assert meeting is not None
    inspector = _client("inspector")
    url = _url("practice-new", wales) + f"?meeting={meeting.pk}"
    page = inspector.get(url)
    assert page.context["form"].initial["text"] == meeting.notes
    assert page.context["source"] == f"Meeting {meeting.evidence_id}"
    inspector.post(url, {"standard": "1.2", "kind": "good", "text": "Staff felt supported."})
    stored = PracticeExample.objects.get(inspection=wales, source=f"Meeting {meeting.evidence_id}")
    assert (stored.standard_id, stored.state, stored.answer_id) == ("1.2", "draft", None)
    assert inspector.get(_url("practice-new", wales) + "?meeting=999999").status_code == 404
