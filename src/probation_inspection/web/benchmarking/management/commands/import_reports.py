"""``manage.py import_reports FOLDER``: bulk import of published reports into the store.

Prints each file's outcome and the summary line the core's bulk import prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from probation_inspection.framework import FrameworkError, load_framework_reference
from probation_inspection.framework.library import UnknownFramework
from probation_inspection.web.benchmarking.store import store_folder, summary


class Command(BaseCommand):
    help = "Import every published report (TXT, Markdown, HTML, PDF) under a folder into the store."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--framework", required=True, metavar="ID_OR_FILE",
                            help="The framework the reports were inspected under: a shipped "
                                 "framework's id, id@version, or a framework file")

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        if not folder.is_dir():
            raise CommandError(f"{folder}: not a folder")
        try:
            framework = load_framework_reference(options["framework"])
        except (UnknownFramework, FrameworkError) as error:
            raise CommandError(str(error)) from None
        results = []
        for name, result in store_folder(folder, framework):
            results.append(result)
            detail = result.message or ", ".join(result.missing)
            self.stdout.write(f"{name}: {result.outcome.value}"
                              + (f" ({result.provider})" if result.provider else "")
                              + (f"; {detail}" if detail else ""))
        self.stdout.write("; ".join(f"{k}: {v}" for k, v in summary(results).items()))
