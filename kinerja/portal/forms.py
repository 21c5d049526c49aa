"""The shape of the publishing side's input: confirming a publication, a correction's reason,
the agency's portal settings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.portal.models import MINIMUM_GROUP_RANGE, PublicationVersion


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I publish these figures: they become public and can only be corrected by a new "
            "version with its reason."
        )
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=PublicationVersion._meta.get_field("reason").max_length,
        help_text=_("Published beside the corrected figures."),
    )
    corrects = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    confirm = forms.BooleanField(
        label=_("I publish the corrected figures as a new version; the earlier ones stay public.")
    )


class SettingsForm(forms.Form):
    minimum_group = forms.IntegerField(
        label=_("Smallest group shown"),
        min_value=MINIMUM_GROUP_RANGE[0],
        max_value=MINIMUM_GROUP_RANGE[1],
        help_text=_("A figure from fewer people than this is not shown (suppressed)."),
    )
    show_signatory_names = forms.BooleanField(
        label=_("Show signatories' names on published documents"), required=False
    )
    show_unit_predikat = forms.BooleanField(
        label=_("Show the units' performance predikat"), required=False
    )
