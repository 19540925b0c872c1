"""Finds a report's title facts and ratings: provider, dates, lead inspector, overall,
standard ratings, key-question percentages and professional-discretion footnotes.

Every pattern anchors on the inspectorate's standard wording, never on one report's layout.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from probation_inspection.published.record import PublishedDiscretion
from probation_inspection.published.vocabulary import (
    MARK,
    MARKS,
    MONTH,
    canonical_label,
    label_pattern,
)

_PUBLISHER = r"(?:HM|Her Majesty's) Inspectorate of Probation"
_TITLE = re.compile(
    r"(?i:An inspection of (?:adult )?probation services in)\s+(?:the\s+)?"
    rf"(?P<name>.{{3,200}}?)\s*(?={_PUBLISHER}|HMI Probation|Contents\b|"
    rf"This inspection was led|{MONTH}\s+\d{{4}}\b|$)"
)
_SERVICE = re.compile(r"\bService:\s*(?P<name>.{3,200}?)\s*(?=Fieldwork started)")
_PUBLISHED = (
    re.compile(rf"{_PUBLISHER}\s+{MARKS}(?P<month>{MONTH})\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"(?P<month>{MONTH})\s+(?P<year>(?:19|20)\d\d)\s+(?=This inspection was led)"),
    re.compile(rf"\bPublished:?\s+(?:in\s+)?(?P<month>{MONTH})\s+(?P<year>(?:19|20)\d\d)\b"),
)
_LEAD = re.compile(
    r"(?i:led by)\s+(?:HM\s+|Her Majesty's\s+)?(?i:Inspector)s?\s+"
    r"(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,4})"
)
_DISCRETION = re.compile(r"(?i:professional discretion)")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_STANDARD_ID = re.compile(r"(?<![\d.])(\d\.\d)(?![.]?\d)")
_CITING_ID = re.compile(r"(?<![\d.])(\d\.\d)(?:\.\d)?\.?(?!\d)")


@dataclass(frozen=True)
class Patterns:
    """The patterns that depend on the rating labels in use."""

    labels: tuple[str, ...]
    overall: tuple[re.Pattern[str], ...]
    standard: re.Pattern[str]
    key_question: re.Pattern[str]
    from_to: re.Pattern[str]
    to_only: re.Pattern[str]
    from_only: re.Pattern[str]


def patterns_for(labels: Sequence[str]) -> Patterns:
    label = label_pattern(labels)
    quote = r"['\"]?"
    return Patterns(
        labels=tuple(labels),
        overall=(
            re.compile(rf"\bis rated as:?\s*{quote}\s*(?P<label>{label})(?![A-Za-z])"),
            re.compile(rf"\b(?i:Overall rating):?\s*{quote}\s*(?P<label>{label})(?![A-Za-z])"),
            # The foreword's wordings, for a report whose findings page is not readable.
            re.compile(
                rf"\b[Ww]e (?:have )?rated (?:the|this) [^.]{{0,80}}?\bas:?\s*{quote}"
                rf"(?P<label>{label}){quote}(?![A-Za-z])"
            ),
            re.compile(
                rf"\b[Ww]e have given (?:the|this) [^.]{{0,80}}?\ban? {quote}(?P<label>{label})"
                rf"{quote} rating\b"
            ),
        ),
        # "2.1 Assessment Requires improvement": number, a short title, a rating.
        standard=re.compile(
            rf"(?<![\d.])(?P<id>\d\.\d)\.?(?!\d)\s*{MARKS}"
            rf"(?P<title>[A-Z][A-Za-z',&/ -]{{1,60}}?)\s*{MARKS}"
            rf"(?P<label>{label})(?![A-Za-z])"
        ),
        # "2.1.1. Does assessment ...? 67%": number, the question, its percentage; the
        # question may not run into another numbered row.
        key_question=re.compile(
            rf"(?<![\d.])(?P<id>\d\.\d\.\d)\.?(?!\d)\s*{MARKS}"
            r"(?P<text>[A-Z](?:(?!\d\.\d)[^%?]){2,300}\?)\s*"
            rf"(?:{MARK}|\d{{1,3}}\s+(?=\d))*(?P<percent>\d{{1,3}})\s?%"
        ),
        from_to=re.compile(
            rf"\bfrom\s+{quote}(?P<from>{label}){quote}\s+to\s+{quote}(?P<to>{label})"
        ),
        to_only=re.compile(
            r"\b(?:raised|increased|lifted|improved|lowered|reduced|moved|changed|"
            rf"adjusted)\b[^.]{{0,120}}?\bto\s+{quote}(?P<to>{label})"
        ),
        from_only=re.compile(rf"\brather than\s+{quote}(?P<from>{label})"),
    )


def find_provider(text: str) -> str | None:
    for pattern in (_TITLE, _SERVICE):
        match = pattern.search(text)
        if match:
            name = re.sub(MARK, "", match.group("name")).strip(" ,.:;-")
            if name:
                return name
    return None


def find_published(text: str) -> str | None:
    for pattern in _PUBLISHED:
        match = pattern.search(text)
        if match:
            return f"{match.group('month').capitalize()} {match.group('year')}"
    return None


def find_lead_inspector(text: str) -> str | None:
    match = _LEAD.search(text)
    return match.group("name").strip() if match else None


def find_overall(text: str, patterns: Patterns) -> str | None:
    for pattern in patterns.overall:
        match = pattern.search(text)
        if match:
            return canonical_label(match.group("label"), patterns.labels)
    return None


def find_standards(text: str, patterns: Patterns) -> tuple[dict[str, str], dict[str, str]]:
    """Standard ratings and titles, each by the rating most often printed for it.

    A rating appears in the summary table, the section heading and Annex 2; voting lets
    a garbled or missing copy be outvoted by the others.
    """
    votes: dict[str, Counter[str]] = {}
    titles: dict[str, str] = {}
    for match in patterns.standard.finditer(text):
        standard_id = match.group("id")
        label = canonical_label(match.group("label"), patterns.labels)
        votes.setdefault(standard_id, Counter())[label] += 1
        titles.setdefault(standard_id, match.group("title").strip())
    ratings = {standard_id: counter.most_common(1)[0][0] for standard_id, counter in votes.items()}
    return dict(sorted(ratings.items())), titles


def find_key_questions(text: str, patterns: Patterns) -> dict[str, int]:
    found: dict[str, int] = {}
    for match in patterns.key_question.finditer(text):
        percent = int(match.group("percent"))
        if percent <= 100:
            found.setdefault(match.group("id"), percent)
    return dict(sorted(found.items(), key=lambda item: [int(p) for p in item[0].split(".")]))


def _sentence_at(text: str, position: int) -> tuple[int, int]:
    """Bounds of the sentence holding ``position``; a footnote marker also starts one."""
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    base = start
    for match in re.finditer(MARK, text[base:position]):
        start = base + match.end()
    end_match = _SENTENCE_END.search(text, position)
    return start, end_match.end() if end_match else len(text)


def find_discretion(
    text: str, patterns: Patterns, titles: Mapping[str, str]
) -> tuple[PublishedDiscretion, ...]:
    """Footnotes saying the lead inspector exercised professional discretion on a rating."""
    found: list[PublishedDiscretion] = []
    seen: set[int] = set()
    for match in _DISCRETION.finditer(text):
        start, end = _sentence_at(text, match.start())
        if start in seen:
            continue
        sentence = text[start:end]
        if not re.search(r"(?i)\brat(?:ing|ed)\b", sentence):
            continue  # staff's discretion in casework, not a departure from a rating
        seen.add(start)
        following = text[end : end + 400]
        next_end = _SENTENCE_END.search(following)
        if next_end and not re.match(rf"\s*{MARK}", following):
            next_sentence = following[: next_end.end()]
            if _states_a_rating(next_sentence, patterns):
                sentence += next_sentence
        body = re.sub(r"\s+", " ", re.sub(MARK, " ", sentence)).strip()
        body = re.sub(r"^\d{1,3}\s+(?=[A-Z])", "", body)  # a marker printed as plain digits
        from_rating, to_rating = _from_to(body, patterns)
        standard = _discretion_standard(text, start, body, titles)
        found.append(PublishedDiscretion(standard, body, from_rating, to_rating))
    return tuple(found)


def _states_a_rating(sentence: str, patterns: Patterns) -> bool:
    """Whether a sentence names a rating: a label spelt as the scheme does, or a move
    between labels in any case ("raised from inadequate to requires improvement")."""
    return bool(
        re.search(label_pattern(patterns.labels, any_case=False), sentence)
        or patterns.from_to.search(sentence)
        or patterns.to_only.search(sentence)
        or patterns.from_only.search(sentence)
    )


def _from_to(body: str, patterns: Patterns) -> tuple[str | None, str | None]:
    both = patterns.from_to.search(body)
    if both:
        return (
            canonical_label(both.group("from"), patterns.labels),
            canonical_label(both.group("to"), patterns.labels),
        )
    to_match = patterns.to_only.search(body)
    from_match = patterns.from_only.search(body)
    return (
        canonical_label(from_match.group("from"), patterns.labels) if from_match else None,
        canonical_label(to_match.group("to"), patterns.labels) if to_match else None,
    )


def _discretion_standard(text: str, start: int, body: str, titles: Mapping[str, str]) -> str | None:
    """The standard a discretion footnote is about: named by number, by title, or by the
    table row that cites the footnote's marker."""
    numbered = _STANDARD_ID.search(body)
    if numbered:
        return numbered.group(1)
    lowered = body.lower()
    by_title = sorted(
        (
            (lowered.find(title.lower()), -len(title), standard_id)
            for standard_id, title in titles.items()
            if re.search(rf"\b{re.escape(title.lower())}\b", lowered)
        ),
    )
    after_rating = [item for item in by_title if "rating for" in lowered[: max(item[0], 0)]]
    if after_rating or by_title:
        return (after_rating or by_title)[0][2]
    marker = re.search(rf"({MARK})+$", text[max(0, start - 40) : start])
    if marker:
        number = re.findall(r"\d+", marker.group(0))[-1]
        for citation in re.finditer(rf"\[\^{number}\]", text):
            if (
                citation.start() < start
                and not re.sub(MARK, "", text[citation.end() : start]).strip()
            ):
                continue  # the footnote's own marker
            cited = list(
                _CITING_ID.finditer(text, max(0, citation.start() - 400), citation.start())
            )
            if cited:
                return cited[-1].group(1)
    return None
