"""The shape of forum input: the forum with its participants by group, the topics and the
commitments as inline rows (blank rows to fill, no JavaScript needed), and the follow-up of a
commitment. Ids are chosen again by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.forums.models import (
    MAX_HEADCOUNT,
    MAX_ROWS,
    SUMMARY_MAX,
    TEXT_MAX,
    ForumKind,
    ParticipantGroup,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TOPIC_EXTRA = 3
COMMITMENT_EXTRA = 2


class ForumForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    title = forms.CharField(label=_("Title"), max_length=255)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=ForumKind.choices)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was discussed and agreed, for the public. No names of citizens."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The forum is published: the correction is recorded with this reason."),
    )

    def __init__(self, *args, units=None, correcting=False, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [("", "—"), *units]
        if not correcting:
            del self.fields["reason"]
        for group in ParticipantGroup:
            self.fields[f"people_{group.value}"] = forms.IntegerField(
                label=group.label, required=False, min_value=0, max_value=MAX_HEADCOUNT
            )

    def main_fields(self):
        return [
            self[name]
            for name in ("unit", "title", "held_on", "place", "kind", "summary", "reason")
            if name in self.fields
        ]

    def people_fields(self):
        return [self[f"people_{g.value}"] for g in ParticipantGroup]

    def participants(self) -> dict[str, int]:
        return {g.value: self.cleaned_data.get(f"people_{g.value}") or 0 for g in ParticipantGroup}


class TopicForm(forms.Form):
    text = forms.CharField(label=_("Topic raised"), required=False, max_length=TEXT_MAX)
    area = forms.CharField(label=_("Area (optional)"), required=False, max_length=200)


class CommitmentRowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Commitment"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    owner_position = forms.ChoiceField(label=_("Owner: a post of the unit"), required=False)
    owner_text = forms.CharField(
        label=_("or the office, typed"),
        required=False,
        max_length=200,
        help_text=_("An office, never a person's name or NIP."),
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_position"].choices = [("", "—"), *positions]

    def clean(self):
        data = super().clean()
        filled = data.get("text") or data.get("owner_text") or data.get("due_date")
        if filled or data.get("id"):
            if not data.get("text"):
                self.add_error("text", _("Write the commitment."))
            if not data.get("owner_position") and not data.get("owner_text"):
                self.add_error(
                    "owner_position",
                    _("Choose the post that keeps the commitment, or type the office."),
                )
            if not data.get("due_date"):
                self.add_error("due_date", _("Enter the due date."))
        return data


class BaseRows(forms.BaseFormSet):
    def __init__(self, *args, positions=(), **kwargs):
        self.positions = positions
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.form is CommitmentRowForm:
            kwargs["positions"] = self.positions
        return kwargs

    @property
    def empty_form(self):  # not offered: rows are added by saving, without JavaScript
        return None


TopicFormSet = forms.formset_factory(
    TopicForm, formset=BaseRows, extra=TOPIC_EXTRA, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)
CommitmentFormSet = forms.formset_factory(
    CommitmentRowForm,
    formset=BaseRows,
    extra=COMMITMENT_EXTRA,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
)


def topic_rows(formset) -> list[dict]:
    return [
        {"text": f.cleaned_data.get("text", ""), "area": f.cleaned_data.get("area", "")}
        for f in formset.forms
        if f.cleaned_data.get("text") or f.cleaned_data.get("area")
    ]


def commitment_rows(formset) -> list[dict]:
    rows = []
    for f in formset.forms:
        data = f.cleaned_data
        if not (data.get("text") or data.get("id")):
            continue
        rows.append(
            {
                "id": data.get("id"),
                "text": data.get("text", ""),
                "owner_position": data.get("owner_position") or None,
                "owner_text": data.get("owner_text", ""),
                "due_date": data.get("due_date"),
            }
        )
    return rows


class ProgressForm(forms.Form):
    text = forms.CharField(
        label=_("Progress"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    noted_on = forms.DateField(label=_("Date"), required=False, widget=DATE)


class CompleteForm(forms.Form):
    done_on = forms.DateField(
        label=_("Done on"), required=False, widget=DATE, help_text=_("Today if left empty.")
    )
    note = forms.CharField(
        label=_("Closing note (optional)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DropForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for dropping"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The public reads this reason."),
    )


class ListFilters(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), units=(), statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(y, y) for y in years]]
        self.fields["status"].choices = [("", _("Any status")), *statuses]
        self.fields["unit"].choices = [("", _("All units")), *units]
