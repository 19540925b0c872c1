"""A framework as an XLSX workbook, the way XLSForm does surveys: a sheet each for settings,
attributes, sample types, standards, questions and the rest, read into the loader's plain form.

Owns the workbook layout (`SHEETS`), writing a framework as a workbook and reading one back
with every problem naming its sheet, row and column. Formulas are refused, never evaluated.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from probation_inspection.framework.errors import Code, FrameworkError, Problem
from probation_inspection.framework.marked import MarkedList, MarkedMap
from probation_inspection.framework.model import Framework
from probation_inspection.framework.serialise import framework_to_document
from probation_inspection.untrusted import (
    DEFAULT_LIMITS,
    FRAMEWORK_FILE,
    LimitExceeded,
    Limits,
    UntrustedFileError,
    check_size,
    check_zip,
)

# --- the layout -------------------------------------------------------------------------------

#: How a cell's value is read: text; a whole number; true/false; a comma-separated list of
#: text; a decimal bound (kept as written).
TEXT, WHOLE, YES_NO, LIST, DECIMAL = "text", "whole number", "true/false", "list", "decimal"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT
    required: bool = False
    #: What the column holds, for the authoring guide and the header's comment.
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    help: str

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.name == name), None)


def _sheet(name: str, help: str, *columns: Column) -> Sheet:
    return Sheet(name, columns, help)


#: Where an element's content comes from and what of it is provisional.
_NOTES = Column("notes", help="sources and what is provisional; no rule reads it")

#: Every sheet a framework workbook may have, in the order they are written. Only
#: ``settings`` is needed; a sheet left out (or with no rows) declares nothing.
SHEETS: tuple[Sheet, ...] = (
    _sheet("settings", "One row per setting: id, version, title, description, notes (the "
           "framework's sources and what is provisional); person and "
           "people (the words for the person supervised); for a rated framework "
           "minimum_relevant_cases, minimum_relevant_cases_to_rate, when_not_rated.",
           Column("setting", required=True), Column("value")),
    _sheet("attributes", "Case attributes relevance rules and breakdowns read.",
           Column("name", required=True), Column("type", required=True),
           Column("label", required=True), Column("description"),
           Column("min", DECIMAL, help="decimal attributes only"),
           Column("max", DECIMAL, help="decimal attributes only")),
    _sheet("choices", "The values of each choice attribute, one row each, in order.",
           Column("attribute", required=True), Column("value", required=True)),
    _sheet("sample_types", "The samples the framework draws and who is eligible for each.",
           Column("id", required=True), Column("label", required=True),
           Column("description"), Column("fields", LIST, required=True),
           Column("date", required=True), Column("from"), Column("to", required=True),
           Column("strata", LIST),
           Column("published_as", help="which sample size of a published report this is"),
           _NOTES),
    _sheet("sample_type_filters", "Filters on case-list values a sample type's cases must "
           "pass (e.g. disposal), one row each.",
           Column("sample_type", required=True), Column("field", required=True),
           Column("in", LIST, required=True), Column("blank")),
    _sheet("ratings", "The rating labels, lowest first, with each one's score.",
           Column("label", required=True), Column("score", WHOLE)),
    _sheet("bands", "Percentage bands (a standard's lowest key question) and overall bands "
           "(the total score), one row each.",
           Column("scale", required=True, help="percentage or overall"),
           Column("label", required=True), Column("minimum", WHOLE, required=True),
           Column("maximum", WHOLE, required=True)),
    _sheet("domains", "The domains, in order.",
           Column("id", required=True), Column("title", required=True)),
    _sheet("standards", "The standards, in order, each under its domain.",
           Column("domain", required=True), Column("id", required=True),
           Column("title", required=True), Column("statement", required=True),
           Column("rating_method"), Column("sample_type"), Column("scored", YES_NO),
           Column("minimum_relevant_cases_to_rate", WHOLE), _NOTES),
    _sheet("limits", "Limiting rules: a standard's rating capped when another standard's "
           "rating, or a key question's percentage, falls below a threshold.",
           Column("applies_to", required=True, help="the standard whose rating is capped"),
           Column("at_most", required=True), Column("standard"), Column("below"),
           Column("key_question"), Column("below_percent", WHOLE), Column("note")),
    _sheet("questions", "Key questions (under a standard) and prompts (under a key question), "
           "in order.",
           Column("kind", required=True, help="key question or prompt"),
           Column("id", required=True), Column("under", required=True),
           Column("text", required=True), Column("relevance"),
           Column("relevance_note", help="key questions only"), _NOTES),
    _sheet("reasons", "Reasons for insufficiency under a key question or prompt.",
           Column("under", required=True), Column("id", required=True),
           Column("text", required=True)),
    _sheet("breakdowns", "Attributes the report breaks results down by.",
           Column("attribute", required=True), Column("label", required=True)),
    _sheet("glossary", "Terms the report explains.",
           Column("term", required=True), Column("definition", required=True)),
    _sheet("contextual_measures", "The measures the reports print under Contextual facts, "
           "in order.",
           Column("key", required=True, help="lower-case letters, digits and hyphens; stored "
                  "facts are matched by it"),
           Column("name", required=True), Column("unit", required=True, help="count or percent"),
           Column("target", DECIMAL, help="optional; 0 to 100 for a percent"),
           Column("source", required=True), _NOTES),
    _sheet("questionnaires", "Interview questionnaires.",
           Column("id", required=True), Column("title", required=True),
           Column("interviewees"), Column("description")),
    _sheet("interview_questions", "The questions of each questionnaire, in order.",
           Column("questionnaire", required=True), Column("id", required=True),
           Column("topic", required=True), Column("text", required=True),
           Column("standard"),
           Column("per_case", YES_NO, help="yes: asked about each case the interviewee holds"),
           Column("says", help="what the yes-answerers said, as the report prints it"),
           Column("says_no", help="what the no-answerers said, printed when most said no"),
           Column("national_percent", WHOLE, help="the national figure for the yes-answer"),
           Column("national_source"), _NOTES),
    _sheet("interview_answers", "Answers under a question, or under a questionnaire for every "
           "question of it that has none of its own.",
           Column("under", required=True), Column("id", required=True),
           Column("text", required=True), Column("counts_as", required=True)),
    _sheet("presentation", "The questions the provider's presentation answers, in order.",
           Column("text", required=True), Column("standard")),
    _sheet("methodology", "The methodology annex template, one line of it per row.",
           Column("line")),
)

_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
#: Settings rows and where each goes in the file format.
_SETTINGS = ("id", "version", "title", "description", "notes", "person", "people", "publisher",
             "minimum_relevant_cases", "minimum_relevant_cases_to_rate", "when_not_rated")
_WHOLE_SETTINGS = ("minimum_relevant_cases", "minimum_relevant_cases_to_rate")
KEY_QUESTION, PROMPT = "key question", "prompt"
#: Most rows any one sheet may have: far more than any framework needs.
MAX_ROWS = 20_000
MAX_COLUMNS = 40


# --- writing ----------------------------------------------------------------------------------


def _rows(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The file-format document as each sheet's rows (column name -> value)."""
    rows: dict[str, list[dict[str, Any]]] = {sheet.name: [] for sheet in SHEETS}
    terms = document.get("terms", {})
    rating = document.get("rating", {})
    settings = {**{k: document.get(k)
                   for k in ("id", "version", "title", "description", "notes")},
                "person": terms.get("person"), "people": terms.get("people"),
                "publisher": terms.get("publisher"),
                "minimum_relevant_cases": rating.get("minimum_relevant_cases"),
                "minimum_relevant_cases_to_rate": rating.get("minimum_relevant_cases_to_rate"),
                "when_not_rated": rating.get("overall", {}).get("when_not_rated")}
    rows["settings"] = [{"setting": k, "value": v} for k, v in settings.items() if v is not None]
    for attribute in document.get("attributes", []):
        rows["attributes"].append({k: v for k, v in attribute.items() if k != "values"})
        rows["choices"] += [{"attribute": attribute["name"], "value": value}
                            for value in attribute.get("values", [])]
    for sample in document.get("sample_types", []):
        eligibility = sample["eligibility"]
        rows["sample_types"].append({
            **{k: v for k, v in sample.items() if k != "eligibility"},
            **{k: v for k, v in eligibility.items() if k != "where"}})
        rows["sample_type_filters"] += [{"sample_type": sample["id"], **where}
                                        for where in eligibility.get("where", [])]
    if rating:
        scores = rating.get("scores", {})
        rows["ratings"] = [{"label": label, "score": scores.get(label)}
                           for label in rating.get("labels", [])]
        for scale in ("percentage", "overall"):
            rows["bands"] += [{"scale": scale, **band}
                              for band in rating.get(f"{scale}_bands", [])]
    for domain in document.get("domains", []):
        rows["domains"].append({"id": domain["id"], "title": domain["title"]})
        for standard in domain.get("standards", []):
            rows["standards"].append({"domain": domain["id"], **{
                k: v for k, v in standard.items() if k not in ("limits", "key_questions")}})
            rows["limits"] += [{"applies_to": standard["id"], **limit}
                               for limit in standard.get("limits", [])]
            for key_question in standard.get("key_questions", []):
                rows["questions"].append({"kind": KEY_QUESTION, "under": standard["id"], **{
                    k: v for k, v in key_question.items() if k not in ("reasons", "prompts")}})
                rows["reasons"] += [{"under": key_question["id"], **reason}
                                    for reason in key_question.get("reasons", [])]
                for prompt in key_question.get("prompts", []):
                    rows["questions"].append({"kind": PROMPT, "under": key_question["id"], **{
                        k: v for k, v in prompt.items() if k != "reasons"}})
                    rows["reasons"] += [{"under": prompt["id"], **reason}
                                        for reason in prompt.get("reasons", [])]
    rows["breakdowns"] = list(document.get("breakdowns", []))
    rows["glossary"] = list(document.get("glossary", []))
    rows["contextual_measures"] = list(document.get("contextual_measures", []))
    for questionnaire in document.get("questionnaires", []):
        rows["questionnaires"].append({k: v for k, v in questionnaire.items()
                                       if k != "questions"})
        for question in questionnaire.get("questions", []):
            rows["interview_questions"].append({"questionnaire": questionnaire["id"], **{
                k: v for k, v in question.items() if k != "answers"}})
            rows["interview_answers"] += [{"under": question["id"], **answer}
                                          for answer in question.get("answers", [])]
    rows["presentation"] = list(document.get("presentation", {}).get("questions", []))
    methodology = document.get("methodology")
    if methodology is not None:
        # A template ends with a newline (a YAML block does); the workbook's last row is its
        # last line, and reading puts the newline back.
        rows["methodology"] = [{"line": line} for line in
                               methodology.removesuffix("\n").split("\n")]
    return rows


def _cell_value(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind == LIST:
        values = [str(item) for item in value]
        if any("," in item for item in values):
            raise ValueError(f"a value in {column.name!r} holds a comma, which a workbook "
                             "list cell cannot hold; keep this framework as YAML")
        return ", ".join(values)
    if column.kind == YES_NO:
        return bool(value)
    if column.kind == WHOLE:
        return int(value)
    return str(value)


def framework_to_workbook(framework: Framework) -> bytes:
    """The framework as an XLSX workbook that `load_framework_workbook` reads back as an equal
    framework, written through `tabular`, so every text is a text cell, never a formula."""
    from probation_inspection.tabular import add_sheet, new_workbook, workbook_bytes

    rows = _rows(framework_to_document(framework))
    book = new_workbook()
    for sheet in SHEETS:
        if not rows[sheet.name] and sheet.name != "settings":
            continue
        add_sheet(
            book, sheet.name, [column.name for column in sheet.columns],
            ([_cell_value(row.get(column.name), column) for column in sheet.columns]
             for row in rows[sheet.name]),
            notes=[column.help or ("required" if column.required else "")
                   for column in sheet.columns],
            widths=[80 if column.name in _WIDE else 22 for column in sheet.columns])
    return workbook_bytes(book)


#: Columns of long text, given room and wrapped.
_WIDE = frozenset({"statement", "text", "line", "definition", "relevance", "description",
                   "notes"})


# --- reading ----------------------------------------------------------------------------------

#: A cell's place, encoded as the "line" the loader's problems carry: sheet, column and row
#: each get their own digits, and the rows of one column are consecutive numbers, so the
#: methodology template's line k is its row k + 1.
_SHEET_UNIT = 10**8
_COLUMN_UNIT = 10**6


def _place(sheet_index: int, column: int, row: int) -> int:
    return (sheet_index + 1) * _SHEET_UNIT + column * _COLUMN_UNIT + row


@dataclass(frozen=True)
class CellProblem(Problem):
    """A problem in a framework workbook: the sheet, row and column it is in."""

    sheet: str | None
    row: int | None
    column: str | None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            place = f"sheet {self.sheet!r}"
            if self.row is not None:
                place += f", row {self.row}"
            if self.column is not None:
                place += f", column {self.column}"
            where.append(place)
        return f"{': '.join(where)}: {self.code.value} {self.element}: {self.message}"


@dataclass
class _Cell:
    value: Any
    place: int


@dataclass
class _Row:
    number: int
    place: int
    cells: dict[str, _Cell]

    def has(self, name: str) -> bool:
        return name in self.cells

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return "" if cell is None or not isinstance(cell.value, str) else cell.value


class _Reader:
    """Reads the workbook's sheets into the loader's marked plain form, noting problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        #: Column letters and names of each sheet read, by sheet index and column number.
        self.headers: dict[int, dict[int, tuple[str, str]]] = {}
        self.sheets: dict[str, list[_Row]] = {}
        self.sheet_index: dict[str, int] = {}

    def problem(self, code: Code, message: str, place: int | None, element: str) -> None:
        self.problems.append(Problem(code, message, self.file, place, element))

    # -- cells --

    def read_sheet(self, index: int, sheet: Sheet, rows: Iterable[tuple[Any, ...]]) -> None:
        from openpyxl.utils import get_column_letter

        self.sheet_index[sheet.name] = index
        iterator = iter(rows)
        header = next(iterator, None)
        columns: dict[int, str] = {}
        self.headers[index] = {}
        for number, cell in enumerate(header or (), start=1):
            value = _value(cell)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            name = str(value).strip()
            letter = get_column_letter(number)
            self.headers[index][number] = (letter, name)
            place = _place(index, number, 1)
            if number > MAX_COLUMNS or sheet.column(name) is None:
                allowed = ", ".join(column.name for column in sheet.columns)
                self.problem(Code.UNKNOWN_FIELD, f"unknown column {name!r} on the "
                             f"{sheet.name} sheet (allowed: {allowed})", place, sheet.name)
            elif name in columns.values():
                self.problem(Code.DUPLICATE_KEY, f"column {name!r} appears twice", place,
                             sheet.name)
            else:
                columns[number] = name
        for column in sheet.columns:
            if column.required and column.name not in columns.values():
                self.problem(Code.MISSING_FIELD, f"the {sheet.name} sheet has no "
                             f"{column.name!r} column", _place(index, 0, 1), sheet.name)
        read: list[_Row] = []
        for row_number, values in enumerate(iterator, start=2):
            if row_number > MAX_ROWS + 1:
                self.problem(Code.FILE_TOO_LARGE, f"the {sheet.name} sheet has more than "
                             f"{MAX_ROWS} rows", _place(index, 0, row_number), sheet.name)
                break
            cells: dict[str, _Cell] = {}
            for number, name in columns.items():
                if number > len(values):
                    continue
                cell = values[number - 1]
                place = _place(index, number, row_number)
                if getattr(cell, "data_type", None) == "f":
                    self.problem(Code.WRONG_TYPE, "a formula is not read (formulas are never "
                                 "evaluated): type the value itself", place, sheet.name)
                    continue
                value = _value(cell)
                # A template line of spaces is kept as it is; anywhere else blank is nothing.
                if value is None or (isinstance(value, str) and not value.strip()
                                     and sheet.name != "methodology"):
                    continue
                cells[name] = _Cell(self.convert(value, sheet.column(name), place, sheet.name),
                                    place)
            if cells:
                read.append(_Row(row_number, _place(index, 0, row_number), cells))
        self.sheets[sheet.name] = read

    def convert(self, value: Any, column: Column | None, place: int, element: str) -> Any:
        """A cell's value as the file format has it; what cannot be is left for the loader
        to report in its own words."""
        kind = TEXT if column is None else column.kind
        if kind == WHOLE:
            if isinstance(value, float) and value.is_integer():
                return int(value)
            if isinstance(value, str) and value.strip().isdigit():
                return int(value.strip())
            return value
        if kind == YES_NO:
            if isinstance(value, str):
                word = value.strip().lower()
                if word in ("true", "yes"):
                    return True
                if word in ("false", "no"):
                    return False
            return value
        if kind == DECIMAL:
            return _number_text(value) if isinstance(value, int | float) else value
        if isinstance(value, bool):
            return value
        text = _number_text(value) if isinstance(value, int | float) else value
        if not isinstance(text, str):
            return text
        if kind == LIST:
            items = MarkedList(place)
            for item in text.split(","):
                if item.strip():
                    items.append(item.strip())
                    items.item_lines.append(place)
            return items
        return text

    def rows(self, name: str) -> list[_Row]:
        return self.sheets.get(name, [])

    # -- building the document --

    def mapping(self, row: _Row, names: Iterable[str], rename: dict[str, str] | None = None
                ) -> MarkedMap:
        data = MarkedMap(row.place)
        for name in names:
            cell = row.cells.get(name)
            if cell is not None:
                key = (rename or {}).get(name, name)
                data[key] = cell.value
                data.key_lines[key] = cell.place
        return data

    def listed(self, data: MarkedMap, key: str, items: list[MarkedMap], place: int) -> None:
        if items:
            values = MarkedList(place)
            values.extend(items)
            values.item_lines.extend(item.line for item in items)
            data[key] = values
            data.key_lines[key] = place

    def header_place(self, sheet: str) -> int:
        return _place(self.sheet_index.get(sheet, _index(sheet)), 0, 1)

    def parent(self, row: _Row, column: str, known: set[str], what: str, sheet: str) -> None:
        """Note a row whose parent column names nothing known."""
        owner = row.text(column)
        if owner and owner not in known:
            self.problem(Code.INVALID_VALUE, f"{column} {owner!r} is not {what}",
                         row.cells[column].place, sheet)

    def document(self) -> MarkedMap:
        root = MarkedMap(0)
        rating = MarkedMap(self.header_place("ratings"))
        terms = MarkedMap(self.header_place("settings"))
        for row in self.rows("settings"):
            name = row.text("setting")
            cell = row.cells.get("value")
            place = row.cells["setting"].place if "setting" in row.cells else row.place
            if name not in _SETTINGS:
                self.problem(Code.UNKNOWN_FIELD, f"unknown setting {name!r} (known: "
                             f"{', '.join(_SETTINGS)})", place, "settings")
                continue
            target, key = root, name
            if name in ("person", "people", "publisher"):
                target = terms
            elif name in _WHOLE_SETTINGS:
                target = rating
            elif name == "when_not_rated":
                target, key = MarkedMap(row.place), "when_not_rated"
                rating["overall"] = target
                rating.key_lines["overall"] = place
            if key in target:
                self.problem(Code.DUPLICATE_KEY, f"setting {name!r} is given twice", place,
                             "settings")
                continue
            value = None if cell is None else cell.value
            if name in _WHOLE_SETTINGS:
                value = self.convert(value, Column(name, WHOLE), place, "settings")
            target[key] = value
            target.key_lines[key] = place if cell is None else cell.place
        if terms:
            root["terms"] = terms
            root.key_lines["terms"] = terms.line
        self.attributes(root)
        self.sample_types(root)
        self.rating(root, rating)
        self.domains(root)
        for sheet, key, names in (("breakdowns", "breakdowns", ("attribute", "label")),
                                  ("glossary", "glossary", ("term", "definition")),
                                  ("contextual_measures", "contextual_measures",
                                   ("key", "name", "unit", "target", "source", "notes"))):
            self.listed(root, key, [self.mapping(row, names) for row in self.rows(sheet)],
                        self.header_place(sheet))
        self.questionnaires(root)
        self.presentation(root)
        self.methodology(root)
        return root

    def attributes(self, root: MarkedMap) -> None:
        attributes = [self.mapping(row, ("name", "type", "label", "description", "min", "max"))
                      for row in self.rows("attributes")]
        by_name = {str(a.get("name")): a for a in attributes}
        for row in self.rows("choices"):
            self.parent(row, "attribute", set(by_name), "an attribute on the attributes "
                        "sheet", "choices")
            attribute = by_name.get(row.text("attribute"))
            if attribute is None or "value" not in row.cells:
                continue
            values = attribute.get("values")
            if not isinstance(values, MarkedList):
                values = MarkedList(row.cells["value"].place)
                attribute["values"] = values
                attribute.key_lines["values"] = row.cells["value"].place
            values.append(row.cells["value"].value)
            values.item_lines.append(row.cells["value"].place)
        root["attributes"] = MarkedList(self.header_place("attributes"))
        root.key_lines["attributes"] = self.header_place("attributes")
        self.listed(root, "attributes", attributes, self.header_place("attributes"))

    def sample_types(self, root: MarkedMap) -> None:
        if not self.rows("sample_types"):
            return
        samples: dict[str, MarkedMap] = {}
        listed = []
        for row in self.rows("sample_types"):
            sample = self.mapping(row, ("id", "label", "description", "fields", "strata",
                                        "published_as", "notes"))
            eligibility = self.mapping(row, ("date", "from", "to"))
            sample["eligibility"] = eligibility
            sample.key_lines["eligibility"] = row.place
            samples.setdefault(row.text("id"), sample)
            listed.append(sample)
        for row in self.rows("sample_type_filters"):
            self.parent(row, "sample_type", set(samples), "a sample type on the "
                        "sample_types sheet", "sample_type_filters")
            owner = samples.get(row.text("sample_type"))
            if owner is None:
                continue
            window = owner["eligibility"]
            assert isinstance(window, MarkedMap)
            where = window.get("where")
            if not isinstance(where, MarkedList):
                where = MarkedList(row.place)
                window["where"] = where
                window.key_lines["where"] = row.place
            where.append(self.mapping(row, ("field", "in", "blank")))
            where.item_lines.append(row.place)
        self.listed(root, "sample_types", listed, self.header_place("sample_types"))

    def rating(self, root: MarkedMap, rating: MarkedMap) -> None:
        if not self.rows("ratings") and not self.rows("bands"):
            if rating:
                first = next(iter(rating))
                self.problem(Code.INVALID_VALUE, f"{first!r} is a rating setting, but the "
                             "ratings sheet has no labels", rating.line_of(str(first)),
                             "settings")
            return
        place = self.header_place("ratings")
        labels = MarkedList(place)
        scores = MarkedMap(place)
        for row in self.rows("ratings"):
            if "label" in row.cells:
                labels.append(row.cells["label"].value)
                labels.item_lines.append(row.cells["label"].place)
            if "score" in row.cells:
                label = row.text("label")
                scores[label] = row.cells["score"].value
                scores.key_lines[label] = row.cells["score"].place
        rating["labels"], rating.key_lines["labels"] = labels, place
        rating["scores"], rating.key_lines["scores"] = scores, place
        for scale in ("percentage", "overall"):
            rating[f"{scale}_bands"] = MarkedList(self.header_place("bands"))
            rating.key_lines[f"{scale}_bands"] = self.header_place("bands")
        for row in self.rows("bands"):
            scale = row.text("scale")
            bands = rating.get(f"{scale}_bands")
            if not isinstance(bands, MarkedList):
                self.problem(Code.INVALID_VALUE, f"scale is {scale!r}; expected one of: "
                             "percentage, overall", row.cells.get("scale", _Cell(None, row.place)
                                                                   ).place, "bands")
                continue
            bands.append(self.mapping(row, ("label", "minimum", "maximum")))
            bands.item_lines.append(row.place)
        root["rating"] = rating
        root.key_lines["rating"] = place

    def domains(self, root: MarkedMap) -> None:
        domains: dict[str, MarkedMap] = {}
        listed = []
        for row in self.rows("domains"):
            domain = self.mapping(row, ("id", "title"))
            domain["standards"] = MarkedList(row.place)
            domains.setdefault(row.text("id"), domain)
            listed.append(domain)
        standards: dict[str, MarkedMap] = {}
        for row in self.rows("standards"):
            self.parent(row, "domain", set(domains), "a domain on the domains sheet",
                        "standards")
            standard = self.mapping(row, ("id", "title", "statement", "rating_method",
                                          "sample_type", "scored",
                                          "minimum_relevant_cases_to_rate", "notes"))
            standards.setdefault(row.text("id"), standard)
            self._append(domains.get(row.text("domain")), "standards", standard, row)
        for row in self.rows("limits"):
            self.parent(row, "applies_to", set(standards), "a standard on the standards "
                        "sheet", "limits")
            self._append(standards.get(row.text("applies_to")), "limits",
                         self.mapping(row, ("at_most", "standard", "below", "key_question",
                                            "below_percent", "note")), row)
        owners: dict[str, MarkedMap] = {}
        for row in self.rows("questions"):
            kind = row.text("kind")
            names = ("id", "text", "relevance", "relevance_note", "notes")
            if kind == KEY_QUESTION:
                self.parent(row, "under", set(standards), "a standard on the standards "
                            "sheet", "questions")
                item = self.mapping(row, names)
                self._append(standards.get(row.text("under")), "key_questions", item, row)
            elif kind == PROMPT:
                self.parent(row, "under", {k for k, v in owners.items()
                                               if v.get("_kind") == KEY_QUESTION},
                            "a key question above it on the questions sheet", "questions")
                item = self.mapping(row, ("id", "text", "relevance", "notes"))
                parent = owners.get(row.text("under"))
                if parent is not None and parent.get("_kind") != KEY_QUESTION:
                    parent = None
                self._append(parent, "prompts", item, row)
            else:
                self.problem(Code.INVALID_VALUE, f"kind is {kind!r}; expected one of: "
                             f"{KEY_QUESTION}, {PROMPT}",
                             row.cells.get("kind", _Cell(None, row.place)).place, "questions")
                continue
            owners.setdefault(row.text("id"), item)
            item["_kind"] = kind
        for row in self.rows("reasons"):
            self.parent(row, "under", set(owners), "a key question or prompt on the "
                        "questions sheet", "reasons")
            self._append(owners.get(row.text("under")), "reasons",
                         self.mapping(row, ("id", "text")), row)
        for item in owners.values():
            item.pop("_kind", None)
        root["domains"] = MarkedList(self.header_place("domains"))
        root.key_lines["domains"] = self.header_place("domains")
        self.listed(root, "domains", listed, self.header_place("domains"))

    @staticmethod
    def _append(parent: MarkedMap | None, key: str, item: MarkedMap, row: _Row) -> None:
        if parent is None:
            return
        items = parent.get(key)
        if not isinstance(items, MarkedList):
            items = MarkedList(row.place)
            parent[key] = items
            parent.key_lines[key] = row.place
        items.append(item)
        items.item_lines.append(row.place)

    def questionnaires(self, root: MarkedMap) -> None:
        questionnaires: dict[str, MarkedMap] = {}
        listed = []
        for row in self.rows("questionnaires"):
            item = self.mapping(row, ("id", "title", "interviewees", "description"))
            item["questions"] = MarkedList(row.place)
            item.key_lines["questions"] = row.place
            questionnaires.setdefault(row.text("id"), item)
            listed.append(item)
        questions: dict[str, MarkedMap] = {}
        for row in self.rows("interview_questions"):
            self.parent(row, "questionnaire", set(questionnaires), "a questionnaire on "
                        "the questionnaires sheet", "interview_questions")
            item = self.mapping(row, ("id", "topic", "text", "standard", "per_case", "says",
                                      "says_no", "national_percent", "national_source",
                                      "notes"))
            questions.setdefault(row.text("id"), item)
            self._append(questionnaires.get(row.text("questionnaire")), "questions", item, row)
        for row in self.rows("interview_answers"):
            under = row.text("under")
            self.parent(row, "under", set(questions) | set(questionnaires),
                        "a question or questionnaire", "interview_answers")
            self._append(questions.get(under) or questionnaires.get(under), "answers",
                         self.mapping(row, ("id", "text", "counts_as")), row)
        self.listed(root, "questionnaires", listed, self.header_place("questionnaires"))

    def presentation(self, root: MarkedMap) -> None:
        rows = self.rows("presentation")
        if not rows:
            return
        place = self.header_place("presentation")
        presentation = MarkedMap(place)
        self.listed(presentation, "questions",
                    [self.mapping(row, ("text", "standard")) for row in rows], place)
        root["presentation"], root.key_lines["presentation"] = presentation, place

    def methodology(self, root: MarkedMap) -> None:
        if "methodology" not in self.sheets:
            return
        index = self.sheet_index["methodology"]
        column = next((number for number, (_, name) in self.headers[index].items()
                       if name == "line"), 1)
        rows = {row.number: row.text("line") for row in self.rows("methodology")}
        if not rows:
            return
        lines = [rows.get(number, "") for number in range(2, max(rows) + 1)]
        root["methodology"] = "\n".join(lines) + "\n"
        # The template's first line is its row 2: the loader puts it on the key's line + 1.
        root.key_lines["methodology"] = _place(index, column, 1)


def _index(sheet: str) -> int:
    return next((n for n, s in enumerate(SHEETS) if s.name == sheet), len(SHEETS))


def _value(cell: Any) -> Any:
    return getattr(cell, "value", cell)


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _located(problems: Iterable[Problem], reader: _Reader) -> list[CellProblem]:
    """The loader's problems with their encoded lines turned back into sheet, row, column."""
    names = {reader.sheet_index.get(sheet.name, n): sheet.name for n, sheet in enumerate(SHEETS)}
    located: list[tuple[tuple[int, int, int], CellProblem]] = []
    for problem in problems:
        sheet = row = column = None
        key = (0, 0, 0)
        if problem.line is not None and problem.line >= _SHEET_UNIT:
            index = problem.line // _SHEET_UNIT - 1
            number = problem.line % _SHEET_UNIT // _COLUMN_UNIT
            row = problem.line % _COLUMN_UNIT
            sheet = names.get(index, "?")
            if number:
                letter, name = reader.headers.get(index, {}).get(number, ("?", "?"))
                column = f"{letter} ({name})"
            key = (index + 1, row, number)
        located.append((key, CellProblem(problem.code, problem.message, problem.file, None,
                                         problem.element, sheet, row, column)))
    return [problem for _, problem in sorted(located, key=lambda item: item[0])]


def read_workbook(data: bytes, file: str, *, limits: Limits = DEFAULT_LIMITS) -> Framework:
    """Build and validate a framework from an XLSX workbook's bytes; raises `FrameworkError`
    whose problems (`CellProblem`) name the sheet, row and column."""
    from openpyxl import load_workbook

    from probation_inspection.framework.loader import build_framework

    def fail(code: Code, message: str) -> FrameworkError:
        return FrameworkError([CellProblem(code, message, file, None, "file", None, None,
                                           None)])

    try:
        check_size(len(data), FRAMEWORK_FILE, limits)
        # A framework workbook is small: it may not unpack to more than a few times the size
        # a framework file may have.
        check_zip(data, FRAMEWORK_FILE, dataclasses.replace(limits, zip_uncompressed_bytes=min(
            limits.zip_uncompressed_bytes, 25 * limits.framework_bytes)))
    except LimitExceeded as error:
        raise fail(Code.FILE_TOO_LARGE, str(error)) from None
    except UntrustedFileError as error:
        raise fail(Code.UNREADABLE_FILE, str(error)) from None
    try:
        # Not data_only: a formula cell is seen as one and refused, never its cached value.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file  # noqa: BLE001
        raise fail(Code.UNREADABLE_FILE, f"not a readable XLSX workbook: {error}") from None
    reader = _Reader(file)
    try:
        names = list(book.sheetnames)
        if "settings" not in names:
            raise fail(Code.MISSING_FIELD, "the workbook has no 'settings' sheet (id, version, "
                       "title)")
        for name in names:
            sheet = _BY_NAME.get(name)
            if sheet is None:
                reader.problem(Code.UNKNOWN_FIELD, f"unknown sheet {name!r} (known: "
                               f"{', '.join(_BY_NAME)})", None, name)
                continue
            reader.read_sheet(_index(name), sheet,
                              book[name].iter_rows(max_col=MAX_COLUMNS + 1))
        document = reader.document()
    finally:
        book.close()
    try:
        return build_framework(document, file, reader.problems)
    except FrameworkError as error:
        raise FrameworkError(list[Problem](_located(error.problems, reader))) from None


def load_framework_workbook(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Framework:
    """Load and validate an XLSX framework file; raises `FrameworkError` naming the file."""
    path = Path(path)
    try:
        check_size(path.stat().st_size, FRAMEWORK_FILE, limits)
        data = path.read_bytes()
    except LimitExceeded as error:
        raise FrameworkError([Problem(Code.FILE_TOO_LARGE, str(error), str(path), None,
                                      "file")]) from None
    except OSError as error:
        raise FrameworkError([Problem(Code.UNREADABLE_FILE, f"cannot read the file: {error}",
                                      str(path), None, "file")]) from error
    return read_workbook(data, str(path), limits=limits)


def sheet_help() -> Iterator[tuple[str, str, tuple[Column, ...]]]:
    """Each sheet's name, what it holds and its columns, for the authoring guide."""
    for sheet in SHEETS:
        yield sheet.name, sheet.help, sheet.columns
