"""The shape of survey input: the unit's set-up forms, the citizen's questionnaire, and the
period, service and weight of the results. Ids become choices offered to the viewer; the
selectors and services choose them again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinerja.core.fields import LONG_TEXT
from kinerja.surveys import rules
from kinerja.surveys.models import (
    ACTION_MAX,
    NOTE_MAX,
    PERIODS_IN_YEAR,
    SUGGESTION_MAX,
    AgeBand,
    Education,
    Occupation,
    PeriodKind,
    Sex,
    Weight,
)
from kinerja.surveys.rules import Element
from kinerja.surveys.selectors import followup

# --- results ---------------------------------------------------------------------------------


class PeriodForm(forms.Form):
    """Which period (and service) of a unit's results, from the query string."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=12, required=False)
    service = forms.ChoiceField(label=_("Service (jenis layanan)"), required=False)

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("All services")), *services]
        if not services:
            del self.fields["service"]

    def clean(self):
        data = super().clean()
        kind, number = data.get("kind"), data.get("number") or 1
        if kind == PeriodKind.YEAR:
            number = 1
        elif kind and number > PERIODS_IN_YEAR[kind]:
            self.add_error(
                "number",
                _("This period is numbered 1 to %(n)s.") % {"n": PERIODS_IN_YEAR[kind]},
            )
        data["number"] = number
        return data


class WeightForm(forms.Form):
    weight = forms.ChoiceField(
        label=_("Element weight"),
        choices=Weight.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The weight of each of the nine elements in the index. Every result shows the "
            "weight it used."
        ),
    )


# --- set-up of a unit --------------------------------------------------------------------------


class ServiceForm(forms.Form):
    name = forms.CharField(label=_("Name of the service"), max_length=200)


class ServiceEditForm(ServiceForm):
    is_active = forms.BooleanField(
        label=_("Active (offered in the survey)"),
        required=False,
        help_text=_("An inactive service keeps its answers but is no longer offered."),
    )


class PointForm(forms.Form):
    name = forms.CharField(label=_("Counter"), max_length=120)
    service = forms.ChoiceField(
        label=_("Service of the counter"),
        required=False,
        help_text=_("Leave empty when the counter serves every service of the unit."),
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("Every service")), *services]


class PointEditForm(PointForm):
    is_active = forms.BooleanField(
        label=_("Active (its QR code takes answers)"),
        required=False,
        help_text=_("An inactive point's QR code shows a closed page; its answers stay."),
    )


class ServiceUsersForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices)
    number = forms.IntegerField(
        label=_("Period number"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("The month (1-12), quarter (1-4) or semester (1-2); 1 for the year."),
    )
    users = forms.IntegerField(label=_("Service users"), min_value=0, max_value=10_000_000)
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        help_text=_("Leave empty for the whole unit."),
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("The whole unit")), *services]


class ServiceUsersImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns tahun, periode (bulan, triwulan, semester or tahun), nomor, pengguna and, "
            "optionally, layanan (the service's name). Nothing is saved unless every row is valid."
        ),
    )


# --- the citizen's questionnaire ---------------------------------------------------------------

# The regulation's question of each element; its Indonesian words are the translation.
QUESTIONS = {
    Element.PERSYARATAN: _("How well do the requirements match the service you received?"),
    Element.PROSEDUR: _("How easy is the procedure of the service at this unit?"),
    Element.WAKTU: _("How fast was the service given?"),
    Element.BIAYA: _("How fair is the cost (fee) of the service?"),
    Element.PRODUK: _("How well does the result match what the service standard promises?"),
    Element.KOMPETENSI: _("How competent were the staff who served you?"),
    Element.PERILAKU: _("How polite and friendly were the staff who served you?"),
    Element.PENGADUAN: _("How are complaints, suggestions and input of service users handled?"),
    Element.SARANA: _("What is the quality of the facilities and infrastructure?"),
}

# The four answers of each element (rules.ANSWER_LABELS), in English; their Indonesian
# translation is the regulation's words (a test compares them).
ANSWERS = {
    Element.PERSYARATAN: (
        pgettext_lazy("SKM answer", "Not suitable"),
        pgettext_lazy("SKM answer", "Less suitable"),
        pgettext_lazy("SKM answer", "Suitable"),
        pgettext_lazy("SKM answer", "Very suitable"),
    ),
    Element.PROSEDUR: (
        pgettext_lazy("SKM answer", "Not easy"),
        pgettext_lazy("SKM answer", "Less easy"),
        pgettext_lazy("SKM answer", "Easy"),
        pgettext_lazy("SKM answer", "Very easy"),
    ),
    Element.WAKTU: (
        pgettext_lazy("SKM answer", "Not fast"),
        pgettext_lazy("SKM answer", "Less fast"),
        pgettext_lazy("SKM answer", "Fast"),
        pgettext_lazy("SKM answer", "Very fast"),
    ),
    Element.BIAYA: (
        pgettext_lazy("SKM answer", "Very expensive"),
        pgettext_lazy("SKM answer", "Fairly expensive"),
        pgettext_lazy("SKM answer", "Cheap"),
        pgettext_lazy("SKM answer", "Free of charge"),
    ),
    Element.PRODUK: (
        pgettext_lazy("SKM answer", "Not suitable"),
        pgettext_lazy("SKM answer", "Less suitable"),
        pgettext_lazy("SKM answer", "Suitable"),
        pgettext_lazy("SKM answer", "Very suitable"),
    ),
    Element.KOMPETENSI: (
        pgettext_lazy("SKM answer", "Not competent"),
        pgettext_lazy("SKM answer", "Less competent"),
        pgettext_lazy("SKM answer", "Competent"),
        pgettext_lazy("SKM answer", "Very competent"),
    ),
    Element.PERILAKU: (
        pgettext_lazy("SKM answer", "Not polite and friendly"),
        pgettext_lazy("SKM answer", "Less polite and friendly"),
        pgettext_lazy("SKM answer", "Polite and friendly"),
        pgettext_lazy("SKM answer", "Very polite and friendly"),
    ),
    Element.PENGADUAN: (
        pgettext_lazy("SKM answer", "None"),
        pgettext_lazy("SKM answer", "Exists but does not work"),
        pgettext_lazy("SKM answer", "Works, not at its best"),
        pgettext_lazy("SKM answer", "Well managed"),
    ),
    Element.SARANA: (
        pgettext_lazy("SKM answer", "Poor"),
        pgettext_lazy("SKM answer", "Fair"),
        pgettext_lazy("SKM answer", "Good"),
        pgettext_lazy("SKM answer", "Very good"),
    ),
}

# The element's name as the citizen reads it (the regulation's names, in English).
ELEMENT_TITLES = {
    Element.PERSYARATAN: _("Requirements"),
    Element.PROSEDUR: _("System, mechanism and procedure"),
    Element.WAKTU: _("Completion time"),
    Element.BIAYA: _("Cost or fee"),
    Element.PRODUK: _("Specification of the service's product"),
    Element.KOMPETENSI: _("Competence of the staff"),
    Element.PERILAKU: _("Behaviour of the staff"),
    Element.PENGADUAN: _("Handling of complaints, suggestions and input"),
    Element.SARANA: _("Facilities and infrastructure"),
}

HONEYPOT = "website"


def answer_choices(element: Element) -> list[tuple[str, object]]:
    return [(str(score), label) for score, label in enumerate(ANSWERS[element], start=1)]


def _radio(label, choices, required_message):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": required_message,
            "invalid_choice": _("Choose one of the answers offered."),
        },
    )


class SurveyForm(forms.Form):
    """The questionnaire: nine elements, the profile, the service used and a suggestion. It
    never asks a name, NIK or phone number."""

    def __init__(self, *args, services=(), fixed_service=None, **kwargs):
        super().__init__(*args, **kwargs)
        for element in rules.ELEMENTS:
            self.fields[element] = _radio(
                QUESTIONS[element],
                answer_choices(element),
                _("Choose an answer for this question."),
            )
        self.fixed_service = fixed_service
        if fixed_service is None and services:
            self.fields["service"] = forms.ChoiceField(
                label=_("Which service did you use?"),
                choices=[("", "—"), *[(str(s.pk), s.name) for s in services]],
                error_messages={
                    "required": _("Choose the service you used."),
                    "invalid_choice": _("Choose one of the services offered."),
                },
            )
        self.fields["age_band"] = _radio(_("Age"), AgeBand.choices, _("Choose your age."))
        self.fields["sex"] = _radio(_("Sex"), Sex.choices, _("Choose your sex."))
        self.fields["education"] = forms.ChoiceField(
            label=_("Education"),
            choices=[("", "—"), *Education.choices],
            error_messages={
                "required": _("Choose your education."),
                "invalid_choice": _("Choose one of the answers offered."),
            },
        )
        self.fields["occupation"] = forms.ChoiceField(
            label=_("Occupation"),
            choices=[("", "—"), *Occupation.choices],
            error_messages={
                "required": _("Choose your occupation."),
                "invalid_choice": _("Choose one of the answers offered."),
            },
        )
        self.fields["suggestion"] = forms.CharField(
            label=_("Suggestion (optional)"),
            required=False,
            max_length=SUGGESTION_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Do not write your name, NIK or phone number."),
            error_messages={
                "max_length": _("At most %(limit_value)d characters (you wrote %(show_value)d).")
            },
        )
        # Hidden from people (and from screen readers); scripts that fill every field fill it.
        self.fields[HONEYPOT] = forms.CharField(
            required=False, max_length=200, label=_("Leave this empty")
        )

    def element_fields(self):
        return [(element, ELEMENT_TITLES[element], self[element]) for element in rules.ELEMENTS]

    def service_value(self):
        if self.fixed_service is not None:
            return self.fixed_service.pk
        return self.cleaned_data.get("service") or None


class FollowupForm(forms.Form):
    """An action of the follow-up plan: the element (the period's weakest offered first), what
    is done, its owner (a post of the unit, or described in words) and the due date."""

    element = forms.ChoiceField(label=_("Element addressed"))
    action = forms.CharField(
        label=_("Action"), max_length=ACTION_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_position = forms.ModelChoiceField(
        label=_("Owner (a post of the unit)"), queryset=None, required=False
    )
    owner_text = forms.CharField(
        label=_("Or describe the owner"),
        max_length=200,
        required=False,
        help_text=_("A team or a role, such as “Tim pengaduan”; never a person's NIP."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, unit, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["element"].choices = followup.element_choices(unit, period)
        self.fields["owner_position"].queryset = followup.owner_positions(unit)
        self.fields["owner_position"].empty_label = _("(described below)")


class ProgressForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Progress"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class CompleteForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(
        label=_("Result"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DropForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for dropping"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportDraftForm(forms.Form):
    summary = forms.CharField(
        label=_("Analysis and conclusion"),
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Printed in the report after the index; the figures are filled in for you."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, correction: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not correction:
            del self.fields["reason"]


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I approve this report: its figures are frozen as they are now and it is published."
        )
    )
