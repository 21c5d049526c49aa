"""The portal's charts, drawn on the server as SVG from published figures only.

The capaian bars are the dashboards' (`kinerja.iku.charts.capaian_bars_svg`, coloured by the
year's category bands of the snapshot); a trend is a line like the survey results' (titled and
described inside, no style attribute, no JavaScript). The page shows the same figures in a
table beside every chart, so that a screen reader or a copy-paste gets them too.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kinerja.core.numbers import format_number
from kinerja.iku import charts as iku_charts
from kinerja.iku.rules import Band, category
from kinerja.portal.selectors.public import decimal

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 40


def bands_of(snapshot: dict) -> tuple[Band, ...]:
    return tuple(
        Band(band["label"], Decimal(band["lower"]), band.get("lower_inclusive", True))
        for band in snapshot.get("category_bands", [])
    )


def capaian_bars(rows: list[dict], *, snapshot: dict, title: str) -> str:
    """Horizontal bars of the rows' capaian (units or goals: `name` and `capaian`), from the
    highest down, each with its value and its category in the year's bands of the snapshot;
    100 % is marked. Drawn like the dashboards' bars (`iku.charts`), in one colour: the bands
    of a snapshot are the LKjIP categories, whose names and number the agency chooses."""
    bands = bands_of(snapshot)
    bars = iku_charts.sorted_bars(
        [iku_charts.CapaianBar(row["name"], decimal(row.get("capaian"))) for row in rows]
    )
    if not bars:
        return ""
    values = [float(b.capaian) for b in bars if b.capaian is not None]
    scale = max([120.0, *values])
    plot = BARS_WIDTH - BARS_VALUE_SPACE
    parts, y = [], BARS_TOP
    for bar in bars:
        value = iku_charts.capaian_text(bar.capaian) if bar.capaian is not None else "\u2013"
        category = category_of(bar.capaian, bands)
        described = " \u00b7 ".join(p for p in (bar.label, value, category) if p)
        parts.append(f'<g class="bar"><title>{escape(described)}</title>')
        parts.append(_text(0, y + 14, _short(bar.label)))
        parts.append(f'<rect x="0" y="{y + 20}" width="{plot}" height="16" rx="2" fill="#eef1f5"/>')
        if bar.capaian is not None:
            end = round(max(float(bar.capaian), 0.0) / scale * plot, 1)
            parts.append(
                f'<rect x="0" y="{y + 20}" width="{end:g}" height="16" rx="2" fill="#0b5cad"/>'
            )
            parts.append(_text(end + 5, y + 33, value))
        parts.append("</g>")
        y += BARS_ROW
    hundred = round(100.0 / scale * plot, 1)
    parts.append(
        f'<line x1="{hundred:g}" y1="{BARS_TOP - 4}" x2="{hundred:g}" y2="{y - 8}" '
        'stroke="#5b6476" stroke-dasharray="3 3"/>'
    )
    parts.append(_text(hundred, BARS_TOP - 8, "100 %", anchor="middle"))
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BARS_WIDTH} {y}" role="img" '
        f'class="capaian-bars" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )  # every text above is escaped


BARS_WIDTH, BARS_VALUE_SPACE, BARS_ROW, BARS_TOP, LABEL_CHARACTERS = 360, 88, 48, 22, 40


def _short(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "\u2026"


def _text(x, y, text: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" font-size="14" fill="#1d2433">'
        f"{escape(text)}</text>"
    )


def category_of(capaian, bands) -> str:
    """The name of the year's band a capaian falls in; empty without a capaian or bands."""
    if capaian is None or not bands:
        return ""
    return category(max(capaian, Decimal(0)), bands)


def trend_line(points: list[dict], *, title: str, chart_id: str, low=None, high=None) -> SafeString:
    """A line over the trend's periods (`label`, `value`): a period without a value breaks the
    line and has no dot. The scale runs from `low` to `high`, widened to hold every value."""
    values = [float(v) if (v := decimal(p.get("value"))) is not None else None for p in points]
    known = [v for v in values if v is not None]
    if not known:
        return mark_safe("")
    bottom = min([low if low is not None else 0.0, *known])
    top = max([high if high is not None else 100.0, *known])
    span = (top - bottom) or 1.0

    def y_of(value: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (top - value) / span, 1)

    step = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    xs = [round(LEFT + step * (i + 0.5), 1) for i in range(len(points))]
    described = "; ".join(
        f"{p['label']}: {format_number(decimal(p.get('value')), 2)}" for p in points
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="survey-trend" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    for value in (bottom, (bottom + top) / 2, top):
        y = y_of(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" font-size="12" fill="#1d2433">'
            f"{escape(format_number(round(value)))}</text>"
        )
    segment: list[str] = []
    for x, value in zip(xs, values, strict=True):
        if value is None:
            if len(segment) > 1:
                parts.append(_polyline(segment))
            segment = []
            continue
        segment.append(f"{x},{y_of(value)}")
    if len(segment) > 1:
        parts.append(_polyline(segment))
    for x, value, point in zip(xs, values, points, strict=True):
        if value is not None:
            parts.append(f'<circle cx="{x}" cy="{y_of(value)}" r="4" fill="#0b5cad"/>')
        parts.append(
            f'<text x="{x}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="12" '
            f'fill="#1d2433">{escape(point["label"])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def _polyline(points: list[str]) -> str:
    return f'<polyline points="{" ".join(points)}" fill="none" stroke="#0b5cad" stroke-width="2"/>'


def with_current(points: list[dict], label: str, value) -> list[dict]:
    """The trend of earlier periods followed by the period shown."""
    return [*points, {"label": label, "value": value}]


def ikm_title(name: str) -> str:
    return _("IKM of %(name)s per period") % {"name": name}


def capaian_title(name: str) -> str:
    return _("Capaian of %(name)s per period") % {"name": name}
