from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.org import selectors
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
        units = selectors.units_visible_to(viewer).filter(depth__lte=1).only("id", "name", "depth")
        self.fields["unit"].widget.choices = [("", _("All units"))] + [
            (u.pk, ("— " * u.depth) + u.name) for u in units
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
