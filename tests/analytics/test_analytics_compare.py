"""Unit tests for comparisons across inspections."""

from __future__ import annotations

import dataclasses

import pytest

from probation_inspection.analytics import (
    AnalyticsError,
    ComparableInspection,
    change_between,
    from_platform,
    from_published,
    key_question_distribution,
    key_question_distributions,
    league_table,
    rating_distribution,
)
from probation_inspection.framework import Framework, load_framework
from probation_inspection.framework.model import RatingBand, RatingScheme
from probation_inspection.published import PublishedReport, Samples
from probation_inspection.scoring import OverallRating, StandardRating, Tally

SCHEME = RatingScheme(
    labels=("Inadequate", "Requires improvement", "Good", "Outstanding"),
    percentage_bands=(
        RatingBand("Inadequate", 0, 49),
        RatingBand("Requires improvement", 50, 64),
        RatingBand("Good", 65, 79),
        RatingBand("Outstanding", 80, 100),
    ),
    scores={"Inadequate": 0, "Requires improvement": 1, "Good": 2, "Outstanding": 3},
    overall_bands=(RatingBand("Inadequate", 0, 1), RatingBand("Good", 2, 6)),
)


def inspection(
    provider: str,
    standards: dict[str, str],
    key_questions: dict[str, int] | None = None,
    published: str | None = None,
    relevant: dict[str, int] | None = None,
    yes: dict[str, int] | None = None,
) -> ComparableInspection:
    return ComparableInspection(
        provider=provider,
        label=f"{provider} {published}",
        published=published,
        overall=None,
        standards=standards,
        key_questions=key_questions or {},
        relevant_cases=relevant or {},
        yes_cases=yes or {},
    )


A = inspection("Alpha", {"1.1": "Good", "2.1": "Good"}, {"2.1.1": 70}, "May 2019")
B = inspection("Beta", {"1.1": "Outstanding", "2.1": "Inadequate"}, {"2.1.1": 40})
C = inspection("Gamma", {"1.1": "Inadequate", "2.1": "Requires improvement"}, {"2.1.1": 55})


def test_league_table_orders_by_score_and_ties_share_a_rank() -> None:
    rows = league_table([C, B, A], SCHEME)
    assert [(r.rank, r.inspection.provider, r.score) for r in rows] == [
        (1, "Alpha", 4),
        (2, "Beta", 3),
        (3, "Gamma", 1),
    ]
    tied = league_table(
        [A, inspection("Delta", {"1.1": "Outstanding", "2.1": "Requires improvement"}), C], SCHEME
    )
    assert [(r.rank, r.score) for r in tied] == [(1, 4), (1, 4), (3, 1)]


def test_league_table_counts_the_standards_each_score_covers() -> None:
    partial = inspection("Partial", {"1.1": "Good"})
    (row,) = league_table([partial], SCHEME)
    assert (row.score, row.standards_rated) == (2, 1)


def test_rating_distribution_counts_every_label_in_scheme_order() -> None:
    distribution = rating_distribution([A, B, C], SCHEME)
    assert distribution["1.1"] == {
        "Inadequate": 1,
        "Requires improvement": 0,
        "Good": 1,
        "Outstanding": 1,
    }
    assert list(distribution) == ["1.1", "2.1"]


def test_rating_distribution_refuses_an_unknown_label() -> None:
    with pytest.raises(AnalyticsError, match="standard 1.1 has unknown rating 'Fine'"):
        rating_distribution([inspection("X", {"1.1": "Fine"})], SCHEME)


def test_key_question_distribution_marks_one_provider_and_ranks_it() -> None:
    distribution = key_question_distribution([A, B, C], "2.1.1", marked=C)
    assert [v.percent for v in distribution.values] == [40, 55, 70]
    assert distribution.marked is not None and distribution.marked.inspection is C
    assert distribution.marked_rank == 2
    assert distribution.mean_of_providers == pytest.approx(55.0)
    assert distribution.median == 55.0
    assert distribution.pooled is None and distribution.pooled_inspections == 0


def test_pooled_figure_uses_exact_counts_where_known_and_weights_otherwise() -> None:
    exact = inspection("Exact", {}, {"2.1.1": 50}, relevant={"2.1.1": 10}, yes={"2.1.1": 5})
    weighted = inspection("Weighted", {}, {"2.1.1": 80}, relevant={"2.1.1": 30})
    unknown = inspection("Unknown", {}, {"2.1.1": 10})
    distribution = key_question_distribution([exact, weighted, unknown], "2.1.1")
    # (5 + 24) / (10 + 30): the larger inspection counts for more than in the plain mean.
    assert distribution.pooled == pytest.approx(72.5)
    assert distribution.pooled_inspections == 2
    assert distribution.mean_of_providers == pytest.approx(140 / 3)


def test_distribution_of_a_question_nobody_reports_is_an_error() -> None:
    with pytest.raises(AnalyticsError, match="key question 9.9.9"):
        key_question_distribution([A], "9.9.9")


def test_distributions_cover_every_question_in_numbering_order() -> None:
    other = inspection("Other", {}, {"4.1.1": 60, "2.10.1": 50, "2.2.1": 65})
    ids = [d.key_question for d in key_question_distributions([A, other])]
    assert ids == ["2.1.1", "2.2.1", "2.10.1", "4.1.1"]


def test_change_between_two_inspections_of_one_provider_is_ordered_by_date() -> None:
    earlier = inspection("Alpha CRC", {"2.1": "Inadequate"}, {"2.1.1": 45}, "June 2018")
    later = inspection("alpha  crc", {"2.1": "Good", "2.2": "Good"}, {"2.1.1": 70}, "March 2019")
    change = change_between(later, earlier, SCHEME)
    assert change.earlier is earlier and change.later is later
    by_standard = {c.subject: (c.before, c.after, c.steps) for c in change.standards}
    assert by_standard == {"2.1": ("Inadequate", "Good", 2), "2.2": (None, "Good", None)}
    (question,) = change.key_questions
    assert (question.before, question.after, question.points) == (45, 70, 25)


def test_change_between_different_providers_is_refused() -> None:
    with pytest.raises(AnalyticsError, match="different providers: 'Alpha' and 'Beta'"):
        change_between(A, B, SCHEME)


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("hmip-crc-2018")


def test_published_report_counts_whole_sample_questions_only(framework: Framework) -> None:
    report = PublishedReport(
        provider="Alpha CRC",
        published="July 2019",
        lead_inspector=None,
        overall="Good",
        standards={"2.2": "Good"},
        key_questions={"2.2.1": 70, "2.2.3": 60, "4.1.1": 75},
        samples=Samples(case_supervision=120, unpaid_work=None, through_the_gate=30),
    )
    comparable = from_published(report, framework)
    # 2.2.3 counts only cases with RoSH issues, and the unpaid work sample is unknown.
    assert dict(comparable.relevant_cases) == {"2.2.1": 120}
    assert comparable.when == (2019, 7)
    assert comparable.label == "Alpha CRC (July 2019)"
    assert from_published(report).relevant_cases == {}


def test_platform_inspection_keeps_exact_counts_of_key_questions_only(
    framework: Framework,
) -> None:
    tallies = {
        "2.1.1": Tally("2.1.1", yes=36, no=31),
        "2.1.2": Tally("2.1.2", not_relevant=5),
        "not-a-key-question": Tally("not-a-key-question", yes=1),
    }
    ratings = [StandardRating("2.1", "Requires improvement", "Requires improvement", "2.1.1", 54)]
    overall = OverallRating(score=1, maximum=30, rating="Inadequate")
    comparable = from_platform("Alpha", "Alpha 2026", None, ratings, overall, tallies, framework)
    assert dict(comparable.key_questions) == {"2.1.1": 54}
    assert (comparable.yes_cases["2.1.1"], comparable.relevant_cases["2.1.1"]) == (36, 67)
    assert comparable.standards == {"2.1": "Requires improvement"}
    assert (comparable.overall, comparable.source) == ("Inadequate", "platform")
    published = ComparableInspection("Beta", "Beta", None, None, {}, {"2.1.1": 60})
    distribution = key_question_distribution([comparable, published], "2.1.1", comparable)
    assert distribution.pooled == pytest.approx(100 * 36 / 67)
    assert distribution.marked_rank == 2


def test_the_published_sample_size_follows_the_frameworks_published_as(
    framework: Framework,
) -> None:
    # Which published sample size is which sample type is the framework's data: a sample type
    # without published_as gets none, and one pointed at another size gets that one.
    report = PublishedReport(
        provider="Alpha CRC", published="July 2019", lead_inspector=None, overall="Good",
        standards={}, key_questions={"2.2.1": 70},
        samples=Samples(case_supervision=120, unpaid_work=50, through_the_gate=30),
    )
    renamed = dataclasses.replace(framework, sample_types=tuple(
        dataclasses.replace(d, published_as="" if d.id == "case-supervision" else d.published_as)
        for d in framework.sample_types))
    assert from_published(report, renamed).relevant_cases == {}
    pointed = dataclasses.replace(framework, sample_types=tuple(
        dataclasses.replace(d, published_as="unpaid_work" if d.id == "case-supervision"
                            else d.published_as)
        for d in framework.sample_types))
    assert dict(from_published(report, pointed).relevant_cases) == {"2.2.1": 50}
