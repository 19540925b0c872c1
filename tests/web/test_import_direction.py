"""The web apps depend one way: accounts and audit below all, then inspections <- jobs <-
casework <- quality <- reports, and benchmarking above them all (issue 11; jobs, issue 15).

Every module under ``web/`` is read with `ast` (imports inside functions too, where an upward
import used to hide) and an import of a higher app is named with its module and line. The
shared modules beside the apps (forms, input limits, frameworks...) sit below every app; the
URLconf, the settings and WSGI put the apps together and may import any. The demo loader
builds its data through casework (an upload and a draw), so it ranks with casework: apps
above may build on it (the Wales demo does), those below may not load it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import probation_inspection.web as web

PACKAGE = "probation_inspection.web"
ROOT = Path(web.__file__).parent

#: Each app's rank: an app may import its own rank and below, never above.
RANKS = {"accounts": 1, "audit": 1, "inspections": 2, "jobs": 3, "casework": 4, "quality": 5,
         "reports": 6, "benchmarking": 7, "api": 7}
#: Modules beside the apps that rank with one: the demo loads its data through casework.
BESIDE = {"demo": RANKS["casework"]}
#: Modules that assemble the apps: they may import any.
ASSEMBLERS = {"urls", "settings", "wsgi"}
#: Anything else beside the apps is shared by them, so it imports none of them.
SHARED = 0


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def _rank(module: str) -> int | None:
    """The rank of a module of the web package (None: an assembler, which may import any)."""
    first = module.removeprefix(PACKAGE).lstrip(".").split(".")[0]
    if first in RANKS:
        return RANKS[first]
    if first in BESIDE:
        return BESIDE[first]
    return None if first in ASSEMBLERS else SHARED


def _imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) for every import in the tree, relative ones made absolute."""
    found: list[tuple[int, str]] = []
    package = module if is_package else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # "from web import quality" imports an app as surely as "import web.quality".
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def upward_imports() -> list[str]:
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        module = _module(path)
        rank = _rank(module)
        if rank is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in _imported(tree, module, path.name == "__init__.py"):
            if not name.startswith(PACKAGE + "."):
                continue
            target = _rank(name)
            if target is None or target > rank:
                wrong.append(f"{module} (line {line}) imports {name}")
    return wrong


def test_no_app_imports_one_above_it() -> None:
    wrong = upward_imports()
    assert not wrong, "Apps depend one way; these imports go up:\n" + "\n".join(wrong)


def test_the_check_sees_an_upward_import_inside_a_function() -> None:
    source = "def f():\n    from probation_inspection.web.quality.models import QueueEntry\n"
    found = _imported(ast.parse(source), f"{PACKAGE}.inspections.stages", False)
    assert found == [(2, f"{PACKAGE}.quality.models.QueueEntry")]
    assert _rank(found[0][1]) == RANKS["quality"] > RANKS["inspections"]


def test_relative_imports_are_made_absolute() -> None:
    tree = ast.parse("from ..quality import ratings\nfrom . import models\n")
    assert _imported(tree, f"{PACKAGE}.casework.views", False) == [
        (1, f"{PACKAGE}.quality.ratings"), (2, f"{PACKAGE}.casework.models")]


def test_every_app_has_a_rank() -> None:
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(RANKS)
