"""Forms of the realisation pages: a realisation with its evidence, and returning it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import model_decimal_field, model_text_field
from kinerja.iku import files
from kinerja.iku.models import Realisation


class EvidenceField(forms.FileField):
    """An evidence file, checked like the service checks it (type by content, size)."""

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded:
            try:
                files.check_evidence_file(uploaded)
            except ValidationError as error:
                raise ValidationError(error.message_dict.get("file", error.messages)) from None
        return uploaded


def _evidence_help() -> str:
    from django.template.defaultfilters import filesizeformat

    types = ", ".join(sorted({e.lstrip(".").upper() for e in files.ALLOWED_TYPES} - {"JPEG"}))
    return str(_("%(types)s, at most %(size)s.")) % {
        "types": types,
        "size": filesizeformat(files.max_bytes()),
    }


class RealisationForm(forms.Form):
    value = model_decimal_field(
        Realisation, "value", label=_("Realisation"), required=False, min_value=0
    )
    note = model_text_field(
        Realisation,
        "note",
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the figure was obtained, or why it is not available."),
    )
    evidence = EvidenceField(label=_("Evidence file (bukti dukung)"), required=False)

    def __init__(self, *args, unit_of_measure: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _evidence_help()
        if unit_of_measure:
            self.fields["value"].label = _("Realisation (%(unit)s)") % {"unit": unit_of_measure}

    def clean(self):
        data = super().clean()
        submitting = self.data.get("action") == "submit"
        empty = data.get("value") is None and not (data.get("note") or "").strip()
        if submitting and empty and "value" not in self.errors:
            self.add_error(
                "value",
                _("Enter the realisation, or explain in the note why it is not available."),
            )
        return data


class EvidenceForm(forms.Form):
    file = EvidenceField(label=_("Evidence file (bukti dukung)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _evidence_help()


class ReturnForm(forms.Form):
    comment = model_text_field(
        Realisation,
        "return_comment",
        label=_("What has to be corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise ValidationError(_("Say what has to be corrected."))
        return comment
