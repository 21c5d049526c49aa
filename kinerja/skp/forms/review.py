"""Forms of the rater's pages: the review of a submitted plan and dialogue comments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import model_text_field
from kinerja.skp.models import SkpComment


def rhk_field_name(rhk) -> str:
    return f"rhk_{rhk.pk}"


class ReviewForm(forms.Form):
    """A general comment and one comment box per RHK; the button pressed chooses the action."""

    comment = model_text_field(
        SkpComment,
        "text",
        label=_("General comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to return the plan: say what the employee must change."),
    )

    def __init__(self, *args, rhks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rhks = list(rhks)
        for rhk in self.rhks:
            self.fields[rhk_field_name(rhk)] = model_text_field(
                SkpComment,
                "text",
                label=_("Comment on this RHK"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rhk_comments(self) -> dict[int, str]:
        """{rhk pk: text} of the boxes that were filled in."""
        comments = {}
        for rhk in self.rhks:
            text = self.cleaned_data.get(rhk_field_name(rhk), "").strip()
            if text:
                comments[rhk.pk] = text
        return comments

    def bound_rhk_field(self, rhk):
        return self[rhk_field_name(rhk)]


class CommentForm(forms.Form):
    """A note of the performance dialogue, on the plan or on one of its RHK."""

    text = model_text_field(
        SkpComment, "text", label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3})
    )
    rhk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
