"""One default design for a sample (80 per cent confidence, 5 points margin), named once in the
sampling core: the size formula, the draw and the command line take it from there (the web's
draw page too, tested with its form)."""

from __future__ import annotations

import inspect
from collections.abc import Callable

from probation_inspection.cli.sampling import sample_command, sample_size_command
from probation_inspection.sampling.draw import draw
from probation_inspection.sampling.size import DEFAULT_CONFIDENCE, DEFAULT_MARGIN, sample_size


def _defaults(function: Callable[..., object]) -> tuple[object, object]:
    parameters = inspect.signature(function).parameters
    return parameters["confidence"].default, parameters["margin"].default


def test_the_default_design_is_eighty_per_cent_and_five_points() -> None:
    assert (DEFAULT_CONFIDENCE, DEFAULT_MARGIN) == (0.8, 5.0)
    assert sample_size(None) == 165


def test_the_formula_the_draw_and_the_command_line_share_it() -> None:
    for function in (sample_size, draw, sample_size_command, sample_command):
        assert _defaults(function) == (DEFAULT_CONFIDENCE, DEFAULT_MARGIN), function
