"""The top-level ``--help`` lists the real commands without importing them (issue 15)."""

from __future__ import annotations

import inspect
import subprocess
import sys

from typer.testing import CliRunner

from probation_inspection import cli

HEAVY = ("polars", "numpy", "scipy", "django", "weasyprint", "jinja2", "matplotlib", "openpyxl")


def test_the_listing_names_each_command_of_the_real_application_with_its_own_help() -> None:
    app = cli.full_app()
    commands = {
        command.name or command.callback.__name__: (  # type: ignore[union-attr]
            command.callback.__module__.rsplit(".", 1)[-1],  # type: ignore[union-attr]
            inspect.getdoc(command.callback) if command.help is None else command.help)
        for command in app.registered_commands
    }
    groups = {group.name: (group.typer_instance.info.help or "")  # type: ignore[union-attr]
              for group in app.registered_groups}
    assert commands == cli.COMMANDS, "update COMMANDS in probation_inspection/cli/__init__.py"
    assert list(commands) == list(cli.COMMANDS)
    assert groups == {name: text for name, (_, text) in cli.GROUPS.items()}
    assert list(groups) == list(cli.GROUPS)


def test_the_listing_prints_what_the_real_application_prints() -> None:
    runner = CliRunner()
    listed = runner.invoke(cli.listing_app(), ["--help"], prog_name="probation-inspection")
    real = runner.invoke(cli.full_app(), ["--help"], prog_name="probation-inspection")
    assert listed.exit_code == real.exit_code == 0
    assert listed.output == real.output


def test_help_imports_no_data_library_framework_or_renderer() -> None:
    # A structural check, not a timing: `python -X importtime` lists every module imported.
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c",
         "import sys; sys.argv = ['probation-inspection', '--help']\n"
         "from probation_inspection.cli import main\n"
         "try:\n    main()\nexcept SystemExit:\n    pass"],
        capture_output=True, text=True, check=True,
    )
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "typer" in imported
    assert not imported & set(HEAVY)
    assert "Commands" in done.stdout
