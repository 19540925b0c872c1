"""The names a methodology template may use, as example values for the loader's trial render.

Owns the shape of the template's context; the report fills the same names from the
inspection's real samples and counts (tests hold the two to the same keys).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def _cases(count: int) -> str:
    return "no cases" if count == 0 else f"{count} case{'s' if count != 1 else ''}"


def _same_design(samples: Sequence[object]) -> bool:
    return True


#: Stand-ins for the report's helpers: same names, same arguments, plainer words.
EXAMPLE_HELPERS: dict[str, Callable[..., Any]] = {
    "number_words": str,
    "cases": _cases,
    "join_words": lambda words: " and ".join(str(word) for word in words),
    "plain_figure": str,
    "same_design": _same_design,
}


def example_sample(sample_type: str) -> dict[str, object]:
    """One sample as a template sees it (``samples[sample_type_id]``)."""
    return {
        "sample_type": sample_type,
        "size": 12,
        "eligible": 400,
        "confidence": 0.8,
        "margin": 5.0,
        "confidence_percent": "80",
        "margin_figure": "5",
        "confidence_phrase": "a confidence level of 80 per cent (with a margin of error of 5)",
        "design_sentence": "The sample size was set to achieve a confidence level of 80 per "
                           "cent (with a margin of error of 5).",
        "design_sentence_unstratified": "The sample size was set to achieve a confidence "
                                        "level of 80 per cent (with a margin of error of 5).",
        "set_by_hand": False,
        "strata": ["gender"],
        "units": " from one local delivery unit",
        "unit_name": "local delivery unit",
        "delivery_units": 1,
        "sub_sample_margin": "5",
    }


def example_context(sample_types: Sequence[str]) -> dict[str, object]:
    return {
        "provider": "Example provider",
        "title": "An inspection of example provider",
        "fieldwork_start": "4 March 2019",
        "terms": {"person": "person on probation", "people": "people on probation"},
        "samples": {sample_type: example_sample(sample_type) for sample_type in sample_types},
        "evidence": {"officers_interviewed": 2, "meetings": 3, "interview_findings": (
            "50 per cent of the 2 responsible officers who answered said their workload was "
            "manageable.")},
        "moderation": {"cases_moderated": 4},
    }


class _EverySample(dict[str, object]):
    """Samples of whatever types the template names: the trial render fills each one."""

    def __getitem__(self, key: str) -> object:
        return example_sample(key)

    def get(self, key: str, default: object = None) -> object:
        return example_sample(key)


def examples() -> list[dict[str, object]]:
    """Every sample the template names present, then none (nor evidence or moderation)."""
    full = example_context(())
    full["samples"] = _EverySample()
    empty = example_context(())
    empty.update(evidence=None, moderation=None)
    return [full, empty]
