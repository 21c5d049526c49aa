from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import DecimalNumberField
from kinerja.iku.services.lkjip import LOWER_BOUNDS

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


BAND_ROWS = 10


class LkjipBandsForm(forms.Form):
    """The LKjIP category table of a year: up to BAND_ROWS rows, from the lowest band up.

    Empty rows are skipped; the service checks the table (see `services.lkjip`).
    """

    def __init__(self, *args, bands=(), **kwargs):
        initial = kwargs.pop("initial", None) or {}
        for index, band in enumerate(bands):
            initial[f"label_{index}"] = band.label
            initial[f"lower_{index}"] = band.lower
            initial[f"inclusive_{index}"] = band.lower_inclusive
        super().__init__(*args, initial=initial, **kwargs)
        for index in range(BAND_ROWS):
            self.fields[f"label_{index}"] = forms.CharField(
                label=_("Category %(number)s") % {"number": index + 1},
                required=False,
                max_length=60,
            )
            self.fields[f"lower_{index}"] = DecimalNumberField(
                bounds=LOWER_BOUNDS,
                label=_("Lower bound of category %(number)s (%%)") % {"number": index + 1},
                required=False,
            )
            self.fields[f"inclusive_{index}"] = forms.BooleanField(
                label=_("The bound itself belongs to category %(number)s (≥)")
                % {"number": index + 1},
                required=False,
            )

    def rows(self):
        """(label field, lower field, inclusive field) per row, for the template."""
        return [
            (self[f"label_{i}"], self[f"lower_{i}"], self[f"inclusive_{i}"])
            for i in range(BAND_ROWS)
        ]

    def bands(self) -> list[dict]:
        data = self.cleaned_data
        rows = []
        for index in range(BAND_ROWS):
            label = data.get(f"label_{index}", "")
            lower = data.get(f"lower_{index}")
            if not label and lower is None:
                continue
            rows.append(
                {
                    "label": label,
                    "lower": lower,
                    "lower_inclusive": bool(data.get(f"inclusive_{index}")),
                }
            )
        return rows
