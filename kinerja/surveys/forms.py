"""The shape of the survey results' input: the period and service shown, the agency's weight,
the follow-up actions. Ids are chosen again by the selectors and services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LONG_TEXT
from kinerja.surveys.models import ACTION_MAX, NOTE_MAX, PERIODS_IN_YEAR, PeriodKind, Weight
from kinerja.surveys.selectors import followup


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


class FollowupForm(forms.Form):
    """An action of the follow-up plan: the element (the period's weakest offered first), what
    is done, its owner (a post of the unit, or described in words) and the due date."""

    element = forms.ChoiceField(label=_("Element addressed"))
    action = forms.CharField(
        label=_("Action"), max_length=ACTION_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_position = forms.ModelChoiceField(
        label=_("Owner (a post of the unit)"), queryset=None, required=False
    )
    owner_text = forms.CharField(
        label=_("Or describe the owner"),
        max_length=200,
        required=False,
        help_text=_("A team or a role, such as “Tim pengaduan”; never a person's NIP."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, unit, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["element"].choices = followup.element_choices(unit, period)
        self.fields["owner_position"].queryset = followup.owner_positions(unit)
        self.fields["owner_position"].empty_label = _("(described below)")


class ProgressForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Progress"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class CompleteForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Result"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DropForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for dropping"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportDraftForm(forms.Form):
    summary = forms.CharField(
        label=_("Analysis and conclusion"),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Printed in the report after the index; the figures are filled in for you."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, correction: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not correction:
            del self.fields["reason"]


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I approve this report: its figures are frozen as they are now and it is published."
        )
    )
