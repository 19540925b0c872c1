"""The assessment page's live relevance (web/static/web/assess.js) against the core's: every
shipped framework's question rules, exported as data (`framework.relevance_export`), evaluated
by the page's script in Node for a grid of attribute values, give what `Question.applies`
gives. Also hand-written rules covering every node of the language, decimals included."""

from __future__ import annotations

import itertools
import json
import random
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from probation_inspection.framework.library import available_frameworks, load_framework
from probation_inspection.framework.model import AttributeType, CaseAttribute, Relevance
from probation_inspection.framework.relevance import parse
from probation_inspection.framework.relevance_export import rule_data
from probation_inspection.scoring.walk import questions

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "src" / "probation_inspection" / "web" / "static" / "web" / "assess.js"
#: Most value combinations tried per question (a seeded sample beyond that).
MOST = 400


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if found is None:
        pytest.fail("Node.js is needed to run the page's script (apt-get install nodejs)")
    return found


def run_in_node(cases: list[dict[str, Any]]) -> list[bool | None]:
    """The page's `applies` for each case ({"question": rules, "attributes": values})."""
    runner = (
        "import fs from 'node:fs'\n"
        f"import {{ applies }} from {json.dumps(SCRIPT.as_uri())}\n"
        "const cases = JSON.parse(fs.readFileSync(0, 'utf8'))\n"
        "const results = cases.map((c) => applies(c.question, c.attributes))\n"
        "process.stdout.write(JSON.stringify(results))\n"
    )
    done = subprocess.run([node(), "--input-type=module", "-e", runner],
                          input=json.dumps(cases), capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def grid_values(attribute: CaseAttribute, literals: set[object]) -> list[object]:
    """Values worth trying for an attribute: its own, the rules' literals and edges; None
    stands for a value not given."""
    if attribute.type is AttributeType.BOOLEAN:
        return [True, False, None]
    if attribute.type is AttributeType.CHOICE:
        return [*attribute.values, None]
    if attribute.type is AttributeType.INTEGER:
        numbers = {n for n in literals if isinstance(n, int) and not isinstance(n, bool)}
        return sorted({0, 1, 5, *numbers, *(n - 1 for n in numbers), *(n + 1 for n in numbers)}
                      ) + [None]
    if attribute.type is AttributeType.DECIMAL:
        numbers = {Decimal(n) for n in literals if isinstance(n, int | Decimal)
                   and not isinstance(n, bool)}
        step = Decimal("0.01")
        return sorted({Decimal(0), *numbers, *(n - step for n in numbers),
                       *(n + step for n in numbers)}) + [None]
    texts = {text for text in literals if isinstance(text, str)}
    return sorted({"", "other", *texts}) + [None]


def literals_of(data: Any) -> set[object]:
    found: set[object] = set()
    if isinstance(data, dict):
        if data.get("t") == "literal":
            value = data["value"]
            found.add(Decimal(value) if data["kind"] == "decimal" else value)
        for child in data.values():
            found |= literals_of(child)
    elif isinstance(data, list):
        for child in data:
            found |= literals_of(child)
    return found


def as_json(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def cases_for(question_rules: dict[str, Any], attributes: list[CaseAttribute],
              seed: int) -> list[dict[str, object]]:
    literals = literals_of(question_rules)
    grids = [grid_values(attribute, literals) for attribute in attributes]
    combinations = list(itertools.product(*grids))
    if len(combinations) > MOST:
        combinations = random.Random(seed).sample(combinations, MOST)
    return [{attribute.name: value for attribute, value in zip(attributes, combo, strict=True)
             if value is not None} for combo in combinations]


def check_against_core(items: list[tuple[str, Any, dict[str, Any], dict[str, object]]]) -> None:
    """Each item: (label, the core's question, its exported rules, attribute values)."""
    expected = [question.applies(values) for _, question, _, values in items]
    got = run_in_node([{"question": rules,
                        "attributes": {k: as_json(v) for k, v in values.items()}}
                       for _, _, rules, values in items])
    wrong = [f"{label} with {values}: core {want}, page {have}"
             for (label, _, _, values), want, have in zip(items, expected, got, strict=True)
             if want != have]
    assert not wrong, "\n".join(wrong[:20])


def exported(question: Any) -> dict[str, Any]:
    prompt = question.prompt.relevance if question.prompt else None
    kq = question.key_question.relevance
    return {"key_question": rule_data(kq.condition) if kq else None,
            "prompt": rule_data(prompt.condition) if prompt else None}


def _has_rules(summary: Any) -> bool:
    framework = load_framework(summary.id, summary.version)
    return any(exported(question) != {"key_question": None, "prompt": None}
               for question in questions(framework))


#: The shipped frameworks whose questions have relevance rules: each is run below; the rest
#: are held to having none (test after), so none is passed over unseen.
WITH_RULES = [summary for summary in available_frameworks() if _has_rules(summary)]


def test_every_shipped_framework_left_out_has_no_relevance_rule() -> None:
    left_out = [s for s in available_frameworks() if s not in WITH_RULES]
    for summary in left_out:
        assert not _has_rules(summary)
    assert len(WITH_RULES) + len(left_out) == len(available_frameworks())


@pytest.mark.parametrize("summary", WITH_RULES, ids=lambda s: f"{s.id}-{s.version}")
def test_the_page_applies_every_shipped_rule_as_the_core_does(summary: Any) -> None:
    framework = load_framework(summary.id, summary.version)
    declared = {attribute.name: attribute for attribute in framework.attributes}
    items = []
    seen: set[str] = set()
    for number, question in enumerate(questions(framework)):
        rules = exported(question)
        if rules == {"key_question": None, "prompt": None}:
            continue
        key = json.dumps(rules, sort_keys=True)
        if key in seen:
            continue
        seen.add(key)
        read = set()
        for rule in (question.key_question.relevance,
                     question.prompt.relevance if question.prompt else None):
            if rule is not None:
                read |= rule.condition.attributes()
        attributes = [declared[name] for name in sorted(read)]
        for values in cases_for(rules, attributes, seed=number):
            items.append((question.id, question, rules, values))
    assert items, f"{summary.id} {summary.version} has relevance rules but none was checked"
    check_against_core(items)


class _Rule:
    """A stand-in question whose key question carries one hand-written rule."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.relevance = Relevance(source, parse(source))

    def applies(self, values: dict[str, object]) -> bool | None:
        from probation_inspection.framework.relevance import MissingCaseAttribute
        try:
            return self.relevance.applies(values)
        except MissingCaseAttribute:
            return None


HAND_WRITTEN = [
    "rosh and not youth",
    "tier in ['a', 'b'] or tier not in ['c']",
    "rsr >= 6.90 and rsr < 7",
    "age > 17 and (age <= 25 or rosh == false)",
    "not (tier == 'a' and rosh != true)",
    "tier < 'b'",
]
DECLARED = [
    CaseAttribute("rosh", AttributeType.BOOLEAN, "RoSH"),
    CaseAttribute("youth", AttributeType.BOOLEAN, "Youth"),
    CaseAttribute("tier", AttributeType.CHOICE, "Tier", values=("a", "b", "c")),
    CaseAttribute("rsr", AttributeType.DECIMAL, "RSR", minimum=Decimal(0),
                  maximum=Decimal(100)),
    CaseAttribute("age", AttributeType.INTEGER, "Age"),
]


@pytest.mark.parametrize("source", HAND_WRITTEN)
def test_the_page_evaluates_every_kind_of_node_as_the_core_does(source: str) -> None:
    rule = _Rule(source)
    read = rule.relevance.condition.attributes()
    attributes = [attribute for attribute in DECLARED if attribute.name in read]
    rules = {"key_question": rule_data(rule.relevance.condition), "prompt": None}
    items = [(source, rule, rules, values) for values in cases_for(rules, attributes, seed=1)]
    check_against_core(items)
