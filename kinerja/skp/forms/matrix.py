"""Forms of the matriks peran hasil and of the RHK templates."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.core.errors import ValidationError
from kinerja.core.forms import copy_errors, model_decimal_field, model_text_field
from kinerja.skp.forms.plan import iku_indicator_label
from kinerja.skp.models import (
    Aspect,
    MatrixCell,
    MatrixLevels,
    ResultKind,
    RhkTemplate,
    WorkTeam,
)


def cell_prefix(indicator_key, employee_id) -> str:
    return f"c-{indicator_key.hex}-{employee_id}"


class MatrixForm(forms.Form):
    """Every cell of the matrix: a role (textarea), a "no role" box and main/additional."""

    levels = forms.TypedChoiceField(
        label=_("Alignment"), choices=MatrixLevels.choices, coerce=int, required=False
    )

    def __init__(self, *args, matrix, **kwargs):
        self.matrix = matrix
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("levels", matrix.levels)
        super().__init__(*args, **kwargs)
        self.grid = []
        names = matrix.column_names
        for row in matrix.rows:
            cells = []
            # People not subject to planning keep their cells as stored: the save skips them.
            disabled = row.is_exempt
            for (rhk, indicator), cell in zip(matrix.columns, row.cells, strict=True):
                prefix = cell_prefix(indicator.key, row.employee.pk)
                label = f"{row.employee.full_name}, {names[indicator.key]}: {indicator.text}"[:200]
                # A role becomes the RHK of the person: the RHK's limit applies.
                self.fields[f"{prefix}-text"] = model_text_field(
                    MatrixCell,
                    "role_text",
                    label=label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2, "cols": 18}),
                    initial=cell.role_text if cell else "",
                    disabled=disabled,
                )
                self.fields[f"{prefix}-none"] = forms.BooleanField(
                    label=_("No role"),
                    required=False,
                    initial=bool(cell and cell.no_role),
                    disabled=disabled,
                )
                self.fields[f"{prefix}-kind"] = forms.ChoiceField(
                    label=_("Kind"),
                    choices=ResultKind.choices,
                    initial=cell.kind if cell else ResultKind.UTAMA,
                    disabled=disabled,
                )
                cells.append((rhk, indicator, cell, prefix))
            self.grid.append((row, cells))

    def rows(self):
        """Rows of bound fields for the template."""
        for row, cells in self.grid:
            yield (
                row,
                [
                    {
                        "cell": cell,
                        "indicator": indicator,
                        "text": self[f"{prefix}-text"],
                        "none": self[f"{prefix}-none"],
                        "kind": self[f"{prefix}-kind"],
                    }
                    for _rhk, indicator, cell, prefix in cells
                ],
            )

    def add_save_error(self, error) -> None:
        """Put a refused save's errors on the form: an error of one cell (with its key and
        person) under that cell, the rest as `copy_errors` does."""
        if not (isinstance(error, ValidationError) and hasattr(error, "error_dict")):
            copy_errors(self, error)
            return
        remaining = {}
        for name, errors in error.error_dict.items():
            for item in errors:
                params = item.params or {}
                field = None
                if name == "cells" and "leader_indicator_key" in params:
                    prefix = cell_prefix(params["leader_indicator_key"], params["employee_id"])
                    field = f"{prefix}-text" if f"{prefix}-text" in self.fields else None
                if field:
                    self.add_error(field, item)
                else:
                    remaining.setdefault(name, []).append(item)
        if remaining:
            copy_errors(self, ValidationError(remaining))

    def cells(self) -> list[dict]:
        data = self.cleaned_data
        result = []
        for row, cells in self.grid:
            for _rhk, indicator, _cell, prefix in cells:
                result.append(
                    {
                        "leader_indicator_key": indicator.key,
                        "employee_id": row.employee.pk,
                        "role_text": data.get(f"{prefix}-text", ""),
                        "no_role": data.get(f"{prefix}-none", False),
                        "kind": data.get(f"{prefix}-kind") or ResultKind.UTAMA,
                    }
                )
        return result


class TeamForm(forms.Form):
    name = model_text_field(WorkTeam, "name", label=_("Team name"))
    team_leader = forms.TypedChoiceField(label=_("Team leader"), coerce=int)
    members = forms.TypedMultipleChoiceField(
        label=_("Members"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {a.employee_id: a.employee for a in candidates}
        choices = [
            (a.employee_id, f"{a.employee.full_name} ({a.position.name})") for a in candidates
        ]
        self.fields["team_leader"].choices = [("", "---------"), *choices]
        self.fields["members"].choices = choices

    def clean_team_leader(self):
        return self.people.get(self.cleaned_data["team_leader"])

    def clean_members(self):
        return [self.people[pk] for pk in self.cleaned_data["members"] if pk in self.people]


class IkuIndicatorField(forms.ChoiceField):
    """A choice among the organisation indicators given; cleans to the indicator or None."""

    def __init__(self, *, indicators=(), **kwargs):
        super().__init__(required=False, **kwargs)
        self.set_indicators(indicators)

    def set_indicators(self, indicators) -> None:
        self.indicators = {str(i.pk): i for i in indicators}
        self.choices = [
            ("", _("(none)")),
            *[(str(i.pk), iku_indicator_label(i)) for i in indicators],
        ]

    def clean(self, value):
        value = super().clean(value)
        return self.indicators.get(str(value)) if value else None


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResultKind.choices)
    text = model_text_field(
        RhkTemplate,
        "text",
        label=_("Planned result (RHK)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    intervened_rhk_key = forms.ChoiceField(label=_("Leader's RHK intervened"), required=False)
    iku_indicator = IkuIndicatorField(
        label=_("Organisation indicator intervened"),
        help_text=_(
            "For JPT and head-of-unit posts, and posts whose leader has no RHK to intervene in: "
            "the indicator of the organisation's goal the RHK supports."
        ),
        error_messages={
            "invalid_choice": _(
                "Choose an active indicator of a goal of this position's unit, of a unit "
                "below it or of a unit above it."
            )
        },
    )
    aspect = forms.ChoiceField(
        label=_("Aspect"), choices=[("", "---------"), *Aspect.choices], required=False
    )
    indicator_text = model_text_field(
        RhkTemplate,
        "indicator_text",
        label=_("Indicator (IKI)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_text = model_text_field(
        RhkTemplate, "target_text", label=_("Target (as text)"), required=False
    )
    target_value = model_decimal_field(
        RhkTemplate, "target_value", label=_("Target value"), required=False
    )
    unit_of_measure = model_text_field(
        RhkTemplate, "unit_of_measure", label=_("Unit of measure"), required=False
    )

    def __init__(self, *args, leader_rhks=(), iku_indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervened_rhk_key"].choices = [
            ("", _("(none)")),
            *[(str(r.key), f"{r.skp.employee.full_name}: {r.text[:120]}") for r in leader_rhks],
        ]
        self.fields["iku_indicator"].set_indicators(iku_indicators)


TEMPLATE_INITIAL_FIELDS = [
    "kind",
    "text",
    "aspect",
    "indicator_text",
    "target_text",
    "target_value",
    "unit_of_measure",
]


def template_initial(template) -> dict:
    initial = {name: getattr(template, name) for name in TEMPLATE_INITIAL_FIELDS}
    if template.target_value is not None:
        initial["target_value"] = format(template.target_value.normalize(), "f")
    initial["intervened_rhk_key"] = (
        str(template.intervened_rhk_key) if template.intervened_rhk_key else ""
    )
    initial["iku_indicator"] = str(template.iku_indicator_id) if template.iku_indicator_id else ""
    return initial
