"""Benchmark of the case-list path: read, validate, filter and sample 1,000,000 CSV rows.

Generates the files into benchmarks/out/ (git-ignored), runs each measurement in a fresh
subprocess (so peak memory is that measurement's own), and sets each path beside its floor in
the same run: polars' bare read of the same CSV, polars' calamine read of the same XLSX. Also
compares with a straightforward pandas version of the same steps and with the XLSX path
through openpyxl, checks all find the same sample, and prints a Markdown table and the ratios.

    .venv/bin/python benchmarks/sampling/benchmark.py [--rows 1000000] [--xlsx-rows 100000]
        [--repeat 3] [--skip-pandas] [--skip-xlsx]

``--skip-pandas`` and ``--skip-xlsx`` leave those measurements out, for quick iterations on
the CSV path; the figures for the docs come from a full run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "out"
FIELDWORK = dt.date(2019, 3, 4)
SEED = 20190304
#: The shipped case supervision sample type, by the id its framework files declare.
SAMPLE_TYPE = "case-supervision"
HEADER = [
    "CRN", "Gender", "Disposal", "RoSH", "Managing organisation", "LDU", "Office", "RO grade",
    "Sentence start date", "UPW start date", "UPW hours", "Release date", "Releasing prison",
    "Ethnicity", "Notes",
]


def generate_frame(rows: int) -> Any:
    """A realistic case list: categories as a case management system spells them, dates in
    both accepted formats over about eighteen months, optional columns mostly blank."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(1)

    def pick(values: list[str], weights: list[float]) -> Any:
        return pl.Series(values)[rng.choice(len(values), rows, p=np.array(weights) / sum(weights))]

    def dates(start: dt.date, days: int) -> Any:
        offsets = pl.Series(rng.integers(0, days, rows)).cast(pl.Duration("ms")) * 86_400_000
        day = pl.lit(start) + pl.lit(offsets)
        iso = pl.Series(rng.random(rows) < 0.5)
        return pl.select(
            pl.when(pl.lit(iso)).then(day.dt.strftime("%Y-%m-%d"))
            .otherwise(day.dt.strftime("%d/%m/%Y"))
        ).to_series()

    units = ["Cardiff", "Swansea", "Bridgend", "Newport", "Wrexham", "Rhyl", "Merthyr"]
    disposal = pick(["Community order", "Suspended sentence order", "Licence",
                     "Post-sentence supervision"], [40, 30, 25, 5])
    upw = pl.Series(rng.random(rows) < 0.3)
    released = disposal.is_in(["Licence", "Post-sentence supervision"])
    unit = pick(units, [3, 2, 2, 2, 1, 1, 1])
    return pl.DataFrame({
        "CRN": pl.select(pl.concat_str(pl.lit("X"), pl.lit(pl.Series(
            rng.permutation(rows) + 1_000_000).cast(pl.String)))).to_series(),
        "Gender": pick(["Male", "Female"], [85, 15]),
        "Disposal": disposal,
        "RoSH": pick(["Low", "Medium", "High", "Very high"], [30, 50, 17, 3]),
        "Managing organisation": pick(["CRC", "NPS"], [70, 30]),
        "LDU": unit,
        "Office": unit + " office",
        "RO grade": pick(["PO", "PSO"], [45, 55]),
        "Sentence start date": dates(dt.date(2017, 9, 1), 540),
        "UPW start date": pl.select(pl.when(pl.lit(upw)).then(
            pl.lit(dates(dt.date(2018, 1, 1), 420)))).to_series(),
        "UPW hours": pl.select(pl.when(pl.lit(upw)).then(
            pl.lit(pick(["40", "80", "120", "150", "200", "300"], [1] * 6)))).to_series(),
        "Release date": pl.select(pl.when(pl.lit(released)).then(
            pl.lit(dates(dt.date(2018, 6, 1), 270)))).to_series(),
        "Releasing prison": pl.select(pl.when(pl.lit(released)).then(pl.lit(pick(
            ["HMP Cardiff", "HMP Swansea", "HMP/YOI Parc", "HMP Berwyn"], [1] * 4)))).to_series(),
        "Ethnicity": pick(["White", "BAME", "Other", "Not recorded"], [86, 4, 4, 6]),
        "Notes": pick(["", "", "", "interpreter needed", "=HYPERLINK(\"x\")", "-"], [1] * 6),
    })


def generate(rows: int, xlsx_rows: int) -> tuple[Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = OUT / f"caselist-{rows}.csv", OUT / f"caselist-{xlsx_rows}.xlsx"
    if not csv_path.exists():
        generate_frame(rows).write_csv(csv_path)
    if not xlsx_path.exists():
        write_xlsx(generate_frame(xlsx_rows), xlsx_path)
    return csv_path, xlsx_path


def write_xlsx(frame: Any, path: Path) -> None:
    """Write as Excel does: ISO dates as date cells, text in a shared-strings table."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in frame.iter_rows():
        sheet.append([_excel_value(value) for value in row])
    workbook.save(path)
    _share_strings(path)


def _excel_value(value: str | None) -> object:
    if value and len(value) == 10 and value[4] == "-":
        return dt.date.fromisoformat(value)
    return value


_INLINE = re.compile(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t( xml:space="preserve")?>(.*?)</t>'
                     r"</is></c>")


def _share_strings(path: Path) -> None:
    """openpyxl writes inline strings, which Excel never does and which openpyxl reads several
    times slower; rewrite them as the shared-strings table a real workbook has."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    strings: dict[tuple[str, str], int] = {}

    def share(match: re.Match[str]) -> str:
        key = (match[2] or "", match[3])
        index = strings.setdefault(key, len(strings))
        return f'<c r="{match[1]}" t="s"><v>{index}</v></c>'

    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = _INLINE.sub(share, parts[sheet].decode("utf-8")).encode("utf-8")
    items = "".join(f"<si><t{space}>{text}</t></si>" for space, text in strings)
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'uniqueCount="{len(strings)}">{items}</sst>'
    ).encode()
    types = "[Content_Types].xml"
    parts[types] = parts[types].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", (
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdShared"/>'
        b"</Relationships>"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


# --- the measured pipelines (each runs in its own subprocess) -------------------------------


def ours(path: Path, *, isolated: bool = False) -> dict[str, Any]:
    """Read, validate, filter and sample; ``isolated`` reads and validates in the child process
    (within the untrusted-file limits), as the command line and the web application do."""
    from probation_inspection.sampling import definition_of, draw, eligible, load_case_list
    from probation_inspection.sampling.loading import load_untrusted_case_list

    load = load_untrusted_case_list if isolated else load_case_list
    # The sample type as an inspection holds it, from its framework: reading the shipped
    # framework files to find it is not part of the case-list path.
    sample_type = definition_of(SAMPLE_TYPE)
    started, cpu = time.perf_counter(), time.process_time()
    case_list = load(path, sample_type)
    population = eligible(case_list, sample_type, FIELDWORK)
    sample = draw(population, SEED)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    chosen = [c.crn for c in sample.cases] + [c.crn for c in sample.reserves]
    return {"seconds": seconds, "cpu": cpu, "listed": len(case_list), "eligible": len(population),
            "size": sample.size, "digest": hashlib.sha256(" ".join(sorted(chosen)).encode())
            .hexdigest()[:12]}


def with_pandas(path: Path) -> dict[str, Any]:
    """The same steps written the obvious pandas way (vectorised, no per-row Python)."""
    import csv

    import numpy as np
    import pandas as pd

    from probation_inspection.sampling.allocation import Stratum, allocate
    from probation_inspection.sampling.columns import resolve_columns
    from probation_inspection.sampling.defaults import definition_of
    from probation_inspection.sampling.fields import CATEGORIES, Field, spellings
    from probation_inspection.sampling.validation import _ISO, _UK

    window = definition_of(SAMPLE_TYPE).eligibility  # as an inspection holds it
    started, cpu = time.perf_counter(), time.process_time()
    with path.open(encoding="utf-8-sig") as handle:
        separator = csv.Sniffer().sniff(handle.read(65536), delimiters=",;\t").delimiter
    frame = pd.read_csv(path, sep=separator, dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    required = (Field.CRN, Field.GENDER, Field.DISPOSAL, Field.ROSH, Field.START_DATE)
    matched, problems = resolve_columns(frame.columns, None, required)
    typed = pd.DataFrame({"row": np.arange(2, len(frame) + 2)})
    bad = pd.Series(False, index=frame.index)
    for field, index in matched.items():
        text = frame.iloc[:, index].str.strip()
        blank = text == ""
        if field in required:
            bad |= blank
        if field in CATEGORIES:
            key = text.str.lower().str.replace(r"[\s_\-./]+", " ", regex=True).str.strip()
            value = key.map(spellings(field))
            bad |= ~blank & value.isna()
        elif field in (Field.START_DATE, Field.UPW_START_DATE, Field.RELEASE_DATE):
            iso, uk = text.str.match(_ISO), text.str.match(_UK)
            canonical = text.str.replace(_ISO, r"\1-\2-\3", regex=True).where(iso)
            canonical = canonical.fillna(
                text.str.replace(_UK, r"\3-\2-\1", regex=True).where(uk))
            value = pd.to_datetime(canonical, format="%Y-%m-%d", errors="coerce")
            bad |= ~blank & value.isna()
        elif field is Field.UPW_HOURS:
            value = pd.to_numeric(text.where(~blank), errors="coerce")
            bad |= ~blank & ~value.between(40, 300)
        elif field is Field.CRN:
            value = text.str.upper()
            bad |= value.duplicated()
        else:
            value = text.where(~blank)
        typed[field.value] = value
    if problems or bad.any():
        raise SystemExit(f"pandas: {int(bad.sum())} rows with problems")
    earliest, latest = window.bounds(FIELDWORK)
    start = typed[window.date_field]
    mask = start <= pd.Timestamp(latest)
    if earliest is not None:
        mask &= start >= pd.Timestamp(earliest)
    for condition in window.filters:  # the shipped case-supervision window: disposals only
        mask &= typed[condition.field].isin(list(condition.values))
    population = typed[mask].reset_index(drop=True)
    from probation_inspection.sampling.size import sample_size

    size = sample_size(len(population))
    population["key"] = np.random.default_rng(SEED).permutation(len(population))
    keys = ["gender", "disposal", "rosh"]
    counts = population.groupby(keys).size()
    fields = (Field.GENDER, Field.DISPOSAL, Field.ROSH)
    strata = {Stratum(tuple(zip(fields, k, strict=True))): int(n) for k, n in counts.items()}
    allocation = allocate(strata, size)
    quota = pd.DataFrame([(*(v for _, v in s.values), a, 2 * a) for s, a in allocation.items()],
                         columns=[*keys, "allocated", "keep"])
    population = population.merge(quota, on=keys)
    population["rank"] = population.groupby(keys)["key"].rank(method="first") - 1
    chosen = population[population["rank"] < population["keep"]]["crn"].tolist()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "listed": len(frame), "eligible": len(population),
            "size": size,
            "digest": hashlib.sha256(" ".join(sorted(chosen)).encode()).hexdigest()[:12]}


def bare(path: Path) -> dict[str, Any]:
    """The floor: polars reading the same file alone, every cell as text (CSV), or with
    calamine (XLSX), and nothing else: no validation, no sampling."""
    import polars as pl

    started, cpu = time.perf_counter(), time.process_time()
    if path.suffix == ".csv":
        frame = pl.read_csv(path, infer_schema=False)
    else:
        frame = pl.read_excel(path, engine="calamine")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "listed": frame.height, "eligible": None,
            "size": None, "digest": ""}


def ours_openpyxl(path: Path) -> dict[str, Any]:
    """The XLSX path as it was before calamine: every workbook through openpyxl."""
    from probation_inspection.sampling import reading

    reading.read_with_calamine = lambda path: None  # type: ignore[assignment]
    return ours(path)


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                children = [int(child) for child in task.read_text().split()]
            except OSError:
                continue
            found += children
            todo += children
    return found


class _ChildPeak:
    """The largest peak RSS (VmHWM, KiB) of any process below this one, polled: the limited
    child is started by a fork server, so it is not this process's child and
    ``RUSAGE_CHILDREN`` never sees it. VmHWM only grows, so polling misses at most the last
    few milliseconds' growth."""

    def __init__(self) -> None:
        import threading

        self.kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.wait(0.01):
            for pid in _descendants(os.getpid()):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.kib = max(self.kib, int(line.split()[1]))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.kib


def measure(kind: str, path: Path) -> None:
    # Import first so each library's import cost stays out of the timing; only what the
    # measurement uses, so the peak memory is that path's own.
    import polars  # noqa: F401

    if kind.startswith("pandas"):
        import pandas  # noqa: F401
    if not kind.startswith("bare"):
        import probation_inspection.sampling  # noqa: F401

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_peak = 0
    if kind == "isolated-csv":
        watch = _ChildPeak()
        result = ours(path, isolated=True)
        child_peak = watch.stop()
    elif kind in ("polars-csv", "polars-xlsx"):
        result = ours(path)
    elif kind == "openpyxl-xlsx":
        result = ours_openpyxl(path)
    elif kind.startswith("bare"):
        result = bare(path)
    else:
        result = with_pandas(path)
    # KiB on Linux; the isolated reader's child counts too (the larger of the two processes).
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, child_peak)
    print(json.dumps({**result, "peak_mib": peak / 1024, "baseline_mib": baseline / 1024}))


def pandas_xlsx(path: Path) -> None:
    import pandas as pd

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_excel(path, dtype=str, engine="openpyxl")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu": cpu, "listed": len(frame), "eligible": None,
                      "size": None, "digest": "", "peak_mib": peak / 1024,
                      "baseline_mib": baseline / 1024}))


def run_fresh(kind: str, path: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "measure", kind, str(path)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{kind} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "measure"])
    parser.add_argument("kind", nargs="?")
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--skip-pandas", action="store_true", help="leave out the pandas runs")
    parser.add_argument("--skip-xlsx", action="store_true", help="leave out the XLSX runs")
    args = parser.parse_args()
    if args.command == "measure":
        if args.kind == "pandas-xlsx":
            pandas_xlsx(args.path)
        else:
            measure(args.kind, args.path)
        return
    csv_path, xlsx_path = generate(args.rows, args.xlsx_rows)
    plan = [("bare-csv", csv_path), ("polars-csv", csv_path), ("isolated-csv", csv_path),
            ("pandas-csv", csv_path), ("bare-xlsx", xlsx_path), ("polars-xlsx", xlsx_path),
            ("openpyxl-xlsx", xlsx_path)]
    plan = [(kind, path) for kind, path in plan
            if not (args.skip_pandas and kind.startswith("pandas"))
            and not (args.skip_xlsx and kind.endswith("xlsx"))]
    results: dict[str, dict[str, Any]] = {}
    for kind, path in plan:
        # openpyxl parses XML in pure Python: one run of it is plenty.
        repeat = 1 if kind == "openpyxl-xlsx" else args.repeat
        runs = [run_fresh(kind, path) for _ in range(repeat)]
        best = dict(runs[0])
        best["seconds"] = statistics.median(r["seconds"] for r in runs)
        best["cpu"] = statistics.median(r["cpu"] for r in runs)
        best["peak_mib"] = max(r["peak_mib"] for r in runs)
        results[kind] = best
    ours_csv, pandas_csv = results["polars-csv"], results.get("pandas-csv")
    for other in (pandas_csv, results["isolated-csv"]):
        if other is not None and (ours_csv["eligible"], ours_csv["size"], ours_csv["digest"]) != (
                other["eligible"], other["size"], other["digest"]):
            raise SystemExit(f"a version disagrees: {ours_csv} vs {other}")
    labels = {
        "bare-csv": "CSV: polars.read_csv alone, every cell as text (the floor)",
        "polars-csv": "CSV: read, validate, filter, sample (this project, polars)",
        "isolated-csv": "CSV: the same, read and validated in the limited child process "
                        "(what `sample` and the web upload do)",
        "pandas-csv": "CSV: the same steps in pandas",
        "bare-xlsx": "XLSX: polars.read_excel(engine=\"calamine\") alone (the floor)",
        "polars-xlsx": "XLSX: read, validate, filter, sample (this project, calamine)",
        "openpyxl-xlsx": "XLSX: the same through openpyxl (the path before calamine)",
    }
    xlsx_note = "" if args.skip_xlsx else f" and {args.xlsx_rows:,} rows XLSX"
    print(f"Case list of {args.rows:,} rows ({csv_path.stat().st_size / 2**20:.0f} MiB CSV)"
          f"{xlsx_note}; times are the median of {args.repeat} fresh processes (the openpyxl "
          "row: one).\n")
    print("| Measurement | Rows | Eligible | Sample | Time (s) | CPU (s) | Peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind, result in results.items():
        eligible = "" if result["eligible"] is None else f"{result['eligible']:,}"
        size = "" if result["size"] is None else str(result["size"])
        print(f"| {labels[kind]} | {result['listed']:,} | {eligible} | {size} | "
              f"{result['seconds']:.2f} | {result['cpu']:.2f} | {result['peak_mib']:.0f} |")
    floor = results["bare-csv"]
    csv_floor = ours_csv["seconds"] / floor["seconds"]
    csv_floor_cpu = ours_csv["cpu"] / floor["cpu"]
    print(f"\nCSV path: {csv_floor:.2f}x polars' bare read of the same file in elapsed time "
          f"(target 2.5x; {csv_floor_cpu:.2f}x in CPU time); peak RSS {ours_csv['peak_mib']:.0f} "
          f"MiB (target 600; the bare read's {floor['peak_mib']:.0f} MiB), of which about "
          f"{ours_csv['baseline_mib']:.0f} MiB is the interpreter and imports before reading "
          f"(polars alone: {floor['baseline_mib']:.0f} MiB). In the child process: "
          f"{results['isolated-csv']['seconds'] / floor['seconds']:.2f}x, peak "
          f"{results['isolated-csv']['peak_mib']:.0f} MiB (the larger of the two processes).")
    if not args.skip_xlsx:
        if (results["polars-xlsx"]["eligible"], results["polars-xlsx"]["digest"]) != (
                results["openpyxl-xlsx"]["eligible"], results["openpyxl-xlsx"]["digest"]):
            raise SystemExit("the calamine and openpyxl XLSX paths disagree")
        xlsx = results["polars-xlsx"]
        xlsx_floor = xlsx["seconds"] / results["bare-xlsx"]["seconds"]
        xlsx_gain = results["openpyxl-xlsx"]["seconds"] / xlsx["seconds"]
        print(f"\nXLSX path: {xlsx_floor:.2f}x calamine's bare read of the same workbook, "
              f"{xlsx_gain:.1f}x faster than the openpyxl path; same eligible count and sample "
              "by both.")
    if pandas_csv is not None:
        speedup = pandas_csv["seconds"] / ours_csv["seconds"]
        cpu_ratio = pandas_csv["cpu"] / ours_csv["cpu"]
        print(f"\nCSV path: {speedup:.1f}x faster than pandas in elapsed time ({cpu_ratio:.1f}x "
              "in CPU time, which counts both polars threads); same eligible count, size and "
              f"sample (digest {ours_csv['digest']}).")
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\nLoad average at the end (1/5/15 min): {load} on {os.cpu_count()} CPUs.")


if __name__ == "__main__":
    main()
