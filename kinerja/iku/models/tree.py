"""The performance tree (pohon kinerja): goals, their indicators and targets."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.core.numbers import TARGET_DIGITS
from kinerja.iku import rules


class GoalLevel(models.TextChoices):
    """Levels of the cascade RPJMD → Renstra → PK (domain.md §2.2), from the top down."""

    TUJUAN_DAERAH = "tujuan_daerah", _("Regional objective (tujuan daerah)")
    SASARAN_DAERAH = "sasaran_daerah", _("Regional target (sasaran daerah)")
    SASARAN_STRATEGIS = "sasaran_strategis", _("Unit strategic target (sasaran strategis)")
    SASARAN_PROGRAM = "sasaran_program", _("Programme target (sasaran program)")
    SASARAN_KEGIATAN = "sasaran_kegiatan", _("Activity target (sasaran kegiatan)")


GOAL_LEVEL_RANK = {level: rank for rank, level in enumerate(GoalLevel.values)}
REGENCY_LEVELS = frozenset({GoalLevel.TUJUAN_DAERAH, GoalLevel.SASARAN_DAERAH})


class Goal(models.Model):
    """A node of the tree: a goal statement owned by a unit (and a position in it).

    `parent` is the goal it cascades from; `extra_parents` are the further goals a cross-cutting
    goal supports. Together they form a graph without cycles, which services guard.
    """

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=20, choices=GoalLevel.choices)
    code = models.CharField(_("code"), max_length=40, blank=True)
    statement = LimitedTextField(_("statement"))
    owner_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    owner_position = models.ForeignKey(
        "org.Position",
        verbose_name=_("owner position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent goal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    extra_parents = models.ManyToManyField(
        "self",
        verbose_name=_("further parent goals (cross-cutting)"),
        symmetrical=False,
        blank=True,
        related_name="crosscutting_children",
    )
    plan_start_year = models.PositiveSmallIntegerField(_("plan start year"))
    plan_end_year = models.PositiveSmallIntegerField(_("plan end year"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="iku_goal_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(plan_end_year__gte=models.F("plan_start_year")),
                name="iku_goal_plan_years_ordered",
            ),
            models.UniqueConstraint(
                fields=["agency", "code"], condition=~Q(code=""), name="iku_goal_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["agency", "owner_unit"], name="iku_goal_agency_unit")]

    def __str__(self):
        return f"{self.code} {self.statement}".strip()[:200]

    @property
    def is_regency_level(self) -> bool:
        return self.level in REGENCY_LEVELS

    def covers_year(self, year: int) -> bool:
        return self.plan_start_year <= year <= self.plan_end_year


class PolarityChoice(models.TextChoices):
    HIGHER = rules.Polarity.HIGHER.value, _("Higher is better")
    LOWER = rules.Polarity.LOWER.value, _("Lower is better")
    STABILISE = rules.Polarity.STABILISE.value, _("Stabilise (penalty on both sides)")


class TargetShapeChoice(models.TextChoices):
    SINGLE = rules.TargetShape.SINGLE.value, _("A single value")
    RANGE = rules.TargetShape.RANGE.value, _("A range (lower and upper end)")


class LowerIsBetterFormulaChoice(models.TextChoices):
    TWO_T_MINUS_R = rules.LowerIsBetterFormula.TWO_T_MINUS_R.value, _("(2T - R) / T * 100")
    T_OVER_R = rules.LowerIsBetterFormula.T_OVER_R.value, _("T / R * 100")


class ConsolidationChoice(models.TextChoices):
    SUM = rules.Consolidation.SUM.value, _("Sum of the periods")
    AVERAGE = rules.Consolidation.AVERAGE.value, _("Average of the periods")
    LAST = rules.Consolidation.LAST.value, _("Last known value")


class ReportingFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Every six months")
    ANNUAL = "annual", _("Annual")


# The months a reporting frequency spans; annual indicators report on the annual period.
FREQUENCY_MONTHS = {
    ReportingFrequency.MONTHLY: 1,
    ReportingFrequency.QUARTERLY: 3,
    ReportingFrequency.SEMIANNUAL: 6,
    ReportingFrequency.ANNUAL: 12,
}


class Indicator(models.Model):
    """An indicator of a goal (IKU or other) with its manual (manual IKU, domain.md §2.1)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="indicators")
    code = models.CharField(_("code"), max_length=40, blank=True)
    name = models.CharField(_("indicator"), max_length=500)
    is_iku = models.BooleanField(_("key performance indicator (IKU)"), default=False)
    definition = LimitedTextField(_("definition"), blank=True)
    purpose = LimitedTextField(_("purpose"), blank=True)
    formula_text = LimitedTextField(_("formula"), blank=True)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60)
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    reporting_frequency = models.CharField(
        _("reporting frequency"),
        max_length=12,
        choices=ReportingFrequency.choices,
        default=ReportingFrequency.QUARTERLY,
    )
    responsible_position = models.ForeignKey(
        "org.Position",
        verbose_name=_("person responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    polarity = models.CharField(_("polarity"), max_length=10, choices=PolarityChoice.choices)
    target_shape = models.CharField(
        _("target shape"),
        max_length=10,
        choices=TargetShapeChoice.choices,
        default=TargetShapeChoice.SINGLE,
    )
    lower_is_better_formula = models.CharField(
        _("lower-is-better formula"),
        max_length=8,
        choices=LowerIsBetterFormulaChoice.choices,
        default=LowerIsBetterFormulaChoice.TWO_T_MINUS_R,
    )
    consolidation = models.CharField(
        _("period consolidation"), max_length=10, choices=ConsolidationChoice.choices
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["goal", "order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"], condition=~Q(code=""), name="iku_indicator_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(polarity__in=PolarityChoice.values), name="iku_indicator_polarity"
            ),
            models.CheckConstraint(
                condition=Q(target_shape__in=TargetShapeChoice.values),
                name="iku_indicator_target_shape",
            ),
            models.CheckConstraint(
                condition=Q(consolidation__in=ConsolidationChoice.values),
                name="iku_indicator_consolidation",
            ),
            models.CheckConstraint(
                condition=Q(lower_is_better_formula__in=LowerIsBetterFormulaChoice.values),
                name="iku_indicator_formula",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}".strip()[:200]

    @property
    def is_range(self) -> bool:
        """Whether its targets are ranges (a shape of target, not a direction: domain.md §2.3)."""
        return self.target_shape == TargetShapeChoice.RANGE


def _target_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(condition=Q(value__gte=0), name=f"{prefix}_value_not_negative"),
        models.CheckConstraint(
            condition=Q(value_high__isnull=True) | Q(value_high__gte=models.F("value")),
            name=f"{prefix}_high_not_below_low",
        ),
    ]


class AnnualTarget(models.Model):
    """The target of an indicator for one year of the plan (a range keeps low and high)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="annual_targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), **TARGET_DIGITS)
    value_high = models.DecimalField(_("upper target"), null=True, blank=True, **TARGET_DIGITS)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("annual target")
        verbose_name_plural = _("annual targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="iku_annual_target_unique"),
            *_target_constraints("iku_annual_target"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class PeriodTarget(models.Model):
    """The trajectory target (rencana aksi) of an indicator for one period."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="period_targets"
    )
    period = models.ForeignKey("iku.Period", on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("target"), **TARGET_DIGITS)
    value_high = models.DecimalField(_("upper target"), null=True, blank=True, **TARGET_DIGITS)

    class Meta:
        ordering = ["indicator", "period"]
        verbose_name = _("period target")
        verbose_name_plural = _("period targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="iku_period_target_unique"
            ),
            *_target_constraints("iku_period_target"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.period}: {self.value}"
