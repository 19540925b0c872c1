"""Limiting rules: a standard's rating capped when a named rating or percentage is low.

On the tiny framework with the Wales figures (planning's rule rating Inadequate at 48%).
"""

from __future__ import annotations

from dataclasses import replace

from scoring_helpers import LABELS, tiny_framework

from probation_inspection.framework.model import Framework, Limit
from probation_inspection.scoring import (
    Discretion,
    FindingKind,
    Judgement,
    check_ratings,
    overall_rating,
    rate_standards,
)
from probation_inspection.scoring.check import Finding

INADEQUATE, RI, GOOD, OUTSTANDING = LABELS
PERCENTS = {
    "2.1.1": 67, "2.1.2": 68, "2.1.3": 57,
    "2.2.1": 61, "2.2.2": 48,
    "2.3.1": 78, "2.3.2": 66, "2.3.3": 59,
    "2.4.1": 78, "2.4.2": 74, "2.4.3": 54,
    "4.1.1": 64, "4.1.2": 72, "4.1.3": 51, "4.1.4": 79,
    "4.2.1": 45, "4.2.2": 39, "4.2.3": 50,
}  # fmt: skip
JUDGED = {"1.1": GOOD, "1.2": RI, "1.3": GOOD, "1.4": RI}
JUDGEMENTS = {sid: Judgement(label, "Evidence.") for sid, label in JUDGED.items()}
#: The 2019 idea: poor case supervision limits the leadership rating.
POOR_PLANNING = Limit(at_most=RI, standard="2.2", below=RI, note="provisional")


def limited(**limits: tuple[Limit, ...]) -> Framework:
    framework = tiny_framework()
    by_id = {key[1:].replace("_", "."): value for key, value in limits.items()}
    domains = tuple(
        replace(domain, standards=tuple(replace(s, limits=by_id.get(s.id, s.limits))
                                        for s in domain.standards))
        for domain in framework.domains
    )
    return replace(framework, domains=domains)


def ratings_of(framework: Framework, discretions: dict[str, Discretion] | None = None
               ) -> dict[str, object]:
    rated = rate_standards(framework, PERCENTS, JUDGEMENTS, discretions)
    return {r.standard_id: (r.rating, r.limited_by) for r in rated}


def test_a_low_named_standard_caps_a_judgement() -> None:
    framework = limited(s1_1=(POOR_PLANNING,))
    ratings = ratings_of(framework)
    assert ratings["1.1"] == (RI, "at most Requires improvement: standard 2.2 rated below "
                                  "Requires improvement (provisional)")
    assert ratings["1.3"] == (GOOD, None)
    overall = overall_rating(framework, rate_standards(framework, PERCENTS, JUDGEMENTS))
    assert overall.score == 9  # 10 by the rule alone, leadership's Good now RI


def test_the_named_standard_is_read_after_discretion() -> None:
    framework = limited(s1_1=(POOR_PLANNING,))
    ratings = ratings_of(framework, {"2.2": Discretion(INADEQUATE, RI, "Footnote 13")})
    assert ratings["1.1"] == (GOOD, None)  # planning's final rating is RI: not below RI


def test_a_low_key_question_caps_a_case_data_standard_and_never_raises_one() -> None:
    framework = limited(
        s4_1=(Limit(at_most=INADEQUATE, key_question="2.3.3", below_percent=60),),
        s4_2=(Limit(at_most=GOOD, key_question="2.3.3", below_percent=60),),
        s2_1=(Limit(at_most=INADEQUATE, key_question="2.3.3", below_percent=59),),
    )
    ratings = ratings_of(framework)
    assert ratings["4.1"] == (INADEQUATE, "at most Inadequate: key question 2.3.3 below 60%")
    assert ratings["4.2"] == (INADEQUATE, None)  # already below the cap
    assert ratings["2.1"] == (RI, None)  # 59 is not below 59


def test_limits_chain_through_final_ratings_and_the_lowest_cap_wins() -> None:
    framework = limited(
        s1_1=(POOR_PLANNING,),
        s1_3=(Limit(at_most=INADEQUATE, standard="1.1", below=GOOD),
              Limit(at_most=RI, standard="2.2", below=RI)),
    )
    ratings = ratings_of(framework)
    assert ratings["1.1"][0] == RI
    assert ratings["1.3"] == (INADEQUATE, "at most Inadequate: standard 1.1 rated below Good")


def test_a_limit_on_a_standard_not_rated_cannot_apply() -> None:
    framework = limited(s1_1=(Limit(at_most=RI, standard="4.2", below=GOOD),))
    percents = {k: v for k, v in PERCENTS.items() if not k.startswith("4.2")}
    rated = rate_standards(framework, percents, JUDGEMENTS, missing_as_not_rated=True)
    by_id = {r.standard_id: r for r in rated}
    assert by_id["4.2"].rated is False
    assert (by_id["1.1"].rating, by_id["1.1"].limited_by) == (GOOD, None)


def test_a_published_rating_above_its_limit_is_an_unexplained_deviation() -> None:
    framework = limited(s1_1=(POOR_PLANNING,))
    published = {**JUDGED, "2.1": RI, "2.2": INADEQUATE, "2.3": RI, "2.4": RI, "4.1": RI,
                 "4.2": INADEQUATE}
    result = check_ratings(framework, PERCENTS, published)
    assert result.unexplained == (Finding("1.1", FindingKind.UNEXPLAINED_DEVIATION, GOOD, RI),)
    standards = result.to_json()["standards"]
    assert isinstance(standards, dict)
    assert standards["1.1"]["limited_by"].startswith("at most Requires improvement")
    assert standards["1.2"]["limited_by"] is None
