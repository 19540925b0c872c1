"""A PDF rendered with WeasyPrint's warnings kept, for the tests that hold it to none."""

from __future__ import annotations

import logging
from collections.abc import Callable


def render_logged(render: Callable[[], bytes]) -> tuple[bytes, list[logging.LogRecord]]:
    """``render()``'s PDF and every warning WeasyPrint logged while making it."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler, level = Keep(logging.WARNING), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        pdf = render()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return pdf, records
