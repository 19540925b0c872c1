"""Frameworks written as YAML and as XLSX workbooks, and read back: every shipped framework
round-trips to an equal framework; a workbook's problems name sheet, row and column.

Also ``frameworks export``, ``import`` and ``validate`` of a workbook, and ``list --json``.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

import probation_inspection.cli.frameworks  # noqa: F401  (registers the commands)
from probation_inspection.cli.app import EXIT_BAD_INPUT, app
from probation_inspection.framework import (
    Code,
    Framework,
    FrameworkError,
    available_frameworks,
    load_framework,
    load_framework_file,
    load_framework_text,
)
from probation_inspection.framework.serialise import framework_to_dict, framework_to_yaml
from probation_inspection.framework.xlsx import (
    SHEETS,
    CellProblem,
    framework_to_workbook,
    read_workbook,
)
from probation_inspection.untrusted import Limits

RUNNER = CliRunner()
SHIPPED = [(summary.id, summary.version) for summary in available_frameworks()]


def _same(first: Framework, second: Framework) -> None:
    # Equality of the model, and of its data (which also holds what equality leaves out,
    # such as a sample type's description).
    assert first == second
    assert framework_to_dict(first) == framework_to_dict(second)
    # The notes (sources, PROVISIONAL marks) are provenance, outside equality: held apart.
    assert first.notes_by_element() == second.notes_by_element()


@pytest.mark.parametrize(("framework_id", "version"), SHIPPED)
def test_every_shipped_framework_round_trips_through_a_workbook(framework_id: str,
                                                                version: str) -> None:
    framework = load_framework(framework_id, version)
    _same(framework, read_workbook(framework_to_workbook(framework), "export.xlsx"))


@pytest.mark.parametrize(("framework_id", "version"), SHIPPED)
def test_every_shipped_framework_round_trips_through_yaml(framework_id: str,
                                                          version: str) -> None:
    framework = load_framework(framework_id, version)
    _same(framework, load_framework_text(framework_to_yaml(framework), "export.yaml"))


def test_the_six_shipped_frameworks_are_all_there() -> None:
    assert len(SHIPPED) == 6


@pytest.mark.parametrize(("framework_id", "version"), SHIPPED)
def test_every_shipped_framework_carries_its_sources_as_data(framework_id: str,
                                                              version: str) -> None:
    # The sources and PROVISIONAL marks are notes, which a round trip keeps, not comments.
    framework = load_framework(framework_id, version)
    notes = framework.notes_by_element()
    assert "Sources" in notes["framework"]
    workbook = read_workbook(framework_to_workbook(framework), "export.xlsx")
    assert workbook.notes_by_element() == notes
    assert load_framework_text(framework_to_yaml(framework), "x.yaml").notes_by_element() == notes


# Any words a person might type, without the control characters a framework file refuses.
WORDS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
                ).map(lambda text: " ".join(text.split())).filter(bool)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=WORDS, statement=WORDS, prompt=WORDS, term=WORDS, note=WORDS,
       notes=st.lists(WORDS, min_size=1, max_size=3).map("\n".join))
def test_any_wording_round_trips_through_both_formats(title: str, statement: str, prompt: str,
                                                      term: str, note: str, notes: str) -> None:
    base = load_framework("hmip-pdu-2023")
    domain = base.domains[1]
    standard = domain.standards[0]
    key_question = standard.key_questions[0]
    changed_kq = dataclasses.replace(key_question, relevance_note=note, notes=notes, prompts=(
        dataclasses.replace(key_question.prompts[0], text=prompt, notes=notes),
        *key_question.prompts[1:]))
    changed = dataclasses.replace(standard, title=title, statement=statement, notes=notes,
                                  key_questions=(changed_kq, *standard.key_questions[1:]))
    framework = dataclasses.replace(
        base, title=title, terms=dataclasses.replace(base.terms, person=term), notes=notes,
        sample_types=(dataclasses.replace(base.sample_types[0], notes=notes),
                      *base.sample_types[1:]),
        domains=(base.domains[0], dataclasses.replace(domain, standards=(
            changed, *domain.standards[1:])), *base.domains[2:]))
    _same(framework, read_workbook(framework_to_workbook(framework), "any.xlsx"))
    _same(framework, load_framework_text(framework_to_yaml(framework), "any.yaml"))


def test_text_that_looks_like_a_formula_stays_text() -> None:
    base = load_framework("hmip-pdu-2023")
    framework = dataclasses.replace(base, description="=HYPERLINK(\"http://x\",\"y\")")
    data = framework_to_workbook(framework)
    book = load_workbook(io.BytesIO(data))
    settings_rows = {row[0].value: row[1] for row in book["settings"].iter_rows(min_row=2)}
    assert settings_rows["description"].data_type == "s"
    _same(framework, read_workbook(data, "text.xlsx"))


def _workbook(tmp_path: Path, edit: dict[tuple[str, str], object]) -> Path:
    data = framework_to_workbook(load_framework("hmip-pdu-2023"))
    book = load_workbook(io.BytesIO(data))
    for (sheet, cell), value in edit.items():
        book[sheet][cell] = value
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return path


def _problems(path: Path) -> list[CellProblem]:
    with pytest.raises(FrameworkError) as caught:
        load_framework_file(path)
    problems = list(caught.value.problems)
    assert all(isinstance(problem, CellProblem) for problem in problems)
    return problems  # type: ignore[return-value]


def test_a_problem_names_its_sheet_row_and_column(tmp_path: Path) -> None:
    # Column E of the standards sheet is rating_method; row 3 is the second standard.
    path = _workbook(tmp_path, {("standards", "E3"): "lowest"})
    [problem] = [p for p in _problems(path) if p.code is Code.INVALID_VALUE]
    assert (problem.sheet, problem.row, problem.column) == ("standards", 3,
                                                            "E (rating_method)")
    assert str(problem).startswith(f"{path}: sheet 'standards', row 3, column E "
                                   "(rating_method): FW106 invalid-value")


def test_a_formula_is_refused_not_evaluated(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {("domains", "B2"): "=UPPER(\"Organisational delivery\")"})
    problems = _problems(path)
    formula = [p for p in problems if "formula" in p.message]
    assert formula and (formula[0].sheet, formula[0].row) == ("domains", 2)
    assert formula[0].column == "B (title)"


def test_unknown_sheets_columns_and_parents_are_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {("standards", "Z1"): "colour", ("standards", "A2"): "9"})
    book = load_workbook(path)
    book.create_sheet("notes")
    book.save(path)
    problems = _problems(path)
    messages = [str(problem) for problem in problems]
    assert any("unknown sheet 'notes'" in m for m in messages)
    assert any("sheet 'standards', row 1, column Z (colour)" in m and "FW103" in m
               for m in messages)
    assert any("sheet 'standards', row 2, column A (domain)" in m
               and "domain '9' is not a domain on the domains sheet" in m for m in messages)


def test_a_methodology_fault_names_the_row_of_its_template_line(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {("methodology", "A4"): "{{ no_such_value.count }}"})
    [problem] = [p for p in _problems(path) if p.code is Code.METHODOLOGY_TEMPLATE]
    assert (problem.sheet, problem.row) == ("methodology", 4)


def test_a_workbook_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    data = framework_to_workbook(load_framework("hmip-pdu-2023"))
    with pytest.raises(FrameworkError) as caught:
        read_workbook(data, "big.xlsx", limits=Limits(framework_bytes=1000))
    assert caught.value.codes == [Code.FILE_TOO_LARGE]


def test_not_a_workbook_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"id: not a zip")
    problems = _problems(path)
    assert [p.code for p in problems] == [Code.UNREADABLE_FILE]


def test_every_sheet_is_documented_in_the_authoring_guide() -> None:
    guide = (Path(__file__).parents[2] / "docs" / "framework-authoring.md").read_text()
    for sheet in SHEETS:
        assert f"`{sheet.name}`" in guide, sheet.name
        for column in sheet.columns:
            assert f"`{column.name}`" in guide, (sheet.name, column.name)


# --- the commands -----------------------------------------------------------------------------


def run(*args: str):  # type: ignore[no-untyped-def]
    return RUNNER.invoke(app, ["frameworks", *args], env={"COLUMNS": "200"})


@pytest.mark.parametrize("framework_id", ["hmip-pdu-2021", "hmip-yjs-2021"])
def test_export_xlsx_then_validate_and_import_give_the_same_framework(
        tmp_path: Path, framework_id: str) -> None:
    workbook, back = tmp_path / "f.xlsx", tmp_path / "f.yaml"
    assert run("export", framework_id, "--format", "xlsx", "--out", str(workbook)).exit_code == 0
    validated = run("validate", str(workbook))
    assert validated.exit_code == 0, validated.output
    assert validated.stdout.startswith(f"OK: {framework_id} ")
    imported = run("import", str(workbook), "--out", str(back))
    assert imported.exit_code == 0, imported.output
    _same(load_framework(framework_id), load_framework_file(back))
    _same(load_framework(framework_id), load_framework_file(workbook))


def test_export_yaml_to_standard_output_loads_back() -> None:
    result = run("export", "hmip-crc-2018")
    assert result.exit_code == 0, result.output
    _same(load_framework("hmip-crc-2018"), load_framework_text(result.stdout, "out.yaml"))


def test_export_xlsx_needs_an_output_file() -> None:
    result = run("export", "hmip-crc-2018", "--format", "xlsx")
    assert result.exit_code == EXIT_BAD_INPUT
    assert "--out" in result.output


def test_import_of_a_faulty_workbook_writes_nothing(tmp_path: Path) -> None:
    path = _workbook(tmp_path, {("standards", "E3"): "lowest"})
    out = tmp_path / "never.yaml"
    result = run("import", str(path), "--out", str(out))
    assert result.exit_code == EXIT_BAD_INPUT
    assert "sheet 'standards', row 3, column E (rating_method)" in result.stdout
    assert not out.exists()


def test_list_json_gives_each_shipped_framework_and_its_standards() -> None:
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    listed = {(f["id"], f["version"]): f for f in json.loads(result.stdout)["frameworks"]}
    assert set(listed) == set(SHIPPED)
    for (framework_id, version), entry in listed.items():
        framework = load_framework(framework_id, version)
        assert entry["title"] == framework.title
        assert entry["max_score"] == framework.maximum_score
        scored = {standard.id for standard in framework.scored_standards()}
        assert entry["standards"] == [
            {"id": s.id, "title": s.title, "rating_method": s.rating_method.value,
             "scored": s.id in scored} for s in framework.standards()]
    assert listed[("hmip-pdu-2021", "2021.1")]["max_score"] == 27
    assert listed[("hmip-yjs-2021", "2021.1")]["max_score"] == 36
    youth = {s["id"]: s for s in listed[("hmip-yjs-2021", "2021.1")]["standards"]}
    assert any(not s["scored"] and s["rating_method"] != "unrated" for s in youth.values())
    assert listed[("hmip-tr-ei5-2016", "2016.1")]["max_score"] is None


# --- hostile workbooks ------------------------------------------------------------------------

CELL_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            max_size=30),
    st.sampled_from(["=1+1", "key question", "prompt", "overall", "lowest-key-question",
                     "1.1", "A", "{{ x }}", "{% for x in y %}", "rosh_issues and", ","]))
_BASE = framework_to_workbook(load_framework("hmip-pdu-2023"))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.sampled_from([sheet.name for sheet in SHEETS] + ["other"]),
                                st.integers(1, 12), st.integers(1, 10), CELL_VALUES),
                      min_size=1, max_size=8))
def test_any_edit_to_a_workbook_is_a_framework_or_problems_never_a_crash(
        edits: list[tuple[str, int, int, object]]) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = load_workbook(io.BytesIO(_BASE))
    for sheet, row, column, value in edits:
        if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
            continue  # a spreadsheet program cannot save these either
        page = book[sheet] if sheet in book.sheetnames else book.create_sheet(sheet)
        page.cell(row=row, column=column, value=value)
    output = io.BytesIO()
    book.save(output)
    try:
        read_workbook(output.getvalue(), "edited.xlsx")
    except FrameworkError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith("edited.xlsx")
