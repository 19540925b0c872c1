"""The one Typer application every sub-command registers on.

Each area of work adds its commands in its own module of this package; the modules are
imported by ``probation_inspection.cli`` so that the commands exist when ``main`` runs.
"""

from __future__ import annotations

from pathlib import Path

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


def write_output(content: str | bytes, out: Path | None) -> bool:
    """Write a command's product to ``out``, or print text to standard output when there is no
    ``out``; True when a file was written (the caller says what it wrote).

    A file that cannot be written is an error naming it, with the bad-input exit status.
    """
    if out is None:
        if isinstance(content, bytes):  # never pour PDF or XLSX bytes into a terminal
            typer.echo("Error: this output is binary: give --out FILE", err=True)
            raise typer.Exit(EXIT_BAD_INPUT)
        typer.echo(content, nl=False)
        return False
    try:
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            out.write_text(content, encoding="utf-8")
    except OSError as error:
        typer.echo(f"Error: {out}: cannot write: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_BAD_INPUT) from error
    return True
