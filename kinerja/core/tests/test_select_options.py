"""The options of large selects, written in one pass."""

from django import forms
from django.template import Context, Template

TEMPLATE = Template("{% load long_lists %}{% select_options form.unit %}")


class UnitForm(forms.Form):
    unit = forms.TypedChoiceField(
        coerce=int,
        required=False,
        choices=[("", "Semua"), (7, 'Dinas <Kesehatan> & "Gizi"'), (12, "Bidang 12")],
    )


def _render(data=None) -> str:
    return TEMPLATE.render(Context({"form": UnitForm(data)}))


def test_the_chosen_unit_is_selected_and_no_other():
    html = _render({"unit": "12"})
    assert '<option value="12" selected>Bidang 12</option>' in html
    assert html.count(" selected") == 1


def test_without_a_choice_the_empty_option_is_selected():
    html = _render()
    assert html.startswith('<option value="" selected>Semua</option>')
    assert html.count(" selected") == 1


def test_labels_and_values_are_escaped():
    html = _render({"unit": '7"><script>'})
    assert "Dinas &lt;Kesehatan&gt; &amp; &quot;Gizi&quot;" in html
    assert "<script>" not in html
    assert " selected" not in html
