"""Server CPU per assessment save: N saves of a realistic form through Django's test client.

Runs the whole request in this process (middleware, the access gate, the form, the save, the
audit events and the answer it sends back) against a fresh SQLite database loaded with the
demo, so ``time.process_time`` per save is the server's CPU for one save, with no network or
second process in the figure. ``--profile`` prints the functions that take it.

    .venv/bin/python benchmarks/web/save_cpu.py [--saves 300] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="print the top 40 functions")
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
    spent = [save() for _ in range(arguments.saves)]
    if profile:
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        pstats.Stats(profile).sort_stats("cumulative").print_callees("save_assessment|gated|case_member_of")
    kind = "background (autosave) saves" if arguments.autosave else "saves"
    print(f"{arguments.saves} {kind} of a form with {len(answers)} answers, one changed each: "
          f"server CPU per save median {statistics.median(spent) * 1000:.1f} ms, "
          f"mean {statistics.fmean(spent) * 1000:.1f} ms "
          f"(SQLite, in-process test client, Python {sys.version.split()[0]})")
    scratch.cleanup()


if __name__ == "__main__":
    main()
