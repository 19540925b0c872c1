"""Findings sentences in the inspectorate's manner, and the verbal-proportion rule.

Owns how a tally is put into words; the counting and rounding stay in scoring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from probation_inspection.scoring import Discretion, Tally, counts_sentence

#: The proportions the reports name in words, as exact percentages, lowest first.
PROPORTIONS: tuple[tuple[Fraction, str], ...] = (
    (Fraction(10), "one in ten"),
    (Fraction(20), "one in five"),
    (Fraction(25), "one-quarter"),
    (Fraction(100, 3), "one-third"),
    (Fraction(50), "half"),
    (Fraction(200, 3), "two-thirds"),
    (Fraction(75), "three-quarters"),
    (Fraction(80), "eight in ten"),
    (Fraction(90), "nine in ten"),
)
#: Within this many points (exclusive) of a named proportion the figure is "that proportion".
EXACT_WITHIN = Fraction(1, 2)
#: Up to this many points (inclusive) away it is "almost" / "just over" the proportion.
NEAR_WITHIN = Fraction(4)


def verbal_proportion(yes: int, relevant: int) -> str | None:
    """The words for ``yes`` of ``relevant``, or None where no named proportion fits.

    The rule, on the exact percentage p (not the rounded one):
    - 0 is "none" and 100 is "all";
    - the nearest named proportion q is found (ties go to the lower);
    - |p - q| < 1/2 point: the proportion itself ("two-thirds");
    - q - 4 <= p <= q - 1/2: "almost" ("almost three-quarters" for 72 per cent);
    - q + 1/2 <= p <= q + 4: "just over" ("just over half" for 53 per cent);
    - otherwise None, and the figure is given in per cent.
    """
    if relevant <= 0 or not 0 <= yes <= relevant:
        raise ValueError(f"{yes} of {relevant} is not a proportion of relevant cases")
    if yes == 0:
        return "none"
    if yes == relevant:
        return "all"
    exact = Fraction(100 * yes, relevant)
    value, words = min(PROPORTIONS, key=lambda item: (abs(exact - item[0]), item[0]))
    difference = exact - value
    if abs(difference) < EXACT_WITHIN:
        return words
    if -NEAR_WITHIN <= difference < 0:
        return f"almost {words}"
    if 0 < difference <= NEAR_WITHIN:
        return f"just over {words}"
    return None


_PAST = {
    "focus": "focused", "support": "supported", "maximise": "maximised", "take": "took",
    "draw": "drew", "build": "built", "consider": "considered", "identify": "identified",
    "analyse": "analysed", "address": "addressed", "set": "set", "make": "made",
    "reflect": "reflected", "form": "formed", "include": "included", "agree": "agreed",
    "specify": "specified", "explain": "explained", "encourage": "encouraged",
    "give": "gave", "prioritise": "prioritised", "enhance": "enhanced", "engage": "engaged",
    "contain": "contained", "say": "said", "record": "recorded", "start": "started",
    "maintain": "maintained", "commence": "commenced", "propose": "proposed",
    "match": "matched", "have": "had", "receive": "received",
}
#: Words that begin the predicate after "is/are/was/were" and its subject: irregular past
#: participles, the adjectives the frameworks judge by, and "within" (a time limit).
_PREDICATES = frozenset({
    "made", "taken", "sought", "done", "given", "seen", "undertaken", "met", "kept", "built",
    "drawn", "shown", "within", "sufficient", "correct", "timely", "accurate",
    "appropriate", "proportionate", "clear", "effective", "suitable",
})
#: A candidate right after one of these describes a noun ("the assigned officer", "of
#: sufficient quality"), so it does not begin the predicate.
_ATTRIBUTIVE = frozenset({"the", "a", "an", "first", "any", "each", "every", "all", "its",
                          "their", "of", "for"})
_BE = {"is": "was", "are": "were", "was": "was", "were": "were"}


def question_statement(question: str) -> str | None:
    """A yes/no question as the past-tense statement a findings sentence uses.

    "Does planning focus sufficiently on engaging the service user?" becomes "planning focused
    sufficiently on engaging the service user"; None when the question has no form we know.
    """
    words = question.strip().rstrip("?").split()
    if len(words) < 3:
        return None
    head = words[0].lower()
    rest = words[1:]
    if head in ("does", "do", "did"):
        for position, word in enumerate(rest[1:], start=1):
            if word in _PAST:
                tail = rest[position + 1:]
                # A second verb joined by "and" takes the past tense too ("and prioritised").
                tail = [
                    _PAST.get(later, later) if n and tail[n - 1] == "and" else later
                    for n, later in enumerate(tail)
                ]
                return " ".join([*rest[:position], _PAST[word], *tail])
        return None
    if head in _BE:
        if rest[0].lower() == "there":
            return " ".join(["there", _BE[head], *rest[1:]])
        for position, raw in enumerate(rest[1:], start=1):
            word = raw.rstrip(",;:")
            previous = rest[position - 1].lower()
            following = rest[position + 1] if position + 1 < len(rest) else ""
            predicate = (re.fullmatch(r"[a-z]+ed", word) or word in _PREDICATES
                         or (word == "in" and following == "place"))
            # "Are the services delivered those most likely...": the participle is attributive.
            if predicate and previous not in _ATTRIBUTIVE and following != "those":
                return " ".join([*rest[:_adverbs_before(rest, position)], _BE[head],
                                 *rest[_adverbs_before(rest, position):]])
        return None
    return None


def _adverbs_before(words: list[str], position: int) -> int:
    """Where "was" goes: before the adverbs ahead of the predicate ("was actively and
    meaningfully involved", "was well coordinated"), but never before the subject's first word."""
    while position > 1:
        previous = words[position - 1]
        adverb = previous.endswith("ly") or previous == "well"
        joined = previous == "and" and position > 2 and words[position - 2].endswith("ly")
        if not (adverb or joined):
            break
        position -= 1
    return position


@dataclass(frozen=True)
class FindingSentence:
    """A generated findings sentence and the exact figure behind it (for a footnote or hover)."""

    question_id: str
    text: str
    figure: str
    yes: int
    relevant: int
    percent: int

    def to_json(self) -> dict[str, object]:
        return {
            "question_id": self.question_id,
            "text": self.text,
            "figure": self.figure,
            "yes": self.yes,
            "relevant": self.relevant,
            "percent": self.percent,
        }


def exact_figure(tally: Tally) -> str:
    """"50 of 105 relevant cases (47.6 per cent)": the unrounded figure behind a sentence."""
    exact = 100 * tally.yes / tally.relevant
    return f"{tally.yes} of {tally.relevant} relevant cases ({exact:.1f} per cent)"


def finding_sentence(
    tally: Tally, question: str, *, whole_sample: bool, verbal: bool = False
) -> FindingSentence | None:
    """One sentence for a question's tally, or None when no case was relevant.

    Over the whole sample: "In 61 per cent of the cases we inspected, planning focused
    sufficiently on engaging the service user." Over a relevant sub-sample the counts are
    given: "Planning focused sufficiently on keeping other people safe in 50 (48 per cent) of
    the 105 relevant cases." With ``verbal`` a named proportion replaces the per cent where
    one fits ("In almost two-thirds of the cases we inspected, ...").
    """
    percent = tally.percent
    if percent is None:
        return None
    statement = question_statement(question)
    if whole_sample:
        amount = f"{percent} per cent"
        if verbal:
            words = verbal_proportion(tally.yes, tally.relevant)
            if words is not None and words not in ("none", "all"):
                amount = words
        if statement is None:
            text = (f"In {amount} of the cases we inspected, the answer to '{question}' was yes.")
        else:
            text = f"In {amount} of the cases we inspected, {statement}."
    else:
        counts = counts_sentence(tally).replace(f"({percent}%)", f"({percent} per cent)")
        if statement is None:
            text = f"The answer to '{question}' was yes in {counts}."
        else:
            text = f"{statement[0].upper()}{statement[1:]} in {counts}."
    return FindingSentence(
        question_id=tally.question_id,
        text=text,
        figure=exact_figure(tally),
        yes=tally.yes,
        relevant=tally.relevant,
        percent=percent,
    )


def discretion_footnote(discretion: Discretion) -> str:
    """A discretion's footnote: its rationale, then the case data it rests on where recorded."""
    if not discretion.figure:
        return discretion.rationale
    rationale = discretion.rationale.rstrip()
    stop = "" if rationale.endswith((".", "!", "?")) else "."
    return f"{rationale}{stop} The case data: {discretion.figure}."
