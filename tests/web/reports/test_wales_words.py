"""The stored Wales demo says what the published report says, and what of it is generated."""

from __future__ import annotations

import re
from html import unescape
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from helpers import signed_in
from probation_inspection.demo import wales as wales_demo
from probation_inspection.reporting import build_report
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.reports.builder import inspection_input

#: "reproduce" said of anything but the report's text.
CLAIM = re.compile(r"(?<!The text is )reproduc\w*", re.IGNORECASE)


def test_the_stored_demo_frames_each_stated_prompt_as_the_report(wales: Inspection) -> None:
    report = build_report(inspection_input(wales))
    sentences = {sentence.question_id: sentence for chapter in report.domains
                 for section in chapter.standards for sentence in section.findings}
    for item in wales_demo.STATED:
        if item.prompt_level:
            sentence = sentences[item.question_id]
            assert sentence.negative == item.negative, sentence.text
            assert item.holds(sentence.yes, sentence.relevant), item.describe()


def test_the_command_and_the_page_say_which_figures_are_generated(wales: Inspection) -> None:
    out = StringIO()
    call_command("load_wales_demo", stdout=out)
    printed = out.getvalue()
    assert "already loaded" in printed
    assert "prompt figures are generated, not stated in the report" in printed
    assert not CLAIM.search(printed)
    lead = signed_in(get_user_model().objects.get(username="lead"))
    page = unescape(lead.get(reverse("reports:report", args=[wales.pk])).content.decode())
    assert "generated, not stated in the report" in page
    assert not CLAIM.search(page)
    assert "Home visits were not undertaken" in page
