"""The command line: one entry point, ``probation-inspection``, with sub-commands.

The commands are thin: they read arguments and files, call the core packages and print.
"""

from __future__ import annotations

# Importing a module registers its commands on ``app``; one module per area of work.
# (Add a line here when an area adds a module.)
from probation_inspection.cli import (  # noqa: E402, F401
    frameworks,
    published,
    rate,
    reports,
    sampling,
)
from probation_inspection.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
