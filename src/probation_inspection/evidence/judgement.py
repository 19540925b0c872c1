"""Key questions of judgement standards: which a framework asks on the domain-one evidence
pages, the check of an answer, which are still unanswered and how a standard's answers sum up.

A case-data key question is answered per case and tallied; a judgement standard's key
question is answered once for the inspection, by a reasoned judgement citing evidence items.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from probation_inspection.evidence.citation import CitationFault, cited_evidence
from probation_inspection.evidence.errors import ErrorCode, EvidenceError
from probation_inspection.framework.model import Framework, KeyQuestion, RatingMethod, Standard


@dataclass(frozen=True)
class JudgementQuestion:
    """A key question a judgement standard declares, with its standard."""

    standard: Standard
    key_question: KeyQuestion


def judgement_questions(framework: Framework) -> tuple[JudgementQuestion, ...]:
    """Every key question of the framework's judgement standards, in framework order."""
    return tuple(JudgementQuestion(standard, key_question)
                 for standard in framework.standards()
                 if standard.rating_method is RatingMethod.JUDGEMENT
                 for key_question in standard.key_questions)


def judgement_question(framework: Framework, key_question_id: str) -> JudgementQuestion:
    """The judgement key question with this id; EvidenceError (EV106) when there is none."""
    for question in judgement_questions(framework):
        if question.key_question.id == key_question_id:
            return question
    raise EvidenceError(f"{key_question_id!r} is not a key question of a judgement standard "
                        f"of {framework.id}", code=ErrorCode.NOT_A_JUDGEMENT_KEY_QUESTION,
                        field="key_question")


@dataclass(frozen=True)
class KeyQuestionAnswer:
    """The team's answer to a judgement key question: the reasoned judgement and the evidence
    items (M1, D2, P3, F-..., I-...) it rests on."""

    key_question_id: str
    standard_id: str
    judgement: str
    evidence: tuple[str, ...]


def answer_key_question(
    framework: Framework, key_question_id: str, judgement: str, evidence: Iterable[str],
    known_evidence: Collection[str] | None = None,
) -> KeyQuestionAnswer:
    """A checked answer: a judgement standard's key question, a judgement in words, at least
    one evidence item cited and (given ``known_evidence``) each one recorded.

    Raises EvidenceError naming the key question and the field at fault (``key_question``,
    ``judgement`` or ``evidence``).
    """
    question = judgement_question(framework, key_question_id)
    where = f"key question {key_question_id}"
    if not isinstance(judgement, str) or not judgement.strip():
        raise EvidenceError(f"{where}: write the judgement, saying why, from the evidence",
                            code=ErrorCode.EMPTY_TEXT, field="judgement")
    cited = cited_evidence(evidence, known_evidence, where=where, refuse=_refused_citation)
    return KeyQuestionAnswer(key_question_id, question.standard.id, judgement.strip(), cited)


_CITATION_CODES = {CitationFault.NONE_CITED: ErrorCode.NO_EVIDENCE_CITED,
                   CitationFault.UNKNOWN: ErrorCode.UNKNOWN_EVIDENCE}


def _refused_citation(message: str, fault: CitationFault) -> EvidenceError:
    return EvidenceError(message, code=_CITATION_CODES[fault], field="evidence")


@dataclass(frozen=True)
class StandardAnswers:
    """A judgement standard's key questions, each with its current answer (None: not yet)."""

    standard: Standard
    questions: tuple[tuple[KeyQuestion, KeyQuestionAnswer | None], ...]

    @property
    def answered(self) -> int:
        return sum(1 for _, answer in self.questions if answer is not None)

    @property
    def unanswered(self) -> tuple[str, ...]:
        return tuple(kq.id for kq, answer in self.questions if answer is None)

    @property
    def complete(self) -> bool:
        return not self.unanswered

    @property
    def evidence(self) -> tuple[str, ...]:
        """Every evidence item the answers cite, in order of first citation."""
        return tuple(dict.fromkeys(item for _, answer in self.questions if answer
                                   for item in answer.evidence))

    def summary(self) -> str:
        """One line for the ratings page and the checklist: "2 of 3 key questions answered,
        citing M1, D2; not yet 1.1.3"."""
        total = len(self.questions)
        if not self.answered:
            return f"None of its {total} key question{'s' if total != 1 else ''} answered yet"
        line = (f"{self.answered} of {total} key question{'s' if total != 1 else ''} answered, "
                f"citing {', '.join(self.evidence)}")
        if self.unanswered:
            line += f"; not yet {', '.join(self.unanswered)}"
        return line


def answers_by_standard(framework: Framework, answers: Iterable[KeyQuestionAnswer]
                        ) -> tuple[StandardAnswers, ...]:
    """Each judgement standard that declares key questions, with the answers given to them
    (answers to anything else are ignored), in framework order."""
    given = {answer.key_question_id: answer for answer in answers}
    by_standard: dict[str, list[tuple[KeyQuestion, KeyQuestionAnswer | None]]] = {}
    standards: dict[str, Standard] = {}
    for question in judgement_questions(framework):
        standards[question.standard.id] = question.standard
        by_standard.setdefault(question.standard.id, []).append(
            (question.key_question, given.get(question.key_question.id)))
    return tuple(StandardAnswers(standards[sid], tuple(rows)) for sid, rows in by_standard.items())


def unanswered(framework: Framework, answered: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The judgement key questions not yet answered, by standard id (standards with every key
    question answered, or none declared, are left out)."""
    done = set(answered)
    missing: dict[str, list[str]] = {}
    for question in judgement_questions(framework):
        if question.key_question.id not in done:
            missing.setdefault(question.standard.id, []).append(question.key_question.id)
    return {standard: tuple(ids) for standard, ids in missing.items()}
