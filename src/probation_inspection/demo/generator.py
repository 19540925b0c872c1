"""Case-level assessments generated to meet given targets, so demo tallies are computed, not typed.

Owns the targets, the seeded generator and its feasibility checks; counting stays in scoring.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from probation_inspection.framework.model import (
    AttributeType,
    Framework,
    KeyQuestion,
    Prompt,
)
from probation_inspection.scoring import Answer, CaseAssessment, percent_half_up, tally_framework


class GeneratorError(ValueError):
    """Targets that no set of cases can meet; the message names the target and why."""


@dataclass(frozen=True)
class QuestionTarget:
    """Cases answered yes out of the relevant cases (yes or no) for one question."""

    yes: int
    relevant: int

    def __post_init__(self) -> None:
        if not 0 <= self.yes <= self.relevant:
            raise GeneratorError(f"yes count {self.yes} must be within 0..{self.relevant}")


@dataclass(frozen=True)
class ShareTarget:
    """A yes share (exact, per cent) within a range, over the cases a prompt applies to.

    For a proportion stated in words ("almost two-thirds") with no count: the generator takes
    every case the prompt applies to as relevant, or as few fewer as a yes count in the range
    needs (the rest not applicable), and the yes count nearest ``aim``.
    """

    low: Fraction
    high: Fraction
    includes_low: bool = True
    includes_high: bool = False
    aim: Fraction | None = None

    def holds(self, yes: int, relevant: int) -> bool:
        if relevant <= 0 or not 0 <= yes <= relevant:
            return False
        share = Fraction(100 * yes, relevant)
        above = self.low <= share if self.includes_low else self.low < share
        below = share <= self.high if self.includes_high else share < self.high
        return above and below

    def counts(self, applicable: int) -> QuestionTarget | None:
        """The most relevant cases, at most ``applicable``, with a yes count in the range."""
        aim = self.aim if self.aim is not None else (self.low + self.high) / 2
        for relevant in range(applicable, 0, -1):
            fits = [yes for yes in range(relevant + 1) if self.holds(yes, relevant)]
            if fits:
                yes = min(fits, key=lambda n: (abs(Fraction(100 * n, relevant) - aim), n))
                return QuestionTarget(yes, relevant)
        return None

    def describe(self) -> str:
        opening = "[" if self.includes_low else "("
        closing = "]" if self.includes_high else ")"
        return f"a share in {opening}{float(self.low):g}, {float(self.high):g}{closing} per cent"


@dataclass(frozen=True)
class BooleanAttribute:
    """How many cases have a boolean case attribute true, optionally only among another's."""

    name: str
    count: int
    #: When set, the attribute is true only in cases where this boolean attribute is true
    #: (domestic abuse is counted among the cases with risk of serious harm issues).
    within: str | None = None


@dataclass(frozen=True)
class ChoiceAttribute:
    """How many cases take each value of a choice attribute; the counts add up to the cases."""

    name: str
    counts: Mapping[str, int]


@dataclass(frozen=True)
class SampleTargets:
    """Everything the generator must meet for one sample type."""

    #: The id of one of the framework's sample types.
    sample_type: str
    cases: int
    #: Every key question of the sample type; prompts only where a count or share is known.
    key_questions: Mapping[str, QuestionTarget]
    prompts: Mapping[str, QuestionTarget | ShareTarget] = field(default_factory=dict)
    booleans: tuple[BooleanAttribute, ...] = ()
    choices: tuple[ChoiceAttribute, ...] = ()
    #: Values a text attribute cycles through (e.g. the delivery units).
    texts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    case_prefix: str = "X"
    #: Share of prompts without a target that take their key question's answer.
    agreement: float = 0.85


def counts_for_percent(percent: int, cases: int) -> QuestionTarget:
    """The most relevant cases (at most ``cases``) and a yes count that show ``percent``.

    Some percentages cannot come from every denominator (50 per cent of 33 cases), so the
    relevant cases shrink until one fits; the rest are answered not applicable.
    """
    for relevant in range(cases, 0, -1):
        nearest = (percent * relevant + 50) // 100
        for yes in (nearest, nearest - 1, nearest + 1):
            if 0 <= yes <= relevant and percent_half_up(yes, relevant) == percent:
                return QuestionTarget(yes, relevant)
    raise GeneratorError(f"no count of at most {cases} cases gives {percent} per cent")


def generate(
    framework: Framework, targets: SampleTargets, seed: int
) -> tuple[CaseAssessment, ...]:
    """Seeded case assessments whose tallies (by ``tally_framework``) equal the targets."""
    rng = random.Random(f"{seed}:{targets.sample_type}")
    attributes = _attributes(framework, targets, rng)
    answers: list[dict[str, Answer]] = [{} for _ in range(targets.cases)]
    questions = _key_questions(framework, targets.sample_type)
    for key_question_id in targets.key_questions:
        if key_question_id not in {kq.id for kq in questions}:
            raise GeneratorError(
                f"target for {key_question_id}: not a key question of {targets.sample_type}"
            )
    for key_question in questions:
        target = targets.key_questions.get(key_question.id)
        if target is None:
            raise GeneratorError(f"no target for key question {key_question.id}")
        applicable = [i for i, case in enumerate(attributes) if key_question.applies(case)]
        _answer(key_question.id, target, applicable, answers, rng, prefer=None)
        for prompt in key_question.prompts:
            _answer_prompt(key_question, prompt, targets, attributes, answers, rng)
    _check_prompt_targets(framework, targets)
    cases = tuple(
        CaseAssessment(f"{targets.case_prefix}{100001 + i}", answers[i], attributes[i])
        for i in range(targets.cases)
    )
    _verify(framework, targets, cases)
    return cases


def _key_questions(framework: Framework, sample_type: str) -> list[KeyQuestion]:
    return [
        key_question
        for standard in framework.standards()
        if standard.sample_type == sample_type
        for key_question in standard.key_questions
    ]


def _attributes(
    framework: Framework, targets: SampleTargets, rng: random.Random
) -> list[dict[str, object]]:
    cases: list[dict[str, object]] = [{} for _ in range(targets.cases)]
    declared = {attribute.name: attribute for attribute in framework.attributes}
    for name in [b.name for b in targets.booleans] + [c.name for c in targets.choices]:
        if name not in declared:
            raise GeneratorError(f"attribute {name!r} is not declared by {framework.id}")
    for boolean in _parents_first(targets.booleans):
        if declared[boolean.name].type is not AttributeType.BOOLEAN:
            raise GeneratorError(f"attribute {boolean.name!r} is not boolean")
        pool = [
            i for i in range(targets.cases) if boolean.within is None or cases[i][boolean.within]
        ]
        if not 0 <= boolean.count <= len(pool):
            where = f" among the {len(pool)} with {boolean.within}" if boolean.within else ""
            raise GeneratorError(
                f"attribute {boolean.name}: {boolean.count} true cases do not fit{where}"
                f" in {targets.cases} cases"
            )
        chosen = set(rng.sample(pool, boolean.count))
        for i in range(targets.cases):
            cases[i][boolean.name] = i in chosen
    for choice in targets.choices:
        allowed = declared[choice.name].values
        unknown = [value for value in choice.counts if value not in allowed]
        if unknown or sum(choice.counts.values()) != targets.cases:
            raise GeneratorError(
                f"attribute {choice.name}: counts must use {', '.join(allowed)} and add up to "
                f"{targets.cases} cases"
            )
        values = [value for value, count in choice.counts.items() for _ in range(count)]
        rng.shuffle(values)
        for i, value in enumerate(values):
            cases[i][choice.name] = value
    for attribute in framework.attributes:
        for i, case in enumerate(cases):
            if attribute.name in case:
                continue
            texts = targets.texts.get(attribute.name)
            if texts:
                case[attribute.name] = texts[i % len(texts)]
            elif attribute.type is AttributeType.BOOLEAN:
                case[attribute.name] = rng.random() < 0.5
            elif attribute.type is AttributeType.CHOICE:
                case[attribute.name] = rng.choice(attribute.values)
            elif attribute.type is AttributeType.INTEGER:
                case[attribute.name] = 0
            else:
                case[attribute.name] = ""
    return cases


def _parents_first(booleans: Sequence[BooleanAttribute]) -> list[BooleanAttribute]:
    by_name = {boolean.name: boolean for boolean in booleans}
    ordered: list[BooleanAttribute] = []
    placing: set[str] = set()

    def place(boolean: BooleanAttribute) -> None:
        if boolean in ordered:
            return
        if boolean.name in placing:
            raise GeneratorError(f"attribute {boolean.name}: 'within' attributes form a loop")
        placing.add(boolean.name)
        if boolean.within is not None:
            if boolean.within not in by_name:
                raise GeneratorError(
                    f"attribute {boolean.name} is within {boolean.within}, which has no count"
                )
            place(by_name[boolean.within])
        ordered.append(boolean)

    for boolean in booleans:
        place(boolean)
    return ordered


def _answer(
    question_id: str,
    target: QuestionTarget,
    candidates: list[int],
    answers: list[dict[str, Answer]],
    rng: random.Random,
    prefer: str | None,
) -> None:
    """Mark ``target.relevant`` of the candidates yes or no and the rest not applicable.

    With ``prefer`` (a key question), relevant cases are taken first where that key question
    was relevant and yes cases first where it was yes, so prompts agree with their key question
    as far as the counts allow.
    """
    if target.relevant > len(candidates):
        raise GeneratorError(
            f"question {question_id}: {target.relevant} relevant cases asked, but it applies "
            f"to only {len(candidates)}"
        )
    pool = candidates[:]
    rng.shuffle(pool)
    if prefer is not None:
        pool.sort(key=lambda i: not answers[i][prefer].relevant)
    relevant = pool[: target.relevant]
    if prefer is not None:
        relevant.sort(key=lambda i: answers[i][prefer] is not Answer.YES)
    else:
        rng.shuffle(relevant)
    yes = set(relevant[: target.yes])
    for i in pool:
        if i in yes:
            answers[i][question_id] = Answer.YES
        elif i in relevant:
            answers[i][question_id] = Answer.NO
        else:
            answers[i][question_id] = Answer.NOT_APPLICABLE


def _answer_prompt(
    key_question: KeyQuestion,
    prompt: Prompt,
    targets: SampleTargets,
    attributes: list[dict[str, object]],
    answers: list[dict[str, Answer]],
    rng: random.Random,
) -> None:
    applicable = [
        i
        for i, case in enumerate(attributes)
        if key_question.applies(case) and prompt.applies(case)
    ]
    target = targets.prompts.get(prompt.id)
    if isinstance(target, ShareTarget):
        counts = target.counts(len(applicable))
        if counts is None:
            raise GeneratorError(f"question {prompt.id}: no count of the {len(applicable)} "
                                 f"cases it applies to gives {target.describe()}")
        target = counts
    if target is not None:
        _answer(prompt.id, target, applicable, answers, rng, prefer=key_question.id)
        return
    for i in applicable:
        judgement = answers[i][key_question.id]
        if not judgement.relevant:
            answers[i][prompt.id] = Answer.NOT_APPLICABLE
        elif rng.random() < targets.agreement:
            answers[i][prompt.id] = judgement
        else:
            answers[i][prompt.id] = Answer.NO if judgement is Answer.YES else Answer.YES


def _check_prompt_targets(framework: Framework, targets: SampleTargets) -> None:
    prompts = {
        prompt.id for kq in _key_questions(framework, targets.sample_type) for prompt in kq.prompts
    }
    for prompt_id in targets.prompts:
        if prompt_id not in prompts:
            raise GeneratorError(f"target for {prompt_id}: not a prompt of {targets.sample_type}")


def _verify(
    framework: Framework, targets: SampleTargets, cases: Sequence[CaseAssessment]
) -> None:
    # The generator's promise is that the real tally reproduces the targets; check it here so
    # a change in relevance handling can never ship a demo whose tables drift silently.
    tallies = tally_framework(framework, cases, targets.sample_type)
    for question_id, target in {**targets.key_questions, **targets.prompts}.items():
        tally = tallies[question_id]
        if isinstance(target, ShareTarget):
            if not target.holds(tally.yes, tally.relevant):
                raise GeneratorError(
                    f"question {question_id}: generated {tally.yes} of {tally.relevant}, "
                    f"not {target.describe()}"
                )
            continue
        if (tally.yes, tally.relevant) != (target.yes, target.relevant):
            raise GeneratorError(
                f"question {question_id}: generated {tally.yes} of {tally.relevant}, "
                f"target {target.yes} of {target.relevant}"
            )
