from django import forms
from django.utils.translation import gettext_lazy as _

FORMAT_CHOICES = [("pdf", "PDF"), ("xlsx", "Excel (.xlsx)")]
REGENCY = "regency"


class LkjipChoiceForm(forms.Form):
    """Which LKjIP to download: a year, the regency or a unit, and a format."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())
    scope = forms.ChoiceField(label=_("Report of"), choices=())
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="pdf")

    def __init__(self, *args, years, units, regency_allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        scopes = []
        if regency_allowed:
            scopes.append((REGENCY, _("The regency (pemerintah daerah)")))
        scopes += [(str(u.pk), u.name) for u in units]
        self.fields["scope"].choices = scopes
