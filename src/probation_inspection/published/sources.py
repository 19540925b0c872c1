"""Gets the text out of a report file: plain text, Markdown, HTML or PDF.

Owns decoding and PDF text extraction (pdfplumber, falling back to pypdf).
"""

from __future__ import annotations

import io
import logging

from probation_inspection.published.reader import PublishedReportError

_PDF_MAGIC = b"%PDF"


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:4] == _PDF_MAGIC


def text_of(data: bytes, name: str) -> str:
    """The text of a report file's bytes; PublishedReportError naming ``name`` if unreadable."""
    if is_pdf(data):
        return _pdf_text(data, name)
    if b"\x00" in data:
        raise PublishedReportError(f"{name}: not a text or PDF file (it holds binary data)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PublishedReportError(f"{name}: the text is neither UTF-8 nor Windows-1252")


def _pdf_text(data: bytes, name: str) -> str:
    problems: list[str] = []
    for extract in (_pdfplumber_text, _pypdf_text):
        try:
            text = extract(data)
        except Exception as error:  # noqa: BLE001 - each library fails in its own way
            problems.append(f"{extract.__name__.strip('_').split('_')[0]}: {error}")
            continue
        if text.strip():
            return text
        problems.append(f"{extract.__name__.strip('_').split('_')[0]}: no text")
    raise PublishedReportError(
        f"{name}: cannot read the PDF's text ({'; '.join(problems)}); a scanned PDF needs OCR first"
    )


def _pdfplumber_text(data: bytes) -> str:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pypdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
