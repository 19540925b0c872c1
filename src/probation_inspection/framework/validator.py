"""Checks on a built framework that span elements: references, relevance types, bands, scores.

Owns the rules a framework must satisfy beyond the shape of its file; reports every breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from probation_inspection.framework.errors import Code, Problem
from probation_inspection.framework.model import (
    NOT_RATED,
    Framework,
    KeyQuestion,
    Prompt,
    RatingBand,
    RatingMethod,
    RatingScheme,
)
from probation_inspection.framework.relevance import (
    And,
    Comparison,
    Literal,
    Membership,
    Name,
    Node,
    Not,
    Or,
    check,
)

#: Line of each element, keyed by element id or path, as the loader recorded them.
Locations = dict[str, int]

_NODE_TYPES = (Name, Literal, Comparison, Membership, Not, And, Or)


class _Checker:
    def __init__(self, framework: Framework, locations: Locations, file: str,
                 methods_known: bool) -> None:
        self.methods_known = methods_known
        self.framework = framework
        self.locations = locations
        self.file = file
        self.problems: list[Problem] = []

    def add(self, code: Code, message: str, element: str, where: str | None = None) -> None:
        line = self.locations.get(where or element, self.locations.get("framework"))
        self.problems.append(Problem(code, message, self.file, line, element))

    def run(self) -> list[Problem]:
        self.hierarchy()
        self.relevance()
        self.breakdowns()
        self.rating_methods()
        self.limits()
        self.questionnaires()
        if self.framework.rating is not None:
            self.rating(self.framework.rating)
        return self.problems

    def hierarchy(self) -> None:
        for domain in self.framework.domains:
            for standard in domain.standards:
                self.under(standard.id, domain.id, "standard", "domain")
                for key_question in standard.key_questions:
                    self.under(key_question.id, standard.id, "key question", "standard")
                    for prompt in key_question.prompts:
                        self.under(prompt.id, key_question.id, "prompt", "key question")

    def questionnaires(self) -> None:
        standards = {standard.id for standard in self.framework.standards()}
        for questionnaire in self.framework.questionnaires:
            topics: dict[str, str] = {}
            for question in questionnaire.questions:
                self.under(question.id, questionnaire.id, "interview question", "questionnaire")
                # Live results are listed by topic, so two questions under one would be confused.
                topic = question.topic.casefold()
                if topic and topic in topics:
                    self.add(Code.DUPLICATE_TOPIC, f"topic {question.topic!r} is already the "
                             f"topic of {topics[topic]}", question.id, f"topic:{question.id}")
                topics.setdefault(topic, question.id)
                if question.standard and question.standard not in standards:
                    self.add(Code.UNKNOWN_STANDARD, f"standard {question.standard!r} is not a "
                             "standard of this framework", question.id,
                             f"standard:{question.id}")

    def limits(self) -> None:
        """Limits name rated standards or key questions and declared labels, with no cycle."""
        standards = {s.id: s for s in self.framework.standards()}
        key_questions = {kq.id for kq in self.framework.key_questions()}
        labels = set(self.framework.rating.labels) if self.framework.rating else set()
        edges: dict[str, set[str]] = {}
        for standard in standards.values():
            for index, limit in enumerate(standard.limits):
                element = f"{standard.id}.limits[{index}]"
                if standard.rating_method is RatingMethod.UNRATED:
                    self.add(Code.NOT_FOR_RATING_METHOD, "a limit caps a rating, but an unrated "
                             "standard has none", standard.id, element)
                for label in (limit.at_most, limit.below):
                    if label and labels and label not in labels:
                        self.add(Code.UNDECLARED_RATING_LABEL, f"limit names {label!r}, which "
                                 "is not a declared rating label", standard.id, element)
                named = limit.standard
                if named is not None and named:
                    other = standards.get(named)
                    if other is None or other.rating_method is RatingMethod.UNRATED:
                        self.add(Code.LIMIT_UNKNOWN_REFERENCE, f"limit on standard {named!r}, "
                                 "which is not a rated standard of this framework",
                                 standard.id, element)
                    else:
                        edges.setdefault(standard.id, set()).add(named)
                if limit.key_question and limit.key_question not in key_questions:
                    self.add(Code.LIMIT_UNKNOWN_REFERENCE, f"limit on key question "
                             f"{limit.key_question!r}, which is not a key question of this "
                             "framework", standard.id, element)
        reported: set[str] = set()
        for start in edges:
            cycle = _cycle_from(start, edges)
            if cycle and not reported & set(cycle):
                reported.update(cycle)
                self.add(Code.LIMIT_CYCLE, "limits go round in a circle ("
                         f"{' -> '.join((*cycle, cycle[0]))}), so no rating can be settled first",
                         start, f"{start}.limits[0]")

    def under(self, child: str, parent: str, kind: str, parent_kind: str) -> None:
        if not child.startswith(parent + "."):
            self.add(Code.ID_NOT_UNDER_PARENT, f"{kind} id {child!r} must start with its "
                     f"{parent_kind}'s id followed by a dot ({parent}.)", child)

    def questions(self) -> Iterator[KeyQuestion | Prompt]:
        for key_question in self.framework.key_questions():
            yield key_question
            yield from key_question.prompts

    def relevance(self) -> None:
        declared = {attribute.name: attribute for attribute in self.framework.attributes}
        for question in self.questions():
            if question.relevance is None:
                continue
            condition = question.relevance.condition
            if not isinstance(condition, _NODE_TYPES):
                continue  # built in code from another Condition; nothing to type-check
            node: Node = condition
            for issue in check(node, declared):
                code = (Code.RELEVANCE_UNKNOWN_ATTRIBUTE if issue.kind == "unknown-attribute"
                        else Code.RELEVANCE_TYPE)
                self.add(code, f"relevance {question.relevance.source!r}: {issue.message}",
                         question.id, f"relevance:{question.id}")

    def breakdowns(self) -> None:
        declared = {attribute.name for attribute in self.framework.attributes}
        seen: set[str] = set()
        for index, breakdown in enumerate(self.framework.breakdowns):
            element = f"breakdowns[{index}]"
            if breakdown.attribute and breakdown.attribute not in declared:
                self.add(Code.UNDECLARED_ATTRIBUTE, f"breakdown by {breakdown.attribute!r}, "
                         "which is not a declared attribute", element)
            if breakdown.attribute in seen:
                self.add(Code.DUPLICATE_ID, f"a second breakdown by {breakdown.attribute!r}",
                         element)
            seen.add(breakdown.attribute)

    def rating_methods(self) -> None:
        for standard in self.framework.standards():
            method = standard.rating_method
            if self.framework.rating is None and method is not RatingMethod.UNRATED:
                self.add(Code.RATING_METHOD_WITHOUT_SCHEME, f"rating method {method.value!r} "
                         "needs a 'rating' section; use 'unrated' or add one", standard.id)
            if method is RatingMethod.LOWEST_KEY_QUESTION and not standard.key_questions:
                self.add(Code.MISSING_FIELD, "a lowest-key-question standard needs key "
                         "questions", standard.id)
            if (standard.minimum_relevant_cases_to_rate is not None
                    and method is not RatingMethod.LOWEST_KEY_QUESTION):
                self.add(Code.NOT_FOR_RATING_METHOD, "'minimum_relevant_cases_to_rate' counts "
                         f"relevant cases, but a {method.value} standard is not rated from "
                         "case data", standard.id, f"minimum:{standard.id}")
            if method is RatingMethod.UNRATED and f"scored:{standard.id}" in self.locations:
                self.add(Code.NOT_FOR_RATING_METHOD, "'scored' says whether a rating counts "
                         "towards the overall, but an unrated standard has no rating",
                         standard.id, f"scored:{standard.id}")
        rated = [s for s in self.framework.standards()
                 if s.rating_method is not RatingMethod.UNRATED]
        if self.framework.rating is not None and rated and not any(s.scored for s in rated):
            self.add(Code.NO_SCORED_STANDARD, "every rated standard says 'scored: false', so "
                     "there is no overall score to band; score at least one", "rating")

    def rating(self, scheme: RatingScheme) -> None:
        labels = set(scheme.labels)
        if not scheme.labels:
            self.add(Code.MISSING_FIELD, "the rating scheme declares no labels", "rating.labels",
                     "rating")
        if len(labels) != len(scheme.labels):
            self.add(Code.DUPLICATE_ID, "a rating label is listed twice", "rating.labels")
        for label in scheme.labels:
            if label.strip().casefold() == NOT_RATED.casefold():
                self.add(Code.RESERVED_RATING_LABEL, f"{label!r} is what a standard that cannot "
                         "be rated shows, so it cannot be a rating label", "rating.labels")
        for label in scheme.scores:
            if labels and label not in labels:
                self.add(Code.UNDECLARED_RATING_LABEL, f"score for {label!r}, which is not a "
                         "declared rating label", f"rating.scores.{label}")
        for label in scheme.labels:
            if label not in scheme.scores:
                self.add(Code.MISSING_SCORE, f"rating label {label!r} has no score",
                         "rating.scores", "rating.scores" if "rating.scores" in self.locations
                         else "rating")
        for key, bands in (("percentage_bands", scheme.percentage_bands),
                           ("overall_bands", scheme.overall_bands)):
            for index, band in enumerate(bands):
                if labels and band.label and band.label not in labels:
                    self.add(Code.UNDECLARED_RATING_LABEL, f"band for {band.label!r}, which is "
                             "not a declared rating label", f"rating.{key}[{index}]")
        self.coverage(scheme.percentage_bands, "percentage_bands", 0, 100,
                      Code.PERCENTAGE_BAND_OVERLAP, Code.PERCENTAGE_BAND_GAP, "per cent")
        scored = len(self.framework.scored_standards())
        scores = [scheme.scores[label] for label in scheme.labels if label in scheme.scores]
        # The possible totals are only known when every label has a score and every standard
        # a known rating method; otherwise those problems are reported on their own. Only
        # scored standards add to the total, so only they set its maximum.
        if scores and len(scores) == len(scheme.labels) and self.methods_known and scored:
            top = max(scores) * scored
            self.coverage(scheme.overall_bands, "overall_bands", 0, top,
                          Code.OVERALL_BAND_OVERLAP, Code.OVERALL_BAND_GAP, "points")

    def coverage(self, bands: tuple[RatingBand, ...], key: str, low: int, high: int,
                 overlap: Code, gap: Code, unit: str) -> None:
        """Bands must tile ``low..high`` exactly: no value in two bands, none in no band."""
        indexed = []
        for index, band in enumerate(bands):
            element = f"rating.{key}[{index}]"
            if band.minimum > band.maximum:
                self.add(Code.BAND_INVERTED, f"band {band.label!r} runs from {band.minimum} down "
                         f"to {band.maximum}", element)
            elif band.minimum < low or band.maximum > high:
                self.add(gap, f"band {band.label!r} ({band.minimum}-{band.maximum}) reaches "
                         f"outside the possible {low}-{high} {unit}", element)
            else:
                indexed.append((band.minimum, band.maximum, index, band))
        if not bands or len(indexed) < len(bands):
            return  # an inverted or out-of-range band is reported; its gaps would be noise
        expected = low
        previous = ""
        for minimum, maximum, index, band in sorted(indexed):
            element = f"rating.{key}[{index}]"
            if minimum > expected:
                self.add(gap, f"no band holds {expected}-{minimum - 1} {unit}", element)
            elif minimum < expected:
                self.add(overlap, f"band {band.label!r} ({minimum}-{maximum}) overlaps band "
                         f"{previous!r} at {minimum}-{min(maximum, expected - 1)} {unit}", element)
            if maximum + 1 > expected:
                expected, previous = maximum + 1, band.label
        if expected <= high:
            self.add(gap, f"no band holds {expected}-{high} {unit}", f"rating.{key}")


def _cycle_from(start: str, edges: dict[str, set[str]]) -> tuple[str, ...]:
    """The standards of a cycle of limits through ``start``, in order; empty when none."""
    path: list[str] = []

    def visit(node: str) -> tuple[str, ...]:
        if node in path:
            return tuple(path[path.index(node):]) if node == start else ()
        path.append(node)
        for target in sorted(edges.get(node, ())):
            found = visit(target)
            if found:
                return found
        path.pop()
        return ()

    return visit(start)


def validate(framework: Framework, locations: Locations, file: str,
             methods_known: bool = True) -> list[Problem]:
    """Every cross-element problem in a built framework (an empty list when it is sound).

    ``methods_known`` is false when some standard's rating method could not be read, so the
    possible overall totals are unknown and the overall bands are not checked.
    """
    return _Checker(framework, locations, file, methods_known).run()
