"""Render pages of the Wales demo's PDF to PNG in docs/report-pages/, for a visual check and
the README: the Summary of ratings, a case-supervision chapter page (2.2 Planning, with its
chart and findings), Annex 2 (Inspection results) and the first pages of the data annexe (its
sample profile and prompt-level figures, and its sub-samples).

Pages are found by their text, not by number, so the images stay right when the report grows.
Needs pdftoppm (poppler-utils; `make browser-setup` installs it).

    .venv/bin/python scripts/report_pages.py [--out docs/report-pages] [--dpi 70]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from probation_inspection.demo import wales
from probation_inspection.reporting import build_report, render_pdf, score
from probation_inspection.reporting.annexe import data_annexe

#: Output name -> text that starts the page (the first page after the contents holding it).
PAGES = {
    "summary-of-ratings": "Summary of ratings",
    "planning-findings": "2.2. Planning",
    "annex-2-inspection-results": "Annex 2: Inspection results",
    "data-annexe": "Sample profile",
    "data-annexe-sub-samples": "Sub-samples",
}


def _page_of(texts: list[str], heading: str) -> int:
    """The 1-based number of the first page after the contents whose text holds ``heading``."""
    contents = next((n for n, text in enumerate(texts) if "Contents" in text), 0)
    for number, text in enumerate(texts[contents + 1:], start=contents + 2):
        if heading in " ".join(text.split()):
            return number
    raise SystemExit(f"no page of the Wales PDF holds {heading!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/report-pages"))
    parser.add_argument("--dpi", type=int, default=70)
    arguments = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is not installed (poppler-utils: make browser-setup)")
    inspection = wales.inspection()
    scored = score(inspection)
    pdf = render_pdf(build_report(inspection, scored), annexe=data_annexe(inspection, scored))
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    arguments.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "wales.pdf"
        source.write_bytes(pdf)
        for name, heading in PAGES.items():
            page = str(_page_of(texts, heading))
            subprocess.run(["pdftoppm", "-r", str(arguments.dpi), "-png", "-singlefile",
                            "-f", page, "-l", page, str(source), str(arguments.out / name)],
                           check=True)
            print(f"{arguments.out / name}.png: page {page} ({heading})")


if __name__ == "__main__":
    main()
