"""What the Wales report (seed 000) states at prompt and key-question level, and what it means.

Owns the reader of chapters 2 to 4 and its hand table of line -> question; the phrases' ranges
are the findings wording's (`reporting.wording.phrase_meaning`), never a table of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from probation_inspection.demo.generator import ShareTarget
from probation_inspection.reporting.wording import ProportionPhrase, phrase_meaning, share_of

#: Where the case-data chapters begin and end in the report's text (the first line of each).
CHAPTERS_START = "2. Case supervision"
CHAPTERS_END = "Annex 1: Methodology"

#: A proportion as the reports print it: counts with a per cent, a per cent, or words.
PROPORTION = re.compile(
    r"\b(?P<count>\d+) \((?P<count_percent>\d+) per cent\) of the (?P<count_relevant>\d+) "
    r"relevant cases"
    r"|\b(?P<percent>\d+(?:\.\d+)?) per cent(?: of the (?P<percent_relevant>\d+) relevant cases)?"
    r"|\b(?P<words>(?:(?:almost|over|just over|just under|less than|under|around)\s)?"
    r"(?:a |one-|two-|three-)?(?:quarters?|thirds?|half)\b"
    r"|(?:(?:almost|over|just over|just under)\s)?(?:six|seven|eight|nine) (?:in|of|out of) ten"
    r"|the majority|most of|a similar proportion|almost all|a minority)"
    r"(?: of the (?P<words_relevant>\d+) relevant cases)?",
    re.IGNORECASE,
)


class StatedError(ValueError):
    """The hand table and the report's text disagree; the message names the line."""


@dataclass(frozen=True)
class Row:
    """One hand-table row: a proportion on a line of the report and the question it is about.

    ``quote`` is the report's own words that name the question (checked to be on the line);
    ``phrase`` the proportion as the regular expression finds it there (lower case), or, where
    ``implied``, the reading of words that state no proportion ("Objectives were not
    prioritised": most were not).
    """

    line: int
    question_id: str
    phrase: str
    quote: str
    negative: bool = False
    #: The relevant cases where the report states them apart from the phrase.
    relevant: int | None = None
    implied: bool = False
    #: Which of the line's proportions with these words it is, from 1.
    nth: int = 1


@dataclass(frozen=True)
class StatedProportion:
    """A proportion the report states for one question, and the shares its words allow."""

    line: int
    question_id: str
    phrase: str
    quote: str
    #: True when the report says what was not done ("not sought ... in almost two-thirds").
    negative: bool
    #: The range the phrase means, of the share it speaks of (the cases that fell short when
    #: negative), from the wording tables; a point for stated counts.
    meaning: ProportionPhrase
    yes: int | None = None
    relevant: int | None = None
    implied: bool = False

    @property
    def prompt_level(self) -> bool:
        return ".p" in self.question_id

    def holds(self, yes: int, relevant: int) -> bool:
        """Whether ``yes`` of ``relevant`` is what the report's words say."""
        if relevant <= 0:
            return False
        if self.relevant is not None and relevant != self.relevant:
            return False
        if self.yes is not None and yes != self.yes:
            return False
        share = share_of(yes, relevant)
        return self.meaning.covers(100 - share if self.negative else share)

    def yes_for(self, relevant: int) -> int | None:
        """The yes count nearest the middle of the phrase's range out of ``relevant`` cases
        that the words allow, or None when no count does."""
        if self.yes is not None:
            return self.yes if self.holds(self.yes, relevant) else None
        middle = (self.meaning.low + self.meaning.high) / 2
        if self.negative:
            middle = 100 - middle
        fits = [yes for yes in range(relevant + 1) if self.holds(yes, relevant)]
        if not fits:
            return None
        return min(fits, key=lambda yes: (abs(Fraction(100 * yes, relevant) - middle), yes))

    def share_target(self) -> ShareTarget:
        """The range as the generator takes it: of the yes share, aiming at its middle."""
        meaning = self.meaning
        point = meaning.low == meaning.high
        middle = (meaning.low + meaning.high) / 2
        if not self.negative:
            return ShareTarget(meaning.low, meaning.high, meaning.includes_low or point, point,
                               aim=middle)
        # Not done in a share s of the cases: done in 100 - s, the bounds turned round.
        return ShareTarget(100 - meaning.high, 100 - meaning.low, point,
                           meaning.includes_low or point, aim=100 - middle)

    def describe(self) -> str:
        framing = "not done in " if self.negative else ""
        return f"{self.question_id}: {framing}{self.phrase} (000 L{self.line})"


@dataclass(frozen=True)
class Unmapped:
    """A proportion in chapters 2 to 4 that is not a case tally of one question, and why."""

    line: int
    phrase: str
    reason: str


@dataclass(frozen=True)
class Reading:
    """Everything the reader found: the stated proportions and the ones it could not map."""

    stated: tuple[StatedProportion, ...]
    unmapped: tuple[Unmapped, ...]


#: The hand table: every proportion in chapters 2 to 4 of seed 000 that is one question's case
#: tally, by line, with the report's words that name the question (the framework's prompt
#: wording differs: "capacity to engage with interventions" is 2.1.1.p3's "ability to engage
#: and comply"). ../shared/spec/SEEDS-SPEC.md section a.5 gives the same mapping by prompt.
TABLE: tuple[Row, ...] = (
    Row(484, "2.1.1", "two-thirds", "assessments focused sufficiently on engaging"),
    Row(486, "2.1.1.p2", "the majority", "a good analysis of the person's diversity needs"),
    Row(486, "2.1.1.p3", "83 per cent", "affect the individual's capacity to engage"),
    Row(486, "2.1.1.p4", "over six in ten", "meaningfully involved in their assessment"),
    Row(488, "2.1.2", "over two-thirds", "focused sufficiently on the factors linked"),
    Row(488, "2.1.2.p1", "83 per cent", "assessments identified factors"),
    Row(488, "2.1.2.p2", "just over half", "these factors were analysed"),
    Row(488, "2.1.2.p3", "almost three-quarters", "identified the individual's strengths"),
    Row(490, "2.1.2.p4", "six of ten", "information available from a range of sources"),
    Row(493, "2.1.2.p5", "almost three-quarters", "sufficient initial assessments"),
    Row(495, "2.1.3", "57 per cent", "focused sufficiently on keeping other people safe"),
    Row(497, "2.1.3.p4", "most of", "risk classification decisions"),
    Row(497, "2.1.3.p5", "three-quarters", "considered past behaviours and convictions"),
    Row(499, "2.1.3.p6", "almost two-thirds", "had not sought information from other "
        "agencies", negative=True),
    Row(506, "2.2.1", "61 per cent", "planning focused sufficiently on engagement"),
    Row(506, "2.2.1.p1", "three-quarters", "readiness and motivation to change"),
    Row(508, "2.2.1.p2", "over six out of ten", "sufficient account of diversity"),
    Row(510, "2.2.1.p3", "61 per cent", "meaningfully involved in their plan"),
    Row(510, "2.2.2.p4", "most", "Objectives were not prioritised", negative=True,
        implied=True),
    Row(512, "2.2.1.p4", "almost two-thirds", "within the available timescales"),
    Row(512, "2.2.1.p5", "over two-thirds", "a level, pattern and type of contact"),
    Row(514, "2.2.2", "almost two-thirds", "focused sufficiently on reducing reoffending"),
    Row(514, "2.2.2.p1", "over two-thirds", "reflected offending-related factors"),
    Row(516, "2.2.2.p2", "almost two-thirds", "built on the individual's strengths"),
    Row(516, "2.2.2.p3", "a similar proportion", "the services most likely to reduce"),
    Row(516, "2.2.2.p5", "almost three-quarters", "a clear written record of the plan"),
    Row(516, "2.2.2.p6", "just over two-thirds", "produced in a timely fashion"),
    Row(518, "2.2.3", "50 (48 per cent) of the 105 relevant cases",
        "planning work focusing on keeping other people safe"),
    Row(520, "2.2.3.p1", "just over half", "addressed risk of harm factors"),
    Row(520, "2.2.3.p2", "a similar proportion", "constructive and/or restrictive"),
    Row(520, "2.2.3.p3", "51 per cent", "appropriate links to the work of other agencies"),
    Row(523, "2.2.3.p4", "46 per cent", "contingency arrangements"),
    Row(523, "2.2.3.p5", "43 per cent of the 53 relevant cases", "domestic abuse issues"),
    Row(523, "2.2.3.p6", "one-third of the 33 relevant cases", "child safeguarding"),
    Row(531, "2.2.3.p7", "57 per cent", "plan to keep other people safe"),
    Row(540, "2.3.1", "almost eight in ten", "implemented effectively"),
    Row(540, "2.3.1.p3", "almost nine out of ten", "enable the individuals subject to "
        "supervision to complete the sentence"),
    Row(548, "2.3.1.p5", "almost three-quarters", "Risks of non-compliance"),
    Row(548, "2.3.1.p6", "79 per cent of the 112 relevant cases", "missed appointments"),
    Row(548, "2.3.1.p7", "over three-quarters of the 71 relevant cases",
        "enforcement action had been taken"),
    Row(550, "2.3.1.p8", "almost nine out of ten", "re-engage the individual"),
    Row(552, "2.3.2", "two-thirds", "effectively supported desistance"),
    Row(552, "2.3.2.p1", "a similar proportion", "those most likely to reduce"),
    Row(552, "2.3.2.p2", "almost three-quarters", "built on the individual's strengths"),
    Row(554, "2.3.2.p3", "59 per cent", "level and nature of contact were sufficient"),
    Row(556, "2.3.2.p4", "almost three-quarters", "involvement of other organisations"),
    Row(556, "2.3.2.p5", "just over half", "Key people in the life"),
    Row(558, "2.3.2.p6", "just under half", "Local services had been engaged"),
    Row(569, "2.3.3", "59 per cent", "effectively supported the safety of other people"),
    Row(569, "2.3.3.p1", "two-thirds", "sufficient to manage and minimise"),
    Row(569, "2.3.3.p2", "53 per cent of the 94 relevant cases", "actual and potential "
        "victims"),
    Row(573, "2.3.3.p3", "almost two-thirds", "involvement of other agencies to manage"),
    Row(573, "2.3.3.p4", "half", "Key individuals in the life"),
    Row(575, "2.3.3.p5", "almost two-thirds", "home visits had not been undertaken",
        negative=True),
    Row(580, "2.4.1", "over three-quarters", "supporting compliance and engagement"),
    Row(582, "2.4.1.p2", "almost three-quarters", "Necessary adjustments to the plan"),
    Row(584, "2.4.1.p3", "just over half", "engagement in just over half"),
    Row(584, "2.4.1.p4", "84 per cent", "formal record of actions to implement"),
    Row(588, "2.4.2", "74 per cent", "Reviewing focused sufficiently on supporting"),
    Row(588, "2.4.2.p1", "72 per cent", "Factors linked to desistance and offending"),
    Row(588, "2.4.2.p2", "just over two-thirds", "building on strengths"),
    Row(588, "2.4.2.p3", "less than half", "informed by input from other agencies"),
    Row(588, "2.4.2.p5", "three-quarters", "formal record of the progress towards"),
    Row(590, "2.4.3", "36 (54 per cent) of the 67 relevant cases",
        "reviewing focused sufficiently on keeping other people safe"),
    Row(590, "2.4.3.p1", "just over half", "In the 68 relevant cases", relevant=68),
    Row(590, "2.4.3.p2", "under half", "adjustments were made to the ongoing plan"),
    Row(592, "2.4.3.p3", "almost seven in ten", "formal record of the management"),
    Row(594, "2.4.3.p4", "almost two-thirds of the 57 relevant cases",
        "informed by the necessary input from other agencies"),
    Row(594, "2.4.3.p5", "just under one-third", "meaningfully involved in reviewing their "
        "risk of harm"),
    Row(624, "4.1.1", "64 per cent", "the key issues relevant to unpaid work"),
    Row(624, "4.1.1.p1", "66 per cent", "motivation and willingness to comply"),
    Row(624, "4.1.1.p2", "83 per cent", "diversity and personal circumstances"),
    Row(624, "4.1.1.p3", "two-thirds", "risk of harm to other individuals"),
    Row(628, "4.1.2", "almost three-quarters", "engagement and compliance with the sentence"),
    Row(628, "4.1.2.p1", "over eight of ten", "The allocated work was suitable"),
    Row(628, "4.1.2.p2", "just under three-quarters", "compliance with the order"),
    Row(630, "4.1.2.p3", "70 per cent", "took account of risk of harm"),
    Row(630, "4.1.4", "over three-quarters", "implemented appropriately"),
    Row(630, "4.1.4.p1", "almost eight in ten", "commenced promptly"),
    Row(633, "4.1.3", "just over half", "opportunity for the individual's personal"),
    Row(633, "4.1.3.p1", "under half", "reparation and rehabilitation"),
    Row(652, "4.2.1", "45 per cent", "Resettlement planning focused sufficiently"),
    Row(652, "4.2.2", "39 per cent", "supporting the participant's resettlement"),
    Row(652, "4.2.2.p1", "less than one-third", "in line with the participant's "
        "resettlement needs"),
    Row(652, "4.2.2.p2", "41 per cent", "diversity and personal circumstances"),
    Row(654, "4.2.1.p6", "less than a quarter", "factors related to the risk of harm"),
    Row(656, "4.2.1.p1", "over two-thirds", "completed on time"),
    Row(656, "4.2.1.p2", "just under half", "drawn sufficiently on available information"),
    Row(656, "4.2.1.p3", "over three-quarters", "opportunities to contribute"),
    Row(656, "4.2.1.p4", "almost three-quarters", "diversity and personal circumstances"),
    Row(660, "4.2.3.p1", "just over one-third", "delivered in the prison"),
    Row(660, "4.2.3.p2", "just over half", "effective communication with the responsible"),
    Row(660, "4.2.3.p3", "one-third", "an effective handover"),
    Row(660, "4.2.3", "half", "effective coordination of resettlement activity"),
)

#: Proportions in chapters 2 to 4 that are not one question's case tally, each with why.
NOT_CASE_TALLIES: tuple[Unmapped, ...] = (
    Unmapped(525, "just under half", "child safeguarding and keeping other people safe "
             "together: no one prompt (2.2.3.p6 is stated on L523)"),
    Unmapped(552, "almost three-quarters", "staff interviewed, not cases (the second on the "
             "line; the first is 2.3.2.p2)"),
    Unmapped(558, "almost all", "staff interviewed, not cases"),
    Unmapped(575, "nine in ten", "staff interviewed, not cases"),
    Unmapped(598, "20 per cent", "the rule for unpaid work hours, not a finding"),
    Unmapped(620, "2.3 per cent", "performance data on stand-downs, not cases"),
    Unmapped(620, "1.2 per cent", "performance data on stand-downs, not cases"),
    Unmapped(620, "1.5 per cent", "performance data on stand-downs, not cases"),
    Unmapped(635, "30 per cent", "a provider's volunteers, not cases"),
)


def _meaning(match: re.Match[str]) -> tuple[ProportionPhrase, int | None, int | None]:
    """The phrase's range, and the yes and relevant counts it states."""
    if match["count"]:
        yes, cases = int(match["count"]), int(match["count_relevant"])
        share = share_of(yes, cases)
        return ProportionPhrase(match[0], share, share, "stated counts"), yes, cases
    if match["percent"]:
        percent = Fraction(match["percent"])
        half = Fraction(1, 2)
        # A whole per cent is rounded half up: N covers N - 0.5 up to N + 0.5.
        return (ProportionPhrase(match[0], percent - half, percent + half, "stated per cent"),
                None, _count(match["percent_relevant"]))
    return (phrase_meaning(match["words"].lower().removesuffix(" of")), None,
            _count(match["words_relevant"]))


def _count(digits: str | None) -> int | None:
    return int(digits) if digits else None


def _stated(row: Row, before: StatedProportion | None) -> StatedProportion:
    """A hand-table row read: its phrase's range and the counts it states."""
    if row.implied:
        meaning, yes, relevant = phrase_meaning(row.phrase), None, None
    else:
        match = PROPORTION.fullmatch(row.phrase)
        if match is None:
            raise StatedError(f"000 L{row.line}: {row.phrase!r} is not a proportion")
        if row.phrase == "a similar proportion":
            # "In a similar proportion": the range of the sentence before it.
            if before is None:
                raise StatedError(f"000 L{row.line}: a similar proportion to nothing")
            meaning, yes, relevant = before.meaning, None, None
        else:
            meaning, yes, relevant = _meaning(match)
    return StatedProportion(row.line, row.question_id, row.phrase, row.quote, row.negative,
                            meaning, yes, row.relevant or relevant, row.implied)


def stated() -> tuple[StatedProportion, ...]:
    """The hand table read, in the report's order (``read`` checks it against the text)."""
    result: list[StatedProportion] = []
    for row in TABLE:
        result.append(_stated(row, result[-1] if result else None))
    return tuple(result)


def chapters(text: str) -> list[tuple[int, str]]:
    """The numbered lines (from 1) of chapters 2 to 4."""
    lines = [line.strip() for line in text.splitlines()]
    # The contents list names the chapters too: take the last heading of each.
    ends = [number for number, line in enumerate(lines) if line == CHAPTERS_END]
    starts = [number for number, line in enumerate(lines)
              if line == CHAPTERS_START and ends and number < ends[-1]]
    if not starts:
        raise StatedError("the text has no chapters 2 to 4 as seed 000 prints them")
    start, end = starts[-1], ends[-1]
    lines = text.splitlines()
    return [(number + 1, lines[number]) for number in range(start, end)]


def read(text: str) -> Reading:
    """Every proportion chapters 2 to 4 of seed 000 state: the hand table's rows, each checked
    against its line (its phrase found there by the regular expression, its quote present),
    and every other proportion found listed as unmapped with its reason, none left out."""
    lines = dict(chapters(text))
    unmapped: list[Unmapped] = []
    mapped = {(row.line, row.phrase, row.nth) for row in TABLE if not row.implied}
    if len(mapped) != len([row for row in TABLE if not row.implied]):
        raise StatedError("two hand-table rows name the same phrase on the same line")
    known = {(item.line, item.phrase): item for item in NOT_CASE_TALLIES}
    found: set[tuple[int, str, int]] = set()
    for number, line in lines.items():
        seen: dict[str, int] = {}
        for match in PROPORTION.finditer(line):
            phrase = match[0].lower()
            seen[phrase] = seen.get(phrase, 0) + 1
            key = (number, phrase, seen[phrase])
            if key in mapped:
                found.add(key)
            else:
                unmapped.append(known.get((number, phrase), Unmapped(
                    number, phrase, "not mapped to a question")))
    for row in TABLE:
        if row.quote.lower() not in lines.get(row.line, "").lower():
            raise StatedError(f"000 L{row.line}: {row.quote!r} is not on the line")
        if not row.implied and (row.line, row.phrase, row.nth) not in found:
            raise StatedError(f"000 L{row.line}: {row.phrase!r} is not on the line")
    return Reading(stated(), tuple(unmapped))
