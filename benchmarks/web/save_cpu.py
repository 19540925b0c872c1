"""Server CPU per assessment save: N saves of a realistic form through Django's test client.

Runs the whole request in this process (middleware, the access gate, the form, the save, the
audit events and the answer it sends back) against a fresh SQLite database loaded with the
demo, so ``time.process_time`` per save is the server's CPU for one save, with no network or
second process in the figure. ``--profile`` prints the functions that take it.

    .venv/bin/python benchmarks/web/save_cpu.py [--saves 300] [--profile] [--autosave]
    .venv/bin/python benchmarks/web/save_cpu.py --autosave --compare 385e5ac~1

``--compare REVISION`` loads the save service (web/casework/services.py) as it was at that
revision beside today's and alternates them save by save in the same run, so the two figures
share the machine's load; it prints each one's CPU per save, whole request and service alone.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import os
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="print the top 40 functions")
    parser.add_argument("--compare", metavar="REVISION",
                        help="alternate with the save service as it was at this git revision")
    parser.add_argument("--autosave", action="store_true",
                        help="post as the page's background save does (answered in JSON)")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probation_inspection.web.settings")
    scratch = tempfile.TemporaryDirectory()
    os.environ["PROBATION_INSPECTION_VAR"] = scratch.name
    from save_latency import field_name, prepare

    person = prepare(1)[0]
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=person.username))
    page = f"/cases/{person.case_id}/"
    opened = client.get(page)
    found = re.search(r'name="version" value="(\d+)"', opened.content.decode())
    if found is None:
        raise SystemExit(f"the case page answered {opened.status_code} without a form")
    version = int(found[1])
    chooser = random.Random(1)
    # A realistic form: every answer the inspector has given so far, posted again each time.
    answers: dict[str, str] = {}

    from probation_inspection.web.casework import services, views

    services_now = services.save_assessment
    service_cpu: list[float] = []

    def timed_service(function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                service_cpu.append(time.process_time() - started)
        return wrapper

    implementations = {"now": timed_service(services_now)}
    if arguments.compare:
        implementations = {"at " + arguments.compare: timed_service(
            _service_at(arguments.compare)), **implementations}

    def save() -> float:
        nonlocal version
        question = chooser.choice(person.questions)
        answers[question] = chooser.choice(["yes", "no", "not-applicable"])
        data = {field_name(q): v for q, v in answers.items()}
        data.update(version=str(version), action="save")
        if arguments.autosave:
            data["autosave"] = "1"
        started = time.process_time()
        response = client.post(page, data)
        spent = time.process_time() - started
        if response.status_code not in (200, 302):
            raise SystemExit(f"save answered {response.status_code}")
        version += 1
        return spent

    for _ in range(20):  # warm up: every question answered once or so, caches filled
        save()
    profile = cProfile.Profile() if arguments.profile else None
    if profile:
        profile.enable()
    spent: dict[str, list[float]] = {name: [] for name in implementations}
    service: dict[str, list[float]] = {name: [] for name in implementations}
    for number in range(arguments.saves * len(implementations)):
        name = list(implementations)[number % len(implementations)]
        views.save_assessment = implementations[name]  # type: ignore[attr-defined]
        spent[name].append(save())
        service[name].append(service_cpu[-1])
    if profile:
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        pstats.Stats(profile).sort_stats("cumulative").print_callees("save_assessment|gated|case_member_of")
    kind = "background (autosave) saves" if arguments.autosave else "saves"
    for name in implementations:
        print(f"save service {name}: {arguments.saves} {kind} of a form with {len(answers)} "
              f"answers, one changed each: server CPU per save median "
              f"{statistics.median(spent[name]) * 1000:.1f} ms (mean "
              f"{statistics.fmean(spent[name]) * 1000:.1f} ms), of which the save service "
              f"{statistics.median(service[name]) * 1000:.1f} ms")
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"SQLite, in-process test client, Python {sys.version.split()[0]}; load average "
          f"{load} on {os.cpu_count()} CPUs")
    scratch.cleanup()


def _service_at(revision: str):  # type: ignore[no-untyped-def]
    """save_assessment as web/casework/services.py had it at ``revision`` (a module of its own
    beside today's, using today's models and core)."""
    source = subprocess.run(
        ["git", "show", f"{revision}:src/probation_inspection/web/casework/services.py"],
        capture_output=True, text=True, check=True,
        cwd=Path(__file__).resolve().parents[2]).stdout
    spec = importlib.util.spec_from_loader("services_at_revision", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    exec(compile(source, f"services.py at {revision}", "exec"), module.__dict__)  # noqa: S102
    return module.save_assessment


if __name__ == "__main__":
    main()
