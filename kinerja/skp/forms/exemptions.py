"""Forms of the exemption pages. Dates come from the browser's date picker (YYYY-MM-DD) or the
Indonesian day-month-year; the service validates the rest and names the field at fault."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import model_text_field
from kinerja.skp.models import ExemptionReason, PlanExemption

DATE_INPUTS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
BLANK = [("", "—")]
RUNNING, ALL = "running", "all"


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUTS,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class ExemptionFilterForm(forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(RUNNING, _("Running on a day")), (ALL, _("All"))],
    )
    day = _date_field(_("Day"), required=False)
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=BLANK + list(ExemptionReason.choices)
    )
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(
        label=_("Name or NIP"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Part of the name, or the full 18-digit NIP."),
    )

    def __init__(self, data=None, *, units, today):
        self.units = {u.pk: u for u in units}
        self.today = today
        super().__init__(data, initial={"show": RUNNING, "day": today})
        self.fields["unit"].choices = BLANK + [(u.pk, u.name) for u in units]

    def filters(self) -> dict:
        """Arguments of `exemption_list`; a wrong value is ignored (the default applies)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        show = data.get("show") or RUNNING
        return {
            "running_on": None if show == ALL else (data.get("day") or self.today),
            "reason": data.get("reason") or "",
            "unit": self.units.get(data.get("unit")),
            "search": data.get("q") or "",
        }


class ExemptionForm(forms.Form):
    """Record or correct an exemption. The employee is chosen by NIP or from a search result
    (`employee`, an id); on correction the employee is fixed."""

    employee = forms.IntegerField(required=False, widget=forms.HiddenInput)
    nip = forms.CharField(
        label=_("NIP of the employee"),
        required=False,
        max_length=18,
        help_text=_("The full 18-digit NIP, or search the employee by name below."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=BLANK + list(ExemptionReason.choices))
    start_date = _date_field(_("Start date"))
    end_date = _date_field(
        _("End date"), required=False, help_text=_("Leave empty while the status lasts.")
    )
    decree_number = model_text_field(
        PlanExemption, "decree_number", label=_("Decree number (SK)"), required=False
    )
    note = model_text_field(
        PlanExemption,
        "note",
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, with_employee: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_employee:
            del self.fields["employee"]
            del self.fields["nip"]

    def clean_nip(self):
        nip = (self.cleaned_data.get("nip") or "").strip().replace(" ", "")
        if nip and (len(nip) != 18 or not nip.isdigit()):
            raise forms.ValidationError(_("A NIP has exactly 18 digits."))
        return nip

    def clean(self):
        data = super().clean()
        missing = not data.get("employee") and not data.get("nip")
        if "nip" in self.fields and missing and "nip" not in self.errors:
            self.add_error("nip", _("Enter the NIP or choose the employee from a search."))
        return data

    def values(self) -> dict:
        """The fields the services take."""
        names = ("reason", "start_date", "end_date", "decree_number", "note")
        return {name: self.cleaned_data.get(name) for name in names}


class EndForm(forms.Form):
    end_date = _date_field(_("Last day of the exemption"))
