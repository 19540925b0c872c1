"""The one Typer application every sub-command registers on.

Each area of work adds its commands in its own module of this package; the modules are
imported by ``probation_inspection.cli`` so that the commands exist when ``main`` runs.
"""

from __future__ import annotations

import typer


def new_app() -> typer.Typer:
    """The top-level application, with no commands yet."""
    application = typer.Typer(
        name="probation-inspection",
        help="Run a probation inspection: frameworks, samples, ratings and reports.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    # A callback keeps the application a group of commands even when only one command's module
    # is loaded (``main`` loads just the one being run): without it Typer runs that lone
    # command as the program itself and refuses its name as an extra argument.
    @application.callback()
    def _group() -> None:
        """Run a probation inspection: frameworks, samples, ratings and reports."""

    return application


app = new_app()

#: Exit status for bad input (malformed file, validation errors): nothing was changed.
EXIT_BAD_INPUT = 2
