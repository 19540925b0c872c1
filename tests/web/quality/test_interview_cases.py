"""The interview form asks the "In this case" questions about each case the officer holds, and
the report prints each topic's share with its national figure."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from helpers import signed_in
from probation_inspection.reporting.methodology import evidence_paragraph
from probation_inspection.web.inspections.models import Inspection
from probation_inspection.web.quality.models import InterviewResponse
from probation_inspection.web.reports.builder import inspection_input

DESISTANCE = "ro-interview.agencies-desistance"
WORKLOAD = "ro-interview.workload"


def test_per_case_questions_count_each_case_and_the_report_prints_each_topic(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    client = signed_in(team["inspector"])
    url = reverse("quality:interviews", args=[inspection.pk])
    form = client.get(url).content.decode()
    assert "In this case, are there effective relationships with other agencies to support" in form
    assert 'name="case-1"' in form and f'name="case-1-answer-{DESISTANCE}"' in form
    response = client.post(url, {
        "interviewee": "RO-1", f"answer-{WORKLOAD}": "no",
        "case-1": "C-101", f"case-1-answer-{DESISTANCE}": "yes",
        "case-2": "C-102", f"case-2-answer-{DESISTANCE}": "no",
        "case-3": "", f"case-3-answer-{DESISTANCE}": "yes",  # no reference: not a case
    })
    assert response.status_code == 302
    client.post(url, {"interviewee": "RO-2", f"answer-{WORKLOAD}": "no",
                      "case-1": "C-103", f"case-1-answer-{DESISTANCE}": "yes"})
    stored = InterviewResponse.objects.get(interviewee="RO-1").answers
    assert stored == {WORKLOAD: "no", "cases": {"C-101": {DESISTANCE: "yes"},
                                                 "C-102": {DESISTANCE: "no"}}}
    page = client.get(url)
    results = {r.question.id: r for r in page.context["results"]}
    assert (results[DESISTANCE].tally.yes, results[DESISTANCE].tally.relevant) == (2, 3)
    again = client.get(url + "?interviewee=RO-1").content.decode()
    assert 'value="C-102"' in again

    evidence = inspection_input(inspection).evidence
    assert evidence is not None
    assert evidence.interview_findings == (
        "100 per cent of the 2 responsible officers who answered said their workload was "
        "unmanageable, against 56 per cent nationally.",
        "In 2 of the 3 cases discussed (67 per cent), responsible officers said there were "
        "effective relationships with other agencies to support desistance.",
    )
    assert evidence.interview_findings[0] in evidence_paragraph(evidence)


def test_an_unknown_per_case_answer_is_refused_and_nothing_is_stored(
    inspection: Inspection, team: dict[str, Any]
) -> None:
    client = signed_in(team["inspector"])
    url = reverse("quality:interviews", args=[inspection.pk])
    response = client.post(url, {"interviewee": "RO-9", "case-1": "C-1",
                                 f"case-1-answer-{DESISTANCE}": "maybe"})
    assert response.status_code == 400
    assert "unknown answer" in response.content.decode()
    assert 'value="C-1"' in response.content.decode()
    assert not InterviewResponse.objects.exists()
