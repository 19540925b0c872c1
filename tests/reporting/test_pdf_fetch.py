"""The PDF renderer fetches nothing a report names: no request to a server, no file of the host;
only the packaged assets and data: URLs.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from probation_inspection.reporting import Inspection, build_report
from probation_inspection.reporting.pdf import (
    ResourceRefused,
    _assets_folder,
    html_to_pdf,
    render_pdf,
    url_fetcher,
)

# A 1x1 red PNG: small, and unmistakable as an embedded image.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)


class _Recorder(BaseHTTPRequestHandler):
    requested: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        type(self).requested.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that notes every path asked of it."""
    requested: list[str] = []
    handler = type("Recorder", (_Recorder,), {"requested": requested})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requested
    finally:
        httpd.shutdown()
        httpd.server_close()


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"


def test_the_local_server_would_be_requested_by_weasyprint_left_to_itself(
    server: tuple[str, list[str]],
) -> None:
    # The control: without our fetcher WeasyPrint does ask the server, so the tests below
    # that see no request are seeing the fetcher at work, not a broken server.
    from weasyprint import HTML

    address, requested = server
    HTML(string=_page(f'<img src="{address}/control.png">')).write_pdf()
    assert requested == ["/control.png"]


@pytest.mark.slow
def test_an_image_in_the_narrative_pointing_at_a_local_server_is_never_requested(
    wales_inspection: Inspection, server: tuple[str, list[str]]
) -> None:
    address, requested = server
    narrative = dataclasses.replace(
        wales_inspection.narrative,
        foreword=f"![internal]({address}/admin/secret.png) and [a link]({address}/page)",
    )
    report = build_report(dataclasses.replace(wales_inspection, narrative=narrative))
    pdf = render_pdf(report, charts=False)
    assert pdf.startswith(b"%PDF")
    assert requested == []


@pytest.mark.parametrize("markup", [
    '<img src="{address}/image.png">',
    '<link rel="stylesheet" href="{address}/style.css">',
    '<style>@import url("{address}/imported.css");</style>',
    '<div style="background: url({address}/background.png)">x</div>',
    '<object data="{address}/object.svg"></object>',
])
def test_no_kind_of_reference_reaches_the_network(
    markup: str, server: tuple[str, list[str]]
) -> None:
    address, requested = server
    html_to_pdf(_page(markup.format(address=address)))
    assert requested == []


def test_a_file_of_the_host_is_not_embedded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    data_url = "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")
    # The control: the same picture as a data: URL is embedded, so a count of 0 means refused.
    assert _images(html_to_pdf(_page(f'<img src="{data_url}" width="10">'))) == 1
    assert _images(html_to_pdf(_page(f'<img src="{secret.as_uri()}" width="10">'))) == 0
    assert _images(html_to_pdf(_page(f'<img src="file://{secret}" width="10">'))) == 0


def test_a_relative_path_cannot_climb_out_of_the_packaged_assets(tmp_path: Path) -> None:
    depth = len(_assets_folder().parts)
    climb = "../" * depth + str(tmp_path / "secret.png").lstrip("/")
    (tmp_path / "secret.png").write_bytes(PNG)
    assert _images(html_to_pdf(_page(f'<img src="{climb}" width="10">'))) == 0


def test_the_fetcher_serves_a_packaged_asset_and_refuses_every_other_address() -> None:
    fetcher = url_fetcher()
    stylesheet = _assets_folder() / "report.css"
    response = fetcher(stylesheet.as_uri())
    assert response.read() == stylesheet.read_bytes()
    assert response.content_type == "text/css"
    for url in ("http://127.0.0.1:9/x.png", "https://example.org/x.png", "file:///etc/passwd",
                "file://otherhost/share/x.png", "ftp://example.org/x",
                (_assets_folder() / ".." / "html.py").as_uri()):
        with pytest.raises(ResourceRefused, match="may not fetch"):
            fetcher(url)
