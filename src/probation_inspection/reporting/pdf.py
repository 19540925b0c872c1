"""The PDF rendering of a report model with WeasyPrint: A4, contents with page numbers,
running header, tagged structure for assistive technology.

Owns the PDF options and what WeasyPrint may fetch (packaged assets and data: URLs, nothing
else); the page rules live in the packaged stylesheet's print section.
"""

from __future__ import annotations

import mimetypes
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from probation_inspection.reporting.annexe import DataAnnexe
from probation_inspection.reporting.html import render_html
from probation_inspection.reporting.model import Report

#: The packaged folder whose files a report may refer to (stylesheet, and any fonts or images
#: a template names); everything outside it is refused.
ASSETS = files("probation_inspection.reporting") / "templates"

#: Every report PDF is PDF/UA-1 (ISO 14289-1): tagged structure, document language and title
#: in its metadata. In WeasyPrint 70 the variant adds the metadata stream to the tagged PDF
#: and costs no measurable time.
PDF_VARIANT = "pdf/ua-1"


class ResourceRefused(ValueError):
    """A report asked for a resource it may not have: a network address or a file of the host."""


def _assets_folder() -> Path:
    with as_file(ASSETS) as folder:
        return Path(folder).resolve()


def _packaged_asset(url: str) -> Path:
    """The packaged file a ``file:`` URL names, or ResourceRefused if it names any other."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise ResourceRefused(f"the report may not fetch {url!r}: a file on another host")
    path = Path(url2pathname(parts.path)).resolve()  # resolve(): no way out through ../ or links
    folder = _assets_folder()
    if not path.is_relative_to(folder) or not path.is_file():
        raise ResourceRefused(
            f"the report may not fetch {url!r}: only the report's packaged assets"
        )
    return path


def url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves packaged assets and data: URLs and refuses the rest.

    Narrative is typed by users, so an image or stylesheet URL in it must never make the
    server open a connection (http, https, ftp) or read a file of the host (file:). Refusals
    raise inside WeasyPrint, which leaves the resource out and carries on with the report.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackagedAssetsOnly(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
        def __init__(self) -> None:
            # Redirects off, and data: the only protocol the parent may open itself.
            super().__init__(allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)  # decoded in memory by urllib's DataHandler
            if scheme == "file":
                path = _packaged_asset(url)
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                          {"Content-Type": content_type})
            raise ResourceRefused(
                f"the report may not fetch {url!r}: only packaged assets and data: URLs"
            )

    return PackagedAssetsOnly()


def html_to_pdf(html: str, *, variant: str | None = PDF_VARIANT) -> bytes:
    """Any report HTML as tagged PDF bytes, fetching nothing but packaged assets."""
    # Imported here: WeasyPrint loads Pango and fonts, which commands that never print skip.
    from weasyprint import HTML

    document = HTML(string=html, base_url=_assets_folder().as_uri() + "/",
                    url_fetcher=url_fetcher())
    pdf = document.write_pdf(pdf_variant=variant, pdf_tags=True)
    if not isinstance(pdf, bytes):  # only when a target is given, which it is not
        raise RuntimeError("WeasyPrint returned no PDF")
    return pdf


def render_pdf(
    report: Report, *, charts: bool = True, variant: str | None = PDF_VARIANT,
    annexe: DataAnnexe | None = None,
) -> bytes:
    """The report as a PDF/UA-1 document (headings, lists, tables, reading order tagged);
    with ``annexe`` (`annexe.data_annexe`), the data annexe is its last annex.

    ``variant=None`` gives the plain tagged PDF without the PDF/UA metadata.
    """
    return html_to_pdf(render_html(report, charts=charts, for_print=True, annexe=annexe),
                       variant=variant)
