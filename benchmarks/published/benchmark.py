"""Benchmark of reading a published report's PDF: pypdf against pdfplumber.

Lays each rated seed report out as a PDF with reportlab (as tests/published/test_published_pdf.py
does: one paragraph per line, A4), then times, best of ``--runs``:

- each library's text extraction in this process (``sources._pypdf_text``,
  ``sources._pdfplumber_text``);
- the whole ``text_of`` path the importer takes (a child process under the untrusted-file
  limits) as it was, pdfplumber first ("before"), and as it is, pypdf first with pdfplumber
  only when pypdf's text lacks the rating tables ("after");

checks that each text is read to the same record as the seed's text, and prints a Markdown
table.

    .venv/bin/python benchmarks/published/benchmark.py [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "fixtures" / "reports"
#: Pages and characters allowed when a library is timed on its own.
LIMITS = (1000, 10_000_000)
RATED = ("000_aa2a86d3a0086947.txt", "002_0b169877a59b4ecc.txt", "004_9bb6883ac686527f.txt")


def seed_pdf(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from probation_inspection.published.normalise import strip_markup

    style = getSampleStyleSheet()["BodyText"]
    story = [
        Paragraph(escape(strip_markup(line)).replace("\t", "&nbsp;&nbsp;"), style)
        for line in text.splitlines()
        if line.strip()
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def best_of(runs: int, work: Callable[[], str]) -> tuple[float, str]:
    times = []
    text = ""
    for _ in range(runs):
        started = time.perf_counter()
        text = work()
        times.append(time.perf_counter() - started)
    return min(times), text


def before(data: bytes) -> str:
    """``text_of`` as it was: pdfplumber first, in the limited child process."""
    from probation_inspection.published import sources
    from probation_inspection.untrusted import DEFAULT_LIMITS, run_isolated

    return run_isolated(
        sources._pdfplumber_text, data, "report.pdf", DEFAULT_LIMITS.report_pages,
        DEFAULT_LIMITS.report_characters, doing="reading the report",
    )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from pypdf import PdfReader

    from probation_inspection.published import read_report, sources, text_of

    print("| Report | Pages | pypdf | pdfplumber | text_of before | text_of after | Same record |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name in RATED:
        seed = (SEEDS / name).read_text(encoding="utf-8")
        data = seed_pdf(seed)
        pages = len(PdfReader(io.BytesIO(data)).pages)
        pypdf_s, pypdf_text = best_of(args.runs, partial(sources._pypdf_text, data, name, *LIMITS))
        plumber_s, plumber_text = best_of(
            args.runs, partial(sources._pdfplumber_text, data, name, *LIMITS)
        )
        before_s, before_text = best_of(args.runs, partial(before, data))
        after_s, after_text = best_of(args.runs, partial(text_of, data, "report.pdf"))
        expected = read_report(seed)
        same = all(
            read_report(text) == expected
            for text in (pypdf_text, plumber_text, before_text, after_text)
        )
        print(
            f"| {name[:3]} | {pages} | {pypdf_s:.2f} s | {plumber_s:.2f} s | {before_s:.2f} s "
            f"| {after_s:.2f} s | {'yes' if same else 'NO'} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
