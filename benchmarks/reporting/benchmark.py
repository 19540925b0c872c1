"""Benchmark of the report path: build the model and render HTML and PDF for an inspection of
150 case-supervision, 60 unpaid work and 50 Through the Gate cases.

The cases come from the demo generator with the Wales report's percentages as targets, so the
tallies, ratings, findings and charts are those of a full rated inspection. Each step is timed
over several runs after one warm-up (imports and font loading are not the report's cost); the
table gives the median and the fastest run. Goals: HTML under 1 s, the PDF (PDF/UA-1, as
every report PDF is, with the data annexe as its last annex) under 3 s. The load average is
printed with the table: figures taken on a busy machine are not the goal's.

    .venv/bin/python benchmarks/reporting/benchmark.py [--runs 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import time
from collections.abc import Callable

from probation_inspection.demo import SampleTargets, counts_for_percent, generate, wales
from probation_inspection.reporting import (
    CaseSample,
    Inspection,
    build_report,
    render_html,
    render_pdf,
    render_xlsx,
    score,
)
from probation_inspection.reporting.annexe import data_annexe, render_data_annexe_xlsx

#: Cases per sample type (the Wales framework's sample type ids, as plain strings).
SIZES = {"case-supervision": 150, "unpaid-work": 60, "through-the-gate": 50}
GOALS = {"HTML (build + render)": 1.0, "PDF (score + build + annexe + render)": 3.0}


def inspection() -> Inspection:
    """The Wales inspection's decisions and prose over 150 + 60 + 50 generated cases."""
    base = wales.inspection()
    samples = []
    for targets in wales.targets(base.framework):
        size = SIZES[targets.sample_type]
        scaled = dataclasses.replace(
            targets,
            cases=size,
            key_questions={
                kq: counts_for_percent(wales.PUBLISHED_PERCENTS[kq], size)
                for kq in targets.key_questions
            },
            prompts={},
            booleans=tuple(dataclasses.replace(b, count=round(b.count * size / targets.cases))
                           for b in targets.booleans),
            choices=(),
        )
        sample = base.sample(targets.sample_type)
        if sample is None:
            raise SystemExit(f"the Wales demo has no {targets.sample_type} sample")
        facts = dataclasses.replace(sample.facts, size=size)
        samples.append(CaseSample(facts, generate(base.framework, _feasible(scaled), 1)))
    return dataclasses.replace(base, samples=tuple(samples))


def _feasible(targets: SampleTargets) -> SampleTargets:
    # Relevance-scoped questions count only the cases with risk of serious harm issues.
    rosh = next((b.count for b in targets.booleans if b.name == "rosh_issues"), targets.cases)
    key_questions = {}
    for kq, target in targets.key_questions.items():
        limit = rosh if kq in ("2.2.3", "2.3.3", "2.4.3") else targets.cases
        key_questions[kq] = (target if target.relevant <= limit
                             else counts_for_percent(wales.PUBLISHED_PERCENTS[kq], limit))
    return dataclasses.replace(targets, key_questions=key_questions)


def pdf(subject: Inspection) -> bytes:
    """The report PDF as the web app and the command line make it: data annexe included."""
    scored = score(subject)
    return render_pdf(build_report(subject, scored), annexe=data_annexe(subject, scored))


def timed(step: Callable[[], object], runs: int) -> tuple[float, float]:
    step()  # warm-up: imports, template compilation, font discovery
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    subject = inspection()
    cases = sum(len(s.assessments) for s in subject.samples)
    steps: dict[str, Callable[[], object]] = {
        "Score (tallies and ratings)": lambda: score(subject),
        "Build the report model": lambda: build_report(subject),
        "HTML (build + render)": lambda: render_html(build_report(subject)),
        "PDF (score + build + annexe + render)": lambda: pdf(subject),
        "XLSX (score + build + render)": lambda: render_xlsx(subject, build_report(subject)),
        "Data annexe XLSX (score + render)": lambda: render_data_annexe_xlsx(subject),
    }
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Report benchmark: {cases} cases "
          f"({', '.join(f'{n} {t}' for t, n in SIZES.items())}), {runs} runs each; "
          f"load average {load} at the start\n")
    print("| Step | Median (s) | Fastest (s) | Goal (s) |")
    print("|---|---:|---:|---:|")
    for name, step in steps.items():
        median, fastest = timed(step, runs)
        goal = GOALS.get(name)
        verdict = "" if goal is None else f"{goal:g} {'met' if median < goal else 'MISSED'}"
        print(f"| {name} | {median:.3f} | {fastest:.3f} | {verdict} |")


if __name__ == "__main__":
    main()
