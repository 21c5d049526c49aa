"""Performance years, their evaluation periods, and the working-day calendar."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.iku import rules

DEFAULT_RULE_SET = "permenpanrb-6-2022"
DEFAULT_DUE_WORKING_DAYS = 10


class EvaluationPeriod(models.TextChoices):
    """PermenPANRB 6/2022 Ps 24(2)-(3): each agency evaluates monthly or quarterly."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class RoundingChoice(models.TextChoices):
    HALF_UP = rules.Rounding.HALF_UP.value, _("Round half up")
    TRUNCATE = rules.Rounding.TRUNCATE.value, _("Truncate")


def bands_to_json(bands) -> list[dict]:
    return [
        {"label": str(b.label), "lower": str(b.lower), "lower_inclusive": b.lower_inclusive}
        for b in bands
    ]


def bands_from_json(data) -> tuple[rules.Band, ...]:
    """The band table stored on a year, checked by rules.org_predikat's own validation."""
    if not isinstance(data, list):
        raise ValueError("the band table must be a list")
    bands = []
    for row in data:
        if not isinstance(row, dict) or set(row) - {"label", "lower", "lower_inclusive"}:
            raise ValueError(f"bad band {row!r}")
        bands.append(
            rules.Band(
                label=row.get("label", ""),
                lower=row.get("lower"),
                lower_inclusive=row.get("lower_inclusive", True),
            )
        )
    table = rules.validate_bands(bands)
    rules.org_predikat(None, table)  # checks labels are OrgPredikat values rising in order
    return table


def default_bands_json() -> list[dict]:
    return bands_to_json(rules.DEFAULT_ORG_PREDIKAT_BANDS)


class IkuAgencySettings(models.Model):
    """Organisation-performance settings of an agency that do not change by year.

    `planning_unit` designates the regional planning agency (Bappeda, Bapperida or
    Bappelitbangda: the name varies and the organisation model has no kind for it). Its staff
    oversee performance agency-wide: they see every unit's realisations and maintain the
    regency-level goals.
    """

    agency = models.OneToOneField(
        "org.Agency", on_delete=models.PROTECT, related_name="iku_settings"
    )
    planning_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("planning agency (Bappeda)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisation performance settings")
        verbose_name_plural = _("organisation performance settings")

    def __str__(self):
        return str(self.agency)


class PerformanceYear(models.Model):
    """One agency's performance year: evaluation period, rule set and capaian settings."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="performance_years"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    evaluation_period = models.CharField(
        _("evaluation period"), max_length=10, choices=EvaluationPeriod.choices
    )
    rule_set = models.CharField(_("rule set"), max_length=40, default=DEFAULT_RULE_SET)
    org_predikat_bands = models.JSONField(
        _("organisation predikat bands"), default=default_bands_json
    )
    capaian_cap = models.DecimalField(
        _("capaian cap (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    capaian_places = models.PositiveSmallIntegerField(_("capaian decimals"), default=2)
    capaian_rounding = models.CharField(
        _("capaian rounding"),
        max_length=10,
        choices=RoundingChoice.choices,
        default=RoundingChoice.HALF_UP,
    )
    realisation_due_working_days = models.PositiveSmallIntegerField(
        _("realisation due (working days after the period ends)"),
        default=DEFAULT_DUE_WORKING_DAYS,
    )
    annual_result_deadline = models.DateField(
        _("deadline of the annual organisation result"),
        null=True,
        blank=True,
        help_text=_("Empty: 31 January of the following year (PermenPANRB 6/2022 p.94)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "-year"]
        verbose_name = _("performance year")
        verbose_name_plural = _("performance years")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="iku_year_unique_in_agency"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="iku_year_range"
            ),
            models.CheckConstraint(condition=Q(capaian_places__lte=4), name="iku_year_places"),
            models.CheckConstraint(
                condition=Q(capaian_cap__isnull=True) | Q(capaian_cap__gt=0),
                name="iku_year_cap_positive",
            ),
            models.CheckConstraint(
                condition=Q(evaluation_period__in=EvaluationPeriod.values),
                name="iku_year_evaluation_period_valid",
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.year}"

    @property
    def bands(self) -> tuple[rules.Band, ...]:
        return bands_from_json(self.org_predikat_bands)

    @property
    def result_deadline(self) -> datetime.date:
        return self.annual_result_deadline or datetime.date(self.year + 1, 1, 31)

    def capaian_options(self) -> dict:
        """Keyword arguments for rules.capaian / rules.mean from this year's settings."""
        return {
            "cap": self.capaian_cap,
            "places": self.capaian_places,
            "rounding": self.capaian_rounding,
        }


class Period(models.Model):
    """An evaluation period of a year (a month or a quarter) or the year itself."""

    performance_year = models.ForeignKey(
        PerformanceYear, on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        ordering = ["performance_year", "end_date", "start_date"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(
                fields=["performance_year", "kind", "number"], name="iku_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="iku_period_end_after_start"
            ),
            models.CheckConstraint(
                condition=(Q(kind="month") & Q(number__gte=1) & Q(number__lte=12))
                | (Q(kind="quarter") & Q(number__gte=1) & Q(number__lte=4))
                | (Q(kind="year") & Q(number=1)),
                name="iku_period_number_in_range",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def is_annual(self) -> bool:
        return self.kind == PeriodKind.YEAR

    @property
    def year(self) -> int:
        return self.start_date.year

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(_("Year %(year)s")) % {"year": self.start_date.year}
        if self.kind == PeriodKind.QUARTER:
            roman = ["I", "II", "III", "IV"][self.number - 1]
            return str(_("Quarter %(roman)s %(year)s")) % {
                "roman": roman,
                "year": self.start_date.year,
            }
        return self.start_date.strftime("%m-%Y")


class NonWorkingDayKind(models.TextChoices):
    NATIONAL_HOLIDAY = "national", _("National holiday")
    COLLECTIVE_LEAVE = "collective", _("Collective leave (cuti bersama)")
    AGENCY_DAY_OFF = "agency", _("Agency day off")


class NonWorkingDay(models.Model):
    """A weekday on which the agency does not work. BKPSDM keeps the list per agency."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=NonWorkingDayKind.choices)

    class Meta:
        ordering = ["date"]
        verbose_name = _("non-working day")
        verbose_name_plural = _("non-working days")
        constraints = [
            models.UniqueConstraint(fields=["agency", "date"], name="iku_non_working_day_unique"),
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.name}"
