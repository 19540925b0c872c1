"""Gets the text out of a report file: plain text, Markdown, HTML or PDF, within limits.

Owns decoding and PDF text extraction (pypdf, and pdfplumber only where pypdf's text lacks
the rating tables), which runs in a separate process under the untrusted-file limits: pages,
characters, seconds and memory.
"""

from __future__ import annotations

import io
import logging

from probation_inspection.published.normalise import normalise
from probation_inspection.published.ratings import (
    find_key_questions,
    find_standards,
    patterns_for,
)
from probation_inspection.published.reader import PublishedReportError
from probation_inspection.published.vocabulary import RATING_LABELS
from probation_inspection.untrusted import (
    DEFAULT_LIMITS,
    PUBLISHED_REPORT,
    Limits,
    UntrustedFileError,
    check_size,
    run_isolated,
)

_PDF_MAGIC = b"%PDF"


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:4] == _PDF_MAGIC


def text_of(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of a report file's bytes; PublishedReportError naming ``name`` if unreadable.

    Over a limit (size, pages, characters, time, memory) the error names the limit.
    """
    try:
        check_size(len(data), PUBLISHED_REPORT, limits)
        if is_pdf(data):
            return run_isolated(_pdf_text, data, name, limits.report_pages,
                                limits.report_characters, doing="reading the report",
                                limits=limits)
    except UntrustedFileError as error:
        raise PublishedReportError(f"{name}: {error}") from None
    if b"\x00" in data:
        raise PublishedReportError(f"{name}: not a text or PDF file (it holds binary data)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _check_characters(len(text), name, limits.report_characters)
        return text
    raise PublishedReportError(f"{name}: the text is neither UTF-8 nor Windows-1252")


def _check_characters(count: int, name: str, limit: int) -> None:
    if count > limit:
        raise PublishedReportError(
            f"{name}: the report's text is longer than the {limit:,}-character limit for a "
            f"{PUBLISHED_REPORT}"
        )


def _pdf_text(data: bytes, name: str, page_limit: int, character_limit: int) -> str:
    """Runs in the child process: the PDF's text, refusing too many pages or characters.

    pypdf first: it is fast (under a second for a 30-page report, where pdfplumber takes
    several). pdfplumber, which lays text out by its position on the page, is tried only when
    pypdf's text does not give the reader the tables it needs: no standard ratings or no
    key-question percentages found (``layout_score``). Its text is kept if it shows more.
    """
    problems: list[str] = []
    best = ""
    for extract in (_pypdf_text, _pdfplumber_text):
        label = extract.__name__.strip("_").split("_")[0]
        try:
            text = extract(data, name, page_limit, character_limit)
        except PublishedReportError:
            raise
        except Exception as error:  # noqa: BLE001 - each library fails in its own way
            if _out_of_memory(error):
                # The memory limit refused an inflation: say so, not "cannot read the PDF".
                raise MemoryError from None
            problems.append(f"{label}: {_short(error)}")
            continue
        if not text.strip():
            problems.append(f"{label}: no text")
            continue
        if not best or layout_score(text) > layout_score(best):
            best = text
        if has_rating_tables(best):
            return best
    if best:
        return best
    raise PublishedReportError(
        f"{name}: cannot read the PDF's text ({'; '.join(problems)}); a scanned PDF needs OCR first"
    )


def layout_score(text: str) -> tuple[int, int]:
    """How much of a rated report's tables the reader finds in ``text``: standard ratings
    and key-question percentages (a text laid out badly shows fewer of either)."""
    normalised = normalise(text)
    patterns = patterns_for(RATING_LABELS)
    standards, _ = find_standards(normalised, patterns)
    return len(standards), len(find_key_questions(normalised, patterns))


def has_rating_tables(text: str) -> bool:
    """Whether the reader finds both tables it needs: standard ratings and key questions."""
    standards, key_questions = layout_score(text)
    return standards > 0 and key_questions > 0


def _out_of_memory(error: BaseException) -> bool:
    """Whether a reader failed because memory ran out (zlib says so in words, not by type)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, MemoryError) or "unable to allocate" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:200] + "..."


def _check_pages(count: int, name: str, limit: int) -> None:
    if count > limit:
        raise PublishedReportError(
            f"{name}: the PDF has {count:,} pages, more than the {limit:,}-page limit for a "
            f"{PUBLISHED_REPORT}"
        )


def _page_count(data: bytes) -> int:
    # pypdf counts pages from the page tree alone, without reading any content stream.
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _pdfplumber_text(data: bytes, name: str, page_limit: int, character_limit: int) -> str:
    import pdfplumber

    try:
        pages = _page_count(data)
    except Exception:  # noqa: BLE001 - pdfplumber may still read what pypdf cannot count
        pages = 0
    _check_pages(pages, name, page_limit)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    parts: list[str] = []
    characters = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        _check_pages(len(pdf.pages), name, page_limit)
        for page in pdf.pages:
            text = page.extract_text() or ""
            characters += len(text)
            _check_characters(characters, name, character_limit)
            parts.append(text)
            page.close()  # frees the page's parsed objects before the next one
    return "\n".join(parts)


def _pypdf_text(data: bytes, name: str, page_limit: int, character_limit: int) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    _check_pages(len(reader.pages), name, page_limit)
    parts: list[str] = []
    characters = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        characters += len(text)
        _check_characters(characters, name, character_limit)
        parts.append(text)
    return "\n".join(parts)
