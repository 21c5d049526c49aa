"""Forms of taking over an RHK (Ps 20) and of withdrawing a takeover."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import model_text_field
from kinerja.skp.forms.exemptions import DATE_INPUTS
from kinerja.skp.models import RhkTakeover


class TakeoverForm(forms.Form):
    taken_over_on = forms.DateField(
        label=_("Taken over on"),
        input_formats=DATE_INPUTS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = model_text_field(
        RhkTakeover,
        "note",
        label=_("Why the employee could not finish it"),
        help_text=_(
            "What feedback, adjusted expectations or coaching came before, and why the result "
            "still could not be reached. The evaluation reads this note."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


class WithdrawTakeoverForm(forms.Form):
    reason = model_text_field(
        RhkTakeover,
        "withdraw_reason",
        label=_("Reason for withdrawing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
