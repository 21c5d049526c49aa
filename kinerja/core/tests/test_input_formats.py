"""A browser's date and time inputs show a value already chosen in every language: Django
renders them with the language's first input format, which Kinerja makes ISO
(kinerja/config/formats)."""

import datetime

import pytest
from django import forms
from django.utils import translation


@pytest.mark.parametrize("language", ["id", "en"])
def test_date_and_time_inputs_render_iso_values(language):
    with translation.override(language):
        date_html = forms.DateInput(attrs={"type": "date"}).render("d", datetime.date(2026, 4, 6))
        time_html = forms.TimeInput(attrs={"type": "time"}).render("t", datetime.time(7, 5))
    assert 'value="2026-04-06"' in date_html
    assert 'value="07:05"' in time_html


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2026-04-06", datetime.date(2026, 4, 6)), ("06-04-2026", datetime.date(2026, 4, 6))],
)
def test_indonesian_dates_are_still_accepted_as_typed(typed, expected):
    with translation.override("id"):
        assert forms.DateField().clean(typed) == expected


@pytest.mark.parametrize("typed", ["07:05", "07.05", "07:05:00"])
def test_times_are_accepted_with_a_colon_or_a_dot(typed):
    with translation.override("id"):
        assert forms.TimeField().clean(typed) == datetime.time(7, 5)
