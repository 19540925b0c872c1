"""Charts as SVG text: key-question percentages against the rating bands, and this provider's
percentages against other inspections'.

Owns the drawing only; every figure comes from the report model. The SVG is written here,
element by element, rather than by matplotlib (decision 0012): a chart is a few dozen
rectangles and labels, which WeasyPrint draws in a fraction of the time matplotlib's
thousand-node output took, and whose labels are placed so none is clipped at 100%.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from probation_inspection.framework.model import RatingBand
from probation_inspection.reporting.model import Comparison, StandardResult

#: GOV.UK palette: red, orange, green, blue for the four bands from lowest to highest.
BAND_COLOURS = ("#f4c7c3", "#ffe0b2", "#cce2d8", "#bbd4ea")
BAR_COLOUR = "#1d70b8"
OTHER_COLOUR = "#505a5f"
TEXT_COLOUR = "#0b0c0c"
FONT = "Arial, Helvetica, sans-serif"

#: The drawing's width in points (6.2 inches, as the charts have always been); it scales to
#: the column's width.
WIDTH = 446.4
#: Label sizes in points, and the average width of a character as a share of the size
#: (Arial's is about 0.5; a little more keeps estimates on the safe side).
FONT_SIZE = 9.0
SMALL = 7.0
CHARACTER = 0.56
#: Room right of the axes for a bar's label at 100% ("100%").
RIGHT_ROOM = 26.0


def _width(text: str, size: float) -> float:
    return len(text) * size * CHARACTER


def _text(x: float, y: float, text: str, *, size: float = FONT_SIZE, anchor: str = "start",
          weight: str | None = None) -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}"{bold}>'
            f"{escape(text)}</text>")


def _rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" '
            f'height="{height:.1f}" fill="{fill}"/>')


def _wrap(text: str, width: float, size: float) -> list[str]:
    """The title in lines no wider than ``width`` (estimated), broken at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


class _Plot:
    """Horizontal bars, one row per key question, on a 0-100 axis, with a legend below."""

    def __init__(self, rows: Sequence[str], title: str, row_height: float) -> None:
        self.left = max(44.6, max((_width(r, FONT_SIZE) for r in rows), default=0) + 12)
        self.right = WIDTH - RIGHT_ROOM
        self.title_lines = _wrap(title, WIDTH - self.left, FONT_SIZE + 1) if title else []
        self.top = 10 + 13 * len(self.title_lines)
        self.row_height = row_height
        self.bottom = self.top + row_height * (len(rows) + 0.4)
        self.height = self.bottom + 62
        self.rows = rows
        self.parts: list[str] = []

    def x(self, percent: float) -> float:
        return self.left + (self.right - self.left) * percent / 100

    def y(self, row: int) -> float:
        """The middle of a row."""
        return self.top + self.row_height * (row + 0.7)

    def frame(self) -> None:
        for line, text in enumerate(self.title_lines):
            self.parts.append(_text(self.left, 12 + 13 * line, text, size=FONT_SIZE + 1))
        ticks = "".join(f"M{self.x(p):.1f} {self.bottom:.1f}v3.5" for p in range(0, 101, 20))
        marks = "".join(f"M{self.left:.1f} {self.y(r):.1f}h-3.5" for r in range(len(self.rows)))
        self.parts.append(f'<path d="{ticks}{marks}" stroke="{TEXT_COLOUR}" stroke-width="0.8" '
                          'fill="none"/>')
        self.parts.append(
            f'<rect x="{self.left:.1f}" y="{self.top:.1f}" width="{self.right - self.left:.1f}" '
            f'height="{self.bottom - self.top:.1f}" fill="none" stroke="{TEXT_COLOUR}" '
            'stroke-width="0.8"/>')
        for percent in range(0, 101, 20):
            self.parts.append(_text(self.x(percent), self.bottom + 13, str(percent),
                                    anchor="middle"))
        for row, label in enumerate(self.rows):
            self.parts.append(_text(self.left - 6, self.y(row) + 3.2, label, anchor="end"))
        self.parts.append(_text((self.left + self.right) / 2, self.bottom + 27,
                                "Percentage of relevant cases answered yes", anchor="middle"))

    def legend(self, entries: Sequence[tuple[str, str]]) -> None:
        """One line of entries (swatch, label), centred under the axes' label."""
        swatch, gap = 9.0, 12.0
        widths = [swatch + 4 + _width(label, SMALL) for _, label in entries]
        x = (WIDTH - sum(widths) - gap * (len(entries) - 1)) / 2
        y = self.height - 14
        for (swatch_svg, label), width in zip(entries, widths, strict=True):
            self.parts.append(swatch_svg.format(x=x, y=y - swatch + 1.5, cx=x + swatch / 2,
                                                cy=y - 2))
            self.parts.append(_text(x + swatch + 4, y, label, size=SMALL))
            x += width + gap

    def svg(self, label: str) -> str:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
                f'width="{WIDTH:g}pt" height="{self.height:.1f}pt" '
                f'viewBox="0 0 {WIDTH:g} {self.height:.1f}" font-family="{FONT}" '
                f'fill="{TEXT_COLOUR}"><title>{escape(label)}</title>'
                + "".join(self.parts) + "</svg>")


def key_question_chart(standard: StandardResult, bands: Sequence[RatingBand]) -> str:
    """Horizontal bars of one standard's key-question percentages over the band colours."""
    questions = list(standard.key_questions)
    rating = f": {standard.rating}" if standard.rating else ""
    title = f"{standard.standard_id} {standard.title}{rating}"
    plot = _Plot([q.key_question_id for q in questions], title, row_height=30.2)
    for colour, band in zip(BAND_COLOURS, bands, strict=False):
        end = band.maximum + 1 if band.maximum < 100 else 100
        plot.parts.append(_rect(plot.x(band.minimum), plot.top, plot.x(end) - plot.x(band.minimum),
                                plot.bottom - plot.top, colour))
    for row, question in enumerate(questions):
        plot.parts.append(_rect(plot.left, plot.y(row) - 8.3, plot.x(question.percent) - plot.left,
                                16.6, BAR_COLOUR))
        plot.parts.append(_text(plot.x(question.percent) + 3, plot.y(row) + 3.2,
                                f"{question.percent}%"))
    plot.frame()
    plot.legend([(f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="9" height="7" fill="{colour}"/>',
                  band.label) for colour, band in zip(BAND_COLOURS, bands, strict=False)])
    percents = ", ".join(f"{q.key_question_id} {q.percent}%" for q in questions)
    return plot.svg(f"{title}. Key questions answered yes: {percents}.")


def comparison_chart(
    label: str, percents: dict[str, int], others: Sequence[Comparison]
) -> str:
    """Each key question: this provider's percentage (bar) and each other inspection's (dot)."""
    questions = sorted(percents, key=lambda k: tuple(int(part) for part in k.split(".")))
    plot = _Plot(questions, "", row_height=21.6)
    for row, question in enumerate(questions):
        plot.parts.append(_rect(plot.left, plot.y(row) - 5.9, plot.x(percents[question])
                                - plot.left, 11.9, BAR_COLOUR))
        for other in others:
            if question in other.percents:
                plot.parts.append(f'<circle cx="{plot.x(other.percents[question]):.1f}" '
                                  f'cy="{plot.y(row):.1f}" r="2.6" fill="{OTHER_COLOUR}"/>')
    plot.frame()
    entries = [(f'<rect x="{{x:.1f}}" y="{{y:.1f}}" width="9" height="7" fill="{BAR_COLOUR}"/>',
                label)]
    if others:
        entries.append((f'<circle cx="{{cx:.1f}}" cy="{{cy:.1f}}" r="2.6" '
                        f'fill="{OTHER_COLOUR}"/>', "Other inspections"))
    plot.legend(entries)
    return plot.svg(f"{label}'s key-question percentages"
                    + (" against other inspections'" if others else ""))
