"""How long ``probation-inspection --help`` takes: the real entry point, median of 10 runs.

Beside it in the same run: the interpreter alone and ``import typer`` with Rich's help
formatting (the floor any Typer command line pays), and a command that loads its module
(``sample-size``, which imports polars and SciPy through the sampling core).

    .venv/bin/python benchmarks/cli/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (user + system, of the child) of ``runs`` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    entry = str(BIN / "probation-inspection")
    rows = [
        ("python -c pass (the interpreter alone)", [sys.executable, "-c", "pass"]),
        ("import typer and its Rich help formatting (the floor)",
         [sys.executable, "-c", "import typer, typer.rich_utils"]),
        ("probation-inspection --help", [entry, "--help"]),
        ("probation-inspection sample-size --population 500 (loads its command)",
         [entry, "sample-size", "--population", "500"]),
    ]
    print(f"Median of {runs} runs each.\n")
    print("| Command | Wall (s) | CPU (s) |\n|---|---:|---:|")
    results = {}
    for label, command in rows:
        wall, cpu = timed(command, runs)
        results[label] = (wall, cpu)
        print(f"| {label} | {wall:.3f} | {cpu:.3f} |")
    help_wall, help_cpu = results["probation-inspection --help"]
    floor_wall, _ = results["import typer and its Rich help formatting (the floor)"]
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n--help: {help_wall:.3f} s ({help_cpu:.3f} s CPU), {help_wall / floor_wall:.2f}x "
          f"the Typer floor (target under 0.3 s). Load average (1/5/15 min): {load} on "
          f"{os.cpu_count()} CPUs.")


if __name__ == "__main__":
    main()
