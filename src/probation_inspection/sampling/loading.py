"""Loading a case list from outside: read and validated in a child process within limits.

Owns the one entry point the command line and the web application use for a case list file,
so a hostile file (an XLSX bomb, a million rows too many) costs at most the limits' memory
and time, and comes back as a ``CaseListError`` naming the limit, never a crash.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from probation_inspection.sampling.cases import CaseList
from probation_inspection.sampling.defaults import SampleTypeRef
from probation_inspection.sampling.fields import CATEGORIES, Field
from probation_inspection.sampling.problems import CaseListError, Problem
from probation_inspection.sampling.reading import read_case_list
from probation_inspection.sampling.validation import few_values, validate
from probation_inspection.untrusted import (
    CASE_LIST,
    DEFAULT_LIMITS,
    Limits,
    UntrustedFileError,
    check_size,
    run_isolated,
)


@dataclass(frozen=True)
class _Refused:
    """A CaseListError as plain data: the exception itself does not survive pickling."""

    source: str
    problems: tuple[Problem, ...]


#: Text fields with few distinct values in any real list, sent back as categoricals.
_FEW_TEXTS = (Field.DELIVERY_UNIT, Field.OFFICE, Field.RELEASING_PRISON)


@dataclass(frozen=True)
class _Packed:
    """A validated case list on its way back from the child. Its frame crosses as an Arrow
    file in a folder the parent made and removes, not inside the pickle: pickling a million
    rows' frame held the frame, its serialised bytes and the pickle's copy of them at once in
    the child (about 670 MiB at the peak). Its category fields go as enums and its few-valued
    text fields as categoricals, a code a cell. ``unpacked`` gives back exactly the case list
    the child validated."""

    case_list: CaseList
    frame_file: str
    packed: tuple[str, ...]

    @classmethod
    def of(cls, case_list: CaseList, folder: Path) -> _Packed:
        categories = getattr(pl, "Categories", None)  # polars 1.32 and later
        casts: dict[str, pl.DataType] = {field.value: pl.Enum([member.value for member in kind])
                 for field, kind in CATEGORIES.items()}
        if categories is not None:
            casts.update({field.value: pl.Categorical(categories.random())
                          for field in _FEW_TEXTS})
        frame_file = folder / "case-list.arrow"
        case_list.frame.with_columns(
            pl.col(name).cast(dtype) for name, dtype in casts.items()).write_ipc(frame_file)
        return cls(replace(case_list, frame=case_list.frame.clear()), str(frame_file),
                   tuple(casts))

    def unpacked(self) -> CaseList:
        frame = pl.read_ipc(self.frame_file).with_columns(
            pl.col(self.packed).cast(pl.String))
        return replace(self.case_list, frame=frame)


def _read_and_validate(
    path: Path,
    sample_type: SampleTypeRef,
    overrides: Mapping[Field, str] | None,
    extra_required: tuple[Field, ...],
    limits: Limits,
    folder: Path,
) -> _Packed | _Refused:
    """Runs in the child process; the validated frame is written into ``folder``."""
    try:
        table = read_case_list(path, limits=limits, few_values=few_values(
            sample_type, overrides=overrides, extra_required=extra_required))
        case_list = validate(table, sample_type, overrides=overrides,
                             extra_required=extra_required)
        # The raw table's text columns (dates as read, say) are not needed once validated:
        # let them go before the packed copy and its pickle are made beside the case list.
        del table
        return _Packed.of(case_list, folder)
    except CaseListError as error:
        return _Refused(error.source, error.problems)
    except (MemoryError, RecursionError):
        raise
    except Exception as error:  # noqa: BLE001 - a reader's own failure on a damaged file
        message = str(error).splitlines()[0][:300] if str(error) else type(error).__name__
        return _Refused(path.name, (Problem(None, None, None,
                                            f"could not read the case list: {message}"),))


def load_untrusted_case_list(
    path: Path,
    sample_type: SampleTypeRef,
    *,
    overrides: Mapping[Field, str] | None = None,
    extra_required: tuple[Field, ...] = (),
    limits: Limits = DEFAULT_LIMITS,
    source: str | None = None,
) -> CaseList:
    """Read and validate a case list within ``limits``; ``CaseListError`` with every problem.

    ``source`` is the name messages give the file (the uploaded name, say), else its own.
    """
    name = source or path.name
    with tempfile.TemporaryDirectory(prefix="case-list-") as folder:
        try:
            check_size(path.stat().st_size, CASE_LIST, limits)
            outcome = run_isolated(_read_and_validate, path, sample_type, overrides,
                                   extra_required, limits, Path(folder),
                                   doing="reading the case list", limits=limits)
        except UntrustedFileError as error:
            raise CaseListError.single(name, str(error)) from None
        if isinstance(outcome, _Refused):
            raise CaseListError(name, outcome.problems)
        return outcome.unpacked()
