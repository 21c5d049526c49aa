"""The shape of attendance input: uploads, the machine setting, corrections and decisions."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kinerja.activities.models import AttendanceSetting, CutiKind, ImportKind, SanctionLevel
from kinerja.core.files import clean_filename
from kinerja.org.imports.reader import FileFormatError, sniff_format


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("The file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("An .xlsx workbook or a CSV file exported by the machine or the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; files up to %(max)s can be imported."),
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.IMPORT_MAX_BYTES),
                },
            )
        data = b"".join(upload.chunks())
        try:
            self.file_format = sniff_format(data, clean_filename(upload.name))
        except FileFormatError as error:
            raise forms.ValidationError(str(error), code="format") from error
        self.file_bytes = data
        return upload


class SettingForm(forms.ModelForm):
    class Meta:
        model = AttendanceSetting
        fields = [
            "id_column",
            "date_column",
            "time_in_column",
            "time_out_column",
            "timestamp_column",
            "date_format",
            "time_format",
            "work_start",
            "work_end",
            "friday_end",
            "grace_minutes",
        ]
        widgets = {
            "work_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "work_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "friday_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def validate_unique(self):
        """The service saves the agency's one setting; nothing to check here."""


class CorrectionForm(forms.Form):
    time_in = forms.TimeField(
        label=_("Arrival"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    time_out = forms.TimeField(
        label=_("Departure"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    reason = forms.CharField(label=_("Reason for the correction"), max_length=500)


class DecisionForm(forms.Form):
    no_sanction = forms.BooleanField(label=_("No sanction"), required=False)
    decided_level = forms.ChoiceField(
        label=_("Sanction decided"),
        required=False,
        choices=[("", "—"), *SanctionLevel.choices],
    )
    decree_number = forms.CharField(label=_("Decree number"), max_length=100, required=False)
    decree_date = forms.DateField(
        label=_("Decree date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label=_("I confirm that this decision is final and will be recorded in the audit trail."),
    )


class LeaveFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *CutiKind.choices]
    )


# --- daily activity log ---------------------------------------------------------------------------


class ActivityForm(forms.Form):
    """One entry of the daily log; the choices of RHK, rencana aksi and catalogue come from the
    employee's plan in force and the agency's catalogue."""

    # Date and time inputs take ISO values whatever the language's display format.
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    catalogue_item = forms.ChoiceField(label=_("From the catalogue"), required=False)
    description = forms.CharField(
        label=_("What did you do?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    start_time = forms.TimeField(
        label=_("From"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=_("To"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    minutes = forms.IntegerField(
        label=_("Or minutes"),
        required=False,
        min_value=1,
        max_value=1440,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    rhk_key = forms.ChoiceField(label=_("For the RHK"), required=False)
    action_plan = forms.ChoiceField(label=_("Rencana aksi"), required=False)
    evidence_file = forms.FileField(
        label=_("Photo or file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,.pdf"}),
    )

    def __init__(self, *args, rhks=(), action_plans=(), catalogue=(), **kwargs):
        super().__init__(*args, **kwargs)
        empty = [("", "—")]
        self.fields["rhk_key"].choices = empty + [(k, t[:120]) for k, t in rhks]
        self.fields["action_plan"].choices = empty + [
            (str(a.pk), a.text[:120]) for a in action_plans
        ]
        self.fields["catalogue_item"].choices = empty + [
            (str(i.pk), f"{i.name} ({i.standard_minutes}')") for i in catalogue
        ]
        if not action_plans:
            del self.fields["action_plan"]
        if not catalogue:
            del self.fields["catalogue_item"]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What has to be corrected"), max_length=1000, widget=forms.Textarea({"rows": 2})
    )


class CatalogueItemForm(forms.Form):
    name = forms.CharField(label=_("Activity"), max_length=200)
    standard_minutes = forms.IntegerField(label=_("Standard minutes"), min_value=1, max_value=1440)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
