"""The shape of the survey results' input: the period and service shown, the agency's weight,
the follow-up actions. Ids are chosen again by the selectors and services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.surveys.models import PERIODS_IN_YEAR, PeriodKind, Weight


class PeriodForm(forms.Form):
    """Which period (and service) of a unit's results, from the query string."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=12, required=False)
    service = forms.ChoiceField(label=_("Service (jenis layanan)"), required=False)

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("All services")), *services]
        if not services:
            del self.fields["service"]

    def clean(self):
        data = super().clean()
        kind, number = data.get("kind"), data.get("number") or 1
        if kind == PeriodKind.YEAR:
            number = 1
        elif kind and number > PERIODS_IN_YEAR[kind]:
            self.add_error(
                "number",
                _("This period is numbered 1 to %(n)s.") % {"n": PERIODS_IN_YEAR[kind]},
            )
        data["number"] = number
        return data


class WeightForm(forms.Form):
    weight = forms.ChoiceField(
        label=_("Element weight"),
        choices=Weight.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The weight of each of the nine elements in the index. Every result shows the "
            "weight it used."
        ),
    )
