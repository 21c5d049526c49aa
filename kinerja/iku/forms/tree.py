"""Forms of the performance tree: its filters, and the pages that edit a goal, an indicator's
manual and the targets.

The forms check the shape of the input and turn ids into the objects offered to the viewer;
the services decide what the rules allow (levels, cycles, plan years, target kinds) and their
errors are copied back onto these fields (views._common.copy_errors).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.forms import model_decimal_field, model_text_field
from kinerja.iku import permissions
from kinerja.iku.models import (
    REGENCY_LEVELS,
    AnnualTarget,
    ConsolidationChoice,
    Goal,
    GoalLevel,
    Indicator,
    LowerIsBetterFormulaChoice,
    PolarityChoice,
    ReportingFrequency,
    TargetShapeChoice,
)
from kinerja.iku.services.targets_bulk import TargetEntry

YEAR_BOUNDS = {"min_value": 2000, "max_value": 2100}


def _goal_label(goal) -> str:
    text = f"{goal.code} {goal.statement}".strip()
    if len(text) > 90:
        text = text[:89] + "…"
    unit = goal.owner_unit.short_name or goal.owner_unit.name
    return f"{text} ({unit})"


def _goal_choices(goals) -> list:
    """Goals grouped by level, top levels first."""
    groups: dict[str, list] = {}
    for goal in goals:
        groups.setdefault(goal.level, []).append((goal.pk, _goal_label(goal)))
    return [(label, groups[level]) for level, label in GoalLevel.choices if groups.get(level)]


def _order_field():
    return forms.IntegerField(
        label=_("Order"), min_value=0, max_value=32767, initial=0, required=False
    )


class GoalForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"))
    code = model_text_field(Goal, "code", label=_("Code"), required=False)
    statement = model_text_field(
        Goal, "statement", label=_("Goal statement"), widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_unit = forms.TypedChoiceField(label=_("Owner unit"), coerce=int)
    owner_position = forms.TypedChoiceField(
        label=_("Owner position"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("A position of the owner unit; choose the unit first."),
    )
    parent = forms.TypedChoiceField(
        label=_("Parent goal"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("The goal this one cascades from; empty for a goal at the top of the tree."),
    )
    extra_parents = forms.TypedMultipleChoiceField(
        label=_("Further parent goals (cross-cutting)"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Other goals of the agency this goal also supports. Hold Ctrl (or Cmd) to choose "
            "several."
        ),
    )
    plan_start_year = forms.IntegerField(label=_("Plan start year"), **YEAR_BOUNDS)
    plan_end_year = forms.IntegerField(label=_("Plan end year"), **YEAR_BOUNDS)
    order = _order_field()
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_("An inactive goal is kept with its history but no longer shown in the tree."),
    )

    def __init__(self, *args, viewer, units=(), goals=(), positions=(), goal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.goal = goal
        self.units = {u.pk: u for u in units}
        self.goals = {g.pk: g for g in goals if goal is None or g.pk != goal.pk}
        self.positions = {p.pk: p for p in positions}
        sample_unit = next(iter(self.units.values()), None)
        may_set_regency = sample_unit is not None and permissions.can_manage_goal(
            viewer, level=GoalLevel.TUJUAN_DAERAH, owner_unit=sample_unit
        )
        self.fields["level"].choices = [("", _("Choose a level"))] + [
            (value, label)
            for value, label in GoalLevel.choices
            if may_set_regency
            or value not in REGENCY_LEVELS
            or (goal is not None and goal.level == value)
        ]
        self.fields["owner_unit"].choices = [("", _("Choose a unit"))] + [
            (u.pk, ("· " * u.depth) + u.name) for u in units
        ]
        self.fields["owner_position"].choices = [("", _("No particular position"))] + [
            (p.pk, p.name) for p in positions
        ]
        goal_choices = _goal_choices(self.goals.values())
        self.fields["parent"].choices = [("", _("None (top of the tree)")), *goal_choices]
        self.fields["extra_parents"].choices = goal_choices
        if goal is None:
            del self.fields["is_active"]

    def clean_statement(self):
        return self.cleaned_data["statement"].strip()

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def clean_owner_unit(self):
        return self.units[self.cleaned_data["owner_unit"]]

    def clean_owner_position(self):
        pk = self.cleaned_data["owner_position"]
        return None if pk is None else self.positions[pk]

    def clean_parent(self):
        pk = self.cleaned_data["parent"]
        return None if pk is None else self.goals[pk]

    def clean_extra_parents(self):
        return [self.goals[pk] for pk in self.cleaned_data["extra_parents"]]

    def clean_order(self):
        return self.cleaned_data["order"] or 0

    def clean(self):
        data = super().clean()
        level, unit = data.get("level"), data.get("owner_unit")
        if (
            level
            and unit
            and not permissions.can_manage_goal(self.viewer, level=level, owner_unit=unit)
        ):
            if level in REGENCY_LEVELS:
                self.add_error(
                    "level", _("Regional goals are set by BKPSDM admins and the planning unit.")
                )
            else:
                self.add_error("owner_unit", _("You may not plan the goals of this unit."))
        position = data.get("owner_position")
        if unit and position is not None and position.unit_id != unit.pk:
            self.add_error(
                "owner_position", _("The owner position must be a position of the owner unit.")
            )
        start, end = data.get("plan_start_year"), data.get("plan_end_year")
        if start and end and end < start:
            self.add_error("plan_end_year", _("The plan cannot end before it starts."))
        return data


class IndicatorForm(forms.Form):
    """The indicator and its manual (manual IKU)."""

    code = model_text_field(Indicator, "code", label=_("Code"), required=False)
    name = model_text_field(Indicator, "name", label=_("Indicator"))
    is_iku = forms.BooleanField(label=_("Key performance indicator (IKU)"), required=False)
    definition = model_text_field(
        Indicator,
        "definition",
        label=_("Definition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    purpose = model_text_field(
        Indicator,
        "purpose",
        label=_("Purpose"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    formula_text = model_text_field(
        Indicator,
        "formula_text",
        label=_("Formula"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How the realisation is computed, in words or symbols."),
    )
    unit_of_measure = model_text_field(
        Indicator,
        "unit_of_measure",
        label=_("Unit of measure"),
        help_text=_("For example %, people, days."),
    )
    data_source = model_text_field(Indicator, "data_source", label=_("Data source"), required=False)
    reporting_frequency = forms.ChoiceField(
        label=_("Reporting frequency"),
        choices=ReportingFrequency.choices,
        initial=ReportingFrequency.QUARTERLY,
    )
    responsible_position = forms.TypedChoiceField(
        label=_("Person responsible"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("A position of the goal's unit or of a unit below it."),
    )
    polarity = forms.ChoiceField(
        label=_("Polarity"),
        choices=[("", _("Choose the polarity")), *PolarityChoice.choices],
        help_text=_(
            "Whether a higher or a lower realisation is better. Stabilise penalises a "
            "realisation on both sides of the target; choose it only when neither direction "
            "is better."
        ),
    )
    target_shape = forms.ChoiceField(
        label=_("Target shape"),
        choices=TargetShapeChoice.choices,
        initial=TargetShapeChoice.SINGLE,
        help_text=_(
            "A range: every target is a lower and an upper end. A realisation inside the range "
            "achieves 100 %; above or below it, it is compared with the nearer end by the "
            "polarity's own formula."
        ),
    )
    lower_is_better_formula = forms.ChoiceField(
        label=_("Lower-is-better formula"),
        choices=LowerIsBetterFormulaChoice.choices,
        initial=LowerIsBetterFormulaChoice.TWO_T_MINUS_R,
        help_text=_(
            "Used when lower is better, and when stabilising for a realisation above the "
            "target; ignored when higher is better. T is the target, R the realisation."
        ),
    )
    consolidation = forms.ChoiceField(
        label=_("Period consolidation"),
        choices=[("", _("Choose how periods add up")), *ConsolidationChoice.choices],
        help_text=_("How the realisations of the periods make the realisation of the year."),
    )
    order = _order_field()
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_("An inactive indicator is kept with its history but no longer measured."),
    )

    def __init__(self, *args, positions=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.positions = {p.pk: p for p in positions}
        self.fields["responsible_position"].choices = [("", _("Not set"))] + [
            (p.pk, f"{p.name} ({p.unit.short_name or p.unit.name})") for p in positions
        ]
        if not editing:
            del self.fields["is_active"]

    def clean_responsible_position(self):
        pk = self.cleaned_data["responsible_position"]
        return None if pk is None else self.positions[pk]

    def clean_order(self):
        return self.cleaned_data["order"] or 0


def _target_field(label):
    return model_decimal_field(AnnualTarget, "value", label=label, required=False, min_value=0)


class TargetRow:
    """A line of the grid: its label and its bound low (and high) fields."""

    def __init__(self, form, key, label, low_name, high_name):
        self.key = key
        self.label = label
        self.low_name = low_name
        self.high_name = high_name
        self.low = form[low_name]
        self.high = form[high_name] if high_name else None

    @property
    def errors(self) -> list:
        return [*self.low.errors, *(self.high.errors if self.high is not None else [])]


class TargetGridForm(forms.Form):
    """Annual targets for every plan year and trajectory targets for the periods of one year.

    A range indicator has a low and a high input per cell.
    """

    def __init__(self, *args, is_range: bool, years=(), periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.is_range = is_range
        self._rows: list[tuple[str, object, str, str, str | None]] = []
        for year in years:
            self._add("annual", year, str(year), f"annual_{year}")
        for period in periods:
            self._add("period", period, period.label, f"period_{period.pk}")

    def _add(self, kind, key, label, name):
        low_label = (_("Lower target %(label)s") if self.is_range else _("Target %(label)s")) % {
            "label": label
        }
        self.fields[name] = _target_field(low_label)
        high = None
        if self.is_range:
            high = f"{name}_high"
            high_label = _("Upper target %(label)s") % {"label": label}
            self.fields[high] = _target_field(high_label)
            self.fields[high].widget.attrs["aria-label"] = high_label
        self._rows.append((kind, key, label, name, high))

    def rows(self, kind: str) -> list[TargetRow]:
        return [
            TargetRow(self, key, label, low, high)
            for row_kind, key, label, low, high in self._rows
            if row_kind == kind
        ]

    @property
    def annual_rows(self) -> list[TargetRow]:
        return self.rows("annual")

    @property
    def period_rows(self) -> list[TargetRow]:
        return self.rows("period")

    def entries(self) -> list[TargetEntry]:
        """The cells as service entries (after is_valid)."""
        data = self.cleaned_data
        return [
            TargetEntry(
                key=key,
                value=data.get(low),
                value_high=data.get(high) if high else None,
                low_field=low,
                high_field=high or low,
            )
            for _kind, key, _label, low, high in self._rows
        ]


class PerformanceFilterForm(forms.Form):
    """Year and unit filters of the tree and the dashboards (GET)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False)

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["unit"].choices = [("", _("All units"))] + [
            (u.pk, ("· " * u.depth) + u.name) for u in units
        ]
