"""Limits for files from outside, and parsing them in a separate process within those limits.

Owns the limits (size, rows, pages, characters, depth, seconds, memory), the cheap checks that
run before any parse, and ``run_isolated``, which parses in a child process with a memory cap
and a time limit so that a hostile file costs at most that much and never the caller's memory.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import time
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

MIB = 1024 * 1024

#: What a person calls each kind of file in a message ("the 50 MB limit for a case list").
CASE_LIST = "case list"
PUBLISHED_REPORT = "published report"
EVIDENCE_DOCUMENT = "evidence document"
CONTEXTUAL_FACTS = "contextual-facts CSV"
FRAMEWORK_FILE = "framework file"


def shown(value: object, limit: int = 40) -> str:
    """A value from outside as a message quotes it: its repr, cut to ``limit`` characters.

    A 5,000-digit number or a megabyte of text would otherwise fill the message (and the
    terminal or page that prints it).
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text):,} characters)"


class UntrustedFileError(ValueError):
    """A file from outside that could not be read safely; the message says why, in words."""


class LimitExceeded(UntrustedFileError):
    """A file over one of the limits; the message names the limit and its value."""


@dataclass(frozen=True)
class Limits:
    """How much of each kind of file is accepted, and what any one parse may cost.

    The defaults suit the command line (the 1,000,000-row sampling benchmark fits); the web
    application passes lower ones from its settings.
    """

    case_list_bytes: int = 512 * MIB
    case_list_rows: int = 2_000_000
    report_bytes: int = 20 * MIB
    report_pages: int = 400
    report_characters: int = 5_000_000
    evidence_bytes: int = 20 * MIB
    facts_bytes: int = 1 * MIB
    facts_rows: int = 1_000
    framework_bytes: int = 2 * MIB
    framework_depth: int = 50
    #: Wall-clock seconds any one parse may take.
    seconds: float = 60.0
    #: Memory (MiB) any one parse may use, on top of what the interpreter itself needs.
    memory_mib: int = 2048
    #: An XLSX (a zip) whose parts inflate more than this many times over is refused unread.
    zip_ratio: int = 200
    #: Bytes the parts of one XLSX may declare in all, before anything is inflated.
    zip_uncompressed_bytes: int = 1024 * MIB

    def bytes_for(self, kind: str) -> int:
        """The size limit for a kind of file (one of the kind names of this module)."""
        return _BYTES_BY_KIND[kind](self)

    @property
    def largest_upload(self) -> int:
        """The largest size any kind of file may have: a request body over it is refused."""
        return max(getter(self) for getter in _BYTES_BY_KIND.values())


_BYTES_BY_KIND: dict[str, Callable[[Limits], int]] = {
    CASE_LIST: lambda limits: limits.case_list_bytes,
    PUBLISHED_REPORT: lambda limits: limits.report_bytes,
    EVIDENCE_DOCUMENT: lambda limits: limits.evidence_bytes,
    CONTEXTUAL_FACTS: lambda limits: limits.facts_bytes,
    FRAMEWORK_FILE: lambda limits: limits.framework_bytes,
}

DEFAULT_LIMITS = Limits()

#: Environment variables that change a limit on the command line: the prefix and the field's
#: name in capitals, e.g. PROBATION_INSPECTION_LIMIT_MEMORY_MIB=1024.
ENVIRONMENT_PREFIX = "PROBATION_INSPECTION_LIMIT_"


def limits_from_environment(environment: Mapping[str, str] | None = None) -> Limits:
    """The default limits with any set in the environment; UntrustedFileError if one is bad."""
    environment = os.environ if environment is None else environment
    changes: dict[str, Any] = {}
    for item in fields(Limits):
        name = ENVIRONMENT_PREFIX + item.name.upper()
        raw = environment.get(name)
        if raw is None or not raw.strip():
            continue
        try:
            value = float(raw) if item.type == "float" else int(raw)
        except ValueError:
            raise UntrustedFileError(f"{name}={raw!r} is not a number") from None
        if value <= 0:
            raise UntrustedFileError(f"{name}={raw!r} must be more than 0")
        changes[item.name] = value
    return replace(DEFAULT_LIMITS, **changes)


def megabytes(size: int) -> str:
    """A size in words: whole megabytes (MiB) where it is one, else kilobytes or bytes."""
    if size >= MIB:
        value = size / MIB
        return f"{value:,.0f} MB" if value.is_integer() else f"{value:,.1f} MB"
    if size >= 1024:
        return f"{size / 1024:,.0f} KB"
    return f"{size:,} bytes"


def with_article(kind: str) -> str:
    """"a case list", "an evidence document"."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def check_size(size: int, kind: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """LimitExceeded when ``size`` bytes is over the limit for ``kind`` of file."""
    limit = limits.bytes_for(kind)
    if size > limit:
        raise LimitExceeded(f"the file is larger than the {megabytes(limit)} limit for "
                            f"{with_article(kind)}")


def check_file_size(path: Path, kind: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """As ``check_size``, from the file's size on disk (nothing is read)."""
    check_size(path.stat().st_size, kind, limits)


def check_zip(source: Path | bytes, kind: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a zip (XLSX, DOCX) whose parts declare too much, or inflate too far, unread.

    Uses only the central directory's declared sizes; a zip that lies about them is still held
    to the memory and time limits of ``run_isolated`` when it is parsed.
    """
    import io

    try:
        with zipfile.ZipFile(source if isinstance(source, Path) else io.BytesIO(source)) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise UntrustedFileError(f"could not open the workbook: {error}") from None
    total = sum(member.file_size for member in members)
    if total > limits.zip_uncompressed_bytes:
        raise LimitExceeded(
            f"the {kind} unpacks to {megabytes(total)}, more than the "
            f"{megabytes(limits.zip_uncompressed_bytes)} limit for an unpacked workbook"
        )
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        # Small parts compress well for innocent reasons; only a large part can be a bomb.
        if member.file_size > MIB and ratio > limits.zip_ratio:
            raise LimitExceeded(
                f"the {kind}'s part {member.filename} unpacks {ratio:,} times over, more than "
                f"the {limits.zip_ratio}-times limit for a compressed part"
            )


#: Room above the memory limit for the data-segment cap: polars' allocator reserves a few
#: hundred MiB it never touches, and that reservation counts against RLIMIT_DATA.
_RESERVATION_MIB = 512


def json_document(text: str) -> Any:
    """``json.loads`` with the failures a hostile file causes turned into UntrustedFileError.

    ``json.JSONDecodeError`` (a syntax error, with its line and column) passes through.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        # The json module builds nested values by recursion; a hostile file nests thousands.
        raise UntrustedFileError("the JSON is nested too deeply to read") from None
    except ValueError:
        # Python refuses to turn a string of more than 4,300 digits into an int.
        raise UntrustedFileError(f"a number in the JSON has more than "
                                 f"{sys.get_int_max_str_digits():,} digits") from None


def _set_child_limits(memory_mib: int, seconds: float) -> None:
    # The memory limit itself is on resident memory, which the parent watches; this hard cap
    # stops a burst of allocation between two of the parent's looks. RLIMIT_DATA, not
    # RLIMIT_AS: polars reserves far more address space than it uses, so an address-space cap
    # breaks innocent reads (a 1 GiB one fails on a three-row CSV) while a data cap does not.
    cap = (memory_mib + _RESERVATION_MIB) * MIB
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    cpu = math.ceil(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(
    connection: Connection,
    task: Callable[..., Any],
    args: tuple[Any, ...],
    memory_mib: int,
    seconds: float,
) -> None:
    try:
        _set_child_limits(memory_mib, seconds)
        result: tuple[str, Any] = ("ok", task(*args))
    except MemoryError:
        result = ("memory", None)
    except RecursionError:
        result = ("error", "the file is nested too deeply to read")
    except BaseException as error:  # noqa: BLE001 - everything crosses back as a message
        result = ("raise", error)
    try:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        if result[0] == "raise":
            pickle.loads(payload)  # an exception that cannot be rebuilt goes back as text
    except MemoryError:
        payload = pickle.dumps(("memory", None))
    except Exception:  # noqa: BLE001
        failure = result[1]
        payload = pickle.dumps(("error", f"{type(failure).__name__}: {failure}"))
    connection.send_bytes(payload)
    connection.close()


def _resident_mib(pid: int) -> int:
    """The child's resident memory in MiB (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return 0


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: the child starts from a small clean process, not a fork of a threaded web
    # server or of polars' thread pool (forking those can deadlock).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["probation_inspection.untrusted"])
    return context


def run_isolated(
    task: Callable[..., T],
    *args: Any,
    doing: str,
    limits: Limits = DEFAULT_LIMITS,
) -> T:
    """``task(*args)`` in a child process under ``limits.memory_mib`` and ``limits.seconds``.

    ``task`` must be a module-level function and its arguments and result picklable.
    ``doing`` names the work in messages ("reading the report"). An exception the task
    raises is raised here; over a limit, or if the child crashes, LimitExceeded or
    UntrustedFileError says so in words.
    """
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(sender, task, args, limits.memory_mib, limits.seconds), daemon=True
    )
    try:
        process.start()
    except OSError as error:
        # The fork server gone or refusing (out of processes, say): a clear error, not a 500.
        receiver.close()
        raise UntrustedFileError(f"{doing} could not start: {error.strerror or error}") from None
    finally:
        sender.close()
    killed_for: str | None = None
    deadline = time.monotonic() + limits.seconds
    payload: bytes | None = None
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                killed_for = "time"
                break
            if receiver.poll(min(remaining, 0.05)):
                try:
                    payload = receiver.recv_bytes()
                except (EOFError, OSError):
                    payload = None
                break
            # The memory limit is on what the child really holds (resident memory), looked at
            # every 50 ms; RLIMIT_DATA in the child stops a burst between two looks.
            if _resident_mib(process.pid) > limits.memory_mib:
                killed_for = "memory"
                break
    finally:
        if (killed_for is not None or payload is None) and process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if killed_for == "time":
        raise LimitExceeded(f"{doing} took more than the {_seconds(limits.seconds)} limit")
    if killed_for == "memory":
        raise _memory_error(doing, limits)
    if payload is None:
        raise _crash_error(doing, process.exitcode, limits)
    outcome, value = pickle.loads(payload)
    if outcome == "ok":
        return value  # type: ignore[no-any-return]
    if outcome == "memory":
        raise _memory_error(doing, limits)
    if outcome == "raise":
        raise value
    raise UntrustedFileError(f"{doing} failed: {value}")


def _seconds(seconds: float) -> str:
    return f"{seconds:g}-second"


def _memory_error(doing: str, limits: Limits) -> LimitExceeded:
    return LimitExceeded(f"{doing} needed more than the {limits.memory_mib:,} MiB memory limit")


def _crash_error(doing: str, exitcode: int | None, limits: Limits) -> UntrustedFileError:
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        if number in (signal.SIGXCPU, signal.SIGKILL):
            return LimitExceeded(f"{doing} took more than the {_seconds(limits.seconds)} limit")
        if number == signal.SIGABRT:
            # Native allocators (polars, zlib) abort when the data limit refuses memory.
            return _memory_error(doing, limits)
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else (
            f"signal {number}")
        return UntrustedFileError(
            f"{doing} stopped: the reader crashed ({name}); the file is damaged or built to "
            "break readers"
        )
    return UntrustedFileError(f"{doing} stopped without an answer (exit status {exitcode})")

