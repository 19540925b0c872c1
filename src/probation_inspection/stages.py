"""How an inspection moves from stage to stage: the order, who moves it, and what must be true.

Owns the stage transition rules and which assessments are open for change at each stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from probation_inspection.access import Action, Role, Stage, require
from probation_inspection.evidence.judgement import unanswered
from probation_inspection.framework.model import Framework, RatingMethod, Standard
from probation_inspection.moderation import AssessmentStatus

#: The one move out of each stage; published is the end.
NEXT: dict[Stage, Stage] = {
    Stage.PLANNING: Stage.FIELDWORK,
    Stage.FIELDWORK: Stage.MODERATION,
    Stage.MODERATION: Stage.RATING,
    Stage.RATING: Stage.REPORTING,
    Stage.REPORTING: Stage.PUBLISHED,
}
#: Publication follows the report: publishing its first version moves the inspection, so the
#: stage page never does (the report workflow owns that move).
BY_REPORT = frozenset({Stage.REPORTING})


@dataclass(frozen=True)
class Progress:
    """The facts the rules read, counted by the caller from its store."""

    drawn_samples: int = 0
    #: Cases in the sample (not reserves, not substituted).
    sampled_cases: int = 0
    #: Sampled cases whose assessment is not yet submitted (not started, draft or returned).
    not_submitted: int = 0
    #: Assessments returned by moderation and not yet resubmitted.
    returned: int = 0
    #: Whether the moderation queue has been drawn.
    queue_drawn: bool = False
    #: Assessments in the moderation queue that are not yet moderated.
    awaiting_moderation: int = 0
    #: Standards not yet decided at the rating stage, each with why (from `ready_for_reporting`).
    undecided: tuple[str, ...] = ()
    #: Standards the framework's rules leave not rated, each with why ("4.1 (no unpaid work
    #: sample was drawn)"): reported not rated, they need no decision.
    not_rated: tuple[str, ...] = ()
    #: Sample types (values) with a drawn sample holding at least one case.
    drawn_sample_types: frozenset[str] = frozenset()
    #: Sampled cases with no inspector yet, by sample type (value).
    unassigned: Mapping[str, int] = field(default_factory=dict)
    #: Domain-one evidence items a judgement may cite (interviews, meetings, documents, ...).
    evidence_items: int = 0
    #: Relevant (yes or no) answers per key question id in the assessments that count; None
    #: until assessments are counted (before moderation nothing is submitted to count).
    relevant_cases: Mapping[str, int] | None = None
    #: Key questions of judgement standards answered on the evidence pages (ids).
    answered_key_questions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Move:
    """The next move from a stage and what is still needed before it (empty: ready)."""

    source: Stage
    target: Stage | None
    needs: tuple[str, ...]
    by_report: bool

    @property
    def ready(self) -> bool:
        return self.target is not None and not self.by_report and not self.needs


class NotReady(Exception):
    """A stage move was asked for before its rule allows it."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _needs(stage: Stage, progress: Progress) -> list[str]:
    p = progress
    if stage is Stage.PLANNING:
        return [] if p.drawn_samples else ["Draw at least one sample"]
    if stage is Stage.FIELDWORK:
        if not p.sampled_cases:
            return ["Draw a sample with cases to assess"]
        if p.not_submitted:
            return [f"{_plural(p.not_submitted, 'sampled case')} not yet submitted"]
        return []
    if stage is Stage.MODERATION:
        needs = []
        if not p.queue_drawn:
            needs.append("Draw the moderation queue")
        if p.awaiting_moderation:
            needs.append(f"{_plural(p.awaiting_moderation, 'queued assessment')} "
                         "not yet moderated")
        if p.returned:
            needs.append(f"{_plural(p.returned, 'returned assessment')} not yet resubmitted")
        return needs
    if stage is Stage.RATING:
        return [f"Decide standard {item}" for item in p.undecided]
    return []


def next_move(stage: Stage | str, progress: Progress) -> Move:
    """The next stage after ``stage`` and what is still needed before moving to it."""
    stage = Stage(stage)
    return Move(stage, NEXT.get(stage), tuple(_needs(stage, progress)), stage in BY_REPORT)


def advance(role: Role | str, stage: Stage | str, progress: Progress) -> Stage:
    """The stage to move to; `PermissionRefused` unless the role may move the inspection now,
    `NotReady` (saying what is still needed) unless the rule allows it."""
    require(role, Action.ADVANCE_STAGE, stage)
    move = next_move(stage, progress)
    if move.target is None:
        raise NotReady(f"the inspection is {move.source.value}: there is no later stage")
    if move.by_report:
        raise NotReady("the inspection is published when its report is published")
    if move.needs:
        raise NotReady(f"before {move.target.value}: " + "; ".join(move.needs))
    return move.target


#: The one move back from each stage a lead may reopen: planning has no earlier stage, and a
#: published inspection is corrected by a new version of its report, never by reopening.
PREVIOUS: dict[Stage, Stage] = {later: earlier for earlier, later in NEXT.items()
                                if later is not Stage.PUBLISHED}


def reopen(role: Role | str, stage: Stage | str, reason: str) -> Stage:
    """The stage to move back to, with the lead's ``reason`` (required); `PermissionRefused`
    unless the role may move the inspection now, `NotReady` saying why it cannot go back."""
    stage = Stage(stage)
    if stage is Stage.PUBLISHED:
        # Said before the permission check: nobody moves a published inspection, and the lead
        # needs to hear where a correction goes instead.
        raise NotReady("a published inspection is not reopened: publish a new version of its "
                       "report instead")
    require(role, Action.ADVANCE_STAGE, stage)
    target = PREVIOUS.get(stage)
    if target is None:
        raise NotReady(f"the inspection is {stage.value}: there is no earlier stage")
    if not reason.strip():
        raise NotReady(f"say why the inspection goes back to {target.value}")
    return target


def assessment_open(stage: Stage | str, status: AssessmentStatus | str) -> bool:
    """Whether an assessment in ``status`` may be changed at ``stage``: drafts and returned
    assessments in fieldwork; in moderation only those moderation returned for revision."""
    stage, status = Stage(stage), AssessmentStatus(status)
    if stage is Stage.FIELDWORK:
        return status in (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)
    if stage is Stage.MODERATION:
        return status is AssessmentStatus.RETURNED
    return False


@dataclass(frozen=True)
class Check:
    """One line of a stage's readiness checklist: what rating and the report will need."""

    text: str
    done: bool
    #: True: the move waits for it; False: a warning the lead may move past.
    blocks: bool
    #: What to open to put it right, as (page, argument), e.g. ("draw", a sample type id); the
    #: web layer turns it into a link. None: nothing to open.
    fix: tuple[str, str] | None = None


#: Stages whose moves are still before rating is decided: from these the checklist looks ahead
#: to what rating will need, so the stage page never calls a stage done that leads to a stall.
_BEFORE_DECISIONS = frozenset({Stage.PLANNING, Stage.FIELDWORK, Stage.MODERATION, Stage.RATING})

#: The checklist's line for a framework that rates nothing (a thematic inspection's).
RATES_NOTHING = ("This framework rates nothing: the rating stage has no standard to decide, and "
                 "the report gives the findings as proportions of the cases, without ratings")


def _ids(standards: list[Standard]) -> str:
    ids = [standard.id for standard in standards]
    return ("standard " if len(ids) == 1 else "standards ") + ", ".join(ids)


def in_sentence(label: str) -> str:
    """A framework's label as it reads mid-sentence: "Court disposals" -> "court disposals",
    but a label naming something ("Through the Gate", "RoSH cases") keeps its capitals."""
    first, _, rest = label.partition(" ")
    if first[1:] != first[1:].lower() or any(word[:1].isupper() for word in rest.split()):
        return label
    return label[:1].lower() + label[1:]


def _sample_label(framework: Framework, sample_type: str) -> str:
    """How a checklist names a sample type: the label its framework declares, mid-sentence
    (the id itself for a type the framework does not declare)."""
    try:
        return in_sentence(framework.sample_type(sample_type).label)
    except KeyError:
        return sample_type


def _rated_from_samples(framework: Framework) -> dict[str, list[Standard]]:
    """The standards rated from each sample type's cases, in framework order."""
    by_type: dict[str, list[Standard]] = {}
    for standard in framework.standards():
        if standard.rating_method is RatingMethod.LOWEST_KEY_QUESTION and standard.sample_type:
            by_type.setdefault(standard.sample_type, []).append(standard)
    return by_type


def _looking_ahead(stage: Stage, framework: Framework, p: Progress) -> list[Check]:
    """What rating will need, from the framework: a sample for each type it rates from,
    evidence for the judgement standards, and a relevant case for every key question."""
    if stage not in _BEFORE_DECISIONS:
        return []
    if not framework.rated:
        # A thematic inspection's framework: the rating stage is passed through, never a stall.
        return [Check(RATES_NOTHING, True, False)]
    checks = []
    for sample_type, standards in _rated_from_samples(framework).items():
        label = _sample_label(framework, sample_type)
        verb = "is" if len(standards) == 1 else "are"
        checks.append(Check(
            f"A drawn {label} sample: {_ids(standards)} {verb} rated from its cases",
            sample_type in p.drawn_sample_types, False, ("draw", sample_type)))
    judged = [s for s in framework.standards() if s.rating_method is RatingMethod.JUDGEMENT]
    if judged:
        checks.append(Check(f"Domain-one evidence to cite: {_ids(judged)} "
                            f"{'is' if len(judged) == 1 else 'are'} rated by judgement citing it",
                            p.evidence_items > 0, False, ("evidence", "")))
    for standard_id, missing in unanswered(framework, p.answered_key_questions).items():
        checks.append(Check(f"Key questions of standard {standard_id} to answer on the evidence "
                            f"pages before it is judged: {', '.join(missing)}", False, False,
                            ("evidence", "")))
    if p.relevant_cases is not None:
        for standards in _rated_from_samples(framework).values():
            for standard in standards:
                for question in standard.key_questions:
                    relevant = p.relevant_cases.get(question.id, 0)
                    checks.append(Check(
                        f"A relevant case for key question {question.id} (standard "
                        f"{standard.id}): {relevant} so far", relevant > 0, False,
                        ("results", standard.sample_type or "")))
    return checks


def checklist(stage: Stage | str, framework: Framework, progress: Progress) -> tuple[Check, ...]:
    """The readiness checklist of ``stage``: what its move waits for (blocking, open only) and,
    from the framework, what rating and the report will need later (done or not)."""
    stage = Stage(stage)
    blocking = {
        Stage.PLANNING: ("draw", ""), Stage.FIELDWORK: ("assessments", ""),
        Stage.MODERATION: ("moderation", ""), Stage.RATING: ("ratings", ""),
    }.get(stage)
    checks = [Check(need, False, True, blocking) for need in _needs(stage, progress)]
    if stage is Stage.PLANNING:
        for sample_type, count in sorted(progress.unassigned.items()):
            label = _sample_label(framework, sample_type)
            checks.append(Check(
                f"Every {label} case assigned before fieldwork: {_plural(count, 'case')} "
                "not yet assigned", count == 0, False, ("sample", sample_type)))
    if stage is Stage.RATING:
        checks.extend(Check(f"Standard {item} will be reported not rated", False, False,
                            ("ratings", "")) for item in progress.not_rated)
    checks.extend(_looking_ahead(stage, framework, progress))
    return tuple(checks)
