"""The shape of complaint input. Ids are chosen again by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.complaints.models import (
    DESCRIPTION_MAX,
    TEXT_MAX,
    Category,
    Channel,
    ComplaintSettings,
    Status,
)

CATEGORY_HELP = _(
    "Light: a question the office can answer at once (2 working days). About the rules: how a "
    "rule or procedure applies to you (5). Needs looking into: the office must check what "
    "happened (14). Needs supervision: possible misconduct that needs an inquiry (60)."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class PublicComplaintForm(forms.Form):
    unit = forms.ChoiceField(label=_("Which office or service is it about?"), required=False)
    category = forms.ChoiceField(
        label=_("Kind of complaint"),
        choices=[("", "—"), *Category.choices],
        help_text=CATEGORY_HELP,
    )
    description = forms.CharField(
        label=_("Your complaint"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, where and when. Do not write your ID number."),
    )
    attachments = MultipleFileField(
        label=_("Photos or documents (optional)"),
        required=False,
        help_text=_("Up to 3 files: PDF, JPG, PNG, DOCX or XLSX, 10 MB each."),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.CharField(label=_("E-mail (optional)"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone or WhatsApp (optional)"), max_length=30, required=False)
    website = forms.CharField(
        label=_("Leave this empty"), required=False, max_length=200
    )  # the honeypot

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            ("", _("I don't know")),
            *((str(u.pk), u.name) for u in units),
        ]


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=40)


class ReopenForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why does the response not settle your complaint?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    unrouted = forms.BooleanField(label=_("Not yet routed"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All")), *((str(u.pk), u.name) for u in units)]
        self.fields["status"].choices = [("", _("All")), *Status.choices]
        self.fields["category"].choices = [("", _("All")), *Category.choices]
        self.fields["channel"].choices = [("", _("All")), *Channel.choices]


class RouteForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—"), *((str(u.pk), u.name) for u in units)]


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    reason = forms.CharField(label=_("Why"), max_length=TEXT_MAX, required=False)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class RespondForm(forms.Form):
    text = forms.CharField(
        label=_("Public response"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The complainant reads it on the tracking page. Name no member of staff."),
    )
    confirm = forms.BooleanField(
        label=_("I understand the response is published to the complainant"), required=True
    )


class RecordForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.PORTAL]
    )
    source_reference = forms.CharField(
        label=_("Source reference"),
        max_length=500,
        required=False,
        help_text=_("The SP4N-LAPOR! number, the post's link or the letter's number."),
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    description = forms.CharField(
        label=_("Complaint"), max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(label=_("Complainant's name"), max_length=200, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "—"), *((str(u.pk), u.name) for u in units)]


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ComplaintSettings
        fields = [
            "days_ringan",
            "days_normatif",
            "days_tidak_berkadar_pengawasan",
            "days_berkadar_pengawasan",
        ]
