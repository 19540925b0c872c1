"""Charts as SVG text (matplotlib): key-question percentages against the rating bands, and
this provider's percentages against other inspections'.

Owns the drawing only; every figure comes from the report model.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from probation_inspection.framework.model import RatingBand  # noqa: E402
from probation_inspection.reporting.model import Comparison, StandardResult  # noqa: E402

#: GOV.UK palette: red, orange, green, blue for the four bands from lowest to highest.
BAND_COLOURS = ("#f4c7c3", "#ffe0b2", "#cce2d8", "#bbd4ea")
BAR_COLOUR = "#1d70b8"
OTHER_COLOUR = "#505a5f"

# Fixed hash salt and no date metadata: the same report gives byte-identical SVG.
plt.rcParams["svg.hashsalt"] = "probation-inspection"
plt.rcParams["font.family"] = "DejaVu Sans"
plt.rcParams["font.size"] = 9
# Text stays text (not glyph outlines): smaller SVG, selectable labels, faster PDF layout.
plt.rcParams["svg.fonttype"] = "none"


_ID = re.compile(r'(\bid="|url\(#|href="#)([^"()]+)')


def _svg(figure: Figure, scope: str) -> str:
    """The figure as SVG text whose ids all start with ``scope``: matplotlib names the parts
    of every figure alike (``figure_1``, ``patch_1``, clip paths), and a document holding
    several charts would define each id more than once (invalid HTML, PDF anchor warnings)."""
    buffer = io.StringIO()
    # Fixed margins, not bbox_inches="tight": "tight" draws every figure twice.
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    # The XML prologue and DOCTYPE are not allowed inside an HTML document.
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", scope)
    return _ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text[text.index("<svg"):])


def _bands(axes: Axes, bands: Sequence[RatingBand]) -> None:
    for colour, band in zip(BAND_COLOURS, bands, strict=False):
        axes.axvspan(band.minimum, band.maximum + 1 if band.maximum < 100 else 100,
                     color=colour, zorder=0, label=band.label)


def key_question_chart(standard: StandardResult, bands: Sequence[RatingBand]) -> str:
    """Horizontal bars of one standard's key-question percentages over the band colours."""
    questions = list(standard.key_questions)
    height = 0.42 * len(questions) + 1.3
    figure, axes = plt.subplots(figsize=(6.2, height))
    figure.subplots_adjust(left=0.1, right=0.97, top=1 - 0.35 / height, bottom=0.95 / height)
    _bands(axes, bands)
    labels = [question.key_question_id for question in questions]
    values = [question.percent for question in questions]
    positions = range(len(questions))
    axes.barh(list(positions), values, color=BAR_COLOUR, height=0.55, zorder=2)
    for position, value in zip(positions, values, strict=True):
        axes.text(value + 1, position, f"{value}%", va="center", zorder=3)
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("Percentage of relevant cases answered yes")
    axes.set_title(f"{standard.standard_id} {standard.title}: {standard.rating}", loc="left")
    figure.legend(loc="lower center", ncol=max(len(bands), 1), frameon=False, fontsize=7)
    return _svg(figure, f"chart-{standard.standard_id}")


def comparison_chart(
    label: str, percents: dict[str, int], others: Sequence[Comparison]
) -> str:
    """Each key question: this provider's percentage (bar) and each other inspection's (dot)."""
    questions = sorted(percents, key=lambda k: tuple(int(part) for part in k.split(".")))
    height = 0.3 * len(questions) + 1.2
    figure, axes = plt.subplots(figsize=(6.2, height))
    figure.subplots_adjust(left=0.1, right=0.97, top=1 - 0.2 / height, bottom=0.9 / height)
    positions = list(range(len(questions)))
    axes.barh(positions, [percents[q] for q in questions], color=BAR_COLOUR, height=0.55,
              label=label, zorder=2)
    for other in others:
        points = [(position, other.percents[q]) for position, q in enumerate(questions)
                  if q in other.percents]
        axes.scatter([value for _, value in points], [position for position, _ in points],
                     color=OTHER_COLOUR, s=14, zorder=3, label="Other inspections"
                     if other is others[0] else None)
    axes.set_yticks(positions, questions)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("Percentage of relevant cases answered yes")
    figure.legend(loc="lower center", ncol=2, frameon=False, fontsize=7)
    return _svg(figure, f"comparison-{label}")
