"""Charts of organisation performance, rendered on the server as SVG with pygal.

The SVG is inlined in pages (and can be reused in PDFs). pygal's JavaScript (loaded from a CDN by
default) is switched off, and what pygal still writes with a URL in it (comments, namespace
declarations, the configuration script of its JavaScript) is removed, so a chart never makes the
browser fetch anything.

The Content-Security-Policy refuses inline styles, so the SVG carries none: pygal's <style>
element, the same for every chart of ours, is served once as a stylesheet (`stylesheet()`, scoped
to the `pygal-chart` class instead of each chart's id), and its per-bar `style` attributes become
classes of that stylesheet.

The capaian bars of the dashboards are drawn here without pygal (`capaian_bars_svg`): one row per
unit, its name above its bar, sorted from the highest capaian down, the value printed at the
end of the bar in the reader's number format, in a view box narrow enough that its text stays
legible on a phone. Each organisation predikat has its own colour (`PREDIKAT_TONES`), the same
in the bars, the badges and the legend.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from decimal import Decimal

import pygal
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from pygal.style import Style

from kinerja.core.numbers import format_number
from kinerja.iku import rules

# Tones of a capaian category: one per organisation predikat, each the colour of its bars and
# of its badges and legend swatches in the stylesheet (kinerja.css `--c-<tone>`), all readable
# on white (contrast 4.5:1 or more).
TONE_COLOURS = {
    "excellent": "#6d28d9",
    "ok": "#13795b",
    "warn": "#8f5f00",
    "poor": "#c2410c",
    "critical": "#9f1239",
    "muted": "#8a94a6",
}
TARGET_COLOUR = "#9bb8d9"
REALISATION_COLOUR = "#0b5cad"

PREDIKAT_TONES = {
    rules.OrgPredikat.ISTIMEWA: "excellent",
    rules.OrgPredikat.BAIK: "ok",
    rules.OrgPredikat.BUTUH_PERBAIKAN: "warn",
    rules.OrgPredikat.KURANG: "poor",
    rules.OrgPredikat.SANGAT_KURANG: "critical",
}

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_NAMESPACE = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')
# pygal writes its config for its (disabled) JavaScript in a script element: useless and it
# names file:// URLs.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL)
_CHART_ID = re.compile(r"#chart-[0-9a-f-]+")
_STYLED_TAG = re.compile(r'<[a-zA-Z][^<>]*\sstyle="[^"]*"[^<>]*>')
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')


@dataclass(frozen=True)
class Category:
    """The category of a capaian in the year's band table, with its display tone."""

    code: str
    label: str
    tone: str

    @property
    def colour(self) -> str:
        return TONE_COLOURS[self.tone]


NO_CATEGORY = Category("", "", "muted")


def capaian_category(capaian, bands) -> Category:
    """The organisation predikat band of a capaian (the agency's band table for the year)."""
    if capaian is None:
        return NO_CATEGORY
    return predikat_category(_org_predikat(max(Decimal(capaian), Decimal(0)), tuple(bands)))


def predikat_category(code: str) -> Category:
    """The category of an organisation predikat code, with its label and colour."""
    from kinerja.iku.models import OrgPredikatChoice

    if not code:
        return NO_CATEGORY
    # A page colours hundreds of cells: translate each label once per language.
    key = (code, get_language())
    label = _LABELS.get(key)
    if label is None:
        label = _LABELS[key] = str(OrgPredikatChoice(code).label)
    return Category(code, label, PREDIKAT_TONES.get(code, "muted"))


_LABELS: dict[tuple[str, str | None], str] = {}


@functools.lru_cache(maxsize=4096)
def _org_predikat(capaian: Decimal, bands: tuple) -> str:
    """`rules.org_predikat`, remembered: a page asks it for every cell of a table, with the
    same band table and mostly the same few values."""
    return rules.org_predikat(capaian, bands)


def _style() -> Style:
    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="#1d2433",
        foreground_strong="#1d2433",
        foreground_subtle="#5b6476",
        font_family="system-ui, sans-serif",
        colors=(TARGET_COLOUR, REALISATION_COLOUR, "#3b8be0"),
        label_font_size=15,
        major_label_font_size=15,
        legend_font_size=15,
        value_font_size=15,
        tooltip_font_size=14,
    )


def _config(**extra) -> pygal.Config:
    config = pygal.Config()
    config.js = []
    config.style = _style()
    config.disable_xml_declaration = True
    config.explicit_size = False
    # A view box about as wide as a phone's card: the 15-unit text stays legible at 390 px.
    config.width = 400
    config.height = 320
    config.legend_at_bottom = True
    config.print_values = False
    config.show_minor_x_labels = True
    config.truncate_label = 24
    config.margin = 12
    for key, value in extra.items():
        setattr(config, key, value)
    return config


def _paint_class(colour: str) -> str:
    return "paint-" + colour.lstrip("#").lower()


def _paints() -> list[str]:
    return sorted({*TONE_COLOURS.values(), TARGET_COLOUR, REALISATION_COLOUR})


def _style_as_classes(declarations: str) -> list[str]:
    """The classes of `stylesheet()` that stand for a style attribute pygal wrote."""
    values = {}
    for declaration in declarations.split(";"):
        name, _sep, value = declaration.partition(":")
        if name.strip():
            values[name.strip()] = value.strip().lower()
    if values == {"opacity": "0"}:
        return ["transparent"]
    colours = {values.get("fill"), values.get("stroke")} - {None}
    if set(values) <= {"fill", "stroke"} and len(colours) == 1:
        colour = colours.pop()
        if colour in _paints():
            return [_paint_class(colour)]
    return []  # cosmetic only: dropped rather than refused by the policy


def _without_style_attributes(svg: str) -> str:
    def replace(match: re.Match) -> str:
        tag = match.group(0)
        classes = _style_as_classes(_STYLE_ATTRIBUTE.search(tag).group(1))
        tag = _STYLE_ATTRIBUTE.sub("", tag, count=1)
        if not classes:
            return tag
        existing = _CLASS_ATTRIBUTE.search(tag)
        if existing:
            joined = " ".join([existing.group(1), *classes]).strip()
            return tag[: existing.start(1)] + joined + tag[existing.end(1) :]
        return tag.replace(" ", f' class="{" ".join(classes)}" ', 1)

    return _STYLED_TAG.sub(replace, svg)


# The capaian bars (`capaian_bars_svg`): text of 14 units or more, dark on white.
_BARS_CSS = (
    ".capaian-bars{font-family:system-ui,sans-serif;display:block}\n"
    ".capaian-bars text{font-size:14px;fill:#1d2433}\n"
    ".capaian-bars .bar-value{font-weight:600;font-variant-numeric:tabular-nums}\n"
    ".capaian-bars .bar-none{fill:#5b6476;font-weight:400}\n"
    ".capaian-bars .bar-partial{fill:#8f5f00;font-weight:600}\n"
    ".capaian-bars .bar-track{fill:#eef1f5}\n"
    ".capaian-bars .bar-mark{stroke:#5b6476;stroke-width:1;stroke-dasharray:4 3}\n"
    ".capaian-bars .bar-mark-label{fill:#5b6476}\n"
)


@functools.cache
def stylesheet() -> str:
    """pygal's CSS for our charts, scoped to `.pygal-chart`, with the classes of `_clean`."""
    sample = pygal.Bar(_config(title="-", y_title="-"))
    for n in range(len(_style().colors)):
        sample.add(str(n), [n + 1])
    css = "\n".join(_STYLE_ELEMENT.findall(sample.render(is_unicode=True)))
    css = _CHART_ID.sub(".pygal-chart", html.unescape(css))
    paints = "".join(f".pygal-chart .{_paint_class(c)}{{fill:{c};stroke:{c}}}" for c in _paints())
    return f"{css}\n{paints}\n.pygal-chart .transparent{{opacity:0}}\n{_BARS_CSS}"


def _clean(svg: str, title: str) -> str:
    """The inline SVG without comments, URLs or inline styles, labelled for screen readers."""
    svg = _SCRIPT.sub("", _COMMENT.sub("", svg))
    svg = _STYLE_ELEMENT.sub("", svg).replace("<defs></defs>", "")
    svg = _without_style_attributes(svg)
    svg = _NAMESPACE.sub("", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(title)}" ', 1)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def _number(value) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class PeriodPoint:
    label: str
    target: Decimal | None
    realisation: Decimal | None
    capaian: Decimal | None = None
    partial: str = ""  # "partial: 2 of 4 period reports in" for a year not complete


def target_vs_realisation_svg(points: list[PeriodPoint], *, unit_of_measure: str, bands) -> str:
    """Bars of target and realisation per period, each value printed in the reader's number
    format. A period whose figure is partial is marked with an asterisk, the words under the
    chart (`partial_notes`)."""
    title = _("Target and realisation per period (%(unit)s)") % {"unit": unit_of_measure}
    chart = pygal.Bar(
        _config(
            title=None,
            y_title=unit_of_measure,
            include_x_axis=True,
            print_values=True,
            print_zeroes=True,
            value_formatter=lambda value: format_number(value),
            x_label_rotation=0,
            print_values_position="top",
        )
    )
    chart.x_labels = [f"{p.label} *" if p.partial else p.label for p in points]
    chart.add(_("Target"), [_number(p.target) for p in points])
    chart.add(_("Realisation"), [_number(p.realisation) for p in points])
    return _clean(chart.render(is_unicode=True), title)


def partial_notes(points: list[PeriodPoint]) -> list[str]:
    """ "TW I: partial: 1 of 3 period reports in" for each partial point of a chart."""
    return [f"{p.label}: {p.partial}" for p in points if p.partial]


@dataclass(frozen=True)
class CapaianBar:
    label: str
    capaian: Decimal | None
    partial: str = ""


# The capaian bars' view box: as wide as a phone's card, so that its 14-unit text is 12 px or
# more on a 390 px screen; wider screens scale it up to the stylesheet's maximum width.
BARS_WIDTH = 360
BARS_VALUE_SPACE = 88  # room after the longest bar for its value ("1.234,56 %")
BARS_ROW = 48  # the name, the bar and the space after it
BARS_PARTIAL_LINE = 18
BARS_TOP = 22  # the "100 %" mark above the first row
BARS_LABEL_CHARACTERS = 40


def sorted_bars(bars: list[CapaianBar]) -> list[CapaianBar]:
    """From the highest capaian down; bars without a capaian last; ties by name."""
    return sorted(
        bars,
        key=lambda b: (b.capaian is None, -(b.capaian or 0), b.label.casefold()),
    )


def capaian_text(capaian, places: int = 2) -> str:
    """A capaian as printed on a bar: "85,25 %" in Indonesian, "85.25 %" in English."""
    return f"{format_number(capaian, places)} %"


def _short(label: str) -> str:
    if len(label) <= BARS_LABEL_CHARACTERS:
        return label
    return label[: BARS_LABEL_CHARACTERS - 1].rstrip() + "\u2026"


def _text(x, y, text: str, css: str, anchor: str = "start") -> str:
    anchor_attribute = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{css}" x="{x:g}" y="{y:g}"{anchor_attribute}>{html.escape(text)}</text>'


def capaian_bars_svg(bars: list[CapaianBar], *, bands, title: str, places: int = 2) -> str:
    """Horizontal bars of capaian (%), sorted from the highest down, each coloured by its
    organisation predikat, with its value printed; 100 % is marked. A partial figure says so
    under its bar."""
    ordered = sorted_bars(bars)
    values = [float(b.capaian) for b in ordered if b.capaian is not None]
    scale = max([120.0, *values])
    plot = BARS_WIDTH - BARS_VALUE_SPACE

    def x_of(value: float) -> float:
        return round(max(value, 0.0) / scale * plot, 1)

    rows = []
    y = BARS_TOP
    for rank, bar in enumerate(ordered, start=1):
        cat = capaian_category(bar.capaian, bands)
        value = capaian_text(bar.capaian, places) if bar.capaian is not None else "\u2013"
        described = " \u00b7 ".join(
            part for part in (bar.label, value, cat.label, bar.partial) if part
        )
        parts = [
            f'<g class="bar" data-rank="{rank}" data-tone="{cat.tone}">',
            f"<title>{html.escape(described)}</title>",
            _text(0, y + 14, _short(bar.label), "bar-label"),
            f'<rect class="bar-track" x="0" y="{y + 20}" width="{plot}" height="16" rx="2"/>',
        ]
        if bar.capaian is None:
            parts.append(_text(4, y + 33, _("No capaian yet"), "bar-value bar-none"))
        else:
            end = x_of(float(bar.capaian))
            parts.append(
                f'<rect class="{_paint_class(cat.colour)}" x="0" y="{y + 20}" '
                f'width="{end:g}" height="16" rx="2"/>'
            )
            parts.append(_text(end + 5, y + 33, value, "bar-value"))
        if bar.partial:
            parts.append(_text(0, y + 52, "\u26a0 " + bar.partial, "bar-partial"))
        parts.append("</g>")
        rows.append("".join(parts))
        y += BARS_ROW + (BARS_PARTIAL_LINE if bar.partial else 0)
    height = y
    hundred = x_of(100.0)
    mark = (
        f'<line class="bar-mark" x1="{hundred:g}" y1="{BARS_TOP - 4}" x2="{hundred:g}" '
        f'y2="{height - 8}"/>' + _text(hundred, BARS_TOP - 8, "100 %", "bar-mark-label", "middle")
    )
    return (
        f'<svg class="pygal-chart capaian-bars" viewBox="0 0 {BARS_WIDTH} {height}" role="img" '
        f'aria-label="{_escape(title)}"><title>{html.escape(title)}</title>'
        + "".join(rows)
        + mark
        + "</svg>"
    )
