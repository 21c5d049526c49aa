from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kinerja.core.files import clean_filename
from kinerja.org import selectors
from kinerja.org.imports.columns import SHEET_KINDS, SHEET_LABELS
from kinerja.org.imports.reader import CSV, FileFormatError, sniff_format
from kinerja.org.models import EmployeeStatus


class EmployeeFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or NIP"), required=False, max_length=100)
    unit = forms.IntegerField(label=_("Unit"), required=False, widget=forms.Select)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *EmployeeStatus.choices],
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        units = (
            selectors.units_visible_to(viewer)
            .filter(depth__lte=1)
            .values_list("pk", "name", "depth")
        )
        self.fields["unit"].widget.choices = [("", _("All units"))] + [
            (pk, ("— " * depth) + name) for pk, name, depth in units
        ]

    def clean_unit(self):
        pk = self.cleaned_data.get("unit")
        if pk is None:
            return None
        unit = selectors.units_visible_to(self.viewer).filter(pk=pk).first()
        if unit is None:
            raise forms.ValidationError(_("Choose a unit from the list."), code="invalid_choice")
        return unit

    def cleaned_filters(self) -> dict:
        data = self.cleaned_data
        return {
            "search": data.get("q") or "",
            "unit": data.get("unit"),
            "status": data.get("status") or "",
        }


class _DatedForm(forms.Form):
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must not be before the start date."))
        return data


class ActingAssignmentForm(_DatedForm):
    """Record a Plt./Plh. assignment: the employee acts in another (usually vacant) post."""

    position_code = forms.CharField(label=_("Position code"), max_length=40)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("plt", _("Acting (Plt.)")), ("plh", _("Daily acting (Plh.)"))]
    )
    decree_number = forms.CharField(label=_("Decree number (SK)"), max_length=100, required=False)

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer

    def clean_position_code(self):
        code = self.cleaned_data["position_code"].strip()
        position = selectors.positions_visible_to(self.viewer).filter(code__iexact=code).first()
        if position is None:
            raise forms.ValidationError(
                _("No position has the code %(code)s.") % {"code": code}, code="unknown"
            )
        return position


class DelegationForm(_DatedForm):
    """Give the rating of this employee to another official for a date range."""

    supervisor_nip = forms.CharField(label=_("NIP of the delegated rater"), max_length=30)
    role = forms.ChoiceField(label=_("Role"))
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, viewer, **kwargs):
        from kinerja.org.models import SupervisionRole

        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.fields["role"].choices = SupervisionRole.choices

    def clean_supervisor_nip(self):
        from kinerja.org.rules import normalise_nip

        nip = normalise_nip(self.cleaned_data["supervisor_nip"])
        supervisor = selectors.delegate_candidates(self.viewer).filter(nip=nip).first()
        if supervisor is None:
            raise forms.ValidationError(
                _("No active employee you may see has the NIP %(nip)s.") % {"nip": nip},
                code="unknown",
            )
        return supervisor


class ImportUploadForm(forms.Form):
    """An organisation file to import; its content is checked, not only its name."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("An .xlsx workbook made from the template, or a CSV file of one kind."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    sheet_kind = forms.ChoiceField(
        label=_("Contents of a CSV file"),
        required=False,
        choices=[("", _("Recognise from the header"))]
        + [(kind, SHEET_LABELS[kind]) for kind in SHEET_KINDS],
        help_text=_("Only for CSV files; a workbook names its sheets unit, jabatan and pegawai."),
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

    @property
    def chosen_sheet_kind(self) -> str:
        """The kind the user chose, which only means something for a CSV file."""
        return self.cleaned_data.get("sheet_kind", "") if self.file_format == CSV else ""
