"""View tests for the import and comparisons pages: who may import, what each role sees, the
three seed reports compared, the JSON export and the platform's own inspections.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from helpers import job_page, signed_in
from probation_inspection.web.benchmarking.models import PublishedInspection, StoreEvent
from probation_inspection.web.inspections.models import Inspection, Stage

#: The framework the seed reports were inspected under, as the import form names it.
CRC = {"framework": "hmip-crc-2018@2018.1"}

pytestmark = pytest.mark.django_db

SEEDS = ("000", "002", "004")


def upload(client: Client, *paths: Path) -> Any:
    files = [SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/plain") for p in paths]
    return client.post(reverse("benchmarking:import"), {**CRC, "reports": files})


def export(client: Client, mark: str = "") -> dict[str, Any]:
    response = client.get(reverse("benchmarking:export"), {"mark": mark} if mark else {})
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


@pytest.fixture
def stored(data_team: Any, seed: Callable[[str], Path]) -> list[PublishedInspection]:
    client = signed_in(data_team)
    job, _page = job_page(client, upload(client, *(seed(s) for s in SEEDS)))
    assert job.summary == "3 of 3 reports imported", job.outcomes
    return list(PublishedInspection.objects.all())


def test_the_data_team_imports_others_are_refused(
    users: dict[str, Any], data_team: Any, inspection: Inspection
) -> None:
    assert signed_in(data_team).get(reverse("benchmarking:import")).status_code == 200
    # Leading an inspection is no right over the shared store: only a programme role is.
    for name in ("lead", "inspector", "reader", "outsider"):
        response = signed_in(users[name]).get(reverse("benchmarking:import"))
        assert response.status_code == 403
        assert ("Only an inspection programme manager or the research and data team can "
                "import published reports") in response.content.decode()
    assert Client().get(reverse("benchmarking:import")).status_code == 302  # to sign in


def test_upload_three_seeds_then_again(data_team: Any, seed: Callable[[str], Path]) -> None:
    client = signed_in(data_team)
    job, first = job_page(client, upload(client, *(seed(s) for s in SEEDS)))
    assert (job.kind, job.started_by, job.inspection) == ("report-import", data_team, None)
    assert [o["outcome"] for o in job.outcomes] == ["read"] * 3
    assert [o["item"] for o in job.outcomes] == [seed(s).name for s in SEEDS]
    text = first.content.decode()
    assert "3 of 3 reports imported" in text and 'id="job-outcomes"' in text
    assert (job.done, job.total) == (3, 3)
    assert reverse("benchmarking:import") in text  # back to importing
    job, second = job_page(client, upload(client, seed("000")))
    assert [o["outcome"] for o in job.outcomes] == ["already imported"]
    assert "0 of 1 report imported" in second.content.decode()
    assert PublishedInspection.objects.count() == 3
    assert set(PublishedInspection.objects.values_list("imported_by", flat=True)) == {data_team.pk}
    assert StoreEvent.objects.filter(actor=data_team).count() == 4


def test_thematic_report_is_refused_with_the_core_message(
    data_team: Any, seed: Callable[[str], Path]
) -> None:
    client = signed_in(data_team)
    job, page = job_page(client, upload(client, seed("001")))
    assert [o["outcome"] for o in job.outcomes] == ["not rated"]
    body = page.content.decode()
    assert "0 of 1 report imported; 1 could not be imported" in body
    assert "not a rated inspection report" in body and "thematic report" in body
    assert not PublishedInspection.objects.exists()


def test_upload_refuses_other_file_types_and_empty_posts(data_team: Any) -> None:
    client = signed_in(data_team)
    empty = client.post(reverse("benchmarking:import"), {**CRC})
    assert empty.status_code == 400 and "Select one or more report files" in empty.content.decode()
    sheet = SimpleUploadedFile("results.xlsx", b"PK\x03\x04", content_type="application/zip")
    wrong = client.post(reverse("benchmarking:import"), {**CRC, "reports": [sheet]})
    assert wrong.status_code == 400
    assert "results.xlsx must be a TXT, HTML or PDF file" in wrong.content.decode()
    assert not StoreEvent.objects.exists()


def test_upload_refuses_a_file_over_the_size_limit(
    data_team: Any, seed: Callable[[str], Path], settings: Any
) -> None:
    settings.UNTRUSTED_FILE_LIMITS = {**settings.UNTRUSTED_FILE_LIMITS, "report_bytes": 1024}
    response = upload(signed_in(data_team), seed("000"))
    assert response.status_code == 400
    assert "the file is larger than the 1 KB limit for a published report" in (
        response.content.decode())
    assert not PublishedInspection.objects.exists()


def test_signed_out_users_are_sent_to_sign_in() -> None:
    for name in ("comparisons", "export", "import"):
        response = Client().get(reverse(f"benchmarking:{name}"))
        assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


def test_league_table_of_the_three_seeds(
    stored: list[PublishedInspection], users: dict[str, Any]
) -> None:
    # Published records are public: even a user on no team sees them.
    data = export(signed_in(users["outsider"]))
    by_key = {item["key"]: item for item in data["inspections"]}
    league = [(by_key[row["inspection"]]["label"][:12], row["score"], row["rank"])
              for row in data["league_table"]]
    assert league == [("Humberside, ", 12, 1), ("Wales divisi", 11, 2), ("Staffordshir", 9, 3)]
    assert data["ratings_by_standard"]["4.2"] == {
        "Outstanding": 0, "Good": 1, "Requires improvement": 0, "Inadequate": 2}
    assert data["marked"] is None and data["changes"] == []


def test_marked_provider_in_key_questions(
    stored: list[PublishedInspection], users: dict[str, Any]
) -> None:
    humberside = next(s for s in stored if s.provider.startswith("Humberside"))
    client = signed_in(users["reader"])
    data = export(client, f"published-{humberside.pk}")
    assert data["marked"] == f"published-{humberside.pk}"
    question = next(q for q in data["key_questions"] if q["key_question"] == "2.1.1")
    assert question["inspections"] == 3
    assert question["marked"] == humberside.record["key_questions"]["2.1.1"]
    percents = sorted(question["values"].values())
    assert question["mean_of_providers"] == round(sum(percents) / 3, 1)
    # Every case counts for 2.1.1, so the sample sizes weight a pooled figure.
    assert question["pooled"] is not None and question["pooled_inspections"] == 3
    page = client.get(reverse("benchmarking:comparisons"), {"mark": f"published-{humberside.pk}"})
    body = page.content.decode()
    assert page.status_code == 200 and "Marked" in body and "(marked)" in body
    assert 'id="league-table"' in body and "Ratings given per standard" in body


def test_marking_an_unknown_inspection_says_so(users: dict[str, Any]) -> None:
    response = signed_in(users["lead"]).get(reverse("benchmarking:comparisons"),
                                            {"mark": "platform-999"}, follow=True)
    assert "not one you can compare" in response.content.decode()


def test_change_between_two_inspections_of_one_provider(
    stored: list[PublishedInspection], users: dict[str, Any]
) -> None:
    wales = next(s for s in stored if s.provider.startswith("Wales"))
    later = dict(wales.record)
    later["published"] = "March 2021"
    later["standards"] = {**later["standards"], "4.2": "Good"}
    later["key_questions"] = {**later["key_questions"], "2.1.1": 80}
    PublishedInspection.objects.create(
        provider=wales.provider, published="March 2021", overall="Requires improvement",
        framework_id=wales.framework_id, record=later, file_name="later.txt", sha256="f" * 64,
        imported_at=wales.imported_at,
    )
    data = export(signed_in(users["lead"]))
    (change,) = data["changes"]
    assert change["standards"]["4.2"] == ["Inadequate", "Good", 2]
    assert change["key_questions"]["2.1.1"][1:] == [80, 80 - wales.record["key_questions"]["2.1.1"]]
    page = signed_in(users["lead"]).get(reverse("benchmarking:comparisons")).content.decode()
    assert "Change between inspections of the same provider" in page and "+2 steps" in page


def test_platform_inspection_visibility_by_stage_and_team(
    assessed: Inspection, users: dict[str, Any], data_team: Any
) -> None:
    key = f"platform-{assessed.pk}"

    def keys(name: str) -> set[str]:
        user = data_team if name == "analyst" else users[name]
        return {item["key"] for item in export(signed_in(user))["inspections"]}

    # Fieldwork: nobody compares its ratings yet (the matrix shows ratings from rating).
    assert all(key not in keys(n) for n in ("lead", "inspector", "reader", "outsider"))
    page = signed_in(users["lead"]).get(reverse("benchmarking:comparisons")).content.decode()
    assert "1 inspection of your teams is not included" in page
    Inspection.objects.filter(pk=assessed.pk).update(stage=Stage.RATING)
    for name in ("lead", "inspector", "analyst"):
        assert key in keys(name), name
    for name in ("reader", "outsider"):
        assert key not in keys(name), name
    Inspection.objects.filter(pk=assessed.pk).update(stage=Stage.PUBLISHED)
    for name in ("reader", "outsider"):
        assert key in keys(name), name


def test_platform_inspection_uses_exact_tallies_and_decided_ratings(
    assessed: Inspection, users: dict[str, Any]
) -> None:
    from probation_inspection.web.quality.models import RatingDecision

    Inspection.objects.filter(pk=assessed.pk).update(stage=Stage.RATING)
    client = signed_in(users["lead"])
    own = next(i for i in export(client)["inspections"] if i["key"] == f"platform-{assessed.pk}")
    assert own["source"] == "platform" and own["key_questions"]["2.1.1"] == 100
    # Two submitted cases, both yes: the rule rates engagement Outstanding.
    # Standard 2.2 has a key question only RoSH cases count: no rule rating without one.
    assert own["standards"] == {"2.1": "Outstanding"}
    assert own["overall"] is None  # domain one has no decisions yet
    RatingDecision.objects.create(
        inspection=assessed, standard_id="2.1", version=1, kind="discretion",
        rule_rating="Outstanding", rating="Good", rationale="Small sample",
        decided_by=users["lead"],
    )
    own = next(i for i in export(client)["inspections"] if i["key"] == f"platform-{assessed.pk}")
    assert own["standards"]["2.1"] == "Good"
    data = export(client, f"platform-{assessed.pk}")
    question = next(q for q in data["key_questions"] if q["key_question"] == "2.1.1")
    assert question["marked"] == 100 and question["pooled_inspections"] == 1
    assert question["pooled"] == 100.0
