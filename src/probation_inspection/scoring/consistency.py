"""Warnings an assessment raises on submit without blocking it.

A key-question judgement that contradicts most of its answered prompts deserves a second look.
"""

from __future__ import annotations

from collections.abc import Iterable

from probation_inspection.scoring.answers import Answer


def contradicts_prompts(judgement: Answer, prompts: Iterable[Answer]) -> bool:
    """True when the judgement is yes and most relevant prompts are no, or the reverse."""
    answered = [answer for answer in prompts if answer.relevant]
    if judgement not in (Answer.YES, Answer.NO) or not answered:
        return False
    disagreeing = sum(1 for answer in answered if answer is not judgement)
    return disagreeing * 2 > len(answered)
