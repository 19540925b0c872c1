"""Every `record(...)` call in the web application names its action from the one catalogue,
`AuditAction`, never as a bare string, so one kind of event has one name."""

from __future__ import annotations

import ast
from pathlib import Path

import probation_inspection.web as web
from probation_inspection.web.audit.actions import AuditAction

WEB = Path(web.__file__).resolve().parent


def _action_names(node: ast.expr) -> bool:
    """AuditAction.X, or a lookup in a module table whose values are AuditAction members."""
    if isinstance(node, ast.Attribute):
        return isinstance(node.value, ast.Name) and node.value.id == "AuditAction"
    return isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)


def test_every_record_call_names_a_catalogued_action() -> None:
    calls, bare = 0, []
    for path in sorted(WEB.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "record" and len(node.args) >= 3):
                calls += 1
                if not _action_names(node.args[2]):
                    bare.append(f"{path.relative_to(WEB)}:{node.lineno}")
    assert calls >= 30 and bare == []


def test_the_catalogue_has_one_name_for_each_stage_move() -> None:
    assert "stage" not in set(AuditAction)
    assert AuditAction.STAGE_CHANGED == "stage-changed"
    assert len(set(AuditAction)) == len(list(AuditAction))
