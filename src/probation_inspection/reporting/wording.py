"""Findings sentences in the inspectorate's manner, and the table of proportion phrases.

Owns how a tally is put into words; the counting and rounding stay in scoring.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from probation_inspection.scoring import Discretion, Tally


@dataclass(frozen=True)
class ProportionPhrase:
    """One row of the phrase table: the words, and the exact shares (per cent) they cover.

    ``low`` is inclusive and ``high`` exclusive, except that "none" and "all" cover only 0 and
    100. ``seeds`` cites where the published reports use the phrase for such a share.
    """

    words: str
    low: Fraction
    high: Fraction
    seeds: str
    #: False where a point row ("none") already takes the lower bound.
    includes_low: bool = True

    def covers(self, share: Fraction) -> bool:
        if self.low == self.high:
            return share == self.low
        above = self.low <= share if self.includes_low else self.low < share
        return above and share < self.high


def _f(value: int | str) -> Fraction:
    return Fraction(value)


#: The inspectorate's proportion phrases and the exact share each applies to, lowest first.
#: The rows meet end to end and cover 0 to 100 (a test holds them to that). A named fraction
#: ("half", "three-quarters") covers the shares that round to it; a third and two-thirds the
#: two whole per cents either side (33 and 34, 66 and 67: 000 L552 calls 66 per cent
#: "two-thirds"). "almost" and "just under" sit below it, "just over" and "over" above it. The
#: citations are to the seed reports (docs/reports.md gives the table with the figures).
PROPORTION_PHRASES: tuple[ProportionPhrase, ...] = (
    ProportionPhrase("none", _f(0), _f(0), "no seed prints a share of 0 in words"),
    ProportionPhrase("a minority", _f(0), _f(20),
                     "house word: no seed names a share below one-fifth in words",
                     includes_low=False),
    ProportionPhrase("almost a quarter", _f(20), _f("24.5"), "004 L531, 004 L616"),
    ProportionPhrase("a quarter", _f("24.5"), _f("25.5"), "000 L654 ('less than a quarter')"),
    ProportionPhrase("just over a quarter", _f("25.5"), _f(30), "002 L451, 002 L549"),
    ProportionPhrase("just under a third", _f(30), _f("32.5"),
                     "002 L472 (2.3.3, 32%), 000 L594"),
    ProportionPhrase("around a third", _f("32.5"), _f("34.5"),
                     "004 L560; 000 L523 (11 of 33)"),
    ProportionPhrase("just over a third", _f("34.5"), _f(40),
                     "000 L660, 002 L553, 004 L491"),
    ProportionPhrase("less than half", _f(40), _f(45),
                     "000 L588; 002 L492 (2.4.3, 39%), 002 L466 (2.3.2, 48%)"),
    ProportionPhrase("just under half", _f(45), _f("49.5"),
                     "000 L525, 000 L558; 004 L508 (2.2.3 not met, 46%)"),
    ProportionPhrase("half", _f("49.5"), _f("50.5"), "000 L660 (4.2.3, 50%)"),
    ProportionPhrase("just over half", _f("50.5"), _f("59.5"),
                     "000 L633 (4.1.3, 51%); 002 L547 (4.2.1, 58%)"),
    ProportionPhrase("six in ten", _f("59.5"), _f("60.5"), "002 L488 (2.4.2, 60%), 000 L490"),
    ProportionPhrase("over six in ten", _f("60.5"), _f("62.5"), "000 L486, 000 L508"),
    ProportionPhrase("almost two-thirds", _f("62.5"), _f("65.5"),
                     "000 L514 (2.2.2, 64%), 000 L499, 000 L575"),
    ProportionPhrase("two-thirds", _f("65.5"), _f("67.5"),
                     "000 L484 (2.1.1, 67%), 000 L552 (2.3.2, 66%)"),
    ProportionPhrase("just over two-thirds", _f("67.5"), _f("70.5"),
                     "000 L488 (2.1.2, 68%), 000 L516"),
    ProportionPhrase("almost three-quarters", _f("70.5"), _f("74.5"),
                     "000 L628 (4.1.2, 72%), 000 L488"),
    ProportionPhrase("three-quarters", _f("74.5"), _f("75.5"), "000 L497, 000 L506"),
    ProportionPhrase("over three-quarters", _f("75.5"), _f("79.5"),
                     "000 L580 (2.4.1, 78%), 000 L630 (4.1.4, 79%), 002 L535 (4.1.4, 78%)"),
    ProportionPhrase("eight in ten", _f("79.5"), _f("80.5"), "000 L540 ('almost eight in ten')"),
    ProportionPhrase("over eight in ten", _f("80.5"), _f("85.5"), "000 L628"),
    ProportionPhrase("almost nine in ten", _f("85.5"), _f("89.5"), "000 L540, 000 L550"),
    ProportionPhrase("nine in ten", _f("89.5"), _f("90.5"), "000 L575"),
    ProportionPhrase("almost all", _f("90.5"), _f(100), "000 L351 (95%), 000 L558, 004 L597"),
    ProportionPhrase("all", _f(100), _f(100), "no seed prints a share of 100 in words"),
)

#: Phrases the reports print that state a bound or a loose share rather than one row above:
#: read (``phrase_meaning``, to check a demo or a draft against a published sentence), never
#: chosen. "less than"/"under" read as the rows just below the fraction, "over" as those
#: just above it, as the table's own "less than half" and "over three-quarters" do; "most"
#: and "the majority" say only that more than half did (docs/reports.md).
COMPARATIVE_PHRASES: tuple[ProportionPhrase, ...] = (
    ProportionPhrase("less than a quarter", _f(20), _f("24.5"), "000 L654 (4.2.1.p6)"),
    ProportionPhrase("less than a third", _f("25.5"), _f("32.5"), "000 L652 (4.2.2.p1)"),
    ProportionPhrase("under half", _f(40), _f("49.5"), "000 L590 (2.4.3.p2), 000 L633"),
    ProportionPhrase("over two-thirds", Fraction(200, 3), _f("70.5"),
                     "000 L488 (2.1.2, 68%), 000 L512, 000 L514, 000 L656",
                     includes_low=False),
    ProportionPhrase("just under three-quarters", _f("70.5"), _f("74.5"), "000 L628"),
    ProportionPhrase("almost seven in ten", _f("65.5"), _f("69.5"), "000 L592 (2.4.3.p3)"),
    ProportionPhrase("almost eight in ten", _f("75.5"), _f("79.5"),
                     "000 L540 (2.3.1, 78%), 000 L630"),
    ProportionPhrase("the majority", _f(50), _f(100), "000 L486 (2.1.1.p2)", includes_low=False),
    ProportionPhrase("most", _f(50), _f(100), "000 L497 (2.1.3.p4)", includes_low=False),
)

#: How the reports also spell the table's words: "one-third", "six out of ten", "eight of ten".
_SPELLINGS = ((re.compile(r"\bone-(third|quarter)"), r"a \1"),
              (re.compile(r"\b(in|out of|of) ten$"), "in ten"))


def phrase_meaning(words: str) -> ProportionPhrase:
    """The row (of either table) a printed phrase reads as: "one-third" is the table's "around
    a third", "six of ten" its "six in ten". ValueError for words neither table has."""
    key = " ".join(words.lower().split())
    for pattern, replacement in _SPELLINGS:
        key = pattern.sub(replacement, key)
    if key == "a third":
        key = "around a third"
    for phrase in (*PROPORTION_PHRASES, *COMPARATIVE_PHRASES):
        if phrase.words == key:
            return phrase
    raise ValueError(f"{words!r} is not a proportion phrase the tables know")


#: Below this share of cases meeting the standard (exclusive), a sentence says what was not
#: done, over the cases that fell short ("not sought in almost two-thirds": 000 L499, L575).
#: From here up to half, the reports keep the positive ("just under half": 000 L558).
NEGATIVE_BELOW = Fraction(40)


def share_of(yes: int, relevant: int) -> Fraction:
    """The exact share in per cent; the phrase is chosen on it, never on the rounded figure."""
    if relevant <= 0 or not 0 <= yes <= relevant:
        raise ValueError(f"{yes} of {relevant} is not a proportion of relevant cases")
    return Fraction(100 * yes, relevant)


def proportion_phrase(share: Fraction) -> ProportionPhrase:
    """The table's row for an exact share in per cent (0 to 100)."""
    for phrase in PROPORTION_PHRASES:
        if phrase.covers(share):
            return phrase
    raise ValueError(f"{share} per cent is not a share between 0 and 100")


def verbal_proportion(yes: int, relevant: int) -> str:
    """The table's words for ``yes`` of ``relevant`` ("almost two-thirds")."""
    return proportion_phrase(share_of(yes, relevant)).words


@dataclass(frozen=True)
class Framing:
    """How a prompt's share is put: the phrase, and whether it counts the cases that fell short."""

    phrase: ProportionPhrase
    negative: bool
    #: The share the phrase describes: of cases that met the question, or fell short of it.
    share: Fraction


def framing(
    yes: int, relevant: int, *, negatable: bool = True, negative: bool | None = None
) -> Framing:
    """Positive framing, or negative over the cases that fell short when fewer than
    ``NEGATIVE_BELOW`` per cent met the question (and there is a negative statement to use).
    None of the cases is put positively ("in none of the cases"), never as "not ... in all".

    ``negative`` is an author's choice that overrides the share rule (the reports print a
    third both ways: 000 L499 and L523); it is kept only where it can be said."""
    share = share_of(yes, relevant)
    if negative is not None and negatable and 0 < share < 100:
        if negative:
            return Framing(proportion_phrase(100 - share), negative=True, share=100 - share)
        return Framing(proportion_phrase(share), negative=False, share=share)
    if negatable and 0 < share < NEGATIVE_BELOW:
        short = 100 - share
        return Framing(proportion_phrase(short), negative=True, share=short)
    return Framing(proportion_phrase(share), negative=False, share=share)


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


@dataclass(frozen=True)
class Statement:
    """A yes/no question as statements: what was found where the answer was yes, and no."""

    positive: str
    negative: str


def question_statements(question: str) -> Statement | None:
    """A framework question as the past-tense statements a findings sentence uses.

    Both come from the question's own words, so nothing is typed twice: "Does planning focus
    sufficiently on X?" gives "planning focused sufficiently on X" and "planning did not focus
    sufficiently on X" (the question's own verb after "did not"); "Are home visits undertaken
    ...?" gives "home visits were undertaken ..." and "home visits were not undertaken ...";
    "Is there a clear record?" gives "there was a clear record" and "there was no clear
    record". None when the question has no form we know (the sentence then quotes it).
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
                # A second verb joined by "and" takes the past tense too ("and prioritised");
                # after "did not" both stay as the question has them.
                past_tail = [
                    _PAST.get(later, later) if n and tail[n - 1] == "and" else later
                    for n, later in enumerate(tail)
                ]
                # Adverbs ahead of the verb follow "did not" ("did not clearly identify").
                start = _adverbs_before(rest, position)
                subject, adverbs = rest[:start], rest[start:position]
                return Statement(" ".join([*rest[:position], _PAST[word], *past_tail]),
                                 " ".join([*subject, "did", "not", *adverbs, word, *tail]))
        return None
    if head in _BE:
        be = _BE[head]
        if rest[0].lower() == "there":
            after = rest[1:]
            # "there was no clear record", not "there was not a clear record".
            without_article = after[1:] if after[0].lower() in ("a", "an") else after
            return Statement(" ".join(["there", be, *after]),
                             " ".join(["there", be, "no", *without_article]))
        for position, raw in enumerate(rest[1:], start=1):
            word = raw.rstrip(",;:")
            previous = rest[position - 1].lower()
            following = rest[position + 1] if position + 1 < len(rest) else ""
            if word == "those" and position > 1 and _participle(previous):
                # "Are the services delivered those most likely...": the participle describes
                # the subject, and the predicate is "those most likely ...".
                return _be_statement(rest, position, be)
            predicate = (_participle(word) or word in _PREDICATES
                         or (word == "in" and following == "place"))
            if predicate and previous not in _ATTRIBUTIVE and following != "those":
                return _be_statement(rest, _adverbs_before(rest, position), be)
        return None
    return None


def question_statement(question: str) -> str | None:
    """The positive statement alone ("planning focused sufficiently on ..."), or None."""
    statement = question_statements(question)
    return statement.positive if statement else None


def _participle(word: str) -> bool:
    return bool(re.fullmatch(r"[a-z]+ed", word)) or word in ("undertaken", "taken", "given")


def _be_statement(words: list[str], position: int, be: str) -> Statement:
    subject, predicate = words[:position], words[position:]
    return Statement(" ".join([*subject, be, *predicate]),
                     " ".join([*subject, be, "not", *predicate]))


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
    """A generated findings sentence and the tally behind it.

    ``text`` is what the report prints; ``figure`` and ``source`` are for authors (the HTML
    puts them in the sentence's title and data attributes, never in the printed words), so
    every sentence traces to its question and counts.
    """

    question_id: str
    text: str
    figure: str
    yes: int
    relevant: int
    percent: int
    #: "2.3.3.p5: 8 of 23 relevant cases (34.8 per cent)": the question and its tally.
    source: str = ""
    #: The phrase-table words used, where the sentence names a proportion in words.
    phrase: str | None = None
    #: True when the sentence says what was not done, over the cases that fell short.
    negative: bool = False
    whole_sample: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "question_id": self.question_id,
            "text": self.text,
            "figure": self.figure,
            "source": self.source,
            "yes": self.yes,
            "relevant": self.relevant,
            "percent": self.percent,
            "phrase": self.phrase,
            "negative": self.negative,
            "whole_sample": self.whole_sample,
        }


def exact_figure(tally: Tally, *, whole_sample: bool = False) -> str:
    """"50 of 105 relevant cases (47.6 per cent)", or "79 of 130 cases (60.8 per cent)" over
    the whole sample: the unrounded figure behind a sentence."""
    exact = 100 * tally.yes / tally.relevant
    noun = "case" if tally.relevant == 1 else "cases"
    base = noun if whole_sample else f"relevant {noun}"
    return f"{tally.yes} of {tally.relevant} {base} ({exact:.1f} per cent)"


def _capital(text: str) -> str:
    return f"{text[0].upper()}{text[1:]}"


def _of_cases(words: str, cases: str) -> str:
    """"almost two-thirds of the relevant cases", but "over six in ten relevant cases" (000
    L486: "In over six in ten cases")."""
    if words.endswith(" in ten"):
        return f"{words} {cases}"
    return f"{words} of the {cases}"


def _key_question_amount(tally: Tally, percent: int) -> str:
    """The counts a key question's sub-sample sentence gives: "50 (48 per cent) of the 105
    relevant cases" (000 L518), with all and none put in words (one case is worded apart)."""
    if tally.yes == tally.relevant:
        return f"all {tally.relevant} relevant cases"
    if tally.yes == 0:
        return f"none of the {tally.relevant} relevant cases"
    return f"{tally.yes} ({percent} per cent) of the {tally.relevant} relevant cases"


def finding_sentence(
    tally: Tally, question: str, *, whole_sample: bool, verbal: bool = False,
    negative: bool | None = None,
) -> FindingSentence | None:
    """One sentence for a question's tally, or None when no case was relevant.

    A key question keeps the figure Annex 2 prints: over the whole sample "In 61 per cent of
    the cases we inspected, planning focused sufficiently on engaging the service user." (000
    L506), over a relevant sub-sample "Planning focused sufficiently on keeping other people
    safe in 50 (48 per cent) of the 105 relevant cases." (000 L518); all and none in words.

    With ``verbal`` (prompts) the proportion is named from PROPORTION_PHRASES, and when fewer
    than NEGATIVE_BELOW per cent of cases met the question the sentence says what was not
    done: "Home visits were not undertaken to support the management of the risk of harm in
    almost two-thirds of the relevant cases." (000 L575). Questions over the whole sample say
    "the cases we inspected", the rest "the relevant cases". ``negative`` (prompts) is the
    author's framing where recorded, over the share rule (see ``framing``).
    """
    percent = tally.percent
    if percent is None:
        return None
    statements = question_statements(question)
    author_framing = negative
    phrase: str | None = None
    negative = False
    if tally.relevant == 1:
        # One case: no share to name ("in all of the cases" of one case reads wrong); the
        # sentence says what was, or was not, done in it.
        if verbal:
            phrase = framing(tally.yes, 1, negatable=statements is not None).phrase.words
        negative = tally.yes == 0 and statements is not None
        if statements is None:
            clause = f"the answer to '{question}' was {'yes' if tally.yes else 'no'}"
        else:
            clause = statements.negative if negative else statements.positive
        text = (f"In the one case we inspected, {clause}." if whole_sample
                else f"{_capital(clause)} in the one relevant case.")
    elif verbal:
        chosen = framing(tally.yes, tally.relevant, negatable=statements is not None,
                         negative=author_framing)
        phrase, negative = chosen.phrase.words, chosen.negative
        if statements is None:
            clause = f"the answer to '{question}' was yes"
        else:
            clause = statements.negative if negative else statements.positive
        if whole_sample:
            text = f"In {_of_cases(phrase, 'cases we inspected')}, {clause}."
        else:
            text = f"{_capital(clause)} in {_of_cases(phrase, 'relevant cases')}."
    elif whole_sample:
        amount = {tally.relevant: "all", 0: "none"}.get(tally.yes, f"{percent} per cent")
        clause = (statements.positive if statements
                  else f"the answer to '{question}' was yes")
        text = f"In {amount} of the cases we inspected, {clause}."
    else:
        clause = (statements.positive if statements
                  else f"the answer to '{question}' was yes")
        text = f"{_capital(clause)} in {_key_question_amount(tally, percent)}."
    figure = exact_figure(tally, whole_sample=whole_sample)
    return FindingSentence(
        question_id=tally.question_id,
        text=text,
        figure=figure,
        yes=tally.yes,
        relevant=tally.relevant,
        percent=percent,
        source=f"{tally.question_id}: {figure}",
        phrase=phrase,
        negative=negative,
        whole_sample=whole_sample,
    )


def framings_text(framings: Mapping[str, bool]) -> str:
    """Authors' framings stored as text, a line each: "2.3.3.p5 negative"."""
    return "".join(f"{question_id} {'negative' if negative else 'positive'}\n"
                   for question_id, negative in framings.items())


def read_framings(text: str) -> dict[str, bool]:
    """``framings_text`` read back; a line in any other form is ignored, not guessed at."""
    framings = {}
    for line in text.splitlines():
        match = re.fullmatch(r"\s*(\S+)\s+(negative|positive)\s*", line)
        if match:
            framings[match[1]] = match[2] == "negative"
    return framings


def discretion_footnote(discretion: Discretion) -> str:
    """A discretion's footnote: its rationale, then the case data it rests on where recorded."""
    if not discretion.figure:
        return discretion.rationale
    rationale = discretion.rationale.rstrip()
    stop = "" if rationale.endswith((".", "!", "?")) else "."
    return f"{rationale}{stop} The case data: {discretion.figure}."
