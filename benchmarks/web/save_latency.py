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

The load generator is kept lean so the machine's CPU goes to the app: each inspector is one
thread holding one kept-alive connection (``http.client``, cookies by hand), and the run prints
the CPU time spent in the window by the client, the app servers, the proxy and PostgreSQL,
separately, with the load average, so a figure taken on a busy machine says so.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[2]
PASSWORD = "benchmark-inspector-passphrase"
MAX_DURATION = 900.0


class Browser:
    """One inspector's browser, as cheap as a client can be: one kept-alive connection, the
    cookies the app sets, nothing else (no cookie jar policy, no redirect handling)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None
        self.timeout = SETUP_TIMEOUT

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            reused = self.connection is not None
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port,
                                                             timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                # A kept-alive connection the server closed while it was idle: nothing was
                # read from it, so the request is sent again, once, on a new connection.
                if reused and attempt == 1:
                    continue
                raise
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            if response.will_close:
                self.close()
            return response.status, content
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


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


def database_server() -> list[int]:
    """The local PostgreSQL server's main process (its backends are its children), to measure
    its CPU apart; none for SQLite (in the app's processes) or a server on another machine."""
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = int(cursor.fetchone()[0])
    table = _processes()  # while the backend lives: its parent is the server's main process
    connections.close_all()
    return [table[backend][0]] if backend in table else []


def field_name(question_id: str) -> str:
    return "answer-" + question_id.replace(".", "-")


#: The form fields the autosave script posts (every input of the page's form but the buttons).
FORM_FIELD = re.compile(r'name="((?:answer|evidence|practice|attribute)-[^"]+)"')


def run_inspector(
    person: Inspector, front: tuple[str, int], window: Window, seed: int, think: float,
    autosave: bool = False,
) -> None:
    """Sign in and open the case (the ramp-up, untimed), wait until every inspector has, then
    save until the window closes."""
    browser = Browser(*front)
    chooser = random.Random(seed)

    def get(path: str) -> str:
        return browser.request("GET", path)[1].decode()

    reply: dict[str, object] = {}

    def post(path: str, data: dict[str, str]) -> int:
        data["csrfmiddlewaretoken"] = browser.cookies.get("csrftoken", "")
        status, content = browser.request("POST", path, urllib.parse.urlencode(data).encode())
        reply.clear()
        if autosave and status == 200:
            reply.update(json.loads(content))
        return status

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
        browser.timeout = SAVE_TIMEOUT
        if browser.connection is not None:
            browser.connection.timeout = SAVE_TIMEOUT
            if browser.connection.sock is not None:
                browser.connection.sock.settimeout(SAVE_TIMEOUT)
        version = int(re.search(r'name="version" value="(\d+)"', html).group(1))  # type: ignore[union-attr]
        # Questions that do not apply wait in <template>s, outside the form the script posts.
        form_fields = sorted(set(FORM_FIELD.findall(
            re.sub(r"<template\b.*?</template>", "", html, flags=re.DOTALL))))
        blanks = {name: "" for name in form_fields if not name.startswith("practice-")}
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
                data = {**blanks, **data, "autosave": "1"}
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
    finally:
        browser.close()


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
        self.opened = threading.Event()

    def _open(self) -> None:
        self.deadline = time.monotonic() + self.duration
        self.opened.set()


TICKS = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, float, float]]:
    """Every process: pid -> (parent, own CPU seconds, CPU seconds of its reaped children)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone since the listing
        found[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS,
                             (int(fields[13]) + int(fields[14])) / TICKS)
    return found


def tree_cpu(roots: list[int], table: dict[int, tuple[int, float, float]]) -> float:
    """CPU seconds used so far by the processes under ``roots`` (they included): each live
    one's own, and what the ones that ended used (counted in their parent once reaped)."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0.0, [pid for pid in roots if pid in table]
    while todo:
        pid = todo.pop()
        _, own, reaped = table[pid]
        total += own + reaped
        todo.extend(children.get(pid, []))
    return total


@dataclass
class CpuMeter:
    """CPU time spent during the timed window by each party, measured apart: the load
    generator (this process), the app servers, the proxy and the database server."""

    servers: list[int]
    proxy: list[int]
    database: list[int]
    spent: dict[str, float] = field(default_factory=dict)
    load: dict[str, list[float]] = field(default_factory=dict)

    def _now(self) -> dict[str, float]:
        table = _processes()
        return {"client": time.process_time(), "servers": tree_cpu(self.servers, table),
                "proxy": tree_cpu(self.proxy, table), "database": tree_cpu(self.database, table),
                "wall": time.monotonic()}

    def watch(self, window: Window) -> None:
        """Run in a thread: read every party's CPU when the window opens and when it shuts."""
        window.opened.wait()
        before = self._now()
        self.load["start"] = [round(value, 2) for value in os.getloadavg()]
        time.sleep(max(0.0, window.deadline - time.monotonic()))
        after = self._now()
        self.load["end"] = [round(value, 2) for value in os.getloadavg()]
        self.spent = {key: after[key] - before[key] for key in after}


def lost_answers(people: list[Inspector]) -> int:
    from probation_inspection.web.casework.models import Answer

    lost = 0
    for person in people:
        stored = dict(Answer.objects.filter(assessment__sampled_case_id=person.case_id)
                      .values_list("question_id", "value"))
        lost += sum(1 for question, value in person.saved.items() if stored.get(question) != value)
    return lost


HAPROXY = """global
    maxconn 4096
    nbthread 1
defaults
    mode tcp
    timeout connect 5s
    timeout client 120s
    timeout server 120s
frontend front
    bind 127.0.0.1:{front}
    default_backend apps
backend apps
    balance roundrobin
{servers}
"""


def start_proxy(kind: str, front: int, ports: list[int], scratch: Path,
                log: Any) -> subprocess.Popen[bytes]:
    """One address in front of the app servers. haproxy (C, epoll) balances each connection
    in turn at layer 4, as a cloud load balancer does; the Python proxy copies bytes in
    asyncio and costs a core of its own at this load, so it is kept only as a fallback."""
    if kind == "haproxy":
        config = scratch / "haproxy.cfg"
        config.write_text(HAPROXY.format(front=front, servers="\n".join(
            f"    server app{n} 127.0.0.1:{port}" for n, port in enumerate(ports))))
        return subprocess.Popen([str(shutil.which("haproxy")), "-db", "-q", "-f", str(config)],
                                stdout=subprocess.DEVNULL, stderr=log)
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("proxy.py")), str(front),
         *map(str, ports)], stdout=subprocess.DEVNULL, stderr=log)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspectors", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300.0, help="seconds of saving")
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=8,
                        help="threads per gunicorn worker (gthread): each overlaps another's "
                             "database waits, and keeps its own database connection")
    parser.add_argument("--instances", type=int, default=1,
                        help="app servers (gunicorn) behind one address when more than one")
    parser.add_argument("--proxy", choices=["haproxy", "python", "none"],
                        default="haproxy" if shutil.which("haproxy") else "none",
                        help="what stands at the one address with --instances: haproxy (the "
                             "default when installed), the Python proxy, or none: each "
                             "inspector is sent to an instance's port in turn (default "
                             "without haproxy)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds each inspector waits between saves (0: none)")
    parser.add_argument("--mode", choices=["save", "autosave"], default="save",
                        help="post as the Save draft button (save) or as the page's "
                             "autosave script (the whole form, answered in JSON)")
    arguments = parser.parse_args()
    duration = min(arguments.duration, MAX_DURATION)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probation_inspection.web.settings")
    # The app as production runs it: no debug (which keeps every query), warnings logged only.
    os.environ["DJANGO_DEBUG"] = "0"
    scratch = tempfile.TemporaryDirectory()
    if not os.environ.get("DATABASE_URL"):
        os.environ["PROBATION_INSPECTION_VAR"] = scratch.name
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite (WAL)"
    people = prepare(arguments.inspectors)
    postmaster = database_server()

    server_log = open(Path(scratch.name) / "server.log", "w+")  # noqa: SIM115 - read at the end
    if arguments.instances > 1 and arguments.server != "gunicorn":
        raise SystemExit("--instances needs --server gunicorn")
    ports = [free_port() for _ in range(arguments.instances)]
    servers, processes = [], []
    for port in ports:
        if arguments.server == "gunicorn":
            # Worker processes use both cores; threads let a worker overlap database waits.
            # Keep-alive longer than any think time, so an inspector's connection is reused
            # as a browser's is; the heartbeat file on tmpfs, so a busy disk cannot stall a
            # worker.
            command = [str(Path(sys.executable).with_name("gunicorn")),
                       "probation_inspection.web.wsgi:application",
                       "--bind", f"127.0.0.1:{port}",
                       "--workers", str(arguments.workers), "--threads", str(arguments.threads),
                       "--worker-class", "gthread", "--keep-alive", "75",
                       "--log-level", "warning"]
            if Path("/dev/shm").is_dir():
                command += ["--worker-tmp-dir", "/dev/shm"]
        else:
            command = [sys.executable, str(REPOSITORY / "manage.py"), "runserver",
                       f"127.0.0.1:{port}", "--noreload"]
        servers.append(subprocess.Popen(
            command, cwd=REPOSITORY, env=os.environ.copy(), stdout=subprocess.DEVNULL,
            stderr=server_log,
        ))
    processes += servers
    proxy = arguments.proxy if arguments.instances > 1 else "none"
    fronts = [("127.0.0.1", port) for port in ports]
    proxies = []
    if proxy != "none":
        front = free_port()
        proxies.append(start_proxy(proxy, front, ports, Path(scratch.name), server_log))
        processes += proxies
        fronts = [("127.0.0.1", front)]
    try:
        for host, port in [*fronts, *(("127.0.0.1", port) for port in ports)]:
            for _ in range(150):  # every instance (and the proxy) up before anyone saves
                try:
                    urllib.request.urlopen(f"http://{host}:{port}/account/sign-in/",
                                           timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
        window = Window(len(people), duration)
        meter = CpuMeter([p.pid for p in servers], [p.pid for p in proxies], postmaster)
        watcher = threading.Thread(target=meter.watch, args=(window,), daemon=True)
        watcher.start()
        # Small stacks: a few hundred threads that mostly sleep need little.
        threading.stack_size(512 * 1024)
        threads = [
            threading.Thread(target=run_inspector,
                             args=(p, fronts[n % len(fronts)], window, n, arguments.think,
                                   arguments.mode == "autosave"))
            for n, p in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=2 * SETUP_TIMEOUT + duration + 120)
        watcher.join(timeout=30)
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
    spent = meter.spent
    window_seconds = spent.get("wall", 0.0)
    saves_per_second = len(latencies) / window_seconds if window_seconds else 0.0

    def cpu(key: str) -> dict[str, float]:
        seconds = spent.get(key, 0.0)
        return {"seconds": round(seconds, 1),
                "cores": round(seconds / window_seconds, 2) if window_seconds else 0.0,
                "ms_per_save": round(1000 * seconds / len(latencies), 2) if latencies else 0.0}

    front_words = {"haproxy": " behind haproxy (layer 4, round robin)",
                   "python": " behind the Python proxy (round robin)",
                   "none": " (inspectors spread over the instances' ports; no proxy)"}
    print(json.dumps({
        "database": database,
        "server": (f"{arguments.instances} x " if arguments.instances > 1 else "")
        + (f"gunicorn, {arguments.workers} workers x {arguments.threads} threads"
           if arguments.server == "gunicorn" else "manage.py runserver (threaded)")
        + (front_words[proxy] if arguments.instances > 1 else "") + ", loopback",
        "mode": arguments.mode,
        "inspectors": arguments.inspectors,
        "duration_seconds": duration,
        "think_seconds": arguments.think,
        "saves": len(latencies),
        "saves_per_second": round(saves_per_second, 1),
        "p50_ms": round(quantiles[49] * 1000, 1),
        "p95_ms": round(quantiles[94] * 1000, 1),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "server_exceptions": server_errors[:5],
        "lost_answers": lost_answers(people),
        # CPU in the timed window, each party apart: the load generator's own cost is not
        # the app's; "cores" is seconds over the window's length (this machine has
        # os.cpu_count() of them, shared with whatever else runs: see the load average).
        "cpu": {"client": cpu("client"), "app_servers": cpu("servers"),
                "proxy": cpu("proxy"), "database": cpu("database")},
        "machine": {"cores": os.cpu_count(), "load_average_at_start": meter.load.get("start"),
                    "load_average_at_end": meter.load.get("end")},
    }, indent=2))
    scratch.cleanup()


if __name__ == "__main__":
    main()
