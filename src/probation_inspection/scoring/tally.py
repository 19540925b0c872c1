"""Tallies of answers over relevant cases: counts, whole-number percentages and intervals.

Owns the Tally, the half-up percentage rule, Wilson intervals and the counts sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from probation_inspection.framework.model import CaseAttributes, Framework
from probation_inspection.framework.relevance import RelevanceError
from probation_inspection.scoring.answers import Answer, Assessment
from probation_inspection.scoring.errors import ScoringError
from probation_inspection.scoring.walk import Question, questions


def percent_half_up(yes: int, relevant: int) -> int:
    """``yes`` of ``relevant`` as a whole per cent, halves rounded up (1 of 8 is 13).

    Integer arithmetic only: float rounding would turn some exact halves down.
    """
    if relevant <= 0:
        raise ScoringError(f"a percentage needs at least one relevant case (got {relevant})")
    if not 0 <= yes <= relevant:
        raise ScoringError(f"yes count {yes} is outside 0..{relevant} relevant cases")
    # floor(100 * yes / relevant + 1/2), kept exact by scaling both sides by 2 * relevant.
    return (200 * yes + relevant) // (2 * relevant)


@dataclass(frozen=True)
class Interval:
    """A confidence interval for a percentage, in per cent (0-100)."""

    lower: float
    upper: float
    confidence: float


@dataclass(frozen=True)
class Tally:
    """The answers to one question over a set of cases."""

    question_id: str
    yes: int = 0
    no: int = 0
    not_applicable: int = 0
    not_relevant: int = 0

    def __post_init__(self) -> None:
        for name in ("yes", "no", "not_applicable", "not_relevant"):
            if getattr(self, name) < 0:
                raise ScoringError(f"{self.question_id}: {name} count cannot be negative")

    @property
    def relevant(self) -> int:
        """The relevant cases: those answered yes or no."""
        return self.yes + self.no

    @property
    def cases(self) -> int:
        return self.relevant + self.not_applicable + self.not_relevant

    @property
    def percent(self) -> int | None:
        """Yes as a whole per cent of the relevant cases; None when none are relevant."""
        if self.relevant == 0:
            return None
        return percent_half_up(self.yes, self.relevant)

    def interval(self, confidence: float) -> Interval | None:
        """Wilson interval for the yes proportion at ``confidence`` (e.g. 0.8), in per cent."""
        if not 0 < confidence < 1:
            raise ScoringError(f"confidence must be between 0 and 1, got {confidence}")
        if self.relevant == 0:
            return None
        # Imported here so that commands which never ask for an interval start quickly.
        from statsmodels.stats.proportion import proportion_confint

        lower, upper = proportion_confint(
            self.yes, self.relevant, alpha=1 - confidence, method="wilson"
        )
        # Clamped because floating point can leave the bounds a hair outside 0-100.
        return Interval(max(0.0, float(lower) * 100), min(100.0, float(upper) * 100), confidence)

    def add(self, answer: Answer) -> Tally:
        """This tally with one more case answered ``answer``."""
        field = answer.value.replace("-", "_")
        counts = {
            "yes": self.yes,
            "no": self.no,
            "not_applicable": self.not_applicable,
            "not_relevant": self.not_relevant,
        }
        counts[field] += 1
        return Tally(self.question_id, **counts)


def counts_sentence(tally: Tally) -> str:
    """The reports' wording: ``"36 (54%) of the 67 relevant cases"``."""
    if tally.percent is None:
        return "no relevant cases"
    noun = "case" if tally.relevant == 1 else "cases"
    return f"{tally.yes} ({tally.percent}%) of the {tally.relevant} relevant {noun}"


def tally_answers(question_id: str, answers: Iterable[Answer | str]) -> Tally:
    """Count one question's answers over a set of cases."""
    tally = Tally(question_id)
    for position, answer in enumerate(answers, start=1):
        tally = tally.add(_as_answer(answer, question_id, f"case {position}"))
    return tally


@dataclass(frozen=True)
class CaseAssessment:
    """One case's answers, with the case attributes its relevance rules read (if known)."""

    case_id: str
    answers: Assessment
    attributes: CaseAttributes | None = None


def tally_framework(
    framework: Framework,
    assessments: Iterable[CaseAssessment | Assessment],
    sample_type: str | None = None,
    *,
    key_questions_only: bool = False,
) -> dict[str, Tally]:
    """Tally every key question and prompt of the framework (or of one sample type), over the
    questions `walk.questions` lists: the ones the assessment form asks; with
    ``key_questions_only``, their key questions alone (breakdowns print no prompt).

    Where a case's attributes are given, the relevance rules decide which questions apply
    and a question that does not apply counts as not relevant; otherwise the assessment
    must record ``not-relevant`` itself. A question that applies but has no answer is an
    error: skipping it would silently shrink the relevant cases.
    """
    walk = [question for question in questions(framework, sample_type)
            if question.is_key_question or not key_questions_only]
    tallies = {question.id: Tally(question.id) for question in walk}
    for position, item in enumerate(assessments, start=1):
        case = (
            item if isinstance(item, CaseAssessment) else CaseAssessment(f"case {position}", item)
        )
        for question in walk:
            tallies[question.id] = tallies[question.id].add(_answer_for(case, question))
    return tallies


def _answer_for(case: CaseAssessment, question: Question) -> Answer:
    question_id = question.id
    where = f"{case.case_id}, question {question_id}"
    recorded = case.answers.get(question_id)
    if case.attributes is not None:
        try:
            applies = question.relevant(case.attributes)
        except (RelevanceError, KeyError, TypeError, ValueError) as error:
            raise ScoringError(f"{where}: relevance rule cannot be evaluated: {error}") from error
        if not applies:
            if recorded is not None and _as_answer(recorded, question_id, case.case_id).relevant:
                raise ScoringError(
                    f"{where}: answered {recorded} but its relevance rule is false for the case"
                )
            return Answer.NOT_RELEVANT
        if recorded is None:
            raise ScoringError(f"{where}: no answer recorded, though the question applies")
        answer = _as_answer(recorded, question_id, case.case_id)
        if answer is Answer.NOT_RELEVANT:
            raise ScoringError(
                f"{where}: recorded not-relevant, but its relevance rule is true for the case"
            )
        return answer
    if recorded is None:
        raise ScoringError(
            f"{where}: no answer recorded (record not-relevant where it does not apply)"
        )
    return _as_answer(recorded, question_id, case.case_id)


def _as_answer(value: object, question_id: str, where: str) -> Answer:
    if isinstance(value, Answer):
        return value
    try:
        return Answer(str(value))
    except ValueError:
        allowed = ", ".join(answer.value for answer in Answer)
        raise ScoringError(
            f"{where}, question {question_id}: unknown answer {value!r} (expected {allowed})"
        ) from None


def key_question_percents(tallies: Mapping[str, Tally], framework: Framework) -> dict[str, int]:
    """The key-question percentages the rating rules read, from a framework's tallies."""
    percents: dict[str, int] = {}
    for key_question in framework.key_questions():
        tally = tallies.get(key_question.id)
        if tally is None:
            continue
        if tally.percent is None:
            raise ScoringError(f"key question {key_question.id} has no relevant cases to rate")
        percents[key_question.id] = tally.percent
    return percents
