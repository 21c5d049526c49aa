"""The shape of input of the evaluation pages; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.appraisals.models import EvaluationRating
from kinerja.core.fields import LONG_TEXT


class RatingForm(forms.Form):
    hasil = forms.ChoiceField(
        label=_("Rating of work results"),
        choices=EvaluationRating.choices,
        widget=forms.RadioSelect,
    )
    hasil_justification = forms.CharField(
        label=_("Why this rating of work results"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    perilaku = forms.ChoiceField(
        label=_("Rating of work behaviour"),
        choices=EvaluationRating.choices,
        widget=forms.RadioSelect,
    )
    perilaku_justification = forms.CharField(
        label=_("Why this rating of work behaviour"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Reason for the change (needed while the team does not fit the pattern)"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
