"""The rating stage's checklist warns, without blocking, which standards will be reported not
rated and why (issues 12, 13)."""

from __future__ import annotations

from probation_inspection.access import Stage
from probation_inspection.framework import load_framework
from probation_inspection.stages import Progress, checklist, next_move

CRC = load_framework("hmip-crc-2018")


def test_a_not_rated_standard_is_a_warning_not_a_block() -> None:
    progress = Progress(not_rated=("4.1 (no unpaid work sample was drawn)",))
    checks = checklist(Stage.RATING, CRC, progress)
    warning = next(c for c in checks if "reported not rated" in c.text)
    assert warning.text == ("Standard 4.1 (no unpaid work sample was drawn) will be reported "
                            "not rated")
    assert not warning.blocks and warning.fix == ("ratings", "")
    assert next_move(Stage.RATING, progress).ready
    assert not any("reported not rated" in c.text for c in checklist(Stage.FIELDWORK, CRC,
                                                                     progress))
