"""The shipped frameworks: the YAML files in ``library/``, found by id and version and cached.

Owns looking frameworks up; loading and validating a file is `loader`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from probation_inspection.framework.errors import FrameworkError, Problem
from probation_inspection.framework.loader import load_framework_file, load_framework_text
from probation_inspection.framework.model import Framework
from probation_inspection.untrusted import DEFAULT_LIMITS, Limits, run_isolated


@dataclass(frozen=True)
class FrameworkSummary:
    """What a list of frameworks shows about each one."""

    id: str
    version: str
    title: str
    rated: bool
    standards: int
    key_questions: int
    prompts: int


class UnknownFramework(LookupError):
    """No shipped framework has the id (and version) asked for."""

    def __str__(self) -> str:
        return str(self.args[0])


def summarise(framework: Framework) -> FrameworkSummary:
    key_questions = list(framework.key_questions())
    return FrameworkSummary(
        id=framework.id,
        version=framework.version,
        title=framework.title,
        rated=framework.rated,
        standards=sum(1 for _ in framework.standards()),
        key_questions=len(key_questions),
        prompts=sum(len(key_question.prompts) for key_question in key_questions),
    )


def listing(framework: Framework) -> dict[str, object]:
    """What a framework library shows of one framework (``frameworks list --json``, the web
    app's library page): id, version, title, maximum score, and each standard's id, title,
    rating method and whether it is scored towards the overall."""
    scored = {standard.id for standard in framework.scored_standards()}
    return {
        "id": framework.id,
        "version": framework.version,
        "title": framework.title,
        "max_score": framework.maximum_score,
        "standards": [
            {"id": standard.id, "title": standard.title,
             "rating_method": standard.rating_method.value,
             "scored": standard.id in scored}
            for standard in framework.standards()
        ],
    }


def library_directory() -> Path:
    return Path(str(files("probation_inspection.framework"))) / "library"


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    # "2018.10" sorts after "2018.9": numeric parts compare as numbers.
    return tuple((0, int(part)) if part.isdigit() else (1, part)
                 for part in re.split(r"[.\-]", version))


@cache
def _shipped() -> dict[tuple[str, str], Framework]:
    frameworks: dict[tuple[str, str], Framework] = {}
    for path in sorted(library_directory().glob("*.yaml")):
        framework = load_framework_file(path)
        frameworks[(framework.id, framework.version)] = framework
    return frameworks


def available_frameworks() -> list[FrameworkSummary]:
    """Every shipped framework version, by id then version."""
    return [summarise(framework) for _, framework in
            sorted(_shipped().items(), key=lambda item: (item[0][0], _version_key(item[0][1])))]


def load_framework(framework_id: str, version: str | None = None) -> Framework:
    """A shipped framework; the latest version of it when no version is given."""
    versions = [key[1] for key in _shipped() if key[0] == framework_id]
    if not versions:
        known = ", ".join(sorted({key[0] for key in _shipped()}))
        raise UnknownFramework(f"no shipped framework {framework_id!r} (known: {known})")
    if version is None:
        version = max(versions, key=_version_key)
    elif version not in versions:
        raise UnknownFramework(f"framework {framework_id!r} has no version {version!r} "
                               f"(shipped: {', '.join(sorted(versions, key=_version_key))})")
    return _shipped()[(framework_id, version)]


#: File names a framework reference is read as a path by, even before the file exists, so a
#: mistyped path says "cannot read the file" rather than "no shipped framework".
_FILE_SUFFIXES = (".yaml", ".yml", ".xlsx")

#: How a reference is written, for the error that says what was tried.
REFERENCE_FORMS = "a shipped framework's id, id@version, or the path of a .yaml or .xlsx file"


def is_framework_file(reference: str) -> bool:
    """True when ``reference`` names a file rather than a shipped framework's id."""
    path = Path(reference)
    return (path.suffix.lower() in _FILE_SUFFIXES or "/" in reference or "\\" in reference
            or path.is_file())


def split_reference(reference: str) -> tuple[str, str | None]:
    """``"id@version"`` as (id, version); a bare id as (id, None). Not for file paths."""
    framework_id, at, version = reference.strip().partition("@")
    return framework_id, (version if at else None)


def load_framework_reference(
    reference: str, version: str | None = None, *, limits: Limits = DEFAULT_LIMITS
) -> Framework:
    """The one resolver for a framework named on the command line: a shipped framework's id,
    ``id@version``, or the path of a framework file (validated within ``limits``).

    Raises `UnknownFramework` naming what was tried (an unknown id or version, a file whose
    version is not the one asked for) and `FrameworkError` with every problem for a file that
    is not usable. ``version`` (a separate ``--version`` option) must agree with an
    ``id@version``.
    """
    if not reference.strip():
        raise UnknownFramework(f"no framework named: give {REFERENCE_FORMS}")
    if not is_framework_file(reference):
        framework_id, written = split_reference(reference)
        if not framework_id or written == "":
            raise UnknownFramework(f"{reference!r} is not a framework reference: give "
                                   f"{REFERENCE_FORMS}")
        if written is not None and version is not None and written != version:
            raise UnknownFramework(f"{reference!r} asks for version {written!r} but "
                                   f"--version asks for {version!r}")
        try:
            return load_framework(framework_id, written or version)
        except UnknownFramework as error:
            raise UnknownFramework(f"{error}; {reference!r} was read as a shipped framework "
                                   f"(no such file either): give {REFERENCE_FORMS}") from None
    framework = load_framework_file(reference, limits=limits)
    if version is not None and framework.version != version:
        raise UnknownFramework(f"{reference} holds version {framework.version!r} of "
                               f"{framework.id!r}, not {version!r}")
    return framework


def _demo_entry(demo: str) -> dict[str, object]:
    import json

    entry = json.loads((library_directory() / "demos.json").read_text(encoding="utf-8"))
    named: dict[str, object] = entry["demos"][demo]
    return named


def demo_framework(demo: str) -> tuple[str, str]:
    """The framework id and version a demonstration inspection is made under, as the library's
    ``demos.json`` names them (the demos' framework is data, like every framework's)."""
    named = _demo_entry(demo)
    return str(named["framework"]), str(named["version"])


def demo_sample_type(demo: str) -> str:
    """The id of the sample type a demonstration's case list is made for, as ``demos.json``
    names it beside the demo's framework (a sample type id is framework content, not code).

    Raises `UnknownFramework` when the demo names none or one its framework does not declare.
    """
    named = _demo_entry(demo)
    sample_type = named.get("sample_type")
    framework = load_framework(*demo_framework(demo))
    declared = [definition.id for definition in framework.sample_types]
    if not isinstance(sample_type, str) or sample_type not in declared:
        raise UnknownFramework(f"demos.json: demo {demo!r} names sample type {sample_type!r}, "
                               f"not one of {framework.id}'s ({', '.join(declared)})")
    return sample_type


@dataclass(frozen=True)
class FrameworkCheck:
    """What checking an uploaded framework text found: every problem, or its listing."""

    problems: tuple[Problem, ...]
    listing: dict[str, object] | None


def _check(text: str, file_name: str, limits: Limits) -> FrameworkCheck:
    try:
        framework = load_framework_text(text, file_name, limits=limits)
    except FrameworkError as error:
        return FrameworkCheck(error.problems, None)
    return FrameworkCheck((), listing(framework))


def check_framework_text(text: str, file_name: str, *,
                         limits: Limits = DEFAULT_LIMITS) -> FrameworkCheck:
    """Validate a framework text from outside in a child process held to ``limits``' memory
    and time, so a YAML bomb or a pathological file costs the child, not the caller.

    Raises `untrusted.LimitExceeded` (or `UntrustedFileError`) when the child is stopped.
    """
    return run_isolated(_check, text, file_name, limits, doing="checking the framework file",
                        limits=limits)


@dataclass(frozen=True)
class WorkbookCheck(FrameworkCheck):
    """What checking an uploaded framework workbook found: its problems (each naming sheet,
    row and column), or its listing and the framework file (YAML) it converts to."""

    text: str | None = None


def _check_workbook(data: bytes, file_name: str, limits: Limits) -> WorkbookCheck:
    from probation_inspection.framework.serialise import framework_to_yaml
    from probation_inspection.framework.xlsx import read_workbook

    try:
        framework = read_workbook(data, file_name, limits=limits)
    except FrameworkError as error:
        return WorkbookCheck(error.problems, None)
    text = framework_to_yaml(framework)
    # What is stored is the YAML: it must load back as the same framework (as `import` does).
    try:
        load_framework_text(text, file_name, limits=limits)
    except FrameworkError as error:
        return WorkbookCheck(error.problems, None)
    return WorkbookCheck((), listing(framework), text)


def check_framework_workbook(data: bytes, file_name: str, *,
                             limits: Limits = DEFAULT_LIMITS) -> WorkbookCheck:
    """Validate a framework workbook (XLSX) from outside and convert it to a framework file,
    in a child process held to ``limits``, as `check_framework_text` does for YAML; a zip
    bomb is refused before anything is inflated.

    Raises `untrusted.LimitExceeded` (or `UntrustedFileError`) when the child is stopped.
    """
    return run_isolated(_check_workbook, data, file_name, limits,
                        doing="checking the framework workbook", limits=limits)
