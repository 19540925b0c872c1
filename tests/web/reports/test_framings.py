"""The page where a report's writers choose how each prompt's finding is put (issue 14): the
sentence as it prints with its figures, the three choices and what each prints; saved through
the form, versioned and audited like the other narrative edits, and refused after sign-off."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from helpers import client_for
from helpers import move_report as move
from probation_inspection.access import Stage
from probation_inspection.reporting.json_input import inspection_from_json, inspection_to_json
from probation_inspection.web.audit.models import AuditEvent
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.reports import sections, services
from probation_inspection.web.reports.builder import inspection_input
from probation_inspection.web.reports.models import NarrativeRevision, NarrativeSection

STANDARD = "2.1"


def _url(inspection: Inspection, standard_id: str = STANDARD) -> str:
    return reverse("reports:framings", args=[inspection.pk, standard_id])


def _printed(inspection: Inspection) -> dict[str, str]:
    """Each question's findings sentence as the report built now prints it."""
    report = services.live_report(inspection)
    return {sentence.question_id: sentence.text for domain in report.domains
            for section in domain.standards for sentence in section.findings}


def _stored(inspection: Inspection) -> NarrativeSection | None:
    return NarrativeSection.objects.filter(inspection=inspection,
                                           key=sections.FRAMINGS_KEY).first()


def _choosable(page: Any) -> list[Any]:
    return [row for _, rows in page.context["groups"] for row, field in rows if field]


def _post_data(page: Any, **choices: str) -> dict[str, str]:
    """The form as the page would post it, with ``choices`` (field name -> value) changed."""
    form = page.context["form"]
    data = {"version": str(form["version"].value())}
    for row in _choosable(page):
        data[row.field] = choices.get(row.field, form[row.field].value())
    return data


@pytest.mark.parametrize("username,status", [("lead", 200), ("inspector", 200), ("qa", 403),
                                             ("data", 403), ("provider", 403)])
def test_only_the_writers_open_the_framings_page(wales: Inspection, username: str,
                                                 status: int) -> None:
    assert client_for(username).get(_url(wales)).status_code == status


@pytest.mark.slow
def test_the_framings_page_answers_every_role_at_every_stage_as_its_sibling_pages(
    wales: Inspection,
) -> None:
    """The roles walk for the new page: at each stage each role gets from it (GET, and an
    empty POST) what the standard's strengths page, behind the same gate, gives them."""
    points = reverse("reports:standard-points", args=[wales.pk, STANDARD])
    seen, wrong = set(), []
    for stage in Stage:
        Inspection.objects.filter(pk=wales.pk).update(stage=stage.value)
        for name in ("lead", "inspector", "qa", "data", "provider"):
            client = client_for(name)
            for method in ("get", "post"):
                expected = getattr(client, method)(points, {}).status_code
                answered = getattr(client, method)(_url(wales), {}).status_code
                seen.add(answered)
                if answered != expected:
                    wrong.append(f"{name} {method} at {stage.value}: {answered}, "
                                 f"the strengths page {expected}")
    assert not wrong, "\n".join(wrong)
    assert {200, 400, 403} <= seen
    assert not AuditEvent.objects.filter(target=sections.FRAMINGS_KEY).exists()


def test_each_prompt_shows_its_printed_sentence_figures_and_choices(wales: Inspection) -> None:
    page = client_for("lead").get(_url(wales))
    body = unescape(page.content.decode())
    rows = [row for _, rows in page.context["groups"] for row, _ in rows]
    printed = _printed(wales)
    assert rows and all(row.prompt.id.startswith(STANDARD) for row in rows)
    for row in rows:
        if row.printed is None:
            continue
        assert row.printed.text == printed[row.prompt.id]
        assert row.printed.text in body and row.printed.figure in body
        assert (f"yes in {row.printed.yes} of {row.printed.relevant} " in body
                and f"{row.printed.percent} per cent rounded" in body)
    assert _choosable(page), "2.1 has prompts that can be put either way"
    for row in _choosable(page):
        for _value, label, sentence in row.options:
            assert label in body and sentence in body
    assert client_for("lead").get(_url(wales, "9.9")).status_code == 404
    judged = client_for("lead").get(_url(wales, "1.1"))
    assert judged.status_code == 200 and b"rated by judgement" in judged.content
    assert judged.context["groups"] == []
    link = reverse("reports:framings", args=[wales.pk, STANDARD])
    assert link in client_for("lead").get(
        reverse("reports:standard-points", args=[wales.pk, STANDARD])).content.decode()


def test_a_choice_changes_the_printed_sentence_and_is_versioned_and_audited(
    wales: Inspection,
) -> None:
    lead = client_for("lead")
    page = lead.get(_url(wales))
    before = _stored(wales)
    assert before is not None  # the demo records the published report's framings
    others = {line for line in before.text.splitlines() if not line.startswith(STANDARD)}
    row = next(row for row in _choosable(page) if not row.printed.negative)
    options = {value: sentence for value, _, sentence in row.options}
    assert options["negative"] != options["positive"]
    saved = lead.post(_url(wales), _post_data(page, **{row.field: "negative"}))
    assert saved.status_code == 302 and saved["Location"] == _url(wales)
    assert _printed(wales)[row.prompt.id] == options["negative"]
    stored = _stored(wales)
    assert stored is not None and stored.version == before.version + 1
    assert f"{row.prompt.id} negative" in stored.text.splitlines()
    # Framings of other standards' prompts are kept as they were.
    assert others <= set(stored.text.splitlines())
    assert NarrativeRevision.objects.filter(section=stored, version=stored.version).exists()
    event = AuditEvent.objects.filter(inspection=wales, action="narrative-edited",
                                      target=sections.FRAMINGS_KEY).get()
    assert f"{row.prompt.id} negative" in event.after["text"]
    # The inspection-input JSON (the command line's input, the API's) carries the choice.
    carried = inspection_from_json(inspection_to_json(inspection_input(wales)))
    assert carried.narrative.framings[row.prompt.id] is True
    # The published version stays; the change went into the next one.
    current = services.current_version(wales)
    assert current is not None and event.after["report_version"] == current.number == 2
    # "As the figures suggest" drops the author's choice: the share rule's sentence prints.
    page = lead.get(_url(wales))
    assert page.context["form"][row.field].value() == "negative"
    lead.post(_url(wales), _post_data(page, **{row.field: "auto"}))
    assert row.prompt.id not in _stored(wales).text  # type: ignore[union-attr]
    assert _printed(wales)[row.prompt.id] == options["auto"]
    # Saving the same choices again changes nothing and audits nothing.
    page = lead.get(_url(wales))
    lead.post(_url(wales), _post_data(page))
    assert AuditEvent.objects.filter(action="narrative-edited",
                                     target=sections.FRAMINGS_KEY).count() == 2


def test_a_bad_choice_is_shown_and_a_stale_page_saves_nothing(wales: Inspection) -> None:
    inspector = client_for("inspector")
    page = inspector.get(_url(wales))
    row = _choosable(page)[0]
    refused = inspector.post(_url(wales), _post_data(page, **{row.field: "sideways"}))
    assert refused.status_code == 400
    body = refused.content.decode()
    assert f"Choose how the finding for {row.prompt.id} is put" in body
    assert f'href="#{row.field}"' in body and f'id="{row.field}"' in body
    stale = _post_data(page, **{row.field: "positive"})
    client_for("lead").post(_url(wales), _post_data(page, **{row.field: "negative"}))
    conflict = inspector.post(_url(wales), stale)
    assert conflict.status_code == 409
    assert b"Someone else changed how the findings are put" in conflict.content
    assert f"{row.prompt.id} negative" in _stored(wales).text  # type: ignore[union-attr]


def test_a_signed_off_report_refuses_framing_changes(wales: Inspection) -> None:
    lead = client_for("lead")
    page = lead.get(_url(wales))
    data = _post_data(page)
    # Publication is done: a new draft goes through its check and is signed off.
    lead.post(_url(wales), _post_data(page, **{_choosable(page)[0].field: "negative"}))
    move(lead, wales, "draft")
    move(lead, wales, "factual-accuracy-check")
    assert services.current_version(wales).state == "signed-off"  # type: ignore[union-attr]
    for name in ("lead", "inspector"):
        refused = client_for(name).get(_url(wales))
        assert refused.status_code == 403 and b"signed off" in refused.content
        assert client_for(name).post(_url(wales), data).status_code == 403
