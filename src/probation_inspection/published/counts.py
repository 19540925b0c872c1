"""Finds a report's counts and lists: samples, interviews, meetings, contextual facts and
numbered recommendations.

Anchored on the methodology's and the recommendations' standard wording only.
"""

from __future__ import annotations

import re

from probation_inspection.evidence.context import PrintedFact
from probation_inspection.published.record import Samples
from probation_inspection.published.vocabulary import MARK, NUMBER, parse_number

_EXAMINED = re.compile(
    rf"\b(?i:we (?:examined|inspected)) (?P<n>{NUMBER})\s+(?P<rest>[^.]{{0,400}})"
)
# The count at the sentence's start, as style guides want it in words: "Fifty-three cases
# with unpaid work requirements were examined ...".
_EXAMINED_PASSIVE = re.compile(
    rf"(?<![\w-])(?P<n>{NUMBER})\s+(?P<what>(?!of\s)(?:[\w-]+\s+){{0,3}}?cases\b[^.]{{0,200}}?)\s+"
    r"(?:were|was)\s+(?:examined|inspected)\b(?P<more>[^.]{0,400})"
)
_UNPAID_WORK = re.compile(r"(?i)unpaid work|community payback")
_THROUGH_THE_GATE = re.compile(r"(?i)custodial|through the gate|resettlement|released on licence")
_INTERVIEWS = re.compile(
    rf"\b(?i:we interviewed)\s+(?P<n>{NUMBER})\s+(?:[a-z]+\s+){{0,2}}"
    r"(?:responsible officers|ROs)\b"
    # or "Eighty-three individual responsible officers were interviewed"
    rf"|(?<![\w-])(?P<passive>{NUMBER})\s+(?:[a-z]+\s+){{0,2}}"
    r"(?:responsible officers|ROs)\s+(?:were|was)\s+interviewed\b"
)
_MEETINGS = (
    re.compile(rf"\b(?i:in total,? we (?:conducted|held)) (?P<n>{NUMBER})\b"),
    # "Thirty-one (meetings) were conducted in total", "In total, thirty-one were held"
    re.compile(
        rf"(?<![\w-])(?P<n>{NUMBER}) (?:meetings (?:and focus groups )?)?(?:were|was) "
        r"(?:conducted|held) in total\b"
    ),
    re.compile(
        rf"\b(?i:in total),? (?P<n>{NUMBER}) (?:[a-z]+ ){{0,3}}(?:were|was) (?:conducted|held)"
    ),
    re.compile(
        rf"\b(?i:we) (?:conducted|held) (?P<n>{NUMBER}) (?:[a-z]+ ){{0,2}}(?:meetings|focus groups)"
    ),
)
_RECOMMENDATIONS = re.compile(rf"\b(?i:we have made) (?P<n>{NUMBER}) recommendations?\b")
_RECOMMENDATIONS_HEADING = re.compile(r"\b(?i:Recommendations)\b(?=.{0,400}?\s1\.\s)")
_ADDRESSEE = re.compile(r"\s+[A-Z][^.;:]{0,150}\bshould:?\s*$")
_FIGURE = r"\d[\d,]*(?:\.\d+)?%?"
_FACT = re.compile(
    rf"(?P<figure>{_FIGURE})\s+(?P<measure>The\s[^.]{{3,400}}?)"
    rf"(?=\.|\s*{MARK}|\s+{_FIGURE}\s+The\s|$)"
)
_FACT_TAIL = re.compile(
    rf"\.?\s*(?P<tail>[^.]{{0,300}}?(?:England and Wales|target)[^.]{{0,200}}?)"
    rf"(?=\.|\s*{MARK}|\s+{_FIGURE}\s+The\s|$)"
)
_NATIONAL = re.compile(rf"England and Wales (?:was|is|of)\s+(?P<v>{_FIGURE})")
_TARGET = re.compile(rf"\btarget of\s+(?P<v>{_FIGURE})")
_SKIP = re.compile(rf"(?:\s|\.|{MARK})*")


def find_samples(text: str) -> Samples:
    """Cases examined per case set, told apart by what the methodology says about them."""
    found: dict[str, int] = {}
    matches = sorted(
        [*_EXAMINED.finditer(text), *_EXAMINED_PASSIVE.finditer(text)], key=lambda m: m.start()
    )
    for match in matches:
        count = parse_number(match.group("n"))
        if count is None:
            continue
        if match.re is _EXAMINED_PASSIVE:
            rest = match.group("what") + " " + match.group("more")
        else:
            rest = match.group("rest")
            if not re.match(r"(?:[\w-]+\s+){0,3}cases\b", rest):
                continue
        if _UNPAID_WORK.search(rest):
            found.setdefault("unpaid_work", count)
        elif _THROUGH_THE_GATE.search(rest):
            found.setdefault("through_the_gate", count)
        else:
            found.setdefault("case_supervision", count)
    return Samples(**found)


def find_interviews(text: str) -> int | None:
    match = _INTERVIEWS.search(text)
    return parse_number(match.group("n") or match.group("passive")) if match else None


def find_meetings(text: str) -> int | None:
    for pattern in _MEETINGS:
        match = pattern.search(text)
        if match:
            return parse_number(match.group("n"))
    return None


def find_recommendations(text: str) -> tuple[tuple[str, ...], int | None]:
    """The numbered recommendations, and how many the report says it made."""
    anchor = _RECOMMENDATIONS.search(text) or _RECOMMENDATIONS_HEADING.search(text)
    if anchor is None:
        return (), None
    stated = parse_number(anchor.group("n")) if "n" in anchor.groupdict() else None
    items: list[str] = []
    position = anchor.end()
    number = 1
    current = _item_marker(text, number, position)
    while current is not None:
        following = _item_marker(text, number + 1, current.end())
        end = following.start() if following else min(len(text), current.end() + 1500)
        items.append(_clean_item(text[current.end() : end]))
        if following is None:
            break
        number += 1
        current = following
    return tuple(item for item in items if item), stated


def _item_marker(text: str, number: int, start: int) -> re.Match[str] | None:
    pattern = re.compile(rf"(?:^|\s)(?:[-*]\s*)?{number}\.\s+(?=[A-Za-z(])")
    return pattern.search(text, start, min(len(text), start + 1500))


def _clean_item(item: str) -> str:
    sentence_end = re.search(r"\.(?=\s+[A-Z]|\s*$)", item)
    if sentence_end:
        item = item[: sentence_end.start()]
    item = _ADDRESSEE.sub("", item)
    return re.sub(MARK, "", item).strip(" .;,")


def find_contextual_facts(text: str) -> tuple[PrintedFact, ...]:
    """The run of "figure, then what it measures" under the Contextual facts heading."""
    for anchor in re.finditer(r"(?i)\bContextual facts\b", text):
        facts = _facts_from(text, anchor.end())
        if facts:
            return facts
    return ()


def _facts_from(text: str, position: int) -> tuple[PrintedFact, ...]:
    facts: list[PrintedFact] = []
    while True:
        skip = _SKIP.match(text, position)
        position = skip.end() if skip else position
        match = _FACT.match(text, position)
        if match is None:
            return tuple(facts)
        measure = re.sub(r"\s\d{1,2}$", "", match.group("measure").strip())
        position = match.end()
        national = target = None
        tail = _FACT_TAIL.match(text, position)
        if tail and not re.match(rf"\.?\s*{_FIGURE}\s+The\s", text[position:]):
            national_match = _NATIONAL.search(tail.group("tail"))
            target_match = _TARGET.search(tail.group("tail"))
            national = national_match.group("v") if national_match else None
            target = target_match.group("v") if target_match else None
            position = tail.end()
        facts.append(PrintedFact(figure=match.group("figure"), measure=measure,
                                 national_figure=national, target=target))
