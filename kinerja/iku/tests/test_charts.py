"""The capaian charts read at a glance: sorted bars with their values printed in the reader's
number format, one colour per organisation predikat matching the legend, legible text."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation

from kinerja.iku import charts, rules
from kinerja.iku.views._common import annual_first, legend

BANDS = rules.DEFAULT_ORG_PREDIKAT_BANDS
CSS = settings.BASE_DIR / "static" / "kinerja" / "kinerja.css"
# One capaian in each default band: Sangat kurang < 60 ≤ Kurang < 80 ≤ Butuh perbaikan < 100
# ≤ Baik < 101 ≤ Istimewa.
ONE_PER_PREDIKAT = {
    rules.OrgPredikat.SANGAT_KURANG: Decimal("10"),
    rules.OrgPredikat.KURANG: Decimal("70.5"),
    rules.OrgPredikat.BUTUH_PERBAIKAN: Decimal("85.25"),
    rules.OrgPredikat.BAIK: Decimal("100"),
    rules.OrgPredikat.ISTIMEWA: Decimal("112.75"),
}


def _bars_in_order(svg: str) -> list[str]:
    return re.findall(r'<text class="bar-label"[^>]*>([^<]*)</text>', svg)


def _values_in_order(svg: str) -> list[str]:
    return re.findall(r'<text class="bar-value"[^>]*>([^<]*)</text>', svg)


def _svg(bars):
    return charts.capaian_bars_svg(bars, bands=BANDS, title="t")


def test_bars_are_sorted_from_the_highest_capaian_with_the_missing_last():
    svg = _svg(
        [
            charts.CapaianBar("Dinkes", Decimal("70")),
            charts.CapaianBar("Satpol", None),
            charts.CapaianBar("Disdik", Decimal("95")),
            charts.CapaianBar("Bappeda", Decimal("112.5")),
            charts.CapaianBar("BKD", Decimal("10")),
        ]
    )
    assert _bars_in_order(svg) == ["Bappeda", "Disdik", "Dinkes", "BKD", "Satpol"]
    ranks = re.findall(r'<g class="bar" data-rank="(\d+)"', svg)
    assert ranks == ["1", "2", "3", "4", "5"]


def test_values_are_printed_with_a_decimal_comma_in_indonesian():
    bars = [charts.CapaianBar("A", Decimal("85.5")), charts.CapaianBar("B", Decimal("1234.25"))]
    with translation.override("id"):
        assert _values_in_order(_svg(bars)) == ["1.234,25 %", "85,50 %"]
    with translation.override("en"):
        assert _values_in_order(_svg(bars)) == ["1,234.25 %", "85.50 %"]


def test_each_predikat_has_its_own_colour_and_the_legend_shows_the_same():
    svg = _svg([charts.CapaianBar(code, value) for code, value in ONE_PER_PREDIKAT.items()])
    tones = {
        label: tone
        for tone, label in re.findall(r'data-tone="(\w+)">.*?class="bar-label"[^>]*>(\w+)<', svg)
    }
    colours = {charts.TONE_COLOURS[charts.PREDIKAT_TONES[code]] for code in ONE_PER_PREDIKAT}
    assert len(colours) == 5, "five predikat, five colours"
    for code in ONE_PER_PREDIKAT:
        tone = charts.PREDIKAT_TONES[code]
        assert tones[code] == tone
        # The bar of that predikat is painted in its colour, and the stylesheet paints it so.
        group = re.search(rf'<g class="bar"[^>]*data-tone="{tone}">.*?</g>', svg).group(0)
        assert f'class="paint-{charts.TONE_COLOURS[tone][1:]}"' in group

    class Year:
        bands = BANDS

    entries = legend(Year())
    assert [cat.code for _bound, cat in entries] == list(reversed(list(ONE_PER_PREDIKAT)))
    for _bound, cat in entries:
        assert cat.tone == charts.PREDIKAT_TONES[cat.code]
        assert cat.colour == charts.TONE_COLOURS[cat.tone]
        assert charts.capaian_category(ONE_PER_PREDIKAT[cat.code], BANDS) == cat


def test_the_legend_bound_of_an_exclusive_band_names_its_own_predikat():
    bands = (
        rules.Band(rules.OrgPredikat.SANGAT_KURANG, 0),
        rules.Band(rules.OrgPredikat.BAIK, Decimal("85.5"), lower_inclusive=False),
    )

    class Year:
        pass

    year = Year()
    year.bands = bands
    with translation.override("id"):
        entries = legend(year)
    assert entries[0][0] == "> 85,5"
    assert entries[0][1].code == rules.OrgPredikat.BAIK


def _css_variables() -> dict[str, str]:
    css = CSS.read_text()
    return dict(re.findall(r"--c-([a-z-]+):\s*(#[0-9a-f]{6})", css))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    low, high = sorted([_luminance(a), _luminance(b)])
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("tone", sorted(set(charts.PREDIKAT_TONES.values())))
def test_badges_and_bars_share_a_readable_colour_per_predikat(tone):
    variables = _css_variables()
    assert variables[tone] == charts.TONE_COLOURS[tone], "badge and bar colours differ"
    assert _contrast(variables[tone], "#ffffff") >= 4.5
    assert _contrast(variables[tone], variables[f"{tone}-soft"]) >= 4.5
    assert f".swatch-{tone} " in CSS.read_text()


def test_the_bars_fit_a_phone_with_legible_text():
    svg = _svg([charts.CapaianBar("Badan Perencanaan Pembangunan Daerah " * 3, Decimal(90))])
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    # A 390 px phone leaves its card some 320 px: the text of 14 units stays 12 px or more.
    assert 14 * 320 / width >= 12
    assert "font-size:14px" in charts.stylesheet()
    assert all(len(label) <= charts.BARS_LABEL_CHARACTERS for label in _bars_in_order(svg))
    bar_title = re.search(r'<g class="bar".*?<title>(.*?)</title>', svg).group(1)
    assert "Badan Perencanaan Pembangunan Daerah Badan" in bar_title


def test_a_partial_bar_is_marked_under_its_bar():
    svg = _svg([charts.CapaianBar("Dinkes", Decimal(80), "partial: 1 of 4 period reports in")])
    assert re.search(r'<text class="bar-partial"[^>]*>⚠ partial: 1 of 4 period reports in<', svg)


def test_the_indicator_chart_prints_its_values_and_marks_a_partial_period():
    points = [
        charts.PeriodPoint("TW I", Decimal(25), Decimal("20.5")),
        charts.PeriodPoint("TW II", Decimal(50), Decimal("61.25"), partial="partial: 1 of 2"),
    ]
    with translation.override("id"):
        svg = charts.target_vs_realisation_svg(points, unit_of_measure="%", bands=BANDS)
    values = re.findall(r'<text[^>]*class="value[^"]*"[^>]*>([^<]*)<', svg)
    assert "20,5" in values and "61,25" in values
    assert "TW II *" in svg
    assert charts.partial_notes(points) == ["TW II: partial: 1 of 2"]


def test_annual_first_puts_the_yearly_column_first():
    class P:
        def __init__(self, label, is_annual=False):
            self.label, self.is_annual = label, is_annual

    periods = [P("TW I"), P("TW II"), P("Tahunan", True)]
    assert [p.label for p in annual_first(periods)] == ["Tahunan", "TW I", "TW II"]
