"""Charts as SVG drawn on the server: bar charts (one series, grouped or
stacked) and line charts.

The SVG goes into the page as markup: no script, no file from another host,
nothing for the Content-Security-Policy to refuse. It has no ``style``
attributes and no presentation colours: its elements carry classes
(``chart-colour-1`` …), and ``static/css/figures.css`` colours them with a
palette that colour-blind readers can tell apart and that stands out 3:1
against white. Every chart is an image with a title and a description for
screen readers (``role="img"``, ``aria-labelledby``); the table after it on
the page holds the same numbers for everyone. All text is escaped.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from asskomm.csv_export import decimal

WIDTH = 640
PLOT_HEIGHT = 240
MARGIN_LEFT = 56
MARGIN_RIGHT = 16
LEGEND_ROW = 20
LEGEND_COLUMNS = 2
# Bars are at most this wide (one bar in a chart would fill it otherwise).
MAX_BAR_GROUP = 96
AXIS_LABEL_LINE = 14
# The palette has this many colours (figures.css); more series repeat them,
# the line charts then still differ by their markers.
COLOURS = 7
MARKERS = ("circle", "square", "triangle", "diamond", "cross")


@dataclass(frozen=True)
class Series:
    """One kind of bar, or one line: its name, a value per category, and
    its place in the palette (by default its place in the chart), so that
    a thing keeps its colour in every chart and every year range."""

    label: str
    values: tuple
    colour: int | None = None


@dataclass(frozen=True)
class Reference:
    """A dashed horizontal line across the plot, e.g. one application per
    place."""

    value: float
    label: str


def number(value):
    """A value as the chart writes it: whole numbers as they are, others with
    one decimal place (a decimal comma, as in the tables)."""
    if float(value).is_integer():
        return str(int(value))
    return decimal(value, places=1)


def bar_chart(
    *,
    chart_id,
    title,
    description,
    categories,
    series,
    stacked=False,
    reference=None,
    value_labels=True,
):
    """Bars per category: side by side for several series, or stacked
    (with their total above). ``categories`` are the labels along the
    bottom; a label may have a second line after a line break."""
    series = list(series)
    if stacked:
        heights = [sum(item.values[index] for item in series) for index in range(len(categories))]
    else:
        heights = [value for item in series for value in item.values]
    chart = _Frame(chart_id, title, description, categories, series, heights, reference)
    group = min(chart.slot_width() * 0.7, MAX_BAR_GROUP)
    bar_width = group / (1 if stacked else len(series))
    for index, category in enumerate(categories):
        where = str(category).replace("\n", " ")
        left = chart.category_x(index) - group / 2
        base = 0
        for position, item in enumerate(chart.series):
            value = item.values[index]
            x = left if stacked else left + position * bar_width
            bottom = base if stacked else 0
            top = bottom + value
            if value:
                chart.bar(
                    x, bar_width, bottom, top, item, f"{item.label}, {where}: {number(value)}"
                )
            if stacked:
                base = top
            elif value_labels and len(series) == 1:
                chart.value_label(x + bar_width / 2, top, value)
        if stacked and value_labels and base:
            chart.value_label(left + bar_width / 2, base, base)
    return chart.render(shapes=False)


def line_chart(*, chart_id, title, description, categories, series):
    """One line per series across the categories, each point marked with
    its series' own marker shape."""
    series = list(series)
    values = [value for item in series for value in item.values]
    chart = _Frame(chart_id, title, description, categories, series, values, None)
    for item in chart.series:
        points = [
            (chart.category_x(index), chart.y(value)) for index, value in enumerate(item.values)
        ]
        chart.line(points, item)
        for (x, y), category, value in zip(points, categories, item.values, strict=True):
            chart.marker(x, y, item, f"{item.label}, {category}: {number(value)}")
    return chart.render(shapes=True)


def nice_ticks(highest, count=5):
    """Round values for the vertical axis from 0 to at least ``highest``:
    steps of 1, 2 or 5 times a power of ten (never below 1 for counts)."""
    if highest <= 0:
        return [0, 1]
    raw = highest / count
    counts = float(highest).is_integer()
    magnitude = 10 ** math.floor(math.log10(raw))
    factors = (1, 2, 5, 10) if counts else (1, 2, 2.5, 5, 10)
    step = next(factor * magnitude for factor in factors if factor * magnitude >= raw)
    if counts and step < 1:
        step = 1
    steps = math.ceil(highest / step - 1e-9)
    return [round(step * index, 10) for index in range(steps + 1)]


class _Frame:
    """The drawing: legend on top, the plot with its axes below, the
    category labels under the plot. Collects SVG elements as strings."""

    def __init__(self, chart_id, title, description, categories, series, values, reference):
        self.chart_id = chart_id
        self.title = title
        self.description = description
        self.categories = [str(category) for category in categories]
        self.series = [
            item if item.colour is not None else Series(item.label, item.values, position)
            for position, item in enumerate(series)
        ]
        highest = max([*values, reference.value if reference else 0, 0])
        self.ticks = nice_ticks(highest)
        self.reference = reference
        # A legend for several series, or to say what the reference line is.
        self.legend = len(series) > 1 or reference is not None
        legend_items = len(series) + (1 if reference else 0)
        legend_rows = math.ceil(legend_items / LEGEND_COLUMNS) if self.legend else 0
        self.top = 16 + legend_rows * LEGEND_ROW
        label_lines = max([len(category.split("\n")) for category in self.categories] or [1])
        self.height = self.top + PLOT_HEIGHT + 12 + label_lines * AXIS_LABEL_LINE + 8
        self.shapes = []

    # geometry

    def slot_width(self):
        return (WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / max(len(self.categories), 1)

    def category_x(self, index):
        return MARGIN_LEFT + self.slot_width() * (index + 0.5)

    def y(self, value):
        return self.top + PLOT_HEIGHT * (1 - value / self.ticks[-1])

    # elements

    def bar(self, x, width, bottom, top, item, tooltip):
        y_top, y_bottom = self.y(top), self.y(bottom)
        self.shapes.append(
            f'<rect class="chart-bar {_colour(item.colour)}" x="{_n(x)}" y="{_n(y_top)}" '
            f'width="{_n(width)}" height="{_n(y_bottom - y_top)}">'
            f"<title>{escape(tooltip)}</title></rect>"
        )

    def value_label(self, x, value, shown):
        self.shapes.append(
            f'<text class="chart-value" x="{_n(x)}" y="{_n(self.y(value) - 4)}" '
            f'text-anchor="middle">{escape(number(shown))}</text>'
        )

    def line(self, points, item):
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        self.shapes.append(f'<polyline class="chart-line {_colour(item.colour)}" points="{path}"/>')

    def marker(self, x, y, item, tooltip):
        self.shapes.append(_marker(x, y, item.colour, f"<title>{escape(tooltip)}</title>"))

    # output

    def render(self, *, shapes):
        title_id, desc_id = f"{self.chart_id}-title", f"{self.chart_id}-desc"
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(self.chart_id)}" '
            f'viewBox="0 0 {WIDTH} {_n(self.height)}" role="img" '
            f'aria-labelledby="{escape(title_id)} {escape(desc_id)}">',
            f'<title id="{escape(title_id)}">{escape(self.title)}</title>',
            f'<desc id="{escape(desc_id)}">{escape(self.description)}</desc>',
        ]
        if self.legend:
            parts.append(self._legend(shapes))
        parts.append(self._axes())
        parts.append('<g class="chart-data">')
        parts.extend(self.shapes)
        parts.append("</g>")
        if self.reference:
            parts.append(self._reference())
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

    def _legend(self, shapes):
        column_width = (WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / LEGEND_COLUMNS
        items = []
        entries = [*self.series, self.reference] if self.reference else self.series
        for position, item in enumerate(entries):
            x = MARGIN_LEFT + column_width * (position % LEGEND_COLUMNS)
            y = 8 + LEGEND_ROW * (position // LEGEND_COLUMNS)
            if item is self.reference:
                swatch = (
                    f'<line class="chart-reference-line" x1="{_n(x)}" y1="{_n(y + 6)}" '
                    f'x2="{_n(x + 20)}" y2="{_n(y + 6)}"/>'
                )
            elif shapes:
                swatch = (
                    f'<line class="chart-line {_colour(item.colour)}" x1="{_n(x)}" '
                    f'y1="{_n(y + 6)}" x2="{_n(x + 20)}" y2="{_n(y + 6)}"/>'
                    + _marker(x + 10, y + 6, item.colour)
                )
            else:
                swatch = (
                    f'<rect class="chart-bar {_colour(item.colour)}" x="{_n(x + 4)}" '
                    f'y="{_n(y)}" width="12" height="12"/>'
                )
            items.append(
                f'{swatch}<text x="{_n(x + 26)}" y="{_n(y + 10)}">{escape(item.label)}</text>'
            )
        return f'<g class="chart-legend">{"".join(items)}</g>'

    def _axes(self):
        right = WIDTH - MARGIN_RIGHT
        bottom = self.y(0)
        parts = ['<g class="chart-axes">']
        for tick in self.ticks:
            y = self.y(tick)
            parts.append(
                f'<line class="chart-grid" x1="{MARGIN_LEFT}" y1="{_n(y)}" x2="{right}" '
                f'y2="{_n(y)}"/><text class="chart-tick" x="{MARGIN_LEFT - 6}" y="{_n(y + 4)}" '
                f'text-anchor="end">{escape(number(tick))}</text>'
            )
        parts.append(
            f'<line class="chart-axis" x1="{MARGIN_LEFT}" y1="{_n(bottom)}" x2="{right}" '
            f'y2="{_n(bottom)}"/>'
        )
        every = math.ceil(len(self.categories) / 16)
        for index, category in enumerate(self.categories):
            if index % every:
                continue
            x = self.category_x(index)
            lines = "".join(
                f'<tspan x="{_n(x)}" dy="{AXIS_LABEL_LINE if later else 0}">{escape(line)}</tspan>'
                for later, line in enumerate(category.split("\n"))
            )
            parts.append(
                f'<line class="chart-axis" x1="{_n(x)}" y1="{_n(bottom)}" x2="{_n(x)}" '
                f'y2="{_n(bottom + 4)}"/><text class="chart-category" x="{_n(x)}" '
                f'y="{_n(bottom + 18)}" text-anchor="middle">{lines}</text>'
            )
        parts.append("</g>")
        return "".join(parts)

    def _reference(self):
        """The line; its label stands in the legend, clear of the bars."""
        y = self.y(self.reference.value)
        return (
            f'<line class="chart-reference-line" x1="{MARGIN_LEFT}" y1="{_n(y)}" '
            f'x2="{WIDTH - MARGIN_RIGHT}" y2="{_n(y)}"/>'
        )


def _colour(position):
    return f"chart-colour-{position % COLOURS + 1}"


def _marker(x, y, position, content=""):
    shape = MARKERS[position % len(MARKERS)]
    css = f"chart-marker {_colour(position)}"
    if shape == "circle":
        return f'<circle class="{css}" cx="{_n(x)}" cy="{_n(y)}" r="4.5">{content}</circle>'
    if shape == "square":
        return (
            f'<rect class="{css}" x="{_n(x - 4)}" y="{_n(y - 4)}" width="8" height="8">'
            f"{content}</rect>"
        )
    corners = {
        "triangle": [(0, -5.5), (5, 4), (-5, 4)],
        "diamond": [(0, -5.5), (5.5, 0), (0, 5.5), (-5.5, 0)],
        "cross": [
            (-5, -2),
            (-2, -2),
            (-2, -5),
            (2, -5),
            (2, -2),
            (5, -2),
            (5, 2),
            (2, 2),
            (2, 5),
            (-2, 5),
            (-2, 2),
            (-5, 2),
        ],  # fmt: skip
    }[shape]
    points = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in corners)
    return f'<polygon class="{css}" points="{points}">{content}</polygon>'


def _n(value):
    """A coordinate, short: at most one decimal place."""
    return f"{value:.1f}".removesuffix(".0")
