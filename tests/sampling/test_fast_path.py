"""The CSV fast path: columns with few values read as categoricals give the same case list
and the same problems, on the same rows and columns, as every column read as text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sampling_helpers import CASELISTS

from probation_inspection.sampling import (
    CaseList,
    CaseListError,
    draw,
    eligible,
    load_case_list,
    reading,
    validate,
)
from probation_inspection.sampling.loading import _Packed, load_untrusted_case_list
from probation_inspection.sampling.reading import parse_csv, read_case_list
from probation_inspection.sampling.validation import few_values
from sample_ids import SampleType

Outcome = CaseList | tuple[str, ...]

HEADER = ("CRN", "Gender", "Disposal", "RoSH", "Sentence start date", "LDU", "UPW hours",
          "Release date", "Releasing prison", "Notes")


def _outcome(read: Callable[[], reading.RawTable], sample_type: SampleType) -> Outcome:
    try:
        return validate(read(), sample_type)
    except CaseListError as error:
        return tuple(str(problem) for problem in error.problems)


def _same(fast: Outcome, text: Outcome) -> None:
    if isinstance(fast, CaseList) and isinstance(text, CaseList):
        assert fast.frame.schema == text.frame.schema
        assert fast.frame.equals(text.frame)
        assert (fast.columns, fast.attributes) == (text.columns, text.attributes)
    else:
        assert fast == text


def test_few_values_are_the_columns_checked_once_per_distinct_value() -> None:
    choose = few_values(SampleType.CASE_SUPERVISION)
    # Every matched field but the case reference; unmatched columns stay text.
    assert choose([" CRN", "Gender ", "Disposal", "RoSH", "Sentence start date", "LDU",
                   "Notes"]) == {1, 2, 3, 4, 5}


def test_a_csv_is_read_with_categoricals_and_validated_by_their_codes() -> None:
    path = CASELISTS / "case-supervision.csv"
    table = read_case_list(path, few_values=few_values(SampleType.CASE_SUPERVISION))
    dtypes = dict(zip(table.headers, table.frame.drop(reading.ROW).dtypes, strict=True))
    assert isinstance(dtypes["Gender"], pl.Categorical)
    assert dtypes["CRN"] == pl.String
    fast = validate(table, SampleType.CASE_SUPERVISION)
    _same(fast, validate(read_case_list(path), SampleType.CASE_SUPERVISION))
    # Extra columns stay text in the case list, whichever way they were read.
    assert all(dtype == pl.String for name, dtype in fast.frame.schema.items()
               if name.startswith("attribute:"))


@pytest.mark.parametrize("name", sorted(path.name for path in CASELISTS.iterdir()))
@pytest.mark.parametrize("sample_type", [SampleType.CASE_SUPERVISION, SampleType.UNPAID_WORK])
def test_every_fixture_gives_the_same_outcome_either_way(
    name: str, sample_type: SampleType
) -> None:
    path = CASELISTS / name
    _same(_outcome(lambda: read_case_list(path, few_values=few_values(sample_type)),
                   sample_type),
          _outcome(lambda: read_case_list(path), sample_type))


def test_a_header_polars_counts_differently_is_still_explained() -> None:
    # The csv module and polars disagree on this header's cells: the categorical dtypes cannot
    # be laid on it, so it is read as text and the header check reports it as before.
    data = b'CRN,Gender,"Disposal\nRoSH,Sentence start date\nX1,Male,Licence,Low,2018-08-20\n'
    choose = few_values(SampleType.CASE_SUPERVISION)
    fast = _outcome(lambda: parse_csv(data, source="t.csv", few_values=choose),
                    SampleType.CASE_SUPERVISION)
    text = _outcome(lambda: parse_csv(data, source="t.csv"), SampleType.CASE_SUPERVISION)
    assert fast == text


def test_a_nul_byte_past_the_first_megabyte_is_found(tmp_path: Path) -> None:
    rows = "".join(f"X{n},Male,Licence,Low,2018-08-20\n" for n in range(60_000))
    path = tmp_path / "nul.csv"
    path.write_bytes(f"CRN,Gender,Disposal,RoSH,Sentence start date\n{rows}".encode()
                     + b"X9\x00,Male,Licence,Low,2018-08-20\n")
    assert path.stat().st_size > 1 << 20
    with pytest.raises(CaseListError) as caught:
        read_case_list(path, few_values=few_values(SampleType.CASE_SUPERVISION))
    assert [str(p) for p in caught.value.problems] == [
        f"row 60002, column CRN: contains a {reading.NUL_WORDS}"]


def test_a_repeated_reference_among_many_is_still_named() -> None:
    rows = [f"X{n},Male,Licence,Low,2018-08-20" for n in range(5_000)] + ["x17,F,CO,L,01/02/2019"]
    data = ("CRN,Gender,Disposal,RoSH,Sentence start date\n" + "\n".join(rows)).encode()
    with pytest.raises(CaseListError) as caught:
        validate(parse_csv(data, source="t.csv",
                           few_values=few_values(SampleType.CASE_SUPERVISION)),
                 SampleType.CASE_SUPERVISION)
    assert [str(p) for p in caught.value.problems] == [
        'row 5002, column CRN: case reference "x17" is also on row 19']


def test_a_fast_read_list_samples_as_the_text_read_one() -> None:
    path = CASELISTS / "case-supervision.csv"
    fieldwork = dt.date(2019, 3, 4)
    samples = []
    for case_list in (load_case_list(path, SampleType.CASE_SUPERVISION),
                      validate(read_case_list(path), SampleType.CASE_SUPERVISION)):
        population = eligible(case_list, SampleType.CASE_SUPERVISION, fieldwork)
        samples.append(draw(population, 7))
    assert samples[0] == samples[1]


_CELL = st.one_of(
    st.sampled_from(["", " ", "Male", "f", "WOMAN", "Licence", "co", "Deferred", "Low", "vh",
                     "2018-08-20", "20/08/2018", "31/02/2018", "2018-8-2 10:00", "soon", "40",
                     "301", "12.5", "Cardiff", " HMP Parc ", "=1+1", "x" * 60, "X1", "x1"]),
    st.text(st.characters(codec="utf-8", exclude_characters='",\n\r\x00'), max_size=8),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(_CELL, min_size=len(HEADER), max_size=len(HEADER)), min_size=1,
                  max_size=12),
    sample_type=st.sampled_from([SampleType.CASE_SUPERVISION, SampleType.UNPAID_WORK]),
)
def test_any_list_gives_the_same_outcome_either_way(
    rows: list[list[str]], sample_type: SampleType
) -> None:
    lines = [",".join(HEADER), *(",".join(f'"{cell}"' for cell in row) for row in rows)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    fast = _outcome(lambda: parse_csv(data, source="t.csv", few_values=few_values(sample_type)),
                    sample_type)
    _same(fast, _outcome(lambda: parse_csv(data, source="t.csv"), sample_type))


def test_the_fields_read_as_categories_exclude_only_the_case_reference() -> None:
    choose = few_values(SampleType.UNPAID_WORK)
    chosen = choose(list(HEADER))
    assert HEADER.index("CRN") not in chosen
    assert HEADER.index("Notes") not in chosen
    assert {HEADER[i] for i in chosen} == set(HEADER) - {"CRN", "Notes"}


@pytest.mark.parametrize("name", ["case-supervision.csv", "through-the-gate.csv",
                                  "unpaid-work.csv"])
def test_the_child_process_sends_back_the_case_list_it_validated(name: str) -> None:
    path = CASELISTS / name
    sample_type = SampleType(name.removesuffix(".csv"))
    _same(load_untrusted_case_list(path, sample_type), load_case_list(path, sample_type))


def test_a_packed_case_list_unpacks_to_the_same_frame(tmp_path: Path) -> None:
    case_list = load_case_list(CASELISTS / "through-the-gate.csv", SampleType.THROUGH_THE_GATE)
    packed = _Packed.of(case_list, tmp_path)
    # The frame crosses as an Arrow file, its categories as enums; the pickle carries none.
    assert packed.case_list.frame.height == 0
    assert isinstance(pl.read_ipc(packed.frame_file).schema["gender"], pl.Enum)
    _same(packed.unpacked(), case_list)
