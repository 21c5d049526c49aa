"""Charts drawn on the server as SVG: small, without JavaScript, readable by screen readers
(a title and a description inside, and the page shows the figures in a table beside it)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 40
LOW, HIGH = 25, 100  # the converted index runs from 25 to 100
GRADE_LINES = (65, 76.61, 88.31)


def _y(value: float) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return round(TOP + inner * (HIGH - value) / (HIGH - LOW), 1)


def trend_svg(points, *, title: str, chart_id: str = "trend") -> SafeString:
    """A line of the IKM (25-100) over the trend's periods; a period without a valid index
    breaks the line and shows no dot. `points` have `period.short_label` and `ikm`."""
    count = len(points)
    inner = WIDTH - LEFT - RIGHT
    step = inner / max(count, 1)
    xs = [round(LEFT + step * (i + 0.5), 1) for i in range(count)]
    values = [float(p.ikm.index_100) if p.ikm.index_100 is not None else None for p in points]
    described = "; ".join(
        f"{p.period.short_label}: {p.ikm.index_100 if p.ikm.index_100 is not None else '-'}"
        for p in points
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="survey-trend" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(_("IKM per period"))}: {escape(described)}</desc>',
    ]
    for value in (LOW, 50, 75, HIGH):
        y = _y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" font-size="11">{value}</text>'
        )
    for value in GRADE_LINES:
        y = _y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="#bbb" '
            'stroke-dasharray="4 4"/>'
        )
    segment: list[str] = []
    segments = []
    for x, value in zip(xs, values, strict=True):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x},{_y(value)}")
    if segment:
        segments.append(segment)
    for line in segments:
        if len(line) > 1:
            parts.append(
                f'<polyline points="{" ".join(line)}" fill="none" stroke="#1f6feb" '
                'stroke-width="2"/>'
            )
    for x, value, point in zip(xs, values, points, strict=True):
        if value is not None:
            parts.append(f'<circle cx="{x}" cy="{_y(value)}" r="3.5" fill="#1f6feb"/>')
        parts.append(
            f'<text x="{x}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11">'
            f"{escape(point.period.short_label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
