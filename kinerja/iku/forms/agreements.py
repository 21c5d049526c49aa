"""Forms of the Perjanjian Kinerja pages: create, lines, signatures and revision.

The forms only check the shape of the input; the services decide what the rules allow and
their errors are copied back onto these fields (see views._common.copy_errors).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import model_decimal_field, model_text_field
from kinerja.iku.models import (
    AgreementLine,
    AgreementParty,
    PerformanceAgreement,
    RevisionKind,
)


def _decimal_field(name, label, *, help_text=""):
    return model_decimal_field(
        AgreementLine, name, label=label, required=False, min_value=0, help_text=help_text
    )


class AgreementCreateForm(forms.Form):
    """Version 1 of a unit's PK for a year; the parties are taken from today's positions."""

    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, units=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        self.fields["unit"].choices = [("", _("Choose a unit"))] + [
            (u.pk, ("· " * getattr(u, "depth", 0)) + u.name) for u in units
        ]
        self.fields["year"].choices = [("", _("Choose a year"))] + [(y, str(y)) for y in years]

    def clean_unit(self):
        return self.units[self.cleaned_data["unit"]]


class _LineFields(forms.Form):
    target = _decimal_field("target", _("Target"))
    target_high = _decimal_field(
        "target_high",
        _("Upper target"),
        help_text=_("Only for an indicator whose target is a range."),
    )
    budget_amount = _decimal_field("budget_amount", _("Budget (Rp)"))
    budget_line = model_text_field(
        AgreementLine,
        "budget_line",
        label=_("Budget line (programme / activity)"),
        required=False,
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=32767, initial=0)

    def clean_budget_line(self):
        return self.cleaned_data["budget_line"].strip()


class AgreementLineAddForm(_LineFields):
    indicator = forms.TypedChoiceField(label=_("Indicator"), coerce=int)
    field_order = ["indicator", "target", "target_high", "budget_amount", "budget_line", "order"]

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = {i.pk: i for i in indicators}
        self.fields["indicator"].choices = [("", _("Choose an indicator"))] + [
            (i.pk, f"{i.code} {i.name}".strip()) for i in indicators
        ]
        self.fields["target"].help_text = _("Empty: the indicator's annual target for the year.")
        self.fields["order"].required = False

    def clean_indicator(self):
        return self.indicators[self.cleaned_data["indicator"]]

    def clean_order(self):
        return self.cleaned_data["order"] or 0


class AgreementLineUpdateForm(_LineFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].required = True


class AgreementSignForm(forms.Form):
    party = forms.ChoiceField(
        label=_("Party"), choices=AgreementParty.choices, widget=forms.HiddenInput
    )
    signed_on = forms.DateField(
        label=_("Signed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date written on the signed document."),
    )


class AgreementReviseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Reason for the revision"),
        choices=[("", _("Choose the reason")), *RevisionKind.choices],
    )
    reason = model_text_field(
        PerformanceAgreement,
        "revision_reason",
        label=_("Explanation of the revision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed and on which decision, as it will be printed in the history."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Explain why the agreement is revised."))
        return reason
