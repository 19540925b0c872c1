"""The three samples of the published Wales report (its Annex 1), by the ids its framework
file declares them under.

The core has no list of sample types: every framework file declares its own. The demo
rebuilds one published CRC report, so its data names that report's samples, here; demo/ is
the one place outside the framework library allowed to (tests/test_no_framework_ids_in_code.py).
"""

from __future__ import annotations

from enum import StrEnum


class WalesSample(StrEnum):
    """A sample of the Wales report; a string, equal to the id the framework declares."""

    CASE_SUPERVISION = "case-supervision"
    UNPAID_WORK = "unpaid-work"
    THROUGH_THE_GATE = "through-the-gate"
