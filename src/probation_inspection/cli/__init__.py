"""The command line: one entry point, ``probation-inspection``, with sub-commands.

The commands are thin: they read arguments and files, call the core packages and print.
``main`` imports only the module of the command being run (and none for the top-level
``--help``), so the command line starts without polars, SciPy, Jinja2 or WeasyPrint.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

# The submodule ``app`` holds the Typer application; importing it binds the package's ``app``
# to the module, so unbind it: ``from probation_inspection.cli import app`` is answered by
# ``__getattr__`` with the application itself, every command registered.
from probation_inspection.cli import app as _app_module  # noqa: E402

del globals()["app"]

if TYPE_CHECKING:
    import typer

#: The module that registers each top-level command or group on ``app``, in registration
#: order, with its help (the docstring, as ``inspect.getdoc`` gives it) that the top-level
#: ``--help`` lists. tests/cli/test_startup.py holds it to the modules' own: add a line here
#: when an area adds a command, and change one when a command's docstring changes.
COMMANDS: dict[str, tuple[str, str]] = {
    "import-report": ("published", "Read a published rated inspection report and check its "
                                   "ratings against the rules."),
    "import-reports": ("published", "Import every report in a folder, showing what was read, "
                                    "missing and failed."),
    "compare": ("published", "Compare inspections made under one framework: league table, "
                             "ratings per standard, key\nquestions, change. Saved records name "
                             "their framework; only like is compared with like."),
    "rate": ("rate", "Recompute every standard and overall rating and report unexplained "
                     "deviations."),
    "report": ("reports", "Build an inspection's report and write it as HTML, PDF, XLSX, JSON "
                          "or CSV, or its data\nannexe as HTML or XLSX."),
    "sample-size": ("sampling", "The sample size for a population, confidence level and margin "
                                "of error."),
    "sample": ("sampling", "Draw a stratified sample (and reserves) from a case list, "
                           "reproducibly from a seed."),
}
GROUPS: dict[str, tuple[str, str]] = {
    "frameworks": ("frameworks", "Inspection frameworks: list the shipped ones, show one, "
                                 "validate a framework file (YAML or XLSX), export one, import a "
                                 "workbook."),
    "demo": ("reports", "Demonstration inspections built from generated case data."),
}
MODULES = ("frameworks", "published", "rate", "reports", "sampling")


def _load(*modules: str) -> typer.Typer:
    """Import command modules (each registers its commands on ``app``) and return ``app``."""
    for module in modules:
        importlib.import_module(f"probation_inspection.cli.{module}")
    return _app_module.app


def full_app() -> typer.Typer:
    """The application with every command registered."""
    return _load(*MODULES)


def listing_app() -> typer.Typer:
    """An application that only lists the commands, for the top-level ``--help``."""
    import typer

    listing = _app_module.new_app()
    for name, (_, text) in COMMANDS.items():
        listing.command(name, help=text)(_never_run)
    for name, (_, text) in GROUPS.items():
        listing.add_typer(typer.Typer(help=text), name=name)
    return listing


def _never_run() -> None:  # pragma: no cover - listed, never called: main loads the real one
    raise AssertionError("a listing stand-in was run")


def main() -> None:
    arguments = sys.argv[1:]
    first = arguments[0] if arguments else None
    if first in COMMANDS or first in GROUPS:
        module = (COMMANDS.get(first) or GROUPS[first])[0]
        _load(module)()
    elif first is None or first in ("--help", "-h"):
        listing_app()()
    else:
        full_app()()


def __getattr__(name: str) -> Any:
    # ``from probation_inspection.cli import app``: the application with every command.
    if name == "app":
        application = full_app()
        globals()["app"] = application
        return application
    raise AttributeError(name)


__all__ = ["COMMANDS", "GROUPS", "app", "full_app", "listing_app", "main"]
