"""The lead inspector's rating decisions: accept the rule, apply discretion, or judge; versioned.

Owns the decision log, the overall from current decisions, and readiness for reporting.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum

from probation_inspection.access import Action, Role, Stage, require
from probation_inspection.evidence.citation import CitationFault, cited_evidence
from probation_inspection.framework.model import Framework, RatingMethod, Standard
from probation_inspection.scoring.errors import ErrorCode, ScoringError
from probation_inspection.scoring.ratings import (
    RATED_METHODS,
    Discretion,
    DiscretionReason,
    Judgement,
    OverallRating,
    StandardRating,
    apply_discretion,
    not_rated,
    overall_rating,
    rate_by_judgement,
    rate_by_lowest_key_question,
    rate_case_data,
    scheme_of,
)
from probation_inspection.scoring.tally import Tally
from probation_inspection.scoring.uncertainty import (
    StandardUncertainty,
    UncertaintyReason,
    citation,
    describe,
    standard_uncertainty,
)


class DecisionKind(StrEnum):
    #: The rule rating of a case-data standard, accepted as it is.
    ACCEPTED = "accepted"
    #: A departure from the rule rating, with its rationale kept beside the rule rating.
    DISCRETION = "discretion"
    #: A domain-one rating by judgement, with a rationale citing evidence items.
    JUDGEMENT = "judgement"


@dataclass(frozen=True)
class RatingDecision:
    """One version of the decision on one standard; earlier versions stay in the log."""

    standard_id: str
    version: int
    kind: DecisionKind
    decided_by: str
    #: The standard's rating as decided, rule rating and discretion or judgement included.
    result: StandardRating
    #: Evidence item ids the rationale cites (required for judgements).
    evidence: tuple[str, ...] = ()

    @property
    def rating(self) -> str:
        return self.result.rating

    @property
    def rule_rating(self) -> str | None:
        """The case-data rule's rating when decided; None for a judgement standard."""
        return None if self.kind is DecisionKind.JUDGEMENT else self.result.rule_rating

    @property
    def rationale(self) -> str:
        if self.result.discretion is not None:
            return self.result.discretion.rationale
        if self.result.judgement is not None:
            return self.result.judgement.rationale
        return ""


@dataclass(frozen=True)
class DecisionLog:
    """Every decision ever made for an inspection, oldest first; only ever appended to."""

    decisions: tuple[RatingDecision, ...] = ()

    def history(self, standard_id: str) -> tuple[RatingDecision, ...]:
        return tuple(d for d in self.decisions if d.standard_id == standard_id)

    def current(self, standard_id: str) -> RatingDecision | None:
        history = self.history(standard_id)
        return history[-1] if history else None

    def _append(self, standard_id: str, kind: DecisionKind, decided_by: str,
                result: StandardRating, evidence: tuple[str, ...] = ()) -> DecisionLog:
        if not decided_by.strip():
            raise ScoringError(f"standard {standard_id}: say who decided",
                               code=ErrorCode.DECIDER_MISSING)
        version = len(self.history(standard_id)) + 1
        decision = RatingDecision(standard_id, version, kind, decided_by.strip(), result,
                                  evidence)
        return DecisionLog((*self.decisions, decision))


def _lead_only(role: Role | str, stage: Stage | str) -> None:
    require(role, Action.DECIDE_RATING, stage)


def rule_ratings(framework: Framework, percents: Mapping[str, int]) -> dict[str, StandardRating]:
    """The rule rating of every case-data standard all of whose key questions have a percentage."""
    scheme = scheme_of(framework)
    return {
        standard.id: rate_by_lowest_key_question(scheme, standard, percents)
        for standard in framework.standards()
        if standard.rating_method is RatingMethod.LOWEST_KEY_QUESTION
        and all(kq.id in percents for kq in standard.key_questions)
    }


@dataclass(frozen=True)
class RuleRating:
    """A case-data standard's rule rating with the figures a lead reads before deciding."""

    rating: StandardRating
    #: The limiting key question's tally (its counts), when tallies were given.
    limiting: Tally | None = None
    #: How sure the rule rating is, at its sample's confidence, when tallies were given.
    uncertainty: StandardUncertainty | None = None

    @property
    def uncertainty_sentences(self) -> list[str]:
        return describe(self.uncertainty) if self.uncertainty else []

    @property
    def suggested_reason(self) -> str:
        """The discretion reason the form starts from: the first flag raised, else other."""
        if self.uncertainty and self.uncertainty.reasons:
            return self.uncertainty.reasons[0].value
        return DiscretionReason.OTHER.value


def rule_ratings_with_figures(
    framework: Framework, tallies: Mapping[str, Tally], confidence: Mapping[str, float],
) -> dict[str, RuleRating]:
    """`rule_ratings` from tallies, each with its limiting tally and how sure it is.

    A key question with no relevant case yet leaves its standard unrated (not an error: the
    fieldwork is still going); ``confidence`` is each sample type's, for the intervals. A
    standard the framework's rules leave not rated (`not_rated_rule`: fewer relevant cases than
    its minimum) has no rule rating, as ``rate`` gives it none.
    """
    percents = {key: tally.percent for key, tally in tallies.items() if tally.percent is not None}
    result = {}
    for standard_id, rule in rule_ratings(framework, percents).items():
        standard = framework.standard(standard_id)
        if not_rated_rule(framework, standard, tallies) is not None:
            continue
        level = confidence.get(standard.sample_type) if standard.sample_type else None
        result[standard_id] = RuleRating(
            rule, tallies.get(rule.limiting_key_question or ""),
            standard_uncertainty(framework, standard, tallies, level)
            if level is not None else None)
    return result


def not_rated_rule(framework: Framework, standard: Standard,
                   tallies: Mapping[str, Tally] | None) -> StandardRating | None:
    """The case-data standard as the framework's rules leave it not rated, with the reason, or
    None when it is rated (or may yet be).

    ``tallies`` None: no sample of its type was drawn. Otherwise the rule is `rate_case_data`'s,
    the one ``rate`` uses: no relevant case in its sample, or fewer than the framework's minimum.
    A not-rated standard needs no decision (`ready_for_reporting`); the overall follows the
    framework's ``when_not_rated`` (`overall_rating`).
    """
    if standard.rating_method is not RatingMethod.LOWEST_KEY_QUESTION:
        return None
    if tallies is None:
        # Imported here: the stage rules import moderation, which imports this package.
        from probation_inspection.stages import in_sentence

        label = standard.sample_type or "case"
        with suppress(KeyError):
            label = framework.sample_type(label).label
        return not_rated(standard.id, f"no {in_sentence(label)} sample was drawn")
    percents = {key: tally.percent for key, tally in tallies.items()
                if tally.percent is not None}
    try:
        rating = rate_case_data(framework, standard, percents, tallies,
                                missing_as_not_rated=False)
    except ScoringError:
        return None
    return None if rating.rated else rating


def _case_data_rule(framework: Framework, rule: StandardRating) -> None:
    standard = framework.standard(rule.standard_id)
    if standard.rating_method is not RatingMethod.LOWEST_KEY_QUESTION or rule.judgement:
        raise ScoringError(f"standard {rule.standard_id} is rated by "
                           f"{standard.rating_method.value}: record a judgement instead",
                           code=ErrorCode.WRONG_KIND, field="kind")
    if rule.discretion is not None or rule.rating != rule.rule_rating:
        raise ScoringError(f"standard {rule.standard_id}: pass the rule rating itself, "
                           "not one with discretion applied",
                           code=ErrorCode.NOT_THE_RULE_RATING, field="rating")


def accept_rule(log: DecisionLog, framework: Framework, rule: StandardRating, *,
                role: Role | str, stage: Stage | str, decided_by: str) -> DecisionLog:
    """Accept a case-data standard's rule rating."""
    _lead_only(role, stage)
    _case_data_rule(framework, rule)
    return log._append(rule.standard_id, DecisionKind.ACCEPTED, decided_by, rule)


def apply_professional_discretion(
    log: DecisionLog, framework: Framework, rule: StandardRating, to_rating: str,
    rationale: str, *, role: Role | str, stage: Stage | str, decided_by: str,
    evidence: Iterable[str] = (), reason: DiscretionReason | str | None = None,
    uncertainty: StandardUncertainty | None = None,
) -> DecisionLog:
    """Depart from a case-data standard's rule rating; the rationale is required.

    Given the rule rating's ``uncertainty``, its figures are kept with the discretion for the
    footnote to cite, and a ``reason`` naming a flag (small sample, band edge) must be one the
    figures raise: a reason the data contradict would mislead the reader of the report.
    """
    _lead_only(role, stage)
    _case_data_rule(framework, rule)
    discretion = professional_discretion(rule, to_rating, rationale, reason, uncertainty)
    result = apply_discretion(scheme_of(framework), rule, discretion)
    return log._append(rule.standard_id, DecisionKind.DISCRETION, decided_by, result,
                       tuple(evidence))


def professional_discretion(
    rule: StandardRating, to_rating: str, rationale: str,
    reason: DiscretionReason | str | None = None, uncertainty: StandardUncertainty | None = None,
) -> Discretion:
    """The discretion from ``rule`` to ``to_rating``, citing the figures of ``uncertainty``.

    A reason naming a flag must be one the figures raise; the rationale is required.
    """
    chosen = _reason(rule.standard_id, reason, uncertainty)
    figure = ""
    if uncertainty is not None:
        if uncertainty.standard_id != rule.standard_id:
            raise ScoringError(f"standard {rule.standard_id}: the figures given are for "
                               f"standard {uncertainty.standard_id}",
                               code=ErrorCode.FIGURES_OF_ANOTHER_STANDARD)
        figure = citation(uncertainty)
    return Discretion(rule.rule_rating, to_rating, rationale.strip(), reason=chosen,
                      figure=figure)


def _reason(standard_id: str, reason: DiscretionReason | str | None,
            uncertainty: StandardUncertainty | None) -> DiscretionReason | None:
    if reason is None or reason == "":
        return None
    try:
        chosen = DiscretionReason(reason)
    except ValueError:
        allowed = ", ".join(item.value for item in DiscretionReason)
        raise ScoringError(f"standard {standard_id}: unknown discretion reason {reason!r} "
                           f"(expected one of {allowed})", code=ErrorCode.UNKNOWN_REASON,
                           field="reason") from None
    if uncertainty is not None and chosen is not DiscretionReason.OTHER:
        flags = {flag.value for flag in uncertainty.reasons}
        if chosen.value not in flags:
            said = {
                UncertaintyReason.SMALL_SAMPLE.value: "rests on a small number of relevant cases",
                UncertaintyReason.BAND_EDGE.value: "sits at a band edge",
            }[chosen.value]
            raise ScoringError(f"standard {standard_id}: the discretion reason says the rule "
                               f"rating {said}, but its figures do not: choose 'other' and "
                               "explain in the rationale",
                               code=ErrorCode.REASON_NOT_IN_FIGURES, field="reason")
    return chosen


_CITATION_CODES = {CitationFault.NONE_CITED: ErrorCode.EVIDENCE_MISSING,
                   CitationFault.UNKNOWN: ErrorCode.EVIDENCE_UNKNOWN}


def _refused_citation(message: str, fault: CitationFault) -> ScoringError:
    return ScoringError(message, code=_CITATION_CODES[fault], field="evidence")


def record_judgement(
    log: DecisionLog, framework: Framework, standard_id: str, rating: str, rationale: str,
    evidence: Iterable[str], *, role: Role | str, stage: Stage | str, decided_by: str,
    known_evidence: Collection[str] | None = None,
) -> DecisionLog:
    """Rate a domain-one standard by judgement, citing at least one evidence item by id.

    ``known_evidence`` (the ids of the inspection's recorded evidence) makes a citation of
    an item that does not exist an error.
    """
    _lead_only(role, stage)
    try:
        standard = framework.standard(standard_id)
    except KeyError:
        raise ScoringError(f"unknown standard {standard_id} in {framework.id}",
                           code=ErrorCode.UNKNOWN_STANDARD) from None
    cited = cited_evidence(evidence, known_evidence, where=f"standard {standard_id}",
                           refuse=_refused_citation,
                           none_cited="a judgement must cite evidence items")
    result = rate_by_judgement(scheme_of(framework), standard,
                               Judgement(rating, rationale.strip()))
    return log._append(standard_id, DecisionKind.JUDGEMENT, decided_by, result, cited)


def current_ratings(log: DecisionLog, framework: Framework,
                    rules: Mapping[str, StandardRating] | None = None
                    ) -> tuple[StandardRating, ...]:
    """The current rating of every decided standard, in framework order; given ``rules``, a
    standard whose rule is not rated counts as not rated (it needs no decision)."""
    ratings = []
    for standard in framework.standards():
        rule = (rules or {}).get(standard.id)
        decision = log.current(standard.id)
        if rule is not None and not rule.rated:
            ratings.append(rule)
        elif decision is not None:
            ratings.append(decision.result)
    return tuple(ratings)


def current_judgements(log: DecisionLog) -> dict[str, Judgement]:
    """The current judgement of each judged standard, as `rate_standards` and reports take them."""
    latest = {d.standard_id: d for d in log.decisions}
    return {sid: d.result.judgement for sid, d in latest.items() if d.result.judgement}


def current_discretions(log: DecisionLog) -> dict[str, Discretion]:
    """The current discretion of each case-data standard that has one (none if since accepted)."""
    latest = {d.standard_id: d for d in log.decisions}
    return {sid: d.result.discretion for sid, d in latest.items() if d.result.discretion}


def current_overall(log: DecisionLog, framework: Framework,
                    rules: Mapping[str, StandardRating] | None = None) -> OverallRating | None:
    """The overall score and rating from the current decisions; None until all are decided.
    Standards whose ``rules`` are not rated count as not rated, by the framework's
    ``when_not_rated``."""
    if not ready_for_reporting(log, framework, rules).ready:
        return None
    return overall_rating(framework, current_ratings(log, framework, rules))


@dataclass(frozen=True)
class Outstanding:
    standard_id: str
    reason: str


@dataclass(frozen=True)
class Readiness:
    outstanding: tuple[Outstanding, ...]

    @property
    def ready(self) -> bool:
        return not self.outstanding


def ready_for_reporting(
    log: DecisionLog, framework: Framework, rules: Mapping[str, StandardRating] | None = None
) -> Readiness:
    """Whether every rated standard is decided, and which are not (with why).

    Given the current ``rules`` (from `rule_ratings`), a decision taken on a rule rating that
    has since changed (say after moderation changed answers) is outstanding again. A rule
    that is not rated (`not_rated_rule`: no sample, too few relevant cases) needs no decision:
    the standard is reported not rated with its reason. Once it has a rule rating again it
    needs a decision again.
    """
    outstanding = []
    for standard in framework.standards():
        if standard.rating_method not in RATED_METHODS:
            continue
        rule = (rules or {}).get(standard.id)
        if rule is not None and not rule.rated:
            continue
        decision = log.current(standard.id)
        if decision is None:
            outstanding.append(Outstanding(standard.id, "not decided"))
            continue
        if rule is not None and decision.rule_rating not in (None, rule.rule_rating):
            outstanding.append(Outstanding(
                standard.id, f"the rule rating is now {rule.rule_rating}; it was "
                f"{decision.rule_rating} when decided"))
    return Readiness(tuple(outstanding))
