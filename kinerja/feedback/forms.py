"""The shape of feedback input. Ids and keys are chosen again by the services."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.feedback.models import MAX_THRESHOLD, TEXT_MAX, Channel, FeedbackKind
from kinerja.skp.berakhlak import CoreValue


class GiveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FeedbackKind.choices)
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices)
    rhk_key = forms.ChoiceField(label=_("About the RHK"), required=False)
    indicator = forms.ChoiceField(
        label=_("About the realisation of an indicator"),
        required=False,
        help_text=_("With the period of the realisation."),
    )
    core_value = forms.ChoiceField(
        label=_("About the BerAKHLAK value"),
        required=False,
        choices=[("", "—"), *CoreValue.choices],
    )
    period = forms.ChoiceField(label=_("Period"), required=False)
    text = forms.CharField(
        label=_("Feedback"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Based on evidence: what went well, what to improve, what next."),
    )
    is_anonymous = forms.BooleanField(
        label=_("Do not show my name to the employee"),
        required=False,
        help_text=_(
            "Peers and subordinates only. Shown once enough people gave anonymous feedback; "
            "the audit trail always keeps your name."
        ),
    )
    request = forms.CharField(required=False, widget=forms.HiddenInput)
    corrects = forms.CharField(required=False, widget=forms.HiddenInput)

    def target(self) -> tuple[str | None, str | None]:
        """(rhk_key, indicator_key): an indicator names its RHK too."""
        if self.cleaned_data.get("indicator"):
            rhk_key, indicator_key = self.cleaned_data["indicator"].split(":", 1)
            return rhk_key, indicator_key
        return self.cleaned_data.get("rhk_key") or None, None

    def __init__(self, *args, rhks=(), indicators=(), periods=(), kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rhk_key"].choices = [("", "—"), *rhks]
        self.fields["indicator"].choices = [("", "—"), *indicators]
        self.fields["period"].choices = [("", _("The current period")), *periods]
        if kinds is not None:
            self.fields["kind"].choices = kinds


class RequestForm(forms.Form):
    asked = forms.CharField(label=_("Ask"), widget=forms.HiddenInput)
    rhk_key = forms.ChoiceField(label=_("About the RHK"), required=False)
    core_value = forms.ChoiceField(
        label=_("About the BerAKHLAK value"),
        required=False,
        choices=[("", "—"), *CoreValue.choices],
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rhks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rhk_key"].choices = [("", "—"), *rhks]


class ScheduleForm(forms.Form):
    dates = forms.CharField(
        label=_("Dates"),
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One date a line (YYYY-MM-DD). Leave empty for once per evaluation period, "
            "on its last day."
        ),
    )

    def clean_dates(self) -> list[datetime.date]:
        found = []
        for line in self.cleaned_data["dates"].replace(",", "\n").splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                found.append(datetime.date.fromisoformat(line))
            except ValueError:
                raise forms.ValidationError(
                    _("%(value)s is not a date (YYYY-MM-DD)."),
                    code="invalid",
                    params={"value": line[:20]},
                ) from None
        return found


class SettingsForm(forms.Form):
    anonymity_threshold = forms.IntegerField(
        label=_("Anonymity threshold"),
        min_value=1,
        max_value=MAX_THRESHOLD,
        help_text=_(
            "Anonymous feedback from peers or subordinates is shown to the employee once at "
            "least this many people gave it in the period."
        ),
    )
