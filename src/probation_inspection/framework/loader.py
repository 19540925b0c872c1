"""Loading a framework file: YAML text -> plain values that remember their lines -> `Framework`.

Owns the file format (which fields each element has) and the line numbers errors point at.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import yaml

from probation_inspection.framework.errors import Code, FrameworkError, Problem
from probation_inspection.framework.marked import MarkedList, MarkedMap, read_marked
from probation_inspection.framework.model import (
    AnswerCount,
    AttributeType,
    Breakdown,
    CaseAttribute,
    ContextualMeasure,
    Domain,
    Framework,
    GlossaryEntry,
    InterviewAnswer,
    InterviewQuestion,
    KeyQuestion,
    Limit,
    MeasureUnit,
    Prompt,
    Questionnaire,
    RatingBand,
    RatingMethod,
    RatingScheme,
    Reason,
    Relevance,
    SampleTypeDefinition,
    Standard,
    WhenNotRated,
)
from probation_inspection.framework.narrative import FIELDS as NARRATIVE_FIELDS
from probation_inspection.framework.narrative import read_narrative
from probation_inspection.framework.relevance import KEYWORDS, RelevanceSyntaxError, parse
from probation_inspection.framework.sample_types import (
    FIELDS as SAMPLE_TYPE_FIELDS,
)
from probation_inspection.framework.sample_types import (
    check_standard_sample_type,
    read_sample_types,
)
from probation_inspection.framework.validator import Locations, validate
from probation_inspection.untrusted import (
    DEFAULT_LIMITS,
    FRAMEWORK_FILE,
    LimitExceeded,
    Limits,
    check_size,
)

# --- building the typed framework -------------------------------------------------------------

_E = TypeVar("_E", RatingMethod, AttributeType, AnswerCount, WhenNotRated)
#: A decimal attribute's bound as written: plain digits, an optional point and decimals.
_DECIMAL = re.compile(r"-?[0-9]{1,9}(\.[0-9]{1,6})?\Z")
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MEASURE_KEY = re.compile(r"[a-z0-9][a-z0-9-]*\Z")

_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # element kind: (required fields, optional fields)
    "framework": ({"id", "version", "title", "attributes", "domains"},
                  {"description", "rating", "breakdowns", "glossary", "questionnaires",
                   "sample_types", "notes", "contextual_measures"} | NARRATIVE_FIELDS),
    "attribute": ({"name", "type", "label"}, {"values", "description", "min", "max"}),
    "domain": ({"id", "title", "standards"}, set()),
    "standard": ({"id", "title", "statement"},
                 {"rating_method", "sample_type", "key_questions", "scored",
                  "minimum_relevant_cases_to_rate", "limits", "notes"}),
    "limit": ({"at_most"}, {"standard", "below", "key_question", "below_percent", "note"}),
    "key question": ({"id", "text"},
                     {"prompts", "relevance", "reasons", "relevance_note", "notes"}),
    "prompt": ({"id", "text"}, {"relevance", "reasons", "notes"}),
    "reason": ({"id", "text"}, set()),
    "rating": ({"labels", "percentage_bands", "scores", "overall_bands"},
               {"minimum_relevant_cases", "minimum_relevant_cases_to_rate", "overall"}),
    "overall": (set(), {"when_not_rated"}),
    "band": ({"label", "minimum", "maximum"}, set()),
    "breakdown": ({"attribute", "label"}, set()),
    "glossary entry": ({"term", "definition"}, set()),
    "questionnaire": ({"id", "title", "questions"}, {"interviewees", "answers", "description"}),
    "interview question": ({"id", "topic", "text"},
                           {"answers", "standard", "per_case", "says", "says_no",
                            "national_percent", "national_source", "notes"}),
    "interview answer": ({"id", "text", "counts_as"}, set()),
    "contextual measure": ({"key", "name", "unit", "source"}, {"target", "notes"}),
    **SAMPLE_TYPE_FIELDS,
}


class _Builder:
    """Turns the marked plain form into typed objects, noting every problem on the way."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.locations: Locations = {}
        self.ids: dict[str, int] = {}
        self.attributes: dict[str, CaseAttribute] = {}
        self.sample_types: tuple[SampleTypeDefinition, ...] = ()

    def problem(self, code: Code, message: str, line: int | None, element: str) -> None:
        self.problems.append(Problem(code, message, self.file, line, element))

    # -- generic field access --

    def check_fields(self, data: MarkedMap, kind: str, element: str) -> None:
        required, optional = _FIELDS[kind]
        for key in data:
            if key not in required and key not in optional:
                allowed = ", ".join(sorted(required | optional))
                self.problem(Code.UNKNOWN_FIELD, f"unknown field {key!r} on {kind} "
                             f"(allowed: {allowed})", data.line_of(str(key)), element)
        for key in sorted(required - set(data)):
            self.problem(Code.MISSING_FIELD, f"{kind} has no {key!r}", data.line, element)

    def text(self, data: MarkedMap, key: str, element: str, wording: bool = True) -> str:
        value = data.get(key)
        if key not in data:
            return ""  # reported by check_fields
        if isinstance(value, bool | int | float):
            self.problem(Code.WRONG_TYPE, f"{key!r} must be text; quote it ('{value}')",
                         data.line_of(key), element)
            return str(value)
        if value is None and wording:
            self.problem(Code.MISSING_WORDING, f"{key!r} has no wording", data.line_of(key),
                         element)
            return ""
        if not isinstance(value, str):
            self.problem(Code.WRONG_TYPE, f"{key!r} must be text", data.line_of(key), element)
            return ""
        if wording and not value.strip():
            self.problem(Code.MISSING_WORDING, f"{key!r} has no wording", data.line_of(key),
                         element)
        return value.strip()

    def integer(self, data: MarkedMap, key: str, element: str) -> int:
        value = data.get(key)
        if key in data and (isinstance(value, bool) or not isinstance(value, int)):
            self.problem(Code.WRONG_TYPE, f"{key!r} must be a whole number, not {value!r}",
                         data.line_of(key), element)
            return 0
        return value if isinstance(value, int) else 0

    def mappings(self, data: MarkedMap, key: str, element: str) -> list[MarkedMap]:
        """The items of a list-of-mappings field; wrongly shaped items are reported and dropped."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, MarkedList):
            self.problem(Code.WRONG_TYPE, f"{key!r} must be a list", data.line_of(key), element)
            return []
        items: list[MarkedMap] = []
        for index, (item, line) in enumerate(zip(value, value.item_lines, strict=True)):
            if isinstance(item, MarkedMap):
                items.append(item)
            else:
                self.problem(Code.WRONG_TYPE, f"item {index + 1} of {key!r} must be a mapping",
                             line, f"{element}.{key}[{index}]")
        return items

    def element_id(self, data: MarkedMap, kind: str, fallback: str) -> str:
        """The id of a domain, standard, key question or prompt, registered for uniqueness."""
        if "id" not in data:
            return fallback
        identifier = self.text(data, "id", str(data["id"]) if data["id"] is not None else fallback)
        if not identifier:
            return fallback
        line = data.line_of("id")
        if identifier in self.ids:
            self.problem(Code.DUPLICATE_ID, f"{kind} id {identifier!r} is already used on line "
                         f"{self.ids[identifier]}", line, identifier)
        else:
            self.ids[identifier] = line
            self.locations[identifier] = line
        return identifier

    def enum_value(
        self, data: MarkedMap, key: str, element: str, enum: type[_E]
    ) -> _E | None:
        if key not in data:
            return None
        raw = self.text(data, key, element)
        try:
            return enum(raw)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            self.problem(Code.INVALID_VALUE, f"{key!r} is {raw!r}; expected one of: {allowed}",
                         data.line_of(key), element)
            return None

    # -- elements --

    def framework(self, data: object) -> Framework | None:
        if not isinstance(data, MarkedMap):
            self.problem(Code.NOT_A_MAPPING, "a framework file must be a YAML mapping "
                         "with id, version, title, attributes and domains", None, "file")
            return None
        identifier = self.text(data, "id", "framework") or "framework"
        self.check_fields(data, "framework", identifier)
        self.locations["framework"] = data.line
        attributes = tuple(self.attribute(item) for item in self.mappings(data, "attributes",
                                                                           identifier))
        rating = (self.rating(data["rating"], data.line_of("rating"))
                  if data.get("rating") is not None else None)
        if "rating" in data:
            self.locations["rating"] = data.line_of("rating")
        self.sample_types = read_sample_types(self, data, identifier)
        domains = tuple(self.domain(item, rating is not None)
                        for item in self.mappings(data, "domains", identifier))
        narrative = read_narrative(data, self.file, lambda: set(self.ids))
        self.problems.extend(narrative.problems)
        return Framework(
            id=identifier,
            version=self.text(data, "version", identifier),
            title=self.text(data, "title", identifier),
            attributes=attributes,
            domains=domains,
            rating=rating,
            breakdowns=tuple(self.breakdown(item, index) for index, item in
                             enumerate(self.mappings(data, "breakdowns", identifier))),
            glossary=self.glossary(data, identifier),
            description=self.text(data, "description", identifier, wording=False),
            source=self.file,
            questionnaires=tuple(self.questionnaire(item) for item in
                                 self.mappings(data, "questionnaires", identifier)),
            sample_types=self.sample_types,
            terms=narrative.terms,
            presentation=narrative.presentation,
            methodology=narrative.methodology,
            notes=self.notes(data, identifier),
            contextual_measures=self.contextual_measures(data, identifier),
        )

    def contextual_measures(self, data: MarkedMap, owner: str
                            ) -> tuple[ContextualMeasure, ...]:
        """The measures the reports print under "Contextual facts": unique keys, a known
        unit, a target (optional) that is a number and, for a percentage, 0 to 100."""
        measures: list[ContextualMeasure] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(self.mappings(data, "contextual_measures", owner)):
            key = self.text(item, "key", f"contextual_measures[{index}]")
            element = f"contextual measure {key}" if key else f"contextual_measures[{index}]"
            self.check_fields(item, "contextual measure", element)
            if key and not _MEASURE_KEY.match(key):
                self.problem(Code.INVALID_VALUE, f"measure key {key!r} must be lower-case "
                             "letters, digits and hyphens", item.line_of("key"), element)
            if key in seen:
                self.problem(Code.DUPLICATE_MEASURE, f"measure key {key!r} is already used on "
                             f"line {seen[key]}", item.line_of("key"), element)
            elif key:
                seen[key] = item.line_of("key")
            unit = MeasureUnit.COUNT
            if "unit" in item:
                raw = self.text(item, "unit", element)
                try:
                    unit = MeasureUnit(raw)
                except ValueError:
                    allowed = ", ".join(member.value for member in MeasureUnit)
                    self.problem(Code.UNKNOWN_MEASURE_UNIT, f"'unit' is {raw!r}; expected one "
                                 f"of: {allowed}", item.line_of("unit"), element)
            measures.append(ContextualMeasure(
                key=key, name=self.text(item, "name", element), unit=unit,
                target=self.measure_target(item, element, unit),
                source=self.text(item, "source", element), notes=self.notes(item, element)))
        return tuple(measures)

    def measure_target(self, data: MarkedMap, element: str, unit: MeasureUnit
                       ) -> Decimal | None:
        if data.get("target") is None:
            return None
        raw = data.get("target")
        if isinstance(raw, bool) or not isinstance(raw, int | float | str) \
                or not _DECIMAL.match(str(raw)):
            self.problem(Code.WRONG_TYPE, f"'target' must be a number such as 75, not {raw!r}",
                         data.line_of("target"), element)
            return None
        target = Decimal(str(raw))
        if unit is MeasureUnit.PERCENT and not 0 <= target <= 100:
            self.problem(Code.MEASURE_TARGET_OUT_OF_RANGE, f"a percentage's 'target' must be "
                         f"0 to 100, not {target}", data.line_of("target"), element)
        elif unit is MeasureUnit.COUNT and (target < 0 or target != target.to_integral_value()):
            self.problem(Code.MEASURE_TARGET_OUT_OF_RANGE, f"a count's 'target' must be a "
                         f"whole number of people, not {target}", data.line_of("target"),
                         element)
        return target

    def attribute(self, data: MarkedMap) -> CaseAttribute:
        name = self.text(data, "name", "attribute") or "attribute"
        self.check_fields(data, "attribute", name)
        line = data.line_of("name")
        if "name" in data and (not _ATTRIBUTE_NAME.match(name) or name in KEYWORDS):
            self.problem(Code.INVALID_VALUE, f"attribute name {name!r} must be letters, digits "
                         "and underscores, not a keyword", line, name)
        kind = self.enum_value(data, "type", name, AttributeType) or AttributeType.TEXT
        values: tuple[str, ...] = ()
        raw = data.get("values")
        if raw is not None:
            if not isinstance(raw, MarkedList) or not all(isinstance(v, str) for v in raw):
                self.problem(Code.WRONG_TYPE, "'values' must be a list of text",
                             data.line_of("values"), name)
            else:
                values = tuple(str(v) for v in raw)
        if kind is AttributeType.CHOICE and not values:
            self.problem(Code.MISSING_FIELD, "a choice attribute needs its 'values'", data.line,
                         name)
        if kind is not AttributeType.CHOICE and values:
            self.problem(Code.INVALID_VALUE, f"only choice attributes have 'values' ({name!r} "
                         f"is {kind.value})", data.line_of("values"), name)
        minimum, maximum = self.decimal_range(data, name, kind)
        attribute = CaseAttribute(
            name=name, type=kind, label=self.text(data, "label", name), values=values,
            description=self.text(data, "description", name, wording=False),
            minimum=minimum, maximum=maximum,
        )
        if name in self.attributes:
            self.problem(Code.DUPLICATE_ID, f"attribute {name!r} is declared twice", line, name)
        else:
            self.attributes[name] = attribute
            self.locations[f"attribute:{name}"] = line
        return attribute

    def decimal_range(self, data: MarkedMap, name: str, kind: AttributeType
                      ) -> tuple[Decimal | None, Decimal | None]:
        """A decimal attribute's ``min`` and ``max``: both required, written as numbers."""
        if kind is not AttributeType.DECIMAL:
            for key in ("min", "max"):
                if key in data:
                    self.problem(Code.INVALID_VALUE, f"only decimal attributes have {key!r} "
                                 f"({name!r} is {kind.value})", data.line_of(key), name)
            return None, None
        bounds: list[Decimal | None] = []
        for key in ("min", "max"):
            raw = data.get(key)
            if key not in data:
                self.problem(Code.MISSING_FIELD, f"a decimal attribute needs its {key!r}",
                             data.line, name)
                bounds.append(None)
            elif isinstance(raw, bool) or not isinstance(raw, int | float | str) \
                    or not _DECIMAL.match(str(raw)):
                self.problem(Code.WRONG_TYPE, f"{key!r} must be a number such as 6.9, not "
                             f"{raw!r}", data.line_of(key), name)
                bounds.append(None)
            else:
                bounds.append(Decimal(str(raw)))
        minimum, maximum = bounds
        if minimum is not None and maximum is not None and minimum > maximum:
            self.problem(Code.INVALID_RANGE, f"'min' ({minimum}) is above 'max' ({maximum})",
                         data.line_of("min"), name)
        return minimum, maximum

    def domain(self, data: MarkedMap, rated: bool) -> Domain:
        identifier = self.element_id(data, "domain", "domain")
        self.check_fields(data, "domain", identifier)
        return Domain(
            id=identifier,
            title=self.text(data, "title", identifier),
            standards=tuple(self.standard(item, rated)
                            for item in self.mappings(data, "standards", identifier)),
        )

    def standard(self, data: MarkedMap, rated: bool) -> Standard:
        identifier = self.element_id(data, "standard", "standard")
        self.check_fields(data, "standard", identifier)
        method = self.enum_value(data, "rating_method", identifier, RatingMethod)
        if method is None and "rating_method" not in data:
            if rated:
                self.problem(Code.MISSING_RATING_METHOD, "a standard in a rated framework needs "
                             "a 'rating_method' (judgement, lowest-key-question or unrated)",
                             data.line, identifier)
            method = RatingMethod.UNRATED
        if "scored" in data:
            self.locations[f"scored:{identifier}"] = data.line_of("scored")
        minimum = self.minimum(data, "minimum_relevant_cases_to_rate", identifier,
                               f"minimum:{identifier}")
        return Standard(
            id=identifier,
            title=self.text(data, "title", identifier),
            statement=self.text(data, "statement", identifier),
            rating_method=method or RatingMethod.UNRATED,
            sample_type=check_standard_sample_type(self, data, identifier,
                                                   self.sample_types),
            key_questions=tuple(self.key_question(item)
                                for item in self.mappings(data, "key_questions", identifier)),
            scored=self.boolean(data, "scored", identifier, default=True),
            minimum_relevant_cases_to_rate=minimum,
            limits=tuple(self.limit(item, identifier, index) for index, item
                         in enumerate(self.mappings(data, "limits", identifier))),
            notes=self.notes(data, identifier),
        )

    def limit(self, data: MarkedMap, owner: str, index: int) -> Limit:
        """One limiting rule: on a named standard's rating or a key question's percentage."""
        element = f"{owner}.limits[{index}]"
        self.check_fields(data, "limit", element)
        self.locations[element] = data.line
        has_standard, has_question = "standard" in data, "key_question" in data
        if has_standard == has_question:
            self.problem(Code.MISSING_FIELD if not has_standard else Code.INVALID_VALUE,
                         "a limit names either a 'standard' (with 'below', a rating) or a "
                         "'key_question' (with 'below_percent'), not "
                         + ("neither" if not has_standard else "both"), data.line, element)
        for condition, threshold in (("standard", "below"), ("key_question", "below_percent")):
            if condition in data and threshold not in data:
                self.problem(Code.MISSING_FIELD, f"a limit on a {condition.replace('_', ' ')} "
                             f"needs {threshold!r}", data.line, element)
            if threshold in data and condition not in data:
                self.problem(Code.INVALID_VALUE, f"{threshold!r} belongs with {condition!r}",
                             data.line_of(threshold), element)
        below_percent = None
        if "below_percent" in data:
            value = data["below_percent"]
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
                self.problem(Code.WRONG_TYPE, "'below_percent' must be a whole percentage, "
                             f"1 to 100, not {value!r}", data.line_of("below_percent"), element)
            else:
                below_percent = value
        return Limit(
            at_most=self.text(data, "at_most", element),
            standard=self.text(data, "standard", element) if has_standard else None,
            below=self.text(data, "below", element) if "below" in data else None,
            key_question=self.text(data, "key_question", element) if has_question else None,
            below_percent=below_percent,
            note=self.text(data, "note", element, wording=False),
        )

    def boolean(self, data: MarkedMap, key: str, element: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(Code.WRONG_TYPE, f"{key!r} must be true or false, not {value!r}",
                         data.line_of(key), element)
            return default
        return value

    def key_question(self, data: MarkedMap) -> KeyQuestion:
        identifier = self.element_id(data, "key question", "key question")
        self.check_fields(data, "key question", identifier)
        return KeyQuestion(
            id=identifier,
            text=self.text(data, "text", identifier),
            prompts=tuple(self.prompt(item) for item in self.mappings(data, "prompts", identifier)),
            relevance=self.relevance(data, identifier),
            reasons=self.reasons(data, identifier),
            relevance_note=self.text(data, "relevance_note", identifier, wording=False),
            notes=self.notes(data, identifier),
        )

    def prompt(self, data: MarkedMap) -> Prompt:
        identifier = self.element_id(data, "prompt", "prompt")
        self.check_fields(data, "prompt", identifier)
        return Prompt(
            id=identifier,
            text=self.text(data, "text", identifier),
            relevance=self.relevance(data, identifier),
            reasons=self.reasons(data, identifier),
            notes=self.notes(data, identifier),
        )

    def notes(self, data: MarkedMap, element: str) -> str:
        """An element's ``notes`` (sources, PROVISIONAL marks): text, kept as written apart
        from the ends' blank lines, so a block of several lines survives every form."""
        if "notes" not in data or data.get("notes") is None:
            return ""
        value = data.get("notes")
        if not isinstance(value, str):
            self.problem(Code.WRONG_TYPE, "'notes' must be text", data.line_of("notes"),
                         element)
            return ""
        return value.strip()

    def reasons(self, data: MarkedMap, owner: str) -> tuple[Reason, ...]:
        reasons: list[Reason] = []
        seen: set[str] = set()
        for item in self.mappings(data, "reasons", owner):
            identifier = self.text(item, "id", owner) or "reason"
            element = f"{owner}/{identifier}"
            self.check_fields(item, "reason", element)
            if identifier in seen:
                self.problem(Code.DUPLICATE_ID, f"reason {identifier!r} appears twice under "
                             f"{owner}", item.line_of("id"), element)
            seen.add(identifier)
            reasons.append(Reason(identifier, self.text(item, "text", element)))
        return tuple(reasons)

    def relevance(self, data: MarkedMap, element: str) -> Relevance | None:
        if "relevance" not in data:
            return None
        source = self.text(data, "relevance", element)
        if not source:
            return None
        self.locations[f"relevance:{element}"] = data.line_of("relevance")
        try:
            return Relevance(source, parse(source))
        except RelevanceSyntaxError as error:
            self.problem(Code.RELEVANCE_SYNTAX, str(error), data.line_of("relevance"), element)
            return None

    def rating(self, data: object, line: int) -> RatingScheme | None:
        if not isinstance(data, MarkedMap):
            self.problem(Code.WRONG_TYPE, "'rating' must be a mapping", line, "rating")
            return None
        self.check_fields(data, "rating", "rating")
        labels: tuple[str, ...] = ()
        raw_labels = data.get("labels")
        if isinstance(raw_labels, MarkedList) and all(isinstance(v, str) for v in raw_labels):
            labels = tuple(str(v) for v in raw_labels)
            self.locations["rating.labels"] = data.line_of("labels")
        elif "labels" in data:
            self.problem(Code.WRONG_TYPE, "'labels' must be a list of text, lowest rating first",
                         data.line_of("labels"), "rating.labels")
        scores: dict[str, int] = {}
        raw_scores = data.get("scores")
        if isinstance(raw_scores, MarkedMap):
            self.locations["rating.scores"] = data.line_of("scores")
            for label, score in raw_scores.items():
                line = raw_scores.line_of(str(label))
                self.locations[f"rating.scores.{label}"] = line
                if isinstance(score, bool) or not isinstance(score, int):
                    self.problem(Code.WRONG_TYPE, f"the score of {label!r} must be a whole number",
                                 line, f"rating.scores.{label}")
                else:
                    scores[str(label)] = score
        elif "scores" in data:
            self.problem(Code.WRONG_TYPE, "'scores' must map each rating label to a number",
                         data.line_of("scores"), "rating.scores")
        return RatingScheme(
            labels=labels,
            percentage_bands=self.bands(data, "percentage_bands"),
            scores=scores,
            overall_bands=self.bands(data, "overall_bands"),
            minimum_relevant_cases=self.minimum(data, "minimum_relevant_cases",
                                                "rating.minimum_relevant_cases"),
            minimum_relevant_cases_to_rate=self.minimum(
                data, "minimum_relevant_cases_to_rate", "rating.minimum_relevant_cases_to_rate"),
            when_not_rated=self.overall(data),
        )

    def minimum(self, data: MarkedMap, key: str, element: str,
                location: str | None = None) -> int | None:
        """An optional fewest number of relevant cases: a whole number, 1 or more."""
        if data.get(key) is None:
            return None
        value = data[key]
        line = data.line_of(key)
        self.locations[location or element] = line
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem(Code.INVALID_MINIMUM_RELEVANT_CASES,
                         f"{key!r} must be a whole number of cases, 1 or more, "
                         f"not {value!r}", line, element)
            return None
        return value

    def overall(self, data: MarkedMap) -> WhenNotRated:
        """``rating.overall``: what the overall does when a scored standard is not rated."""
        raw = data.get("overall")
        if raw is None:
            return WhenNotRated.NOT_RATED
        if not isinstance(raw, MarkedMap):
            self.problem(Code.WRONG_TYPE, "'overall' must be a mapping (when_not_rated: ...)",
                         data.line_of("overall"), "rating.overall")
            return WhenNotRated.NOT_RATED
        self.check_fields(raw, "overall", "rating.overall")
        return (self.enum_value(raw, "when_not_rated", "rating.overall", WhenNotRated)
                or WhenNotRated.NOT_RATED)

    def bands(self, data: MarkedMap, key: str) -> tuple[RatingBand, ...]:
        bands: list[RatingBand] = []
        self.locations[f"rating.{key}"] = data.line_of(key)
        for index, item in enumerate(self.mappings(data, key, "rating")):
            element = f"rating.{key}[{index}]"
            self.check_fields(item, "band", element)
            self.locations[element] = item.line
            bands.append(RatingBand(
                label=self.text(item, "label", element),
                minimum=self.integer(item, "minimum", element),
                maximum=self.integer(item, "maximum", element),
            ))
        return tuple(bands)

    def breakdown(self, data: MarkedMap, index: int) -> Breakdown:
        element = f"breakdowns[{index}]"
        self.check_fields(data, "breakdown", element)
        self.locations[element] = data.line_of("attribute")
        return Breakdown(self.text(data, "attribute", element), self.text(data, "label", element))

    def glossary(self, data: MarkedMap, owner: str) -> tuple[GlossaryEntry, ...]:
        entries: list[GlossaryEntry] = []
        seen: set[str] = set()
        for item in self.mappings(data, "glossary", owner):
            term = self.text(item, "term", "glossary") or "glossary"
            element = f"glossary:{term}"
            self.check_fields(item, "glossary entry", element)
            if term in seen:
                self.problem(Code.DUPLICATE_ID, f"glossary term {term!r} appears twice",
                             item.line_of("term"), element)
            seen.add(term)
            entries.append(GlossaryEntry(term, self.text(item, "definition", element)))
        return tuple(entries)

    def questionnaire(self, data: MarkedMap) -> Questionnaire:
        identifier = self.element_id(data, "questionnaire", "questionnaire")
        self.check_fields(data, "questionnaire", identifier)
        self.locations[f"{identifier}.questions"] = data.line_of("questions")
        # Answers given on the questionnaire apply to every question that has none of its own.
        before = len(self.problems)
        defaults = self.interview_answers(data, identifier)
        defaults_read = len(self.problems) == before
        raw = data.get("questions")
        if isinstance(raw, MarkedList) and not raw:
            self.problem(Code.QUESTIONNAIRE_WITHOUT_QUESTIONS, "a questionnaire needs at least "
                         "one question", data.line_of("questions"), identifier)
        return Questionnaire(
            id=identifier,
            title=self.text(data, "title", identifier),
            questions=tuple(self.interview_question(item, defaults, defaults_read)
                            for item in self.mappings(data, "questions", identifier)),
            interviewees=self.text(data, "interviewees", identifier) or "interviewees",
            description=self.text(data, "description", identifier, wording=False),
        )

    def interview_question(self, data: MarkedMap, defaults: tuple[InterviewAnswer, ...],
                           defaults_read: bool) -> InterviewQuestion:
        identifier = self.element_id(data, "interview question", "interview question")
        self.check_fields(data, "interview question", identifier)
        before = len(self.problems)
        answers = self.interview_answers(data, identifier) if "answers" in data else defaults
        # A percentage needs a yes-answer and a no-answer; answers that could not be read are
        # already reported, so they are not blamed twice.
        if (len(self.problems) == before if "answers" in data else defaults_read):
            kinds = {answer.counts_as for answer in answers}
            if not {AnswerCount.YES, AnswerCount.NO} <= kinds:
                self.problem(Code.ANSWERS_NOT_COUNTABLE, "the answers need one that counts as "
                             "'yes' and one that counts as 'no' for a percentage (give the "
                             "question or its questionnaire 'answers')",
                             data.line_of("answers"), identifier)
        if "topic" in data:
            self.locations[f"topic:{identifier}"] = data.line_of("topic")
        if "standard" in data:
            self.locations[f"standard:{identifier}"] = data.line_of("standard")
        return InterviewQuestion(
            id=identifier,
            text=self.text(data, "text", identifier),
            topic=self.text(data, "topic", identifier),
            answers=answers,
            standard=self.text(data, "standard", identifier),
            per_case=self.boolean(data, "per_case", identifier, default=False),
            says=self.text(data, "says", identifier),
            says_no=self.text(data, "says_no", identifier),
            national_percent=self.national_percent(data, identifier),
            national_source=self.text(data, "national_source", identifier),
            notes=self.notes(data, identifier),
        )

    def national_percent(self, data: MarkedMap, element: str) -> int | None:
        if "national_percent" not in data:
            return None
        value = self.integer(data, "national_percent", element)
        if not 0 <= value <= 100:
            self.problem(Code.WRONG_TYPE, f"'national_percent' must be 0 to 100, not {value}",
                         data.line_of("national_percent"), element)
        return value

    def interview_answers(self, data: MarkedMap, owner: str) -> tuple[InterviewAnswer, ...]:
        answers: list[InterviewAnswer] = []
        seen: set[str] = set()
        for item in self.mappings(data, "answers", owner):
            identifier = self.text(item, "id", owner) or "answer"
            element = f"{owner}/{identifier}"
            self.check_fields(item, "interview answer", element)
            if identifier in seen:
                self.problem(Code.DUPLICATE_ID, f"answer {identifier!r} appears twice under "
                             f"{owner}", item.line_of("id"), element)
            seen.add(identifier)
            counts_as = self.enum_value(item, "counts_as", element, AnswerCount)
            answers.append(InterviewAnswer(identifier, self.text(item, "text", element),
                                           counts_as or AnswerCount.EXCLUDED))
        if "answers" in data:
            self.locations[f"answers:{owner}"] = data.line_of("answers")
        return tuple(answers)


# --- checks before parsing: a framework file may come from anyone --------------------------

#: Characters YAML 1.1 does not allow in a document (its "printable" set inverted): control
#: characters other than tab, LF, CR and NEL, surrogates and the two non-characters.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
#: Problems of one kind listed before the rest are summed up in one line.
_MAX_LISTED = 20


def _untrusted_text_problems(text: str, file: str, limits: Limits) -> list[Problem]:
    """Size, control characters and nesting depth, checked before the YAML is built.

    PyYAML raises (not reports) on a control character, and builds nested values by
    recursion, so a deeply nested file would end in a RecursionError traceback.
    """
    try:
        check_size(len(text.encode("utf-8", errors="replace")), FRAMEWORK_FILE, limits)
    except LimitExceeded as error:
        return [Problem(Code.FILE_TOO_LARGE, str(error), file, None, "file")]
    problems: list[Problem] = []
    for match in _NOT_PRINTABLE.finditer(text):
        if len(problems) == _MAX_LISTED:
            problems.append(Problem(Code.CONTROL_CHARACTER, "and more control characters",
                                    file, problems[-1].line, "file"))
            break
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(Problem(
            Code.CONTROL_CHARACTER,
            f"control character U+{ord(match.group()):04X} at column {column} is not allowed "
            "in a framework file; delete it", file, line, "file"))
    if problems:
        return problems
    return _depth_problems(text, file, limits.framework_depth)


def _depth_problems(text: str, file: str, limit: int) -> list[Problem]:
    # The event parser is iterative, so it measures depth without the recursion it guards.
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    return [Problem(Code.NESTED_TOO_DEEPLY,
                                    f"mappings and lists are nested more than {limit} deep, the "
                                    f"limit for a {FRAMEWORK_FILE}", file, line, "file")]
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return []  # reading the document reports the syntax error with its line
    return []


def load_framework_text(
    text: str, file: str = "<text>", *, limits: Limits = DEFAULT_LIMITS
) -> Framework:
    """Build and validate a framework from YAML text; raises `FrameworkError` with every problem.

    The text is held to ``limits`` (size, nesting depth) and may hold no control characters.
    """
    untrusted = _untrusted_text_problems(text, file, limits)
    if untrusted:
        raise FrameworkError(untrusted)
    try:
        document, problems = read_marked(text, file)
    except RecursionError:
        raise FrameworkError([Problem(Code.NESTED_TOO_DEEPLY, "mappings and lists are nested "
                                      "too deeply to read", file, None, "file")]) from None
    if document is None and problems:
        raise FrameworkError(problems)
    return build_framework(document, file, problems)


def build_framework(document: object, file: str, problems: list[Problem] | None = None
                    ) -> Framework:
    """Build and validate a framework from its marked plain form (YAML's, or a workbook's read
    by `xlsx`), with ``problems`` already found in reading it; raises `FrameworkError`."""
    builder = _Builder(file)
    builder.problems.extend(problems or [])
    framework = builder.framework(document)
    if framework is not None:
        # An unknown or missing rating method would make the possible totals wrong; its own
        # problem is already reported, so the overall bands are not also blamed.
        methods_known = not any(problem.code in (Code.INVALID_VALUE, Code.MISSING_RATING_METHOD)
                                and problem.element in builder.ids for problem in builder.problems)
        builder.problems.extend(validate(framework, builder.locations, file, methods_known))
    if builder.problems or framework is None:
        raise FrameworkError(_in_file_order(builder.problems))
    return framework


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: problem.line or 0)


def load_framework_file(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Framework:
    """Load and validate one framework file (YAML, or an XLSX workbook); raises
    `FrameworkError` naming the file."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from probation_inspection.framework.xlsx import load_framework_workbook

        return load_framework_workbook(path, limits=limits)
    try:
        # The size from the disk first: an oversized file is never read into memory.
        check_size(path.stat().st_size, FRAMEWORK_FILE, limits)
        text = path.read_text(encoding="utf-8")
    except LimitExceeded as error:
        raise FrameworkError(
            [Problem(Code.FILE_TOO_LARGE, str(error), str(path), None, "file")]
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkError(
            [Problem(Code.UNREADABLE_FILE, f"cannot read the file: {error}", str(path), None,
                     "file")]
        ) from error
    return load_framework_text(text, str(path), limits=limits)
