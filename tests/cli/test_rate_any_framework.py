"""``rate --framework FILE``: a provider's own audit framework and the 2021-23 PDU points.

Both frameworks are written into the test's temporary folder: neither ships in the library.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from probation_inspection.cli import app

RUNNER = CliRunner()
WIDE = {"COLUMNS": "200"}

#: A provider's own casework audit: three key questions, its own three-colour bands, and a
#: management-oversight standard that is reported but not scored. Under five relevant cases a
#: standard is not rated, and the overall is then banded over the standards that are.
AUDIT = """\
id: acme-casework-audit
version: "2026.1"
title: Acme Probation Services casework audit
attributes:
  - {name: rosh_issues, type: boolean, label: Risk of serious harm issues apply}
rating:
  labels: [Red, Amber, Green]
  percentage_bands:
    - {label: Red, minimum: 0, maximum: 69}
    - {label: Amber, minimum: 70, maximum: 84}
    - {label: Green, minimum: 85, maximum: 100}
  scores: {Red: 0, Amber: 1, Green: 2}
  overall_bands:            # two scored standards, 2 points each
    - {label: Red, minimum: 0, maximum: 1}
    - {label: Amber, minimum: 2, maximum: 3}
    - {label: Green, minimum: 4, maximum: 4}
  minimum_relevant_cases_to_rate: 5
  overall:
    when_not_rated: score-over-rated
domains:
  - id: A
    title: Casework
    standards:
      - id: A.1
        title: Assessment
        statement: Assessment is analytical and personalised.
        rating_method: lowest-key-question
        key_questions:
          - {id: A.1.1, text: "Is the assessment sufficiently analytical?"}
      - id: A.2
        title: Planning
        statement: Planning keeps other people safe.
        rating_method: lowest-key-question
        key_questions:
          - {id: A.2.1, text: "Does planning keep other people safe?", relevance: rosh_issues}
      - id: A.3
        title: Management oversight
        statement: Managers oversee the work.
        rating_method: lowest-key-question
        scored: false
        key_questions:
          - {id: A.3.1, text: "Is management oversight effective?"}
"""


def _write(folder: Path, name: str, content: str | object) -> Path:
    path = folder / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8")
    return path


def _audit(tmp_path: Path) -> Path:
    return _write(tmp_path, "acme-audit.yaml", AUDIT)


def _rate(*args: str) -> Any:
    return RUNNER.invoke(app, ["rate", *args], env=WIDE)


def test_a_providers_own_framework_file_rates_its_audit(tmp_path: Path) -> None:
    audit = [
        {"provider": "Acme North", "overall": "Amber",
         "key_questions": {"A.1.1": {"yes": 18, "relevant": 20},
                           "A.2.1": {"yes": 12, "relevant": 16},
                           "A.3.1": {"yes": 10, "relevant": 20}},
         "standards": {}},
        {"provider": "Acme South",
         "key_questions": {"A.1.1": {"yes": 18, "relevant": 20},
                           "A.2.1": {"yes": 2, "relevant": 3},
                           "A.3.1": {"yes": 10, "relevant": 20}},
         "standards": {}},
    ]
    result = _rate(str(_write(tmp_path, "audit.json", audit)), "--framework",
                   str(_audit(tmp_path)), "--json")
    assert result.exit_code == 0, result.output
    north, south = json.loads(result.stdout)["reports"]
    # 90% Green (2) + 75% Amber (1); oversight's 50% Red is reported but not scored.
    assert {sid: (s["rating"], s["scored"]) for sid, s in north["standards"].items()} == {
        "A.1": ("Green", True), "A.2": ("Amber", True), "A.3": ("Red", False),
    }
    assert (north["score"], north["max_score"], north["overall"], north["findings"]) == (
        3, 4, "Amber", []
    )
    # Planning has 3 relevant cases, under the 5 to rate: not rated, and the overall is the
    # assessment's 2 of 2 against the bands scaled from 4 (Green from 4 x 2/4 = 2).
    planning = south["standards"]["A.2"]
    assert (planning["rating"], planning["not_rated_reason"]) == (
        "Not rated", "only 3 relevant cases, fewer than the 5 the framework needs to rate it"
    )
    assert (planning["uncertain"], planning["lowest_percent"]) == (None, None)
    assert (south["score"], south["max_score"], south["overall"]) == (2, 2, "Green")


def test_the_table_says_what_is_not_rated_and_not_scored(tmp_path: Path) -> None:
    audit = {"provider": "Acme South",
             "key_questions": {"A.1.1": {"yes": 18, "relevant": 20},
                               "A.2.1": {"yes": 0, "relevant": 0},
                               "A.3.1": {"yes": 10, "relevant": 20}},
             "standards": {}}
    result = _rate(str(_write(tmp_path, "audit.json", audit)), "--framework",
                   str(_audit(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "[1] A.2 is not rated: no relevant cases in its sample" in result.stdout
    assert "[2] A.3 is not scored: it does not count towards the overall" in result.stdout
    assert ("Score 2 of 2: overall Green (bands scaled from 4 to the 2 points of the rated "
            "standards; not rated: A.2)") in result.stdout


def test_a_broken_framework_file_exits_2_naming_file_line_and_code(tmp_path: Path) -> None:
    broken = _write(tmp_path, "broken.yaml", AUDIT.replace("scored: false", "scored: maybe"))
    data = _write(tmp_path, "audit.json", {"provider": "X", "key_questions": {},
                                           "standards": {}})
    result = _rate(str(data), "--framework", str(broken))
    assert result.exit_code == 2
    assert result.stdout == ""
    line = AUDIT.splitlines().index("        scored: false") + 1
    assert f"{broken}:{line}: FW105 wrong-type A.3: 'scored' must be true or false" in (
        result.stderr
    )
    result = _rate(str(data), "--framework", str(tmp_path / "absent.yaml"))
    assert result.exit_code == 2
    assert "absent.yaml: FW000 unreadable-file file: cannot read the file" in result.stderr


def test_a_published_rating_without_figures_is_taken_as_published_and_said(
    fixtures: Path, tmp_path: Path
) -> None:
    entry = json.loads((fixtures / "published-results.json").read_text(encoding="utf-8"))[0]
    for key in ("4.2.1", "4.2.2", "4.2.3"):
        del entry["key_questions"][key]
    entry["framework"] = "hmip-crc-2018"  # the input names its framework: no --framework
    path = _write(tmp_path, "wales.json", entry)
    result = _rate(str(path))
    assert result.exit_code == 0, result.output
    assert ("4.2: no key-question percentages given, so its rating is taken as published"
            in result.stdout)
    result = _rate(str(path), "--json")
    report = json.loads(result.stdout)["reports"][0]
    through_the_gate = report["standards"]["4.2"]
    assert (through_the_gate["rating"], through_the_gate["lowest_percent"],
            through_the_gate["not_rated_reason"]) == (entry["standards"]["4.2"], None, None)
    assert (report["score"], report["max_score"], report["findings"]) == (11, 30, [])


def test_a_standard_with_no_published_judgement_is_not_rated_and_so_is_the_overall(
    fixtures: Path, tmp_path: Path
) -> None:
    entry = json.loads((fixtures / "published-results.json").read_text(encoding="utf-8"))[0]
    del entry["standards"]["1.4"]
    entry["framework"] = "hmip-crc-2018@2018.1"
    result = _rate(str(_write(tmp_path, "wales.json", entry)), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["reports"][0]
    assert report["standards"]["1.4"]["not_rated_reason"] == "no published judgement rating"
    # hmip-crc-2018 declares no overall rule, so the overall is not rated either: that
    # differs from the published overall, and says so.
    assert report["overall"] == "Not rated"
    assert report["findings"] == [{"standard": "overall", "kind": "unexplained-deviation",
                                   "published": entry["overall"], "computed": "Not rated"}]


# --- 2021-23 PDU inspections: nine standards, 27 points ----------------------------------------

#: Written from ../shared/spec/LATER-FRAMEWORKS.md 2.4 and 3(c): nine standards [R names, V
#: count], 27 points [V], bands 0-4 / 5-13 / 14-22 / 23-27 [R, "by the same proportional
#: logic"]. The key questions' wording is not in that note, so the case standards carry one
#: placeholder key question each: the points test rates from published standard ratings only.
PDU_2021 = """\
id: pdu-2021-test
version: "provisional"
title: PDU inspections 2021-23 (provisional, for tests; see LATER-FRAMEWORKS.md)
attributes: []
rating:
  labels: [Inadequate, Requires improvement, Good, Outstanding]
  percentage_bands:
    - {label: Inadequate, minimum: 0, maximum: 49}
    - {label: Requires improvement, minimum: 50, maximum: 64}
    - {label: Good, minimum: 65, maximum: 79}
    - {label: Outstanding, minimum: 80, maximum: 100}
  scores: {Inadequate: 0, Requires improvement: 1, Good: 2, Outstanding: 3}
  overall_bands:
    - {label: Inadequate, minimum: 0, maximum: 4}
    - {label: Requires improvement, minimum: 5, maximum: 13}
    - {label: Good, minimum: 14, maximum: 22}
    - {label: Outstanding, minimum: 23, maximum: 27}
domains:
  - id: "1"
    title: Organisational delivery
    standards:
{domain_one}
  - id: "2"
    title: Court work and case supervision
    standards:
{domain_two}
"""
DOMAIN_ONE = {"1.1": "Leadership", "1.2": "Staff", "1.3": "Services",
              "1.4": "Information and facilities"}
DOMAIN_TWO = {"2.1": "Court work", "2.2": "Assessment", "2.3": "Planning",
              "2.4": "Implementation and delivery", "2.5": "Reviewing"}
LABELS = ["Inadequate", "Requires improvement", "Good", "Outstanding"]


def _pdu_framework(folder: Path) -> Path:
    one = "\n".join(f'      - {{id: "{sid}", title: {title}, statement: "{title}.", '
                    "rating_method: judgement}" for sid, title in DOMAIN_ONE.items())
    two = "\n".join(f'      - id: "{sid}"\n        title: {title}\n        statement: '
                    f'"{title}."\n        rating_method: lowest-key-question\n'
                    f'        key_questions:\n          - {{id: "{sid}.1", text: "Key question '
                    'wording not given in the source note (provisional)"}'
                    for sid, title in DOMAIN_TWO.items())
    text = PDU_2021.replace("{domain_one}", one).replace("{domain_two}", two)
    return _write(folder, "pdu-2021.yaml", text)


def _reports(provider: str, points: int, ids: list[str]) -> list[dict[str, object]]:
    """One report for every way the standards ``ids`` can score ``points`` (the others 0):
    the note gives each inspection's total, not how it falls across the standards."""
    reports = []
    for scores in itertools.product(range(4), repeat=len(ids)):
        if sum(scores) != points:
            continue
        standards = dict.fromkeys([*DOMAIN_ONE, *DOMAIN_TWO], "Inadequate")
        standards.update({sid: LABELS[score] for sid, score in zip(ids, scores, strict=True)})
        reports.append({"provider": provider, "key_questions": {}, "standards": standards,
                        "overall": "Inadequate"})
    return reports


def test_the_published_pdu_points_are_inadequate_out_of_27(tmp_path: Path) -> None:
    framework = _pdu_framework(tmp_path)
    every = [*DOMAIN_ONE, *DOMAIN_TWO]
    reports = [
        # "zero out of a total of 27 inspection points": every standard Inadequate.
        *_reports("Hammersmith, Fulham, Kensington, Chelsea and Westminster PDU", 0, every),
        # "just three points", with "'Inadequate' for all five of our case quality
        # standards": the three points fall in domain one, in some way not given.
        *_reports("Lambeth PDU", 3, list(DOMAIN_ONE)),
        *_reports("Ealing and Hillingdon PDU", 3, list(DOMAIN_ONE)),
        # "two inspection points out a possible 27": anywhere among the nine.
        *_reports("Leicester, Leicestershire and Rutland PDU", 2, every),
    ]
    result = _rate(str(_write(tmp_path, "pdu.json", reports)), "--framework", str(framework),
                   "--json")
    assert result.exit_code == 0, result.output
    rated = json.loads(result.stdout)["reports"]
    # 1 way to score 0; 20 ways to put 3 points on four standards; 45 ways for 2 on nine.
    assert len(rated) == len(reports) == 1 + 20 + 20 + 45
    expected = {"Hammersmith": 0, "Lambeth": 3, "Ealing": 3, "Leicester": 2}
    for report in rated:
        points = next(v for k, v in expected.items() if report["provider"].startswith(k))
        assert (report["score"], report["max_score"], report["overall"]) == (
            points, 27, "Inadequate"
        )
        assert report["findings"] == []
        # Standards rated as published: no figures, nothing not rated, all scored.
        assert {s["not_rated_reason"] for s in report["standards"].values()} == {None}
        assert {s["scored"] for s in report["standards"].values()} == {True}


def test_the_pdu_framework_file_lists_nine_standards_and_27_points(tmp_path: Path) -> None:
    framework = _pdu_framework(tmp_path)
    result = RUNNER.invoke(app, ["frameworks", "show", str(framework), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["max_score"] == 27
    assert sum(len(d["standards"]) for d in document["domains"]) == 9


def test_a_limiting_rule_in_the_file_caps_a_rating_and_says_why(tmp_path: Path) -> None:
    text = AUDIT.replace(
        "          - {id: A.1.1, text: \"Is the assessment sufficiently analytical?\"}\n",
        "          - {id: A.1.1, text: \"Is the assessment sufficiently analytical?\"}\n"
        "        limits:\n"
        "          - {key_question: A.3.1, below_percent: 60, at_most: Amber, "
        "note: \"Acme's own rule\"}\n")
    assert text != AUDIT
    framework = _write(tmp_path, "acme-limited.yaml", text)
    audit = {"provider": "Acme North",
             "key_questions": {"A.1.1": {"yes": 18, "relevant": 20},
                               "A.2.1": {"yes": 12, "relevant": 16},
                               "A.3.1": {"yes": 10, "relevant": 20}},
             "standards": {}}
    data = _write(tmp_path, "audit.json", audit)
    report = json.loads(_rate(str(data), "--framework", str(framework), "--json").stdout)
    assessment = report["reports"][0]["standards"]["A.1"]
    assert (assessment["rule_rating"], assessment["rating"], assessment["limited_by"]) == (
        "Green", "Amber", "at most Amber: key question A.3.1 below 60% (Acme's own rule)"
    )
    assert report["reports"][0]["score"] == 2
    result = _rate(str(data), "--framework", str(framework))
    assert ("[1] A.1 is limited, at most Amber: key question A.3.1 below 60% (Acme's own rule)"
            in result.stdout)
