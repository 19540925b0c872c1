"""The PDF rendering of a report model with WeasyPrint: A4, contents with page numbers,
running header, tagged structure for assistive technology.

Owns the PDF options only; the page rules live in the packaged stylesheet's print section.
"""

from __future__ import annotations

from probation_inspection.reporting.html import render_html
from probation_inspection.reporting.model import Report


def render_pdf(report: Report, *, charts: bool = True, variant: str | None = None) -> bytes:
    """The report as tagged PDF bytes.

    ``variant="pdf/ua-1"`` asks WeasyPrint for PDF/UA; it embeds whole fonts and roughly
    doubles the time, so the default is a tagged PDF (headings, lists, tables, reading order).
    """
    # Imported here: WeasyPrint loads Pango and fonts, which commands that never print skip.
    from weasyprint import HTML

    document = HTML(string=render_html(report, charts=charts, for_print=True))
    pdf = document.write_pdf(pdf_variant=variant, pdf_tags=True)
    if not isinstance(pdf, bytes):  # only when a target is given, which it is not
        raise RuntimeError("WeasyPrint returned no PDF")
    return pdf
