"""Forms of the organisation predikat decisions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import model_text_field
from kinerja.iku.models import (
    OrgPredikatChoice,
    OrgPredikatDecision,
)


class PredikatDecisionForm(forms.Form):
    """Confirm the proposed predikat or choose another one.

    The reason is not required here: `org_predikat_decide` decides when it is (a predikat other
    than the proposed one) and the page puts its error on the field.
    """

    predikat = forms.ChoiceField(label=_("Predikat"), choices=OrgPredikatChoice.choices)
    reason = model_text_field(
        OrgPredikatDecision,
        "reason",
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you choose a predikat other than the proposed one."),
    )
    issued_on = forms.DateField(
        label=_("Issued on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("Empty: today. For the annual predikat this date decides whether it counts."),
    )


class ConfirmManyForm(forms.Form):
    """Accept several proposals as they are: each is final once saved."""

    decisions = forms.TypedMultipleChoiceField(
        label=_("Proposals to confirm"),
        coerce=int,
        error_messages={
            "required": _("Choose at least one proposal to confirm."),
            "invalid_choice": _("One of the chosen proposals is no longer waiting for you."),
        },
    )
    issued_on = forms.DateField(
        label=_("Issued on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("Empty: today."),
    )
    final = forms.BooleanField(
        label=_("I confirm these predikat; a decided predikat cannot be changed."),
        error_messages={"required": _("Tick this box to confirm that the decisions are final.")},
    )

    def __init__(self, *args, pending=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decisions"].choices = [(d.pk, str(d.pk)) for d in pending]


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Unit"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
