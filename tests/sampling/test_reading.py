"""Reading case lists: encodings, separators, blank rows, XLSX cells and formulas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from probation_inspection.sampling import CaseListError, load_case_list
from probation_inspection.sampling.reading import cell_text, parse_csv, read_case_list
from sample_ids import SampleType

CASELISTS = Path(__file__).parents[1] / "fixtures" / "caselists"


def notes(path: Path) -> list[str | None]:
    case_list = load_case_list(path, SampleType.CASE_SUPERVISION)
    return [case.attributes["Notes"] for case in case_list.cases()]


def test_utf8_with_bom_reads_the_first_header_without_the_mark() -> None:
    table = read_case_list(CASELISTS / "utf8-bom.csv")
    assert table.headers[0] == "CRN"
    assert (table.encoding, table.separator) == ("utf-8", ",")
    assert notes(CASELISTS / "utf8-bom.csv") == ["Café visit"] * 3


def test_windows_1252_with_semicolons_and_crlf() -> None:
    table = read_case_list(CASELISTS / "windows-1252-semicolon.csv")
    assert (table.encoding, table.separator) == ("cp1252", ";")
    assert notes(CASELISTS / "windows-1252-semicolon.csv") == ["O\u2019Brien café"] * 3


def test_semicolons_with_quoted_cells_keep_formula_like_text() -> None:
    assert read_case_list(CASELISTS / "semicolon.csv").separator == ";"
    assert notes(CASELISTS / "semicolon.csv") == ["+44 1234, -5; @home"] * 3


def test_tab_separated_with_a_quoted_tab_and_a_formula() -> None:
    assert read_case_list(CASELISTS / "tab.tsv").separator == "\t"
    assert notes(CASELISTS / "tab.tsv") == ['=HYPERLINK("http://x")\tsee'] * 3


def test_utf8_that_only_goes_wrong_after_the_sniffed_head_falls_back_to_windows_1252(
    tmp_path: Path,
) -> None:
    rows = b"".join(b"X%06d,Male\n" % i for i in range(20_000))
    data = b"CRN,Gender\n" + rows + b"X999999,caf\xe9\n"
    (tmp_path / "late.csv").write_bytes(data)
    for table in (parse_csv(data, source="late.csv"), read_case_list(tmp_path / "late.csv")):
        assert table.encoding == "cp1252"
        assert table.frame.row(-1)[1:] == ("X999999", "café")
        assert table.frame.height == 20_001


def test_rows_are_numbered_as_a_spreadsheet_shows_them_and_blank_rows_are_skipped() -> None:
    table = parse_csv(b"CRN,Gender\nA1,Male\n\n,\nA2,Female\n", source="blank.csv")
    assert table.frame["row"].to_list() == [2, 5]


def test_a_row_with_more_cells_than_the_header_is_named() -> None:
    with pytest.raises(CaseListError) as caught:
        parse_csv(b"CRN,Gender\nA1,Male\nA2,Female,extra\n", source="ragged.csv")
    assert [str(p) for p in caught.value.problems] == ["row 3: has 3 cells but the header has 2"]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "the file is empty"), (b"\xef\xbb\xbf\n", "the file is empty"),
     (b"CRN\nA\x81\x8d\n", "neither UTF-8 nor Windows-1252")],
)
def test_unreadable_csv(data: bytes, message: str) -> None:
    with pytest.raises(CaseListError, match=message):
        parse_csv(data, source="bad.csv")


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.ods"
    path.write_bytes(b"x")
    with pytest.raises(CaseListError, match="cannot read a .ods file"):
        read_case_list(path)


def _workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["CRN", "Gender", "Disposal", "RoSH", "Sentence start date", "LDU", "Notes"])
    sheet.append(["X1", "Male", "Licence", "High", dt.datetime(2018, 8, 20), "Cardiff", "=1+1"])
    sheet.append(["X2", "Female", "CO", "Low", "21/08/2018", "Swansea", "+44 20"])
    sheet.append([None] * 7)
    sheet.append(["X3", "M", "SSO", "Medium", "2018-08-22", "Cardiff", "@SUM(A1)"])
    sheet.append([4, "F", "Licence", "Low", dt.date(2018, 8, 23), "Cardiff", "-5"])
    sheet["G6"] = "=HYPERLINK(\"http://example.org\")"
    sheet["H1"] = "Total"
    sheet["H2"] = "=SUM(1,2)"
    sheet["H3"] = ArrayFormula("H3:H3", "=SUM(A1:A2)")
    sheet["H5"] = 12.0
    sheet["H6"] = 2.5
    workbook.save(path)
    return path


def test_xlsx_formulas_are_read_as_their_text_and_never_evaluated(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "list.xlsx")
    case_list = load_case_list(path, SampleType.CASE_SUPERVISION)
    cases = list(case_list.cases())
    assert [case.row for case in cases] == [2, 3, 5, 6]
    assert [case.crn for case in cases] == ["X1", "X2", "X3", "4"]
    assert [case.attributes["Notes"] for case in cases] == [
        "=1+1", "+44 20", "@SUM(A1)", '=HYPERLINK("http://example.org")'
    ]
    assert [case.attributes["Total"] for case in cases] == ["=SUM(1,2)", "=SUM(A1:A2)", "12", "2.5"]
    assert [case.start_date for case in cases] == [
        dt.date(2018, 8, 20), dt.date(2018, 8, 21), dt.date(2018, 8, 22), dt.date(2018, 8, 23)
    ]


def test_xlsx_errors_name_the_sheet_row(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "list.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    sheet["B5"] = "=IF(A1,\"Male\",\"Female\")"
    workbook.save(path)
    with pytest.raises(CaseListError) as caught:
        load_case_list(path, SampleType.CASE_SUPERVISION)
    assert [str(p) for p in caught.value.problems] == [
        'row 5, column Gender: unknown gender "=IF(A1,"Male","Female")"; allowed values are '
        "male, female"
    ]


def test_a_damaged_workbook_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(CaseListError, match="could not open the workbook"):
        read_case_list(path)


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, None), ("  ", None), (True, "TRUE"), (dt.datetime(2019, 1, 2, 10, 30),
                                                   "2019-01-02 10:30:00"),
     (3.0, "3"), (3.25, "3.25"), ("=A1", "=A1")],
)
def test_cell_text(value: object, text: str | None) -> None:
    assert cell_text(value) == text


def test_xlsx_values_beyond_the_header_are_all_reported(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["CRN", "Gender"])
    sheet.append(["X1", "Male", "stray"])
    sheet.append(["X2", "Male"])
    sheet.append(["X3", "Female", None, "stray"])
    workbook.save(tmp_path / "wide.xlsx")
    with pytest.raises(CaseListError) as caught:
        read_case_list(tmp_path / "wide.xlsx")
    assert [str(p) for p in caught.value.problems] == [
        "row 2: has a value beyond the last header column (2 headers)",
        "row 4: has a value beyond the last header column (2 headers)",
    ]


def test_an_empty_worksheet_is_reported(tmp_path: Path) -> None:
    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(CaseListError, match="the worksheet is empty"):
        read_case_list(tmp_path / "empty.xlsx")


def test_progress_is_reported_while_reading() -> None:
    calls: list[tuple[int, int | None]] = []
    read_case_list(CASELISTS / "case-supervision.csv", progress=lambda *a: calls.append(a))
    size = (CASELISTS / "case-supervision.csv").stat().st_size
    assert calls[-1] == (size, size)


def test_framework_attributes_use_the_reports_words_and_leave_out_absent_facts() -> None:
    import datetime as dt

    from probation_inspection.sampling import Case
    from probation_inspection.sampling.fields import Disposal, Gender, OfficerGrade, RoSH

    case = Case(
        row=2, crn="X123456", gender=Gender("male"), disposal=Disposal("community-order"),
        rosh=RoSH("very-high"), officer_grade=OfficerGrade("PSO"), delivery_unit="Cardiff",
        start_date=dt.date(2018, 8, 1), attributes={"ethnicity": "White", "blank": None},
    )
    attributes = case.framework_attributes()
    assert attributes["disposal"] == "community order"
    assert attributes["rosh_level"] == "very high"
    assert attributes["responsible_officer_grade"] == "PSO"
    assert attributes["start_date"] == "2018-08-01"
    assert attributes["ethnicity"] == "White"
    assert "blank" not in attributes and "release_date" not in attributes
