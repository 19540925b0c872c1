"""Every core error code has one shape (number, space, slug) and no number means two things."""

from __future__ import annotations

import re

import pytest

from probation_inspection.codes import StableCode
from probation_inspection.evidence.errors import ErrorCode as EvidenceCode
from probation_inspection.framework.errors import Code as FrameworkCode
from probation_inspection.moderation.errors import ErrorCode as ModerationCode
from probation_inspection.scoring.errors import ErrorCode as ScoringCode

CATALOGUES: dict[str, type[StableCode]] = {
    "FW": FrameworkCode, "SC": ScoringCode, "MO": ModerationCode, "EV": EvidenceCode,
}


@pytest.mark.parametrize("prefix", sorted(CATALOGUES))
def test_each_code_is_its_catalogue_prefix_a_number_and_a_slug(prefix: str) -> None:
    for code in CATALOGUES[prefix]:
        assert re.fullmatch(rf"{prefix}\d{{3}} [a-z]+(-[a-z]+)*", code.value), code.value
        assert code.value == f"{code.number} {code.slug}"


def test_no_number_is_used_twice_across_the_core() -> None:
    numbers = [code.number for catalogue in CATALOGUES.values() for code in catalogue]
    assert len(numbers) == len(set(numbers))


def test_a_code_is_still_its_string() -> None:
    assert FrameworkCode.MISSING_WORDING.number == "FW104"
    assert FrameworkCode.MISSING_WORDING.slug == "missing-wording"
    assert f"{ScoringCode.ANSWER_MISSING}" == "SC114 answer-missing"
