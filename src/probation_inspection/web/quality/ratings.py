"""Rating decisions in the database: the rule ratings, the versioned log and the overall.

The scoring core decides (who may, what is valid, the overall); this module stores and reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from probation_inspection.access import Action, Stage, require
from probation_inspection.evidence import StandardAnswers
from probation_inspection.framework.model import Framework, RatingMethod, Standard
from probation_inspection.scoring import (
    DecisionKind,
    DecisionLog,
    Discretion,
    DiscretionReason,
    ErrorCode,
    Judgement,
    OverallRating,
    RatingDecision,
    Readiness,
    RuleRating,
    ScoringError,
    StandardRating,
    accept_rule,
    apply_professional_discretion,
    provisional_overall,
    ready_for_reporting,
    record_judgement,
)
from probation_inspection.web.audit.actions import AuditAction
from probation_inspection.web.audit.record import record
from probation_inspection.web.casework.results import (
    SampleResults,
    inspection_results,
    not_rated_in,
)
from probation_inspection.web.inspections.stages import advance
from probation_inspection.web.quality.evidence import known_evidence, standard_answers
from probation_inspection.web.quality.models import RatingDecision as DecisionRow


def result_json(result: StandardRating) -> dict[str, object]:
    """A decision's result as stored with it: the rating, ties and any discretion's figures."""
    data = {**result.to_json(), "tied_key_questions": list(result.tied_key_questions)}
    if result.discretion is not None:
        # The reason and the figures as they stood when decided: the footnote cites these.
        reason = result.discretion.reason
        data["discretion_reason"] = reason.value if reason else None
        data["discretion_figure"] = result.discretion.figure
    return data


def _core_decision(row: DecisionRow) -> RatingDecision:
    data = row.result
    discretion = judgement = None
    if row.kind == DecisionKind.DISCRETION:
        reason = data.get("discretion_reason")
        discretion = Discretion(row.rule_rating, row.rating, row.rationale,
                                reason=DiscretionReason(reason) if reason else None,
                                figure=data.get("discretion_figure", ""))
    if row.kind == DecisionKind.JUDGEMENT:
        judgement = Judgement(row.rating, row.rationale)
    result = StandardRating(
        row.standard_id, row.rule_rating or row.rating, row.rating,
        data.get("limiting_key_question"), data.get("lowest_percent"), discretion,
        tuple(data.get("tied_key_questions", ())), judgement,
    )
    return RatingDecision(row.standard_id, row.version, DecisionKind(row.kind),
                          str(row.decided_by_id), result, tuple(row.evidence))


def decision_log(inspection: Any) -> DecisionLog:
    rows = DecisionRow.objects.filter(inspection=inspection).order_by("decided_at", "id")
    return DecisionLog(tuple(_core_decision(row) for row in rows))


@dataclass(frozen=True)
class StandardRow:
    standard: Standard
    judged: bool
    rule: RuleRating | None
    current: RatingDecision | None
    history: tuple[RatingDecision, ...]
    rows: list[DecisionRow]
    #: The rating counted in the overall: the decision, else the rule rating.
    counted: str | None
    #: A judgement standard's key questions with their current answers (None: it declares
    #: none, or it is not a judgement standard).
    answers: StandardAnswers | None = None
    #: Why a case-data standard has no rule rating yet, as live results say it ("" if rated,
    #: or its sample is not drawn).
    unrated_because: str = ""
    #: The standard as the framework's rules leave it not rated (no sample, no or too few
    #: relevant cases), with the reason: it needs no decision. None when rated or may yet be.
    not_rated: StandardRating | None = None


@dataclass(frozen=True)
class Ratings:
    standards: list[StandardRow]
    overall: OverallRating | None
    #: True while some standard counts its rule rating rather than a decision.
    provisional: bool
    readiness: Readiness
    evidence: dict[str, str]
    labels: tuple[str, ...]
    #: Each judgement standard's key questions with their current answers, by standard id:
    #: what its judgement rests on (empty for standards declaring none).
    answers: dict[str, StandardAnswers]
    #: Standards the rules leave not rated (they need no decision), in framework order.
    not_rated: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleResults:
    """What the framework's rules make of each case-data standard now, as live results show
    it, from one pass over the samples."""

    #: The core's rule rating with its figures, by standard id.
    rules: dict[str, RuleRating]
    #: The standards the rules leave not rated (they need no decision), with the reason.
    not_rated: dict[str, StandardRating]
    #: Why a standard has no rule rating yet, by standard id.
    unrated_because: dict[str, str]

    @property
    def counted(self) -> dict[str, StandardRating]:
        """What each standard counts from the rules until decided: its rule rating, or not
        rated (a standard the rules leave not rated needs no decision)."""
        return {**{key: rule.rating for key, rule in self.rules.items()}, **self.not_rated}


def rule_results(inspection: Any, framework: Framework,
                 samples: list[SampleResults] | None = None) -> RuleResults:
    """The rule ratings and the not-rated standards together, from one pass over the samples
    (``samples``: live results already computed, else computed here)."""
    if samples is None:
        samples = inspection_results(inspection, framework)
    results = [item for sample in samples for item in sample.standards]
    return RuleResults(
        {item.standard.id: item.rule for item in results if item.rule is not None},
        not_rated_in(samples, framework),
        {item.standard.id: item.unrated_because for item in results if item.rule is None})


def ratings(inspection: Any, framework: Framework) -> Ratings:
    log = decision_log(inspection)
    found = rule_results(inspection, framework)
    rules, unrated, not_rated = found.rules, found.unrated_because, found.not_rated
    rows_by_standard: dict[str, list[DecisionRow]] = {}
    for row in DecisionRow.objects.filter(inspection=inspection).select_related("decided_by"):
        rows_by_standard.setdefault(row.standard_id, []).append(row)
    counted = found.counted
    # The core's rule: each standard counts its decision, else its rule rating.
    overall = provisional_overall(framework, log, counted)
    answers = {item.standard.id: item for item in standard_answers(inspection, framework)}
    standards = []
    for standard in framework.standards():
        standing = overall.counted.get(standard.id)
        standards.append(StandardRow(
            standard, standard.rating_method is RatingMethod.JUDGEMENT, rules.get(standard.id),
            log.current(standard.id), log.history(standard.id),
            rows_by_standard.get(standard.id, []), standing.rating if standing else None,
            answers.get(standard.id), unrated.get(standard.id, ""), not_rated.get(standard.id)))
    readiness = ready_for_reporting(log, framework, counted)
    labels = framework.rating.labels if framework.rating else ()
    return Ratings(standards, overall.overall, overall.provisional, readiness,
                   known_evidence(inspection, framework), labels, answers,
                   tuple(row.standard.id for row in standards if row.not_rated))


@transaction.atomic
def decide(inspection: Any, framework: Framework, actor: Any, role: str, standard_id: str, *,
           kind: str, rating: str, rationale: str, evidence: Iterable[str],
           reason: str = "") -> DecisionRow:
    """Record one decision through the core (which checks role, stage and content), versioned."""
    log = decision_log(inspection)
    who = str(actor.pk)
    stage = inspection.stage
    if kind == DecisionKind.JUDGEMENT:
        log = record_judgement(log, framework, standard_id, rating, rationale, evidence,
                               role=role, stage=stage, decided_by=who,
                               known_evidence=set(known_evidence(inspection, framework)))
    else:
        found = rule_results(inspection, framework)
        rule, unrated = found.rules.get(standard_id), found.not_rated.get(standard_id)
        if rule is None and unrated is not None:
            raise ScoringError(f"standard {standard_id} is not rated ({unrated.not_rated_reason})"
                               ": it needs no decision", code=ErrorCode.NO_RULE_RATING,
                               field="rating")
        if rule is None:
            raise ScoringError(f"standard {standard_id} has no rule rating yet: it needs "
                               "submitted assessments for every key question",
                               code=ErrorCode.NO_RULE_RATING, field="rating")
        if kind == DecisionKind.ACCEPTED:
            log = accept_rule(log, framework, rule.rating, role=role, stage=stage,
                              decided_by=who)
        else:
            log = apply_professional_discretion(
                log, framework, rule.rating, rating, rationale, role=role, stage=stage,
                decided_by=who, evidence=[e for e in evidence if e.strip()],
                reason=reason or None, uncertainty=rule.uncertainty)
    decision = log.current(standard_id)
    assert decision is not None
    row = DecisionRow.objects.create(
        inspection=inspection, standard_id=standard_id, version=decision.version,
        kind=decision.kind.value, rule_rating=decision.rule_rating or "",
        rating=decision.rating, rationale=decision.rationale, evidence=list(decision.evidence),
        result=result_json(decision.result), decided_by=actor,
    )
    record(actor, inspection, AuditAction.RATING_DECIDED, target=standard_id,
           after={"version": row.version, "kind": row.kind, "rule_rating": row.rule_rating,
                  "rating": row.rating, "rationale": row.rationale, "evidence": row.evidence,
                  **({"reason": row.result.get("discretion_reason"),
                      "figure": row.result.get("discretion_figure")}
                     if row.kind == DecisionKind.DISCRETION else {})})
    return row


@transaction.atomic
def move_to_reporting(inspection: Any, framework: Framework, actor: Any, role: str) -> Readiness:
    """Advance to reporting when every standard is decided; the readiness says what is not.

    PermissionRefused when the role may not advance the stage now."""
    require(role, Action.ADVANCE_STAGE, inspection.stage)
    readiness = ready_for_reporting(decision_log(inspection), framework,
                                    rule_results(inspection, framework).counted)
    if readiness.ready and inspection.stage == Stage.RATING:
        # One path for every stage move: the stage page's, with its lock and audit event.
        advance(inspection, framework, actor, role, seen=Stage.RATING.value)
    return readiness
