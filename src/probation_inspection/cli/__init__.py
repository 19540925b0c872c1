"""The command line: one entry point, ``probation-inspection``, with sub-commands.

The commands are thin: they read arguments and files, call the core packages and print.
"""

from __future__ import annotations

from probation_inspection.cli.app import app

# Importing a module registers its commands on ``app``; one module per area of work.
# (Add a line here when an area adds a module.)
# isort: split
from probation_inspection.cli import published  # noqa: F401
from probation_inspection.cli import rate  # noqa: F401
from probation_inspection.cli import sampling  # noqa: F401
from probation_inspection.cli import frameworks  # noqa: F401


def main() -> None:
    app()


__all__ = ["app", "main"]
