"""Charts drawn as SVG on the server: no script, nothing for the CSP to refuse.

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``; series differ by
pattern (solid, hatched, dotted) as well as colour, every bar carries its value as
text, and the page shows the same numbers as a table beside the chart. Only SVG
presentation attributes are used (``fill=``, ``stroke=``), never ``style=``. All text
is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from ...formatting import sek

WIDTH = 720
LABEL_WIDTH = 230
LABEL_CHARS = 32  # longer labels are shortened in the chart (in full in its <title> and table)
CHAR_WIDTH = 7.5  # rough width of a character at font-size 13, for the legend's layout
VALUE_WIDTH = 120
BAR = 14
GAP = 10
#: (fill colour, pattern) per series: solid, hatched, dotted — readable without colour.
STYLES = (("#1f4e79", "solid"), ("#c55a11", "hatch"), ("#548235", "dots"))


@dataclass(frozen=True)
class Series:
    """A named row of values, one per label."""

    name: str
    values: Sequence[Decimal | None]


def _defs(prefix: str) -> str:
    parts = []
    for index, (colour, pattern) in enumerate(STYLES):
        pid = f"{prefix}-p{index}"
        if pattern == "hatch":
            parts.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
                f'<rect width="3" height="6" fill="{colour}"/></pattern>'
            )
        elif pattern == "dots":
            parts.append(
                f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                f'<rect width="5" height="5" fill="#ffffff"/>'
                f'<circle cx="2.5" cy="2.5" r="1.6" fill="{colour}"/></pattern>'
            )
    return "<defs>" + "".join(parts) + "</defs>"


def _fill(prefix: str, index: int) -> str:
    colour, pattern = STYLES[index % len(STYLES)]
    return colour if pattern == "solid" else f"url(#{prefix}-p{index % len(STYLES)})"


def _open(prefix: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="samordna-chart" role="img" '
        f'width="100%" viewBox="0 0 {WIDTH} {height}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{prefix}-title {prefix}-desc">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>',
        _defs(prefix),
    ]


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _legend(prefix: str, series: Sequence[Series], y: int, x: int = 0) -> list[str]:
    parts = []
    for index, item in enumerate(series):
        colour = STYLES[index % len(STYLES)][0]
        parts.append(
            f'<rect x="{x}" y="{y}" width="16" height="12" fill="{_fill(prefix, index)}" '
            f'stroke="{colour}"/><text x="{x + 22}" y="{y + 11}" font-size="13">'
            f"{escape(item.name)}</text>"
        )
        x += 36 + int(CHAR_WIDTH * len(item.name))
    return parts


def _legend_width(series: Sequence[Series]) -> int:
    return sum(36 + int(CHAR_WIDTH * len(item.name)) for item in series)


def bar_chart(
    prefix: str, title: str, desc: str, labels: Sequence[str], series: Sequence[Series]
) -> Markup:
    """Horizontal grouped bars: one group per label, one bar per series, values written out."""
    values = [v for s in series for v in s.values if v is not None]
    top = max([abs(v) for v in values] + [Decimal(1)])
    group = len(series) * (BAR + 2) + GAP
    height = 30 + group * max(len(labels), 1) + 10
    scale = Decimal(WIDTH - LABEL_WIDTH - VALUE_WIDTH) / top
    parts = _open(prefix, height, title, desc)
    parts += _legend(prefix, series, 0)
    for row, label in enumerate(labels):
        y = 30 + row * group
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR}" font-size="13" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(_short(label))}</text>"
        )
        for index, item in enumerate(series):
            value = item.values[row] if row < len(item.values) else None
            by = y + index * (BAR + 2)
            width = int(abs(value or 0) * scale)
            colour = STYLES[index % len(STYLES)][0]
            text = sek(value) if value is not None else "–"
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{by}" width="{max(width, 1)}" height="{BAR}" '
                f'fill="{_fill(prefix, index)}" stroke="{colour}">'
                f"<title>{escape(item.name)}: {escape(label)} {escape(text)}</title></rect>"
                f'<text x="{LABEL_WIDTH + width + 6}" y="{by + BAR - 3}" font-size="11">'
                f"{escape(text)}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text part is escaped above


@dataclass(frozen=True)
class ColumnPoint:
    """A year's column: its value, the level it should stay under, and whether it is a forecast."""

    label: str
    value: Decimal
    limit: Decimal | None
    forecast: bool = False

    @property
    def above(self) -> bool:
        """True when the value passes the limit."""
        return self.limit is not None and self.value > self.limit


def column_chart(
    prefix: str,
    title: str,
    desc: str,
    points: Sequence[ColumnPoint],
    names: tuple[str, str, str, str],
) -> Markup:
    """Vertical columns (e.g. equity per year) with each year's limit as a dashed mark.

    Columns above the limit are hatched and marked "▲"; forecasts are dotted. ``names``
    are the legend's words for: value, forecast, above the limit, the limit.
    """
    height, base, left = 300, 250, 20
    top = max([p.value for p in points] + [p.limit or 0 for p in points] + [Decimal(1)])
    scale = Decimal(base - 50) / top
    step = (WIDTH - left) // max(len(points), 1)
    width = max(min(step - 12, 60), 8)
    parts = _open(prefix, height, title, desc)
    legend = [Series(names[0], []), Series(names[2], []), Series(names[1], [])]
    parts += _legend(prefix, legend, 0)
    lx = _legend_width(legend)
    parts.append(
        f'<line x1="{lx}" y1="6" x2="{lx + 24}" y2="6" stroke="#000000" '
        f'stroke-width="2" stroke-dasharray="4 3"/><text x="{lx + 30}" y="11" '
        f'font-size="13">{escape(names[3])}</text>'
    )
    parts.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="#555555"/>')
    for index, point in enumerate(points):
        x = left + index * step + 6
        h = int(max(point.value, Decimal(0)) * scale)
        style = 2 if point.forecast else (1 if point.above else 0)
        colour = STYLES[style][0]
        mark = " ▲" if point.above else ""
        label = f"{point.label}: {sek(point.value)}{mark}"
        parts.append(
            f'<rect x="{x}" y="{base - h}" width="{width}" height="{max(h, 1)}" '
            f'fill="{_fill(prefix, style)}" stroke="{colour}"><title>{escape(label)}</title></rect>'
        )
        if point.above:
            parts.append(
                f'<text x="{x + width // 2}" y="{base - h - 4}" font-size="12" '
                f'text-anchor="middle">▲</text>'
            )
        if point.limit is not None:
            ly = base - int(point.limit * scale)
            parts.append(
                f'<line x1="{x - 3}" y1="{ly}" x2="{x + width + 3}" y2="{ly}" stroke="#000000" '
                f'stroke-width="2" stroke-dasharray="4 3"/>'
            )
        parts.append(
            f'<text x="{x + width // 2}" y="{base + 16}" font-size="12" text-anchor="middle">'
            f"{escape(point.label)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every text part is escaped above
