"""Agreement between inspectors and the quality-assurance inspector over moderated cases.

Owns percent agreement and Cohen's kappa (scikit-learn) per key question and per inspector.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from probation_inspection.scoring.answers import Answer
from probation_inspection.scoring.errors import ScoringError
from probation_inspection.scoring.tally import percent_half_up


@dataclass(frozen=True)
class JudgementPair:
    """One key question on one moderated case: the inspector's answer and the QA inspector's."""

    case_id: str
    inspector: str
    key_question_id: str
    inspector_answer: Answer
    moderator_answer: Answer

    @property
    def agrees(self) -> bool:
        return self.inspector_answer == self.moderator_answer


class KappaGap(StrEnum):
    """Why a group has no kappa although it may have a percent agreement."""

    NO_CASES = "no moderated cases"
    ONE_CASE = "fewer than two cases: kappa is not meaningful"
    ONE_CATEGORY = (
        "both used one and the same answer throughout: chance agreement is total, kappa undefined"
    )


@dataclass(frozen=True)
class Agreement:
    """Agreement over one group of judgement pairs (a key question, or an inspector)."""

    group: str
    #: Distinct moderated cases behind the pairs.
    cases: int
    #: Judgement pairs compared (one per key question per case).
    judgements: int
    agreements: int
    #: Share of pairs agreeing, 0-1; None when there are no pairs.
    proportion: float | None
    kappa: float | None
    #: Why ``kappa`` is None; None when kappa was computed.
    kappa_gap: KappaGap | None

    @property
    def percent(self) -> int | None:
        """Percent agreement as the reports show percentages: whole, halves rounded up."""
        if self.judgements == 0:
            return None
        return percent_half_up(self.agreements, self.judgements)

    def to_json(self) -> dict[str, object]:
        """One row of an agreement export."""
        return {
            "group": self.group,
            "cases": self.cases,
            "judgements": self.judgements,
            "agreements": self.agreements,
            "percent_agreement": self.percent,
            "kappa": None if self.kappa is None else round(self.kappa, 4),
            "kappa_note": None if self.kappa_gap is None else self.kappa_gap.value,
        }


def agreement(group: str, pairs: Iterable[JudgementPair]) -> Agreement:
    """Percent agreement and Cohen's kappa over ``pairs``, with the degenerate cases named.

    Pairs where both sides record ``not-relevant`` are left out: the relevance rule, not
    either inspector, decided them, so they would inflate agreement.
    """
    kept = [pair for pair in pairs if not (
        pair.inspector_answer is Answer.NOT_RELEVANT
        and pair.moderator_answer is Answer.NOT_RELEVANT
    )]
    cases = len({pair.case_id for pair in kept})
    agreements = sum(1 for pair in kept if pair.agrees)
    if not kept:
        return Agreement(group, 0, 0, 0, None, None, KappaGap.NO_CASES)
    proportion = agreements / len(kept)
    kappa, gap = _kappa(kept)
    return Agreement(group, cases, len(kept), agreements, proportion, kappa, gap)


def _kappa(pairs: list[JudgementPair]) -> tuple[float | None, KappaGap | None]:
    if len(pairs) < 2:
        return None, KappaGap.ONE_CASE
    first = [pair.inspector_answer.value for pair in pairs]
    second = [pair.moderator_answer.value for pair in pairs]
    # Expected chance agreement is 1 exactly when both raters used a single, shared answer;
    # kappa's denominator is then zero, so it is reported as undefined rather than nan.
    if len(set(first) | set(second)) == 1:
        return None, KappaGap.ONE_CATEGORY
    # Imported here so that commands which never compute kappa start quickly.
    from sklearn.metrics import cohen_kappa_score

    value = float(cohen_kappa_score(first, second))
    if math.isnan(value):  # pragma: no cover - excluded above; kept in case scikit-learn changes
        return None, KappaGap.ONE_CATEGORY
    return value, None


def _grouped(
    pairs: Iterable[JudgementPair], key: Callable[[JudgementPair], str]
) -> dict[str, list[JudgementPair]]:
    groups: dict[str, list[JudgementPair]] = {}
    for pair in pairs:
        groups.setdefault(key(pair), []).append(pair)
    return groups


def _checked(pairs: Iterable[JudgementPair]) -> list[JudgementPair]:
    checked = list(pairs)
    seen: set[tuple[str, str]] = set()
    for pair in checked:
        for answer in (pair.inspector_answer, pair.moderator_answer):
            if not isinstance(answer, Answer):
                raise ScoringError(
                    f"case {pair.case_id}, key question {pair.key_question_id}: "
                    f"answer {answer!r} is not an Answer"
                )
        key = (pair.case_id, pair.key_question_id)
        if key in seen:
            raise ScoringError(
                f"case {pair.case_id}, key question {pair.key_question_id}: moderated twice "
                "(compare each case's first moderation only)"
            )
        seen.add(key)
    return checked


def agreement_by_key_question(
    pairs: Iterable[JudgementPair], key_question_ids: Iterable[str] = ()
) -> dict[str, Agreement]:
    """Agreement per key question; ``key_question_ids`` are shown even when unmoderated."""
    checked = _checked(pairs)
    groups = _grouped(checked, lambda pair: pair.key_question_id)
    order = list(dict.fromkeys([*key_question_ids, *groups]))
    return {kq: agreement(kq, groups.get(kq, [])) for kq in order}


def agreement_by_inspector(pairs: Iterable[JudgementPair]) -> dict[str, Agreement]:
    """Agreement per inspector, over every key question of their moderated cases."""
    checked = _checked(pairs)
    groups = _grouped(checked, lambda pair: pair.inspector)
    return {inspector: agreement(inspector, groups[inspector]) for inspector in sorted(groups)}
