"""The shape of input of the evaluation pages; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.appraisals.models import AppraisalSettings, EvaluationRating, KeberatanDecision
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


class KeberatanFileForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for the keberatan"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class KeberatanHearForm(forms.Form):
    explanation = forms.CharField(
        label=_("Rater's explanation"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class KeberatanDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=KeberatanDecision.choices, widget=forms.RadioSelect
    )
    hasil = forms.ChoiceField(
        label=_("New rating of work results (when changed)"),
        choices=[("", "-"), *EvaluationRating.choices],
        required=False,
    )
    perilaku = forms.ChoiceField(
        label=_("New rating of work behaviour (when changed)"),
        choices=[("", "-"), *EvaluationRating.choices],
        required=False,
    )
    recommendations = forms.CharField(
        label=_("New recommendations (when changed)"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SettingsForm(forms.Form):
    distribution_base = forms.ChoiceField(
        label=_("Whose evaluations the distribution pattern counts"),
        choices=AppraisalSettings._meta.get_field("distribution_base").choices,
        widget=forms.RadioSelect,
        help_text=AppraisalSettings._meta.get_field("distribution_base").help_text,
    )
