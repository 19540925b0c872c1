"""The framework's words for the report: terms for the person supervised, the presentation
questionnaire, and the methodology annex as a sandboxed Jinja2 template.

Owns reading those three fields from a framework file (with stable FW6xx codes naming the
line) and rendering the annex template, which may come from anyone, in a locked-down sandbox.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, Undefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from probation_inspection.framework.errors import Code, Problem
from probation_inspection.framework.marked import MarkedList, MarkedMap


@dataclass(frozen=True)
class Terms:
    """The words used for the person supervised, singular and plural, and who publishes the
    report (the cover's caption and the document's author): "HM Inspectorate of Probation" for
    the inspectorate's frameworks, a provider's own team for its audit, nobody when unsaid."""

    person: str = "person on probation"
    people: str = "people on probation"
    publisher: str = ""


@dataclass(frozen=True)
class PresentationQuestion:
    """A question the provider's presentation answers; the team takes notes against it."""

    number: int
    text: str
    #: The domain-one standard the question restates; None for e.g. a priorities question.
    standard: str | None


#: Filters and functions a methodology template may use, given by the report (they turn
#: counts into the reports' words); the loader's trial render uses the same names.
TemplateHelpers = Mapping[str, Callable[..., Any]]


@dataclass(frozen=True)
class MethodologyTemplate:
    """The methodology annex as written in the framework file (Jinja2, run sandboxed).

    Rendered text: a line ``## Heading`` starts a section; blank lines separate paragraphs;
    the lines of one paragraph are joined with single spaces.
    """

    source: str
    #: The file line the template's first line is on, so render errors can name it.
    first_line: int = field(default=1, compare=False)


@dataclass(frozen=True)
class RenderedSection:
    heading: str
    paragraphs: tuple[str, ...]


class MethodologyError(ValueError):
    """A methodology template that does not render; ``line`` is the framework file's line."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.reason = message
        self.line = line


# --- the sandbox ------------------------------------------------------------------------------

#: Longest methodology template and longest annex it may produce, in characters.
MAX_TEMPLATE = 20_000
MAX_OUTPUT = 100_000
#: Filters kept from Jinja2's own: none of them can make text much longer than its input.
_SAFE_FILTERS = ("capitalize", "default", "first", "join", "last", "length", "list", "lower",
                 "round", "select", "title", "trim", "upper")
#: Statements a template may use: no loops, macros, includes or blocks, so rendering takes
#: time in proportion to the template's length.
_ALLOWED_STATEMENTS = (nodes.Output, nodes.If, nodes.Assign, nodes.Template)


class _Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox (no underscore attributes, no unsafe methods) narrowed further: only
    the helpers given may be called, besides a mapping's ``get``, and no operator multiplies
    text or builds huge numbers."""

    intercepted_binops = frozenset(["*", "**", "%", "//"])

    def __init__(self, helpers: TemplateHelpers) -> None:
        super().__init__(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                         autoescape=False)
        self.filters = {name: self.filters[name] for name in _SAFE_FILTERS}
        self.filters.update(helpers)
        self.globals = {name: helper for name, helper in helpers.items()}
        self.allowed_calls = set(map(id, helpers.values()))
        self.tests = {name: self.tests[name] for name in
                      ("defined", "undefined", "none", "number", "string", "odd", "even")}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool)
                      and abs(v) <= 10**9 for v in (left, right))
        if operator == "**" or not numbers:
            raise SecurityError(f"the {operator!r} operator is only for numbers in a "
                                "methodology template")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if isinstance(__obj, Undefined):
            __obj._fail_with_undefined_error()  # names what is undefined, as Jinja2 would
        bound = getattr(__obj, "__self__", None)
        allowed = (id(__obj) in __self.allowed_calls
                   or (isinstance(bound, dict) and getattr(__obj, "__name__", "") == "get"))
        if not allowed:
            raise SecurityError(f"{getattr(__obj, '__name__', 'this')!r} may not be called in "
                                "a methodology template")
        return super().call(__context, __obj, *args, **kwargs)


def _check_statements(tree: nodes.Template) -> Iterator[tuple[str, int]]:
    """Statements the template may not use, and sets that could grow text by feeding on each
    other (a ``set`` may read the report's values, never another ``set``'s)."""
    assigned = {name.name for name in tree.find_all(nodes.Name) if name.ctx == "store"}
    for node in _walk_statements(tree):
        if not isinstance(node, _ALLOWED_STATEMENTS):
            yield (f"'{type(node).__name__.lower()}' is not allowed in a methodology template "
                   "(only if, set and output)"), node.lineno
        elif isinstance(node, nodes.Assign):
            read = {name.name for name in node.node.find_all(nodes.Name)}
            if read & assigned:
                names = ", ".join(sorted(read & assigned))
                yield f"a set may not read another set's value ({names})", node.lineno


def _walk_statements(node: nodes.Node) -> Iterator[nodes.Node]:
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Stmt):
            yield child
            yield from _walk_statements(child)


def _file_line(template: MethodologyTemplate, lineno: int | None) -> int | None:
    return None if lineno is None else template.first_line + lineno - 1


def _fail(template: MethodologyTemplate, message: str, lineno: int | None) -> NoReturn:
    raise MethodologyError(message, _file_line(template, lineno))


def compile_methodology(template: MethodologyTemplate, helpers: TemplateHelpers) -> Any:
    """The template compiled in the sandbox; raises `MethodologyError` naming the line."""
    if len(template.source) > MAX_TEMPLATE:
        _fail(template, f"the methodology template is {len(template.source)} characters long; "
                        f"the limit is {MAX_TEMPLATE}", 1)
    environment = _Sandbox(helpers)
    try:
        tree = environment.parse(template.source)
    except TemplateSyntaxError as error:
        _fail(template, f"template syntax: {error.message}", error.lineno)
    for message, lineno in _check_statements(tree):
        _fail(template, message, lineno)
    try:
        return environment.from_string(template.source)
    except TemplateSyntaxError as error:  # pragma: no cover - parse above found none
        _fail(template, f"template syntax: {error.message}", error.lineno)


def render_methodology(template: MethodologyTemplate, context: Mapping[str, object],
                       helpers: TemplateHelpers) -> tuple[RenderedSection, ...]:
    """The annex's sections, rendered from the report's plain values; raises
    `MethodologyError` with the line of the template's fault."""
    compiled = compile_methodology(template, helpers)
    pieces: list[str] = []
    length = 0
    try:
        for piece in compiled.generate(**context):
            length += len(piece)
            if length > MAX_OUTPUT:
                _fail(template, f"the methodology annex would be over {MAX_OUTPUT} characters",
                      None)
            pieces.append(piece)
    except MethodologyError:
        raise
    except (TemplateError, TypeError, ValueError, KeyError, AttributeError,
            ArithmeticError) as error:
        _fail(template, f"cannot fill the template: {error}", _error_line(error))
    return _sections(template, "".join(pieces))


def _error_line(error: BaseException) -> int | None:
    """The template line a render error was raised on, from the traceback Jinja2 rewrites."""
    line = None
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


_HEADING = re.compile(r"##[ \t]+(.+)")


def _sections(template: MethodologyTemplate, text: str) -> tuple[RenderedSection, ...]:
    sections: list[RenderedSection] = []
    heading: str | None = None
    paragraphs: list[str] = []
    lines: list[str] = []

    def end_paragraph() -> None:
        if lines:
            paragraphs.append(" ".join(lines))
            lines.clear()

    def end_section() -> None:
        end_paragraph()
        if heading is not None:
            sections.append(RenderedSection(heading, tuple(paragraphs)))
        paragraphs.clear()

    for raw in text.splitlines():
        line = " ".join(raw.split())
        match = _HEADING.fullmatch(line)
        if match:
            end_section()
            heading = match.group(1).strip()
        elif not line:
            end_paragraph()
        elif heading is None:
            _fail(template, f"text before the first '## heading' of the annex: {line[:60]!r}",
                  None)
        else:
            lines.append(line)
    end_section()
    return tuple(sections)


# --- reading the three fields from a framework file -------------------------------------------

#: Framework fields this module reads.
FIELDS = frozenset({"terms", "presentation", "methodology"})
_TERM_FIELDS = ("person", "people")
_OPTIONAL_TERMS = ("publisher",)


@dataclass
class Narrative:
    terms: Terms
    presentation: tuple[PresentationQuestion, ...]
    methodology: MethodologyTemplate | None
    problems: list[Problem]


def read_narrative(data: MarkedMap, file: str, standard_ids: Callable[[], set[str]]
                   ) -> Narrative:
    """Terms, presentation questions and methodology template of a framework mapping, with
    every problem found (``standard_ids`` gives the framework's standards, once read)."""
    problems: list[Problem] = []

    def problem(code: Code, message: str, line: int | None, element: str) -> None:
        problems.append(Problem(code, message, file, line, element))

    terms = _terms(data, problem)
    presentation = _presentation(data, problem, standard_ids)
    methodology = None
    raw = data.get("methodology")
    if "methodology" in data:
        line = data.line_of("methodology")
        if not isinstance(raw, str) or not raw.strip():
            problem(Code.WRONG_TYPE, "'methodology' must be the annex's template text (a "
                    "YAML block: methodology: |)", line, "methodology")
        else:
            # A block scalar starts on the line after its key.
            methodology = MethodologyTemplate(raw, first_line=line + 1)
            problems.extend(_trial_render(methodology, file))
    return Narrative(terms, presentation, methodology, problems)


def _terms(data: MarkedMap, problem: Callable[[Code, str, int | None, str], None]) -> Terms:
    raw = data.get("terms")
    if raw is None:
        return Terms()
    if not isinstance(raw, MarkedMap):
        problem(Code.WRONG_TYPE, "'terms' must be a mapping (person: ..., people: ...)",
                data.line_of("terms"), "terms")
        return Terms()
    values: dict[str, str] = {}
    for key in raw:
        if key not in _TERM_FIELDS + _OPTIONAL_TERMS:
            problem(Code.UNKNOWN_TERM, f"unknown term {key!r} (allowed: person, people, "
                    "publisher)", raw.line_of(str(key)), "terms")
    for key in _TERM_FIELDS + _OPTIONAL_TERMS:
        if key not in raw:
            if key in _TERM_FIELDS:
                problem(Code.MISSING_FIELD, f"terms has no {key!r}", raw.line, "terms")
            continue
        value = raw[key]
        if not isinstance(value, str) or not value.strip():
            problem(Code.MISSING_WORDING, f"term {key!r} must be words, e.g. 'service user'",
                    raw.line_of(key), "terms")
            continue
        values[key] = " ".join(value.split())
    return Terms(**values)


def _presentation(data: MarkedMap, problem: Callable[[Code, str, int | None, str], None],
                  standard_ids: Callable[[], set[str]]) -> tuple[PresentationQuestion, ...]:
    raw = data.get("presentation")
    if raw is None:
        return ()
    element = "presentation"
    if not isinstance(raw, MarkedMap):
        problem(Code.WRONG_TYPE, "'presentation' must be a mapping with 'questions'",
                data.line_of("presentation"), element)
        return ()
    for key in raw:
        if key not in ("questions", "description"):
            problem(Code.UNKNOWN_FIELD, f"unknown field {key!r} on presentation (allowed: "
                    "description, questions)", raw.line_of(str(key)), element)
    items = raw.get("questions")
    if not isinstance(items, MarkedList) or not items:
        problem(Code.QUESTIONNAIRE_WITHOUT_QUESTIONS, "the presentation needs a list of "
                "'questions'", raw.line_of("questions"), element)
        return ()
    known = standard_ids()
    questions: list[PresentationQuestion] = []
    for number, (item, line) in enumerate(zip(items, items.item_lines, strict=True), start=1):
        where = f"presentation.questions[{number - 1}]"
        if not isinstance(item, MarkedMap):
            problem(Code.WRONG_TYPE, f"question {number} must be a mapping (text: ...)", line,
                    where)
            continue
        for key in item:
            if key not in ("text", "standard"):
                problem(Code.UNKNOWN_FIELD, f"unknown field {key!r} on a presentation question "
                        "(allowed: standard, text)", item.line_of(str(key)), where)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            problem(Code.MISSING_WORDING, f"question {number} has no 'text'", item.line, where)
            text = ""
        standard = item.get("standard")
        if standard is not None and (not isinstance(standard, str) or standard not in known):
            problem(Code.UNKNOWN_STANDARD, f"question {number}'s standard {standard!r} is not a "
                    "standard of the framework (quote ids: \"1.1\")", item.line_of("standard"),
                    where)
            standard = None
        questions.append(PresentationQuestion(number, " ".join(text.split()),
                                              standard if isinstance(standard, str) else None))
    return tuple(questions)


def _trial_render(template: MethodologyTemplate, file: str) -> list[Problem]:
    """Render with example values, every sample present and then none, so a fault shows at
    load rather than when a report is built."""
    from probation_inspection.framework.methodology_context import EXAMPLE_HELPERS, examples

    for context in examples():
        try:
            render_methodology(template, context, EXAMPLE_HELPERS)
        except MethodologyError as error:
            return [Problem(Code.METHODOLOGY_TEMPLATE, error.reason, file, error.line,
                            "methodology")]
    return []
