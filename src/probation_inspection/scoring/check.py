"""Checks published ratings against the rules: recompute, apply discretion, compare.

Owns the findings the ``rate`` command and the published-report importer report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from probation_inspection.framework.model import Framework, RatingMethod, RatingScheme
from probation_inspection.scoring.errors import ScoringError
from probation_inspection.scoring.ratings import (
    Discretion,
    Judgement,
    OverallRating,
    StandardRating,
    apply_discretion,
    apply_limits,
    as_published,
    check_label,
    check_percent,
    not_rated,
    overall_rating,
    rate_by_judgement,
    rate_case_data,
    scheme_of,
)
from probation_inspection.scoring.tally import Tally
from probation_inspection.scoring.uncertainty import (
    DEFAULT_CONFIDENCE,
    StandardUncertainty,
    framework_uncertainty,
)

#: The rationale kept with a judgement taken from a published report.
PUBLISHED_JUDGEMENT = "judgement as published in the inspection report"

#: The ``standard`` of a finding about the overall rating.
OVERALL = "overall"


class FindingKind(StrEnum):
    #: The published rating differs from the rule and a recorded discretion explains it.
    FOOTNOTED_DISCRETION = "footnoted-discretion"
    #: The published rating differs from the computed one and nothing explains it.
    UNEXPLAINED_DEVIATION = "unexplained-deviation"


@dataclass(frozen=True)
class RecordedDiscretion:
    """A discretion as a report records it: from and to may be left unstated."""

    standard: str
    from_rating: str | None
    to_rating: str | None
    text: str


@dataclass(frozen=True)
class Finding:
    """A published rating that differs from the rule (``standard`` is an id or "overall")."""

    standard: str
    kind: FindingKind
    published: str
    #: The rule rating for a footnoted discretion; the final computed rating otherwise.
    computed: str

    def to_json(self) -> dict[str, str]:
        return {
            "standard": self.standard,
            "kind": self.kind.value,
            "published": self.published,
            "computed": self.computed,
        }


@dataclass(frozen=True)
class CheckResult:
    """Every rated standard's computed rating, the overall, and the findings."""

    standards: tuple[StandardRating, ...]
    overall: OverallRating
    findings: tuple[Finding, ...]
    #: How sure each case-data rule rating is, for standards whose key questions all have
    #: counts (published percentages alone cannot give an interval).
    uncertainty: Mapping[str, StandardUncertainty] = field(default_factory=dict)
    #: Ids of the standards whose score counts towards the overall (the framework's
    #: ``scored``), so the result can say so without the framework at hand.
    scored: frozenset[str] = frozenset()

    @property
    def unexplained(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind is FindingKind.UNEXPLAINED_DEVIATION)

    @property
    def footnoted(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind is FindingKind.FOOTNOTED_DISCRETION)

    def to_json(self) -> dict[str, object]:
        """The shape ``rate --json`` prints for one report (findings: unexplained only)."""
        return {
            "standards": {
                rating.standard_id: {
                    **rating.to_json(),
                    **self._uncertainty_json(rating),
                    "scored": rating.standard_id in self.scored,
                    "not_rated_reason": rating.not_rated_reason,
                    "limited_by": rating.limited_by,
                }
                for rating in self.standards
            },
            "score": self.overall.score,
            "max_score": self.overall.maximum,
            "overall": self.overall.rating,
            "findings": [finding.to_json() for finding in self.unexplained],
        }

    def _uncertainty_json(self, rating: StandardRating) -> dict[str, object]:
        """``uncertain`` and ``cases_to_change``; null where there are no counts to say."""
        uncertainty = self.uncertainty.get(rating.standard_id)
        if uncertainty is None:
            return {"uncertain": None, "cases_to_change": None}
        return {
            "uncertain": uncertainty.uncertain,
            "cases_to_change": uncertainty.cases_to_change.to_json(),
        }


def check_ratings(
    framework: Framework,
    key_question_percents: Mapping[str, object],
    published: Mapping[str, str],
    discretions: Sequence[RecordedDiscretion] = (),
    published_overall: str | None = None,
    tallies: Mapping[str, Tally] | None = None,
    confidence: float = DEFAULT_CONFIDENCE,
    *,
    missing_as_not_rated: bool = False,
) -> CheckResult:
    """Recompute a report's ratings from its key-question percentages and compare.

    Judgement standards take their published rating. Case-data standards get the rule
    rating; a recorded discretion then replaces it (unstated from/to are inferred as the
    rule rating and the published one). A standard the framework says cannot be rated (no or
    too few relevant cases by its counts) is not rated with the reason, and the overall
    follows the framework's ``when_not_rated``. Gaps in the input are errors unless
    ``missing_as_not_rated`` (a reader of a half-read report wants the error; ``rate`` wants
    the rest): then a judgement standard without a published rating, or a case-data standard
    with no key-question figures and no published rating, is not rated with the reason, and a
    case-data standard with a published rating but no figures takes it as published. Any
    published rating still differing, standard or overall, is an unexplained deviation.
    Where ``tallies`` give a key question's counts (they must agree with its percentage), the
    standards they fully cover say how sure their rule rating is, at ``confidence``.
    """
    scheme = scheme_of(framework)
    percents = _checked_percents(framework, key_question_percents)
    counted = _checked_tallies(percents, tallies or {})
    _check_published(framework, scheme, published)
    by_standard = _discretions_by_standard(framework, discretions)

    ratings: list[StandardRating] = []
    findings: list[Finding] = []
    for standard in framework.standards():
        published_rating = published.get(standard.id)
        if standard.rating_method is RatingMethod.JUDGEMENT:
            if published_rating is None:
                if not missing_as_not_rated:
                    raise ScoringError(f"standard {standard.id}: no published judgement rating")
                rating = not_rated(standard.id, "no published judgement rating")
            else:
                judgement = Judgement(published_rating, PUBLISHED_JUDGEMENT)
                rating = rate_by_judgement(scheme, standard, judgement)
        elif standard.rating_method is RatingMethod.LOWEST_KEY_QUESTION:
            figures = any(kq.id in percents or kq.id in counted for kq in standard.key_questions)
            if not figures and published_rating is not None and missing_as_not_rated:
                rating = as_published(scheme, standard, published_rating)
            else:
                rating = rate_case_data(framework, standard, percents, counted,
                                        missing_as_not_rated=missing_as_not_rated)
            recorded = by_standard.get(standard.id)
            if recorded is not None:
                if not rating.rated or rating.as_published:
                    raise ScoringError(
                        f"discretion for standard {standard.id}: "
                        + (f"the standard is not rated ({rating.not_rated_reason})"
                           if not rating.rated else "no key-question figures are given")
                        + ", so there is no rule rating to depart from"
                    )
                discretion = _resolve(recorded, rating, published_rating)
                if discretion is not None:
                    rating = apply_discretion(scheme, rating, discretion)
        else:
            continue
        ratings.append(rating)
    # Limits read other standards' final ratings, so they apply once all are known.
    ratings = list(apply_limits(framework, ratings, percents))
    for rating in ratings:
        published_rating = published.get(rating.standard_id)
        if published_rating is None:
            continue
        if rating.rating != published_rating:
            findings.append(
                Finding(
                    rating.standard_id,
                    FindingKind.UNEXPLAINED_DEVIATION,
                    published_rating,
                    rating.rating,
                )
            )
        elif rating.discretion is not None:
            findings.append(
                Finding(
                    rating.standard_id,
                    FindingKind.FOOTNOTED_DISCRETION,
                    published_rating,
                    rating.rule_rating,
                )
            )

    overall = overall_rating(framework, ratings)
    if published_overall is not None:
        check_label(scheme, published_overall, "published overall rating")
        if published_overall != overall.rating:
            findings.append(
                Finding(
                    OVERALL,
                    FindingKind.UNEXPLAINED_DEVIATION,
                    published_overall,
                    overall.rating,
                )
            )
    # A standard not rated has no rule rating to be sure of.
    rated_ids = {rating.standard_id for rating in ratings if rating.rated}
    uncertainty = {standard_id: item for standard_id, item
                   in framework_uncertainty(framework, counted, confidence).items()
                   if standard_id in rated_ids}
    scored = frozenset(standard.id for standard in framework.scored_standards())
    return CheckResult(tuple(ratings), overall, tuple(findings), uncertainty, scored)


def _checked_tallies(percents: Mapping[str, int], tallies: Mapping[str, Tally]
                     ) -> dict[str, Tally]:
    for key_question_id, tally in tallies.items():
        where = f"key question {key_question_id}"
        if tally.relevant == 0:
            if key_question_id in percents:
                raise ScoringError(f"{where}: no relevant cases, so no percentage, but "
                                   f"{percents[key_question_id]}% is given")
            continue
        if key_question_id not in percents:
            raise ScoringError(f"{where}: counts given but no percentage")
        if tally.percent != percents[key_question_id]:
            raise ScoringError(
                f"{where}: {tally.yes} of {tally.relevant} relevant cases is "
                f"{tally.percent}%, not the {percents[key_question_id]}% given"
            )
    return dict(tallies)


def _checked_percents(framework: Framework, percents: Mapping[str, object]) -> dict[str, int]:
    known = {key_question.id for key_question in framework.key_questions()}
    checked: dict[str, int] = {}
    for key_question_id, value in percents.items():
        if key_question_id not in known:
            raise ScoringError(f"unknown key question {key_question_id} in {framework.id}")
        checked[key_question_id] = check_percent(value, f"key question {key_question_id}")
    return checked


def _check_published(
    framework: Framework, scheme: RatingScheme, published: Mapping[str, str]
) -> None:
    methods = {standard.id: standard.rating_method for standard in framework.standards()}
    for standard_id, label in published.items():
        if standard_id not in methods:
            raise ScoringError(f"unknown standard {standard_id} in {framework.id}")
        check_label(scheme, label, f"published rating of standard {standard_id}")


def _discretions_by_standard(
    framework: Framework, discretions: Sequence[RecordedDiscretion]
) -> dict[str, RecordedDiscretion]:
    methods = {standard.id: standard.rating_method for standard in framework.standards()}
    by_standard: dict[str, RecordedDiscretion] = {}
    for recorded in discretions:
        where = f"discretion for standard {recorded.standard}"
        if recorded.standard not in methods:
            raise ScoringError(f"{where}: unknown standard in {framework.id}")
        if methods[recorded.standard] is not RatingMethod.LOWEST_KEY_QUESTION:
            raise ScoringError(f"{where}: only case-data rule ratings take discretion")
        if recorded.standard in by_standard:
            raise ScoringError(f"{where}: recorded more than once")
        by_standard[recorded.standard] = recorded
    return by_standard


def _resolve(
    recorded: RecordedDiscretion, rating: StandardRating, published: str | None
) -> Discretion | None:
    """The discretion to apply, inferring what the text leaves unstated.

    None when the inferred discretion would move nothing (the rule already gives the
    published rating), since then there is no departure to record.
    """
    where = f"discretion for standard {recorded.standard}"
    inferred = recorded.from_rating is None or recorded.to_rating is None
    from_rating = recorded.from_rating or rating.rule_rating
    to_rating = recorded.to_rating or published
    if to_rating is None:
        raise ScoringError(f"{where}: states no 'to' rating and no published rating to infer it")
    if inferred and from_rating == to_rating:
        return None
    try:
        return Discretion(from_rating, to_rating, recorded.text, inferred=inferred)
    except ScoringError as error:
        raise ScoringError(f"{where}: {error}") from error
