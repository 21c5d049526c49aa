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
        label=_("Arrival"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    time_out = forms.TimeField(
        label=_("Departure"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
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
        label=_("Decree date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
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
