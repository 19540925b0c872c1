"""Percent agreement and Cohen's kappa: worked examples, degenerate groups and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from probation_inspection.scoring import (
    Agreement,
    Answer,
    JudgementPair,
    KappaGap,
    ScoringError,
    agreement,
    agreement_by_inspector,
    agreement_by_key_question,
)

Y, N, NA, NR = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE, Answer.NOT_RELEVANT


def table(yes_yes: int, yes_no: int, no_yes: int, no_no: int, kq: str = "2.1.1",
          inspector: str = "ann") -> list[JudgementPair]:
    """A 2x2 table: rows are the inspector's answer, columns the QA inspector's."""
    cells = [(Y, Y)] * yes_yes + [(Y, N)] * yes_no + [(N, Y)] * no_yes + [(N, N)] * no_no
    return [JudgementPair(f"case {i}", inspector, kq, a, b) for i, (a, b) in enumerate(cells)]


@pytest.mark.parametrize(
    ("cells", "kappa", "proportion"),
    [
        # 50 items: agree 20 yes and 15 no; disagree 5 one way and 10 the other.
        ((20, 5, 10, 15), 0.4, 0.7),
        # Wikipedia "Cohen's kappa", examples: same agreement 0.60, different kappas.
        ((45, 15, 25, 15), 0.1304, 0.6),
        ((25, 35, 5, 35), 0.2593, 0.6),
        # Perfect disagreement with balanced margins.
        ((0, 10, 10, 0), -1.0, 0.0),
    ],
)
def test_worked_two_by_two_tables(cells: tuple[int, int, int, int], kappa: float,
                                  proportion: float) -> None:
    result = agreement("2.1.1", table(*cells))
    assert result.kappa == pytest.approx(kappa, abs=1e-4)
    assert result.proportion == pytest.approx(proportion)
    assert result.judgements == result.cases == sum(cells)
    assert result.kappa_gap is None


def test_three_categories_match_the_formula_by_hand() -> None:
    # Rows inspector, columns QA, categories yes / no / not applicable.
    counts = {(Y, Y): 10, (Y, N): 2, (Y, NA): 1, (N, Y): 3, (N, N): 8, (N, NA): 1,
              (NA, Y): 0, (NA, N): 1, (NA, NA): 4}
    pairs = [JudgementPair(f"c{i}-{a}-{b}", "ann", "2.2.1", a, b)
             for (a, b), n in counts.items() for i in range(n)]
    total = sum(counts.values())
    observed = (10 + 8 + 4) / total
    rows = {a: sum(n for (x, _), n in counts.items() if x == a) for a in (Y, N, NA)}
    cols = {b: sum(n for (_, y), n in counts.items() if y == b) for b in (Y, N, NA)}
    expected = sum(rows[c] * cols[c] for c in (Y, N, NA)) / total**2
    result = agreement("2.2.1", pairs)
    assert result.kappa == pytest.approx((observed - expected) / (1 - expected))
    assert result.percent == 73  # 22 of 30 = 73.3


def test_an_export_row() -> None:
    assert agreement("2.1.1", table(20, 5, 10, 15)).to_json() == {
        "group": "2.1.1", "cases": 50, "judgements": 50, "agreements": 35,
        "percent_agreement": 70, "kappa": 0.4, "kappa_note": None}
    assert agreement("2.1.1", []).to_json()["kappa_note"] == "no moderated cases"


def test_no_pairs() -> None:
    result = agreement("2.1.1", [])
    assert result == Agreement("2.1.1", 0, 0, 0, None, None, KappaGap.NO_CASES)
    assert result.percent is None


def test_one_case_has_agreement_but_no_kappa() -> None:
    result = agreement("2.1.1", table(1, 0, 0, 0))
    assert (result.proportion, result.kappa, result.kappa_gap) == (1.0, None, KappaGap.ONE_CASE)


def test_one_shared_category_has_full_agreement_but_no_kappa() -> None:
    result = agreement("2.1.1", table(6, 0, 0, 0))
    assert result.proportion == 1.0
    assert result.kappa is None
    assert result.kappa_gap is KappaGap.ONE_CATEGORY


def test_each_rater_with_one_different_category_has_kappa_zero() -> None:
    result = agreement("2.1.1", table(0, 4, 0, 0))
    assert result.kappa == 0.0
    assert result.proportion == 0.0


def test_pairs_both_not_relevant_are_left_out() -> None:
    pairs = table(3, 1, 1, 3) + [JudgementPair("x", "ann", "2.1.1", NR, NR)]
    result = agreement("2.1.1", pairs)
    assert result.judgements == 8
    assert result.kappa == pytest.approx(0.5)


def test_by_key_question_keeps_framework_order_and_shows_unmoderated_questions() -> None:
    pairs = table(20, 5, 10, 15, kq="2.1.2") + table(4, 0, 0, 4, kq="2.1.1")
    results = agreement_by_key_question(pairs, ["2.1.1", "2.1.2", "2.1.3"])
    assert list(results) == ["2.1.1", "2.1.2", "2.1.3"]
    assert results["2.1.1"].kappa == pytest.approx(1.0)
    assert results["2.1.2"].kappa == pytest.approx(0.4)
    assert results["2.1.3"].kappa_gap is KappaGap.NO_CASES


def test_by_inspector_pools_key_questions_and_counts_distinct_cases() -> None:
    pairs = [
        JudgementPair("c1", "ann", "2.1.1", Y, Y),
        JudgementPair("c1", "ann", "2.1.2", N, Y),
        JudgementPair("c2", "ann", "2.1.1", N, N),
        JudgementPair("c3", "bob", "2.1.1", Y, Y),
    ]
    results = agreement_by_inspector(pairs)
    assert list(results) == ["ann", "bob"]
    assert (results["ann"].cases, results["ann"].judgements, results["ann"].agreements) == (
        2, 3, 2)
    assert results["ann"].kappa == pytest.approx(0.4)
    assert results["bob"].kappa_gap is KappaGap.ONE_CASE


def test_a_key_question_moderated_twice_on_one_case_is_refused() -> None:
    pairs = table(1, 0, 0, 0) * 2
    with pytest.raises(ScoringError, match="case 0, key question 2.1.1: moderated twice"):
        agreement_by_key_question(pairs)


answers = st.sampled_from([Y, N, NA])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(answers, answers), max_size=30))
def test_agreement_is_a_proportion_and_kappa_symmetric(
    cells: list[tuple[Answer, Answer]],
) -> None:
    pairs = [JudgementPair(f"c{i}", "ann", "k", a, b) for i, (a, b) in enumerate(cells)]
    result = agreement("k", pairs)
    if result.proportion is not None:
        assert 0.0 <= result.proportion <= 1.0
    if result.kappa is not None:
        assert -1.0 - 1e-9 <= result.kappa <= 1.0 + 1e-9
    swapped = agreement("k", [JudgementPair(p.case_id, p.inspector, p.key_question_id,
                                            p.moderator_answer, p.inspector_answer)
                              for p in pairs])
    if result.kappa is None:
        assert swapped.kappa is None
    else:
        assert swapped.kappa == pytest.approx(result.kappa)


@settings(max_examples=60, deadline=None)
@given(st.lists(answers, min_size=2, max_size=30).filter(lambda xs: len(set(xs)) >= 2))
def test_identical_judgements_with_two_categories_give_kappa_one(judged: list[Answer]) -> None:
    pairs = [JudgementPair(f"c{i}", "ann", "k", a, a) for i, a in enumerate(judged)]
    result = agreement("k", pairs)
    assert result.proportion == 1.0
    assert result.kappa == pytest.approx(1.0)
