"""The shape of input of the realisation pages; numbers are parsed by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LONG_TEXT
from kinerja.results.models import Accreditation, StudyLeaveEndReason, StudyLevel

EVIDENCE_ACCEPT = "image/*,application/pdf"


class EvidenceFields(forms.Form):
    file = forms.FileField(
        label=_("Evidence file (photo or PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )
    url = forms.CharField(label=_("Or a link"), required=False, max_length=1000)
    evidence_text = forms.CharField(
        label=_("Or a text"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RealisationForm(EvidenceFields):
    indicator_key = forms.UUIDField(widget=forms.HiddenInput)
    value = forms.CharField(
        label=_("Realisation (number)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    text = forms.CharField(
        label=_("Realisation (description)"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["indicator_key", "value", "text", "file", "url", "evidence_text"]


class EvidenceForm(EvidenceFields):
    pass


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What has to be corrected"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CorrectionForm(forms.Form):
    value = forms.CharField(
        label=_("Corrected realisation (number)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    text = forms.CharField(
        label=_("Corrected realisation (description)"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SemesterForm(forms.Form):
    """One semester of study leave; the numbers are parsed by the services."""

    semester = forms.CharField(
        label=_("Semester"), max_length=3, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    ipk = forms.CharField(
        label=_("IPK (0.00-4.00)"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    sks_taken = forms.CharField(
        label=_("Credits (SKS) taken"),
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    sks_passed = forms.CharField(
        label=_("Credits (SKS) passed"),
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    institution_feedback = forms.CharField(
        label=_("Feedback of the institution"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    file = forms.FileField(
        label=_("Transcript or feedback letter (photo or PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )


class SemesterFileForm(forms.Form):
    file = forms.FileField(
        label=_("Transcript or feedback letter (photo or PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )


class SemesterCorrectionForm(forms.Form):
    ipk = forms.CharField(
        label=_("Corrected IPK"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    sks_taken = forms.CharField(label=_("Credits (SKS) taken"), max_length=4)
    sks_passed = forms.CharField(label=_("Credits (SKS) passed"), max_length=4)
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StudyLeaveForm(forms.Form):
    """The decree of tugas belajar: who studies where, from when, for how many semesters."""

    start_date = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty while the study goes on."),
    )
    institution = forms.CharField(label=_("University or institution"), max_length=200)
    programme = forms.CharField(label=_("Study programme"), max_length=200)
    level = forms.ChoiceField(label=_("Level of study"), choices=StudyLevel.choices)
    accreditation = forms.ChoiceField(label=_("Accreditation"), choices=Accreditation.choices)
    total_semesters = forms.IntegerField(
        label=_("Semesters to graduate"),
        min_value=1,
        max_value=20,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    decree_number = forms.CharField(label=_("Decree number (SK)"), max_length=100, required=False)


class StudyLeaveEndForm(forms.Form):
    """Ending a study leave early: the last day and why."""

    end_date = forms.DateField(
        label=_("Last day of the study leave"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.ChoiceField(
        label=_("Reason for ending"),
        choices=[("", "---------"), *StudyLeaveEndReason.choices],
    )
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for another reason; for example the number of the decree."),
    )
