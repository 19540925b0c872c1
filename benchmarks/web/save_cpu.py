"""Server CPU per assessment save: N saves of a realistic form through Django's test client.

Runs the whole request in this process (middleware, the access gate, the form, the save, the
audit events and the answer it sends back) against a fresh SQLite database loaded with the
demo, so ``time.process_time`` per save is the server's CPU for one save, with no network or
second process in the figure. ``--profile`` prints the functions that take it.

    .venv/bin/python benchmarks/web/save_cpu.py [--saves 300] [--profile] [--autosave]
    .venv/bin/python benchmarks/web/save_cpu.py --autosave --saves 100 --compare 464701c

``--compare REVISION`` runs the whole application as it was at that revision (its ``src/``
and ``benchmarks/`` taken with ``git archive`` into a scratch directory) in a second process
beside today's, each with its own database, and alternates them in batches of
``--batch`` saves (which one goes first alternating too), so the two figures share the
machine's load; it prints each one's CPU per save, whole request and save service alone, and
their ratio.

A background save posts the way that tree's page posts it (``--encoding page``): form-encoded
when its ``assess.js`` sends ``URLSearchParams``, else multipart (a ``FormData`` body);
``--encoding multipart`` or ``urlencoded`` forces one for both.
"""

from __future__ import annotations

import argparse
import cProfile
import json
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
from typing import Any
from urllib.parse import urlencode

REPOSITORY = Path(__file__).resolve().parents[2]
ASSESS_JS = Path("src/probation_inspection/web/static/web/assess.js")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="print the top 40 functions")
    parser.add_argument("--profile-out", metavar="FILE",
                        help="with --profile, also write the profile there (for pstats)")
    parser.add_argument("--compare", metavar="REVISION",
                        help="alternate with the whole application as it was at this revision")
    parser.add_argument("--batch", type=int, default=10,
                        help="with --compare, saves per turn of each side")
    parser.add_argument("--autosave", action="store_true",
                        help="post as the page's background save does (answered in JSON)")
    parser.add_argument("--encoding", choices=("page", "multipart", "urlencoded"),
                        default="page", help="how a background save's body is encoded")
    parser.add_argument("--serve", metavar="TREE", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        _serve(arguments, Path(arguments.serve))
    elif arguments.compare:
        _compare(arguments)
    else:
        _alone(arguments)


class Saver:
    """One signed-in inspector saving their case's draft through the test client, in the
    application the current ``sys.path`` finds."""

    def __init__(self, tree: Path, autosave: bool, encoding: str) -> None:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probation_inspection.web.settings")
        self.scratch = tempfile.TemporaryDirectory()
        os.environ["PROBATION_INSPECTION_VAR"] = self.scratch.name
        sys.path.insert(0, str(tree / "benchmarks" / "web"))
        from save_latency import field_name, prepare  # that tree's own

        self.field_name = field_name
        self.person = prepare(1)[0]
        from django.contrib.auth import get_user_model
        from django.test import Client

        self.client = Client(HTTP_HOST="127.0.0.1")
        self.client.force_login(get_user_model().objects.get(username=self.person.username))
        self.page = f"/cases/{self.person.case_id}/"
        opened = self.client.get(self.page)
        found = re.search(r'name="version" value="(\d+)"', opened.content.decode())
        if found is None:
            raise SystemExit(f"the case page answered {opened.status_code} without a form")
        self.version = int(found[1])
        self.chooser = random.Random(1)
        self.autosave = autosave
        if encoding == "page":
            script = (tree / ASSESS_JS).read_text(encoding="utf-8")
            encoding = "urlencoded" if "URLSearchParams" in script else "multipart"
        self.encoding = encoding if autosave else "multipart"
        # A realistic form: every answer the inspector has given so far, posted again each time.
        self.answers: dict[str, str] = {}
        self.service: list[float] = []
        from probation_inspection.web.casework import views

        service = views.save_assessment

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return service(*args, **kwargs)
            finally:
                self.service.append(time.process_time() - started)

        views.save_assessment = timed  # type: ignore[assignment]

    def save(self) -> float:
        """One save; the server CPU it took (seconds)."""
        from django.test.client import BOUNDARY, encode_multipart

        question = self.chooser.choice(self.person.questions)
        self.answers[question] = self.chooser.choice(["yes", "no", "not-applicable"])
        data = {self.field_name(q): v for q, v in self.answers.items()}
        data.update(version=str(self.version), action="save")
        if self.autosave:
            data["autosave"] = "1"
        # The body is encoded before the clock starts: a browser's work, not the server's.
        if self.encoding == "urlencoded":
            body, content_type = urlencode(data), "application/x-www-form-urlencoded"
        else:
            # (A content type equal to, not the same object as, the client's MULTIPART_CONTENT,
            # so the client posts these bytes instead of encoding a dict itself.)
            body = encode_multipart(BOUNDARY, data)
            content_type = f"multipart/form-data; boundary={BOUNDARY}"
        started = time.process_time()
        response = self.client.post(self.page, body, content_type=content_type)
        spent = time.process_time() - started
        if response.status_code not in (200, 302):
            raise SystemExit(f"save answered {response.status_code}")
        self.version += 1
        return spent


def _report(name: str, arguments: argparse.Namespace, answers: int, encoding: str,
            spent: list[float], service: list[float]) -> None:
    kind = "background (autosave) saves" if arguments.autosave else "saves"
    print(f"{name}: {len(spent)} {kind} ({encoding}) of a form with {answers} "
          f"answers, one changed each: server CPU per save median "
          f"{statistics.median(spent) * 1000:.1f} ms (mean "
          f"{statistics.fmean(spent) * 1000:.1f} ms), of which the save service "
          f"{statistics.median(service) * 1000:.1f} ms")


def _machine() -> str:
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    return (f"SQLite, in-process test client, Python {sys.version.split()[0]}; load average "
            f"{load} on {os.cpu_count()} CPUs")


def _alone(arguments: argparse.Namespace) -> None:
    saver = Saver(REPOSITORY, arguments.autosave, arguments.encoding)
    for _ in range(20):  # warm up: every question answered once or so, caches filled
        saver.save()
    saver.service.clear()
    profile = cProfile.Profile() if arguments.profile else None
    if profile:
        profile.enable()
    spent = [saver.save() for _ in range(arguments.saves)]
    if profile:
        profile.disable()
        if arguments.profile_out:
            profile.dump_stats(arguments.profile_out)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        pstats.Stats(profile).sort_stats("cumulative").print_callees(
            "save_assessment|gated|case_member_of")
    _report("now", arguments, len(saver.answers), saver.encoding, spent, saver.service)
    print(_machine())
    saver.scratch.cleanup()


def _serve(arguments: argparse.Namespace, tree: Path) -> None:
    """A side of ``--compare``: set up, warm up, then answer "N" on stdin with N saves."""
    saver = Saver(tree, arguments.autosave, arguments.encoding)
    for _ in range(20):
        saver.save()
    print(json.dumps({"ready": True, "encoding": saver.encoding}), flush=True)
    for line in sys.stdin:
        saver.service.clear()
        spent = [saver.save() for _ in range(int(line))]
        print(json.dumps({"spent": spent, "service": saver.service,
                          "answers": len(saver.answers)}), flush=True)
    saver.scratch.cleanup()


def _compare(arguments: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as then:
        # From the git repository the command runs in (the checkout itself, as a rule).
        archive = subprocess.run(["git", "archive", arguments.compare, "src", "benchmarks"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", then], input=archive, check=True)
        sides = {f"at {arguments.compare}": Path(then), "now": REPOSITORY}
        command = [sys.executable, str(Path(__file__).resolve()), "--encoding",
                   arguments.encoding, *(["--autosave"] if arguments.autosave else [])]
        children = {}
        for name, tree in sides.items():
            environment = {**os.environ, "PYTHONPATH": str(tree / "src")}
            children[name] = subprocess.Popen(
                [*command, "--serve", str(tree)], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, text=True, env=environment, cwd=tree)
        encodings = {}
        for name, child in children.items():
            assert child.stdout is not None
            encodings[name] = json.loads(child.stdout.readline())["encoding"]
        spent: dict[str, list[float]] = {name: [] for name in sides}
        service: dict[str, list[float]] = {name: [] for name in sides}
        answers = 0
        turns = max(1, arguments.saves // arguments.batch)
        for turn in range(turns):
            order = list(sides) if turn % 2 == 0 else list(reversed(sides))
            for name in order:
                child = children[name]
                assert child.stdin is not None and child.stdout is not None
                child.stdin.write(f"{arguments.batch}\n")
                child.stdin.flush()
                reply = json.loads(child.stdout.readline())
                spent[name] += reply["spent"]
                service[name] += reply["service"]
                answers = reply["answers"]
        for child in children.values():
            assert child.stdin is not None
            child.stdin.close()
            child.wait()
        for name in sides:
            _report(name, arguments, answers, encodings[name], spent[name], service[name])
        before, after = (statistics.median(spent[name]) for name in sides)
        print(f"now / at {arguments.compare}: {after / before:.2f} of the request CPU "
              f"(medians, {turns} alternating turns of {arguments.batch} saves each)")
        print(_machine())


if __name__ == "__main__":
    main()
