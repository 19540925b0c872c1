"""Candidate strengths and areas for improvement for one standard, proposed from its tallies.

Owns the rule: the standard's questions (its prompts, or its key questions where a key question
has no prompts) with the highest shares met are candidate strengths, those with the lowest
candidate areas for improvement, each worded by `wording.finding_sentence`; inspectors accept,
edit or drop them (nothing here is printed unless they do).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from probation_inspection.framework.model import Standard
from probation_inspection.reporting.wording import exact_figure, finding_sentence, share_of
from probation_inspection.scoring import Tally

#: A question met in at least this share of its cases (per cent) may be a strength, and one
#: met in fewer an area for improvement: the lower edge of "Good" in the inspectorate's bands
#: (65 per cent), so a candidate never praises what the rule rating would call weak.
STRENGTH_FROM = Fraction(65)
#: How many candidates of each kind a standard's page proposes.
CANDIDATES = 3


@dataclass(frozen=True)
class Candidate:
    """A proposed sentence and the tally it comes from (shown to authors, never printed)."""

    question_id: str
    text: str
    #: "7 of 8 relevant cases (87.5 per cent)": the exact figure behind the sentence.
    figure: str
    share: Fraction


@dataclass(frozen=True)
class Candidates:
    strengths: tuple[Candidate, ...]
    areas_for_improvement: tuple[Candidate, ...]


def _questions(standard: Standard) -> list[tuple[str, str, bool]]:
    """(id, text, has no relevance rule) in framework order, as `build` words findings."""
    found: list[tuple[str, str, bool]] = []
    for key_question in standard.key_questions:
        unruled = key_question.relevance is None
        if key_question.prompts:
            found.extend((p.id, p.text, unruled and p.relevance is None)
                         for p in key_question.prompts)
        else:
            found.append((key_question.id, key_question.text, unruled))
    return found


def candidate_sentences(standard: Standard, tallies: Mapping[str, Tally], *,
                        count: int = CANDIDATES) -> Candidates:
    """Up to ``count`` strengths (highest shares at or above `STRENGTH_FROM`) and areas for
    improvement (lowest shares below it); a question with no relevant case is left out, and
    equal shares keep the framework's order."""
    scored: list[tuple[int, Candidate]] = []
    for position, (question_id, text, unruled) in enumerate(_questions(standard)):
        tally = tallies.get(question_id)
        if tally is None or tally.relevant <= 0:
            continue
        # Over the whole sample only with no relevance rule and no case set aside.
        whole = unruled and tally.relevant == tally.cases
        sentence = finding_sentence(tally, text, whole_sample=whole, verbal=True)
        if sentence is None:  # pragma: no cover - relevant > 0 always gives a sentence
            continue
        scored.append((position, Candidate(question_id, sentence.text,
                                           exact_figure(tally, whole_sample=whole),
                                           share_of(tally.yes, tally.relevant))))
    strengths = sorted((item for item in scored if item[1].share >= STRENGTH_FROM),
                       key=lambda item: (-item[1].share, item[0]))
    areas = sorted((item for item in scored if item[1].share < STRENGTH_FROM),
                   key=lambda item: (item[1].share, item[0]))
    return Candidates(tuple(item for _, item in strengths[:count]),
                      tuple(item for _, item in areas[:count]))
