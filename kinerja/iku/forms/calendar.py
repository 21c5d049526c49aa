"""Form of the working-day calendar: a day off of the agency."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import model_text_field
from kinerja.iku.models import NonWorkingDay, NonWorkingDayKind


class NonWorkingDayForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
    )
    name = model_text_field(NonWorkingDay, "name", label=_("Name"))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=NonWorkingDayKind.choices, initial=NonWorkingDayKind.AGENCY_DAY_OFF
    )
