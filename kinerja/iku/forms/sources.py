"""The form that lets an indicator take its realisation from a figure Kinerja computes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.iku import sources


class SourceForm(forms.Form):
    """The source, the unit measured and, where the source offers them, one of its options (a
    service of the unit). Without JavaScript the options appear once the unit is chosen."""

    kind = forms.ChoiceField(label=_("Figure"))
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)
    option = forms.TypedChoiceField(label=_("Narrowed to"), coerce=int, required=False)

    def __init__(self, *args, units: list[tuple[int, str]], options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—")] + [
            (kind.key, kind.label) for kind in sources.kinds()
        ]
        self.fields["unit"].choices = [("", "—"), *units]
        self.fields["option"].choices = [("", _("All of the unit")), *(options or [])]
        if not options:
            self.fields["option"].widget = forms.HiddenInput()
