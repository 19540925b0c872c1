"""Load benchmark: simulated inspectors saving assessment answers concurrently over loopback.

Starts the web server on 127.0.0.1 against a fresh SQLite database (or the PostgreSQL server
DATABASE_URL names), signs in one user per inspector, and has each save its own case's draft
over and over for a bounded time. Reports p50/p95 save latency and errors, then checks in the
database that every answer an inspector saved is the one stored (no lost answers). Signing in
and opening the case is a ramp-up outside the timed window, which opens once every inspector
has the form (so 200 sign-ins at once do not count as slow saves).

``--mode autosave`` posts what the page's autosave script sends instead: the whole form (every
answer, evidence note and case attribute field of the page, ``autosave=1``) after each change,
taking the next version from the JSON answer.

    .venv/bin/python benchmarks/web/save_latency.py --inspectors 50 --duration 300
    .venv/bin/python benchmarks/web/save_latency.py --mode autosave --think 5
    scripts/with-postgres.sh .venv/bin/python benchmarks/web/save_latency.py ...
    benchmarks/web/run.sh --inspectors 200 --think 2 --instances 2 --workers 2  (PostgreSQL)
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
PASSWORD = "benchmark-inspector-passphrase"
MAX_DURATION = 900.0


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Inspector:
    username: str
    case_id: int
    questions: list[str]
    saved: dict[str, str] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def prepare(inspectors: int) -> list[Inspector]:
    """Migrate, load the demo and give each benchmark inspector a case of their own."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from probation_inspection.web.casework.models import SampledCase
    from probation_inspection.web.casework.questions import questions
    from probation_inspection.web.demo import load_demo
    from probation_inspection.web.frameworks import framework
    from probation_inspection.web.inspections.models import Role, TeamMember

    call_command("migrate", verbosity=0)
    inspection, _ = load_demo()
    cases = list(SampledCase.objects.filter(sample__inspection=inspection, status="sampled")
                 .order_by("case_reference"))
    # More inspectors than the demo's sampled cases: copies of its cases under new references
    # (benchmark data only), so every inspector still saves a case of their own.
    copies = 0
    while len(cases) < inspectors:
        original = cases[copies % len(cases)]
        copies += 1
        copy = SampledCase.objects.get(pk=original.pk)
        copy.pk = None
        copy.case_reference = f"{original.case_reference}-B{copies}"
        copy.assigned_to = None
        copy.replaced = None
        copy.save()
        cases.append(copy)
    loaded = framework(inspection.framework_id, inspection.framework_version)
    model = get_user_model()
    people = []
    for number, case in enumerate(cases[:inspectors], start=1):
        username = f"bench{number:03d}"
        user = model.objects.filter(username=username).first()
        if user is None:
            user = model.objects.create_user(username, password=PASSWORD)
        TeamMember.objects.get_or_create(inspection=inspection, user=user,
                                         defaults={"role": Role.INSPECTOR})
        case.assigned_to = user
        case.save(update_fields=["assigned_to"])
        # Questions with no relevance rule apply to every case, whatever its attributes.
        ids = [q.id for q in questions(loaded, case.sample.sample_type)
               if q.key_question.relevance is None and (q.prompt is None
                                                        or q.prompt.relevance is None)]
        people.append(Inspector(username, case.pk, ids))
    from django.db import connections

    connections.close_all()
    return people


def field_name(question_id: str) -> str:
    return "answer-" + question_id.replace(".", "-")


#: The form fields the autosave script posts (every input of the page's form but the buttons).
FORM_FIELD = re.compile(r'name="((?:answer|evidence|practice|attribute)-[^"]+)"')


def run_inspector(
    person: Inspector, base: str, window: Window, seed: int, think: float,
    autosave: bool = False,
) -> None:
    """Sign in and open the case (the ramp-up, untimed), wait until every inspector has, then
    save until the window closes."""
    jar = http.cookiejar.CookieJar()
    limit = [SETUP_TIMEOUT]
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    chooser = random.Random(seed)

    def get(path: str) -> str:
        with opener.open(base + path, timeout=limit[0]) as response:
            return str(response.read().decode())

    reply: dict[str, object] = {}

    def post(path: str, data: dict[str, str]) -> int:
        token = next(c.value for c in jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(base + path, data=body,
                                         headers={"Referer": base + path})
        reply.clear()
        try:
            with opener.open(request, timeout=limit[0]) as response:
                content = response.read()
                if autosave:
                    reply.update(json.loads(content))
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    try:
        try:
            get("/account/sign-in/")
            status = post("/account/sign-in/",
                          {"username": person.username, "password": PASSWORD})
            if status != 302:
                person.errors.append(f"sign-in answered {status}")
                return
            page = f"/cases/{person.case_id}/"
            html = get(page)
        finally:
            window.ready.wait()
        limit[0] = SAVE_TIMEOUT
        version = int(re.search(r'name="version" value="(\d+)"', html).group(1))  # type: ignore[union-attr]
        # Questions that do not apply wait in <template>s, outside the form the script posts.
        form_fields = sorted(set(FORM_FIELD.findall(
            re.sub(r"<template\b.*?</template>", "", html, flags=re.DOTALL))))
        while time.monotonic() < window.deadline:
            if think:
                # An inspector reads the case between answers: uniform around the mean.
                time.sleep(chooser.uniform(0.5 * think, 1.5 * think))
            question = chooser.choice(person.questions)
            value = chooser.choice(["yes", "no", "not-applicable"])
            answers = {**person.saved, question: value}
            data = {field_name(q): v for q, v in answers.items()}
            if autosave:
                # The whole form as the page holds it: blank fields are sent too, checkboxes
                # only when ticked (none here), as the browser's FormData does.
                data = {**{name: "" for name in form_fields
                           if not name.startswith("practice-")}, **data, "autosave": "1"}
            data.update(version=str(version), action="save")
            started = time.perf_counter()
            status = post(page, data)
            elapsed = time.perf_counter() - started
            if status in (200, 302) and (not autosave or reply.get("version") is not None):
                person.latencies.append(elapsed)
                person.saved = answers
                version = int(str(reply["version"])) if autosave else version + 1
            else:
                person.errors.append(f"save answered {status}")
                version = int(re.search(r'name="version" value="(\d+)"',  # type: ignore[union-attr]
                                        get(page)).group(1))
    except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the run
        person.errors.append(f"{type(error).__name__}: {error}")


#: Seconds a request may take while everyone signs in at once (argon2 by design is slow), and
#: while saving.
SETUP_TIMEOUT = 300.0
SAVE_TIMEOUT = 30.0


class Window:
    """The timed window: it opens when every inspector has signed in and opened their case."""

    def __init__(self, inspectors: int, duration: float) -> None:
        self.deadline = float("inf")
        self.ready = threading.Barrier(inspectors, action=self._open)
        self.duration = duration

    def _open(self) -> None:
        self.deadline = time.monotonic() + self.duration


def lost_answers(people: list[Inspector]) -> int:
    from probation_inspection.web.casework.models import Answer

    lost = 0
    for person in people:
        stored = dict(Answer.objects.filter(assessment__sampled_case_id=person.case_id)
                      .values_list("question_id", "value"))
        lost += sum(1 for question, value in person.saved.items() if stored.get(question) != value)
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspectors", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds of saving")
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--instances", type=int, default=1,
                        help="app servers (gunicorn) behind one address: a round-robin proxy "
                             "(benchmarks/web/proxy.py) when more than one")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds each inspector waits between saves (0: none)")
    parser.add_argument("--mode", choices=["save", "autosave"], default="save",
                        help="post as the Save draft button (save) or as the page's "
                             "autosave script (the whole form, answered in JSON)")
    arguments = parser.parse_args()
    duration = min(arguments.duration, MAX_DURATION)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probation_inspection.web.settings")
    scratch = tempfile.TemporaryDirectory()
    if not os.environ.get("DATABASE_URL"):
        os.environ["PROBATION_INSPECTION_VAR"] = scratch.name
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite (WAL)"
    people = prepare(arguments.inspectors)

    server_log = open(Path(scratch.name) / "server.log", "w+")  # noqa: SIM115 - read at the end
    if arguments.instances > 1 and arguments.server != "gunicorn":
        raise SystemExit("--instances needs --server gunicorn")
    ports = [free_port() for _ in range(arguments.instances)]
    processes = []
    for port in ports:
        if arguments.server == "gunicorn":
            # Worker processes use both cores; threads let a worker overlap database waits.
            command = [str(Path(sys.executable).with_name("gunicorn")),
                       "probation_inspection.web.wsgi:application",
                       "--bind", f"127.0.0.1:{port}",
                       "--workers", str(arguments.workers), "--threads", "8",
                       "--worker-class", "gthread", "--log-level", "warning"]
        else:
            command = [sys.executable, str(REPOSITORY / "manage.py"), "runserver",
                       f"127.0.0.1:{port}", "--noreload"]
        processes.append(subprocess.Popen(
            command, cwd=REPOSITORY, env=os.environ.copy(), stdout=subprocess.DEVNULL,
            stderr=server_log,
        ))
    front = ports[0]
    if arguments.instances > 1:
        front = free_port()
        processes.append(subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("proxy.py")), str(front),
             *map(str, ports)], stdout=subprocess.DEVNULL, stderr=server_log))
    base = f"http://127.0.0.1:{front}"
    try:
        for port in ports:  # every instance up before anyone saves
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/account/sign-in/",
                                           timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
        window = Window(len(people), duration)
        threads = [
            threading.Thread(target=run_inspector, args=(p, base, window, n, arguments.think,
                                                         arguments.mode == "autosave"))
            for n, p in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=2 * SETUP_TIMEOUT + duration + 120)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)

    server_log.seek(0)
    server_errors = sorted({line.strip() for line in server_log
                            if re.match(r"^[\w.]*(Error|Exception)\b", line.strip())})
    server_log.close()
    latencies = sorted(t for p in people for t in p.latencies)
    errors = [e for p in people for e in p.errors]
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    print(json.dumps({
        "database": database,
        "server": (f"{arguments.instances} x " if arguments.instances > 1 else "")
        + (f"gunicorn, {arguments.workers} workers x 8 threads"
           if arguments.server == "gunicorn" else "manage.py runserver (threaded)")
        + (" behind a round-robin proxy" if arguments.instances > 1 else "") + ", loopback",
        "mode": arguments.mode,
        "inspectors": arguments.inspectors,
        "duration_seconds": duration,
        "think_seconds": arguments.think,
        "saves": len(latencies),
        "p50_ms": round(quantiles[49] * 1000, 1),
        "p95_ms": round(quantiles[94] * 1000, 1),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "server_exceptions": server_errors[:5],
        "lost_answers": lost_answers(people),
    }, indent=2))
    scratch.cleanup()


if __name__ == "__main__":
    main()
