"""Profile of the report PDF: CPU time of each part of one render of the benchmark's Wales
inspection (150 + 60 + 50 cases), for comparing before and after on a shared machine.

CPU time (``time.process_time``), not wall time, so other work on the machine counts less;
compare ratios taken in the same run. ``--profile`` prints cProfile's top functions too.

    .venv/bin/python benchmarks/reporting/profile_pdf.py [--runs 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from benchmark import inspection  # noqa: E402

from probation_inspection.reporting import build_report, render_html, score  # noqa: E402
from probation_inspection.reporting.annexe import data_annexe  # noqa: E402
from probation_inspection.reporting.pdf import html_to_pdf, render_pdf  # noqa: E402


def cpu(step: Callable[[], object], runs: int) -> float:
    step()  # warm-up: imports, template compilation, font discovery
    times = []
    for _ in range(runs):
        start = time.process_time()
        step()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    arguments = parser.parse_args()
    subject = inspection()
    scored = score(subject)
    report = build_report(subject, scored)
    annexe = data_annexe(subject, scored)
    html = render_html(report, for_print=True, annexe=annexe)
    plain = render_html(report, for_print=True, charts=False, annexe=annexe)
    # A floor taken in the same run: a fixed pure-Python loop, so the figures can be read as
    # multiples of it when the machine is loaded.
    steps: dict[str, Callable[[], object]] = {
        "floor (fixed Python loop)": lambda: sum(i * i for i in range(2_000_000)),
        "charts + HTML": lambda: render_html(report, for_print=True, annexe=annexe),
        "data annexe tables": lambda: data_annexe(subject, scored),
        "HTML to PDF (with charts)": lambda: html_to_pdf(html),
        "HTML to PDF (no charts)": lambda: html_to_pdf(plain),
        "PDF, whole (build + annexe + render)": lambda: render_pdf(
            build_report(subject, scored), annexe=data_annexe(subject, scored)),
    }
    load = os.getloadavg()
    print(f"Load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"CPU seconds, median of {arguments.runs}\n")
    floor = None
    for name, step in steps.items():
        seconds = cpu(step, arguments.runs)
        floor = floor or seconds
        print(f"{name:40} {seconds:7.3f} s  {seconds / floor:6.1f} x floor")
    if arguments.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        html_to_pdf(html)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
