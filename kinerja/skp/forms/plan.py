"""Forms of the employee-facing SKP pages.

Choices of linked records (the leader's RHK, organisation indicators) are computed once per
page and passed in, so that rendering one small form per row costs no query. A wrong value
comes back exactly as typed.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import model_decimal_field, model_text_field
from kinerja.skp.models import (
    NEW_SKP_REVISION_KINDS,
    ActionPlan,
    Approach,
    Aspect,
    BehaviourExpectation,
    ControlLevel,
    Perspective,
    ReportingPeriod,
    ResultKind,
    RevisionKind,
    Rhk,
    RhkIndicator,
    Skp,
    SkpComment,
    SkpStatus,
)

BLANK = [("", "—")]


def parse_pk(value) -> int | None:
    """A primary key as posted (ASCII digits only), or None.

    str.isdigit() accepts "²" or "٣", which int() refuses or reads as another number.
    """
    text = str(value if value is not None else "")
    return int(text) if text.isascii() and text.isdigit() else None


def _textarea(rows=2, **attrs):
    return forms.Textarea(attrs={"rows": rows, **attrs})


class StartSkpForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(years)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year not in self.years:
            raise forms.ValidationError(_("An SKP can be started only for the current year."))
        return year


class _LinkedChoiceField(forms.ChoiceField):
    """A choice among objects given as a {pk: object} map; cleans to the object or None."""

    def __init__(self, *, objects: dict, labels: list, **kwargs):
        self.objects = objects
        super().__init__(choices=BLANK + labels, required=False, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return self.objects[parse_pk(value)]


class _LeaderIndicatorField(_LinkedChoiceField):
    """An indicator of one of the leader's RHK on offer.

    Only the indicators of the chosen leader RHK are listed, but any indicator on offer is a
    valid value here, so that a mismatch comes back with its own message (RhkForm.clean) and
    the user's choice kept on screen.
    """

    def valid_value(self, value):
        return parse_pk(value) in self.objects


def leader_rhk_label(rhk) -> str:
    owner = rhk.skp.employee.full_name if rhk.skp.employee_id else ""
    return f"{rhk.text[:140]} — {owner}" if owner else rhk.text[:140]


def leader_indicator_label(indicator) -> str:
    target = indicator.target_display
    text = indicator.text[:140]
    return f"{text} ({target})" if target else text


def iku_indicator_label(indicator) -> str:
    unit = indicator.goal.owner_unit.name
    return f"{indicator.name[:120]} ({unit})"


class RhkForm(forms.Form):
    """One RHK: its text and kind, and how it links up (by form of the SKP)."""

    kind = forms.ChoiceField(label=_("kind"), choices=ResultKind.choices)
    text = model_text_field(Rhk, "text", label=_("planned result (RHK)"), widget=_textarea(2))

    def __init__(
        self,
        *args,
        skp_form: str,
        leader_rhks=(),
        leader_indicators=None,
        iku_indicators=(),
        indicator_options_url: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.skp_form = skp_form
        if skp_form == "jpt":
            self.fields["perspective"] = forms.ChoiceField(
                label=_("perspective"), choices=BLANK + Perspective.choices, required=False
            )
            self.fields["control_level"] = forms.ChoiceField(
                label=_("quality and control level"),
                choices=BLANK + ControlLevel.choices,
                required=False,
            )
            self.fields["assigned_by_label"] = model_text_field(
                Rhk, "assigned_by_label", label=_("assigned by"), required=False
            )
        else:
            self.fields["intervened_rhk"] = _LinkedChoiceField(
                label=_("leader's RHK intervened"),
                objects={r.pk: r for r in leader_rhks},
                labels=[(r.pk, leader_rhk_label(r)) for r in leader_rhks],
            )
            self._add_leader_indicator(leader_indicators or {}, indicator_options_url)
        self.fields["iku_indicator"] = _LinkedChoiceField(
            label=_("organisation indicator intervened"),
            objects={i.pk: i for i in iku_indicators},
            labels=[(i.pk, iku_indicator_label(i)) for i in iku_indicators],
        )

    @property
    def indicator_box_id(self) -> str:
        """The element whose content the leader-indicator options replace."""
        return f"{self.prefix}-leader-indicator" if self.prefix else "leader-indicator"

    def _current(self, name: str):
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        return self.initial.get(name)

    def _add_leader_indicator(self, leader_indicators: dict, options_url: str) -> None:
        """The indicator of the chosen leader RHK (optional: empty is the RHK as a whole)."""
        objects = {i.pk: i for rows in leader_indicators.values() for i in rows}
        chosen_rhk = parse_pk(self._current("intervened_rhk"))
        shown = list(leader_indicators.get(chosen_rhk, [])) if chosen_rhk is not None else []
        current = objects.get(parse_pk(self._current("intervened_indicator")))
        if current is not None and current not in shown:
            shown.append(current)  # kept on screen with its error
        self.fields["intervened_indicator"] = _LeaderIndicatorField(
            label=_("leader's indicator intervened"),
            objects=objects,
            labels=[(i.pk, leader_indicator_label(i)) for i in shown],
            help_text=(
                _("Optional: leave empty when the result supports the leader's RHK as a whole.")
                if chosen_rhk is not None
                else _("Choose the leader's RHK first.")
            ),
        )
        if options_url:
            box = self.indicator_box_id
            self.fields["intervened_rhk"].widget.attrs.update(
                {
                    "hx-get": f"{options_url}?prefix={self.prefix or ''}",
                    "hx-trigger": "change",
                    "hx-target": f"#{box}",
                    "hx-swap": "innerHTML",
                    # Queued on the form like its autosave, which then waits for the new
                    # options instead of posting an indicator of the previous RHK.
                    "hx-sync": "closest form:queue last",
                    "aria-controls": box,
                }
            )

    def clean(self):
        data = super().clean()
        indicator = data.get("intervened_indicator")
        if indicator is not None and "intervened_rhk" in data:
            leader = data["intervened_rhk"]
            if leader is None or indicator.rhk_id != leader.pk:
                self.add_error(
                    "intervened_indicator",
                    _("Choose an indicator of the chosen leader's RHK, or leave it empty."),
                )
        return data

    @staticmethod
    def initial_of(rhk) -> dict:
        return {
            "kind": rhk.kind,
            "text": rhk.text,
            "perspective": rhk.perspective,
            "control_level": rhk.control_level,
            "assigned_by_label": rhk.assigned_by_label,
            "intervened_rhk": rhk.intervened_rhk_id or "",
            "intervened_indicator": rhk.intervened_indicator_id or "",
            "iku_indicator": rhk.iku_indicator_id or "",
        }

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        if "iku_indicator" in data and data["iku_indicator"] is None:
            data["iku_goal"] = None
        return data


class IndicatorForm(forms.Form):
    aspect = forms.ChoiceField(label=_("aspect"), choices=BLANK + Aspect.choices, required=False)
    text = model_text_field(RhkIndicator, "text", label=_("indicator (IKI)"), widget=_textarea(2))
    target_text = model_text_field(
        RhkIndicator,
        "target_text",
        label=_("target"),
        required=False,
        help_text=_("For a qualitative target, instead of a value and a unit."),
    )
    target_value = model_decimal_field(
        RhkIndicator, "target_value", label=_("target value"), required=False
    )
    target_high = model_decimal_field(
        RhkIndicator,
        "target_high",
        label=_("upper target value"),
        required=False,
        help_text=_("Only for a target range."),
    )
    unit_of_measure = model_text_field(
        RhkIndicator, "unit_of_measure", label=_("unit of measure"), required=False
    )
    needs_manual = forms.BooleanField(label=_("needs an indicator manual"), required=False)
    manual_purpose = model_text_field(
        RhkIndicator, "manual_purpose", label=_("purpose"), required=False, widget=_textarea(2)
    )
    manual_definition = model_text_field(
        RhkIndicator,
        "manual_definition",
        label=_("definition"),
        required=False,
        widget=_textarea(2),
    )
    manual_formula = model_text_field(
        RhkIndicator, "manual_formula", label=_("formula"), required=False, widget=_textarea(2)
    )
    manual_data_source = model_text_field(
        RhkIndicator, "manual_data_source", label=_("data source"), required=False
    )
    manual_reporting_period = forms.ChoiceField(
        label=_("reporting period"), choices=BLANK + ReportingPeriod.choices, required=False
    )

    MAIN_FIELDS = (
        "aspect",
        "text",
        "target_text",
        "target_value",
        "target_high",
        "unit_of_measure",
    )

    @property
    def main_fields(self):
        return [self[name] for name in self.MAIN_FIELDS]

    @property
    def manual_fields(self):
        return [self[name] for name in self.fields if name not in self.MAIN_FIELDS]

    @staticmethod
    def initial_of(indicator) -> dict:
        initial = {name: getattr(indicator, name) for name in IndicatorForm.base_fields}
        for name in ("target_value", "target_high"):
            value = initial[name]
            initial[name] = "" if value is None else format(value.normalize(), "f")
        return initial


class ActionPlanForm(forms.Form):
    """The rencana aksi of one RHK: a planned step (and its target) for every period."""

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = periods
        for period in periods:
            self.fields[f"text_{period.number}"] = model_text_field(
                ActionPlan, "text", label=period.label, required=False, widget=_textarea(2)
            )
            self.fields[f"target_{period.number}"] = model_text_field(
                ActionPlan, "target", label=_("target of the period"), required=False
            )

    @staticmethod
    def initial_of(rhk) -> dict:
        initial = {}
        for plan in rhk.action_plans.all():
            initial[f"text_{plan.period.number}"] = plan.text
            initial[f"target_{plan.period.number}"] = plan.target
        return initial

    def rows(self):
        return [
            (period, self[f"text_{period.number}"], self[f"target_{period.number}"])
            for period in self.periods
        ]


class BehaviourForm(forms.Form):
    special_expectation = model_text_field(
        BehaviourExpectation,
        "special_expectation",
        label=_("leader's special expectation"),
        required=False,
        widget=_textarea(2),
    )


class AnnexForm(forms.Form):
    approach = forms.ChoiceField(label=_("approach"), choices=Approach.choices)
    resource_support = model_text_field(
        Skp,
        "resource_support",
        label=_("resource support (dukungan sumber daya)"),
        required=False,
        widget=_textarea(3),
    )
    accountability_scheme = model_text_field(
        Skp,
        "accountability_scheme",
        label=_("accountability scheme (skema pertanggungjawaban)"),
        required=False,
        widget=_textarea(3),
    )
    consequences = model_text_field(
        Skp,
        "consequences",
        label=_("consequences (konsekuensi)"),
        required=False,
        widget=_textarea(3),
    )

    @staticmethod
    def initial_of(skp) -> dict:
        return {name: getattr(skp, name) for name in AnnexForm.base_fields}


class DialogueForm(forms.Form):
    note = model_text_field(
        SkpComment, "text", label=_("note on the dialogue"), required=False, widget=_textarea(2)
    )


class ReviseForm(forms.Form):
    revision_kind = forms.ChoiceField(
        label=_("reason for the change"),
        choices=[
            (v, label) for v, label in RevisionKind.choices if v not in NEW_SKP_REVISION_KINDS
        ],
    )
    revision_reason = model_text_field(
        Skp, "revision_reason", label=_("explanation of the change"), widget=_textarea(4)
    )


class RestartForm(forms.Form):
    revision_kind = forms.ChoiceField(
        label=_("reason for the new SKP"),
        choices=[(v, label) for v, label in RevisionKind.choices if v in NEW_SKP_REVISION_KINDS],
    )
    revision_reason = model_text_field(
        Skp, "revision_reason", label=_("explanation of the change"), widget=_textarea(4)
    )
    effective_date = forms.DateField(
        label=_("effective date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The current SKP ends the day before; the new one starts on this day."),
    )
    copy = forms.BooleanField(
        label=_("copy the RHK, indicators, behaviours and annex into the new SKP"),
        required=False,
    )


class ListFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("year"), coerce=int, required=False, empty_value=None)
    unit = forms.TypedChoiceField(label=_("unit"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(
        label=_("status"), choices=[("", _("All")), *SkpStatus.choices], required=False
    )
    q = forms.CharField(label=_("Name or NIP"), required=False, max_length=100)
    taken_over = forms.BooleanField(label=_("Set by the rater's superior"), required=False)

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.units_by_pk = {u.pk: u for u in units}
        self.fields["year"].choices = [("", _("All"))] + [(y, y) for y in years]
        self.fields["unit"].choices = [("", _("All"))] + [
            (u.pk, f"{'· ' * len(u.ancestor_ids)}{u.name}") for u in units
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "year": data.get("year"),
            "unit": self.units_by_pk.get(data.get("unit")),
            "status": data.get("status") or "",
            "search": data.get("q") or "",
            "taken_over": bool(data.get("taken_over")),
        }
