"""Charts of organisation performance, rendered on the server as SVG with pygal.

The SVG is inlined in pages (and can be reused in PDFs). pygal's JavaScript (loaded from a CDN by
default) is switched off, and what pygal still writes with a URL in it (comments, namespace
declarations, the configuration script of its JavaScript) is removed, so a chart never makes the
browser fetch anything.

The Content-Security-Policy refuses inline styles, so the SVG carries none: pygal's <style>
element, the same for every chart of ours, is served once as a stylesheet (`stylesheet()`, scoped
to the `pygal-chart` class instead of each chart's id), and its per-bar `style` attributes become
classes of that stylesheet.
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

from kinerja.iku import rules

# Tones of a capaian category, as in the stylesheet's badge colours.
TONE_COLOURS = {
    "ok": "#13795b",
    "warn": "#9a6700",
    "danger": "#b42318",
    "muted": "#8a94a6",
}
TARGET_COLOUR = "#9bb8d9"
REALISATION_COLOUR = "#0b5cad"

_PREDIKAT_TONES = {
    rules.OrgPredikat.ISTIMEWA: "ok",
    rules.OrgPredikat.BAIK: "ok",
    rules.OrgPredikat.BUTUH_PERBAIKAN: "warn",
    rules.OrgPredikat.KURANG: "danger",
    rules.OrgPredikat.SANGAT_KURANG: "danger",
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


NO_CATEGORY = Category("", "", "muted")


def capaian_category(capaian, bands) -> Category:
    """The organisation predikat band of a capaian (the agency's band table for the year)."""
    if capaian is None:
        return NO_CATEGORY
    from kinerja.iku.models import OrgPredikatChoice

    code = _org_predikat(max(Decimal(capaian), Decimal(0)), tuple(bands))
    # A page colours hundreds of cells: translate each label once per language.
    key = (code, get_language())
    label = _LABELS.get(key)
    if label is None:
        label = _LABELS[key] = str(OrgPredikatChoice(code).label)
    return Category(code, label, _PREDIKAT_TONES.get(code, "muted"))


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
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        value_font_size=11,
        tooltip_font_size=12,
    )


def _config(**extra) -> pygal.Config:
    config = pygal.Config()
    config.js = []
    config.style = _style()
    config.disable_xml_declaration = True
    config.explicit_size = False
    config.width = 720
    config.height = 320
    config.legend_at_bottom = True
    config.print_values = False
    config.show_minor_x_labels = True
    config.truncate_label = 80
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


@functools.cache
def stylesheet() -> str:
    """pygal's CSS for our charts, scoped to `.pygal-chart`, with the classes of `_clean`."""
    sample = pygal.Bar(_config(title="-", y_title="-"))
    for n in range(len(_style().colors)):
        sample.add(str(n), [n + 1])
    css = "\n".join(_STYLE_ELEMENT.findall(sample.render(is_unicode=True)))
    css = _CHART_ID.sub(".pygal-chart", html.unescape(css))
    paints = "".join(f".pygal-chart .{_paint_class(c)}{{fill:{c};stroke:{c}}}" for c in _paints())
    return f"{css}\n{paints}\n.pygal-chart .transparent{{opacity:0}}\n"


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


def _labelled(label: str, partial: str) -> str:
    return f"{label} ({partial})" if partial else label


def target_vs_realisation_svg(points: list[PeriodPoint], *, unit_of_measure: str, bands) -> str:
    """Bars of target and realisation per period; realisation bars coloured by capaian."""
    title = _("Target and realisation per period (%(unit)s)") % {"unit": unit_of_measure}
    chart = pygal.Bar(_config(title=None, y_title=unit_of_measure, include_x_axis=True))
    chart.x_labels = [_labelled(p.label, p.partial) for p in points]
    chart.add(_("Target"), [_number(p.target) for p in points])
    chart.add(
        _("Realisation"),
        [
            None
            if p.realisation is None
            else {
                "value": float(p.realisation),
                "color": TONE_COLOURS[capaian_category(p.capaian, bands).tone]
                if p.capaian is not None
                else REALISATION_COLOUR,
            }
            for p in points
        ],
    )
    return _clean(chart.render(is_unicode=True), title)


@dataclass(frozen=True)
class CapaianBar:
    label: str
    capaian: Decimal | None
    partial: str = ""


def capaian_bars_svg(bars: list[CapaianBar], *, bands, title: str) -> str:
    """Horizontal bars of capaian (%), each coloured by its category; 100 % is marked. A
    partial figure says so in its label."""
    height = max(160, 40 + 28 * len(bars))
    chart = pygal.HorizontalBar(
        _config(height=height, show_legend=False, include_x_axis=True, range=(0, 120))
    )
    chart.x_labels = [_labelled(b.label, b.partial) for b in bars]
    chart.add(
        _("Capaian (%)"),
        [
            None
            if b.capaian is None
            else {
                "value": float(b.capaian),
                "color": TONE_COLOURS[capaian_category(b.capaian, bands).tone],
                "label": _labelled(f"{b.capaian:.2f} %", b.partial),
            }
            for b in bars
        ],
    )
    return _clean(chart.render(is_unicode=True), title)
