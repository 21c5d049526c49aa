from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kinerja.core.files import clean_filename
from kinerja.org.imports.columns import SHEET_KINDS, SHEET_LABELS
from kinerja.org.imports.reader import CSV, FileFormatError, sniff_format


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
