"""Computed capaian per indicator, goal and unit, and the organisation predikat decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.iku import rules
from kinerja.iku.models.calendar import bands_to_json
from kinerja.iku.models.tree import TARGET_DIGITS

CAPAIAN_DIGITS = {"max_digits": 14, "decimal_places": 4}


class PeriodCoverage(models.Model):
    """How many of the expected period reports were in when an annual figure was computed.

    Null on the figures of a single period. An annual capaian computed while periods are still
    unreported is partial (`rules.is_partial`): shown as such and never decided as final.
    """

    periods_reported = models.PositiveSmallIntegerField(
        _("period reports in"), null=True, blank=True
    )
    periods_expected = models.PositiveSmallIntegerField(
        _("period reports expected"), null=True, blank=True
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(periods_reported__isnull=True, periods_expected__isnull=True)
                | Q(
                    periods_reported__isnull=False,
                    periods_expected__isnull=False,
                    periods_reported__lte=models.F("periods_expected"),
                ),
                name="%(app_label)s_%(class)s_coverage",
            ),
        ]

    @property
    def is_partial(self) -> bool:
        return rules.is_partial(self.periods_reported, self.periods_expected)

    @property
    def partial_label(self) -> str:
        """ "partial: 2 of 4 period reports in", or "" for a complete figure."""
        return partial_label(self.periods_reported, self.periods_expected)


def partial_label(reported: int | None, expected: int | None) -> str:
    """The words shown beside a partial figure on every page, chart and report."""
    if not rules.is_partial(reported, expected):
        return ""
    return gettext("partial: %(reported)s of %(expected)s period reports in") % {
        "reported": reported,
        "expected": expected,
    }


class IndicatorResult(PeriodCoverage):
    """Target, consolidated realisation and capaian of an indicator in a period (computed)."""

    indicator = models.ForeignKey("iku.Indicator", on_delete=models.CASCADE, related_name="results")
    period = models.ForeignKey("iku.Period", on_delete=models.CASCADE, related_name="+")
    target = models.DecimalField(_("target"), null=True, blank=True, **TARGET_DIGITS)
    target_high = models.DecimalField(_("upper target"), null=True, blank=True, **TARGET_DIGITS)
    realisation = models.DecimalField(_("realisation"), null=True, blank=True, **TARGET_DIGITS)
    capaian = models.DecimalField(_("capaian (%)"), null=True, blank=True, **CAPAIAN_DIGITS)
    computed_at = models.DateTimeField(_("computed"))

    class Meta(PeriodCoverage.Meta):
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        constraints = [
            *PeriodCoverage.Meta.constraints,
            models.UniqueConstraint(
                fields=["indicator", "period"], name="iku_indicator_result_unique"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.period}: {self.capaian}"


class GoalResult(PeriodCoverage):
    """Capaian of a goal in a period: the mean of its indicators' capaian."""

    goal = models.ForeignKey("iku.Goal", on_delete=models.CASCADE, related_name="results")
    period = models.ForeignKey("iku.Period", on_delete=models.CASCADE, related_name="+")
    capaian = models.DecimalField(_("capaian (%)"), null=True, blank=True, **CAPAIAN_DIGITS)
    indicator_count = models.PositiveIntegerField(_("indicators with a capaian"), default=0)
    computed_at = models.DateTimeField(_("computed"))

    class Meta(PeriodCoverage.Meta):
        verbose_name = _("goal result")
        verbose_name_plural = _("goal results")
        constraints = [
            *PeriodCoverage.Meta.constraints,
            models.UniqueConstraint(fields=["goal", "period"], name="iku_goal_result_unique"),
        ]

    def __str__(self):
        return f"{self.goal} {self.period}: {self.capaian}"


class UnitResult(PeriodCoverage):
    """Capaian of a unit in a period: the mean of its goals' capaian."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey("iku.Period", on_delete=models.CASCADE, related_name="+")
    capaian = models.DecimalField(_("capaian (%)"), null=True, blank=True, **CAPAIAN_DIGITS)
    goal_count = models.PositiveIntegerField(_("goals with a capaian"), default=0)
    computed_at = models.DateTimeField(_("computed"))

    class Meta(PeriodCoverage.Meta):
        verbose_name = _("unit result")
        verbose_name_plural = _("unit results")
        constraints = [
            *PeriodCoverage.Meta.constraints,
            models.UniqueConstraint(fields=["unit", "period"], name="iku_unit_result_unique"),
        ]

    def __str__(self):
        return f"{self.unit} {self.period}: {self.capaian}"


class OrgPredikatChoice(models.TextChoices):
    ISTIMEWA = rules.OrgPredikat.ISTIMEWA.value, _("Istimewa")
    BAIK = rules.OrgPredikat.BAIK.value, _("Baik")
    BUTUH_PERBAIKAN = rules.OrgPredikat.BUTUH_PERBAIKAN.value, _("Butuh Perbaikan")
    KURANG = rules.OrgPredikat.KURANG.value, _("Kurang")
    SANGAT_KURANG = rules.OrgPredikat.SANGAT_KURANG.value, _("Sangat Kurang")


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed by Kinerja")
    CONFIRMED = "confirmed", _("Confirmed")
    CHANGED = "changed", _("Changed by the leader")


class OrgPredikatDecision(PeriodCoverage):
    """The organisation predikat of a unit for a period (PermenPANRB 6/2022 p.92-94).

    Kinerja proposes it from the unit's capaian through the year's band table; the next-higher
    leader confirms or changes it (with a reason). Once decided it is final; `decided_on` is the
    issue date that decides the annual fallback rule.
    """

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey("iku.Period", on_delete=models.PROTECT, related_name="+")
    capaian = models.DecimalField(_("capaian (%)"), null=True, blank=True, **CAPAIAN_DIGITS)
    proposed = models.CharField(
        _("proposed predikat"), max_length=20, choices=OrgPredikatChoice.choices, blank=True
    )
    predikat = models.CharField(
        _("predikat"), max_length=20, choices=OrgPredikatChoice.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )
    reason = LimitedTextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by_label = models.CharField(_("decided by"), max_length=300, blank=True)
    decided_on = models.DateField(_("issued on"), null=True, blank=True)
    proposed_at = models.DateTimeField(_("proposed"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta(PeriodCoverage.Meta):
        ordering = ["unit", "period"]
        verbose_name = _("organisation predikat")
        verbose_name_plural = _("organisation predikat")
        constraints = [
            *PeriodCoverage.Meta.constraints,
            models.UniqueConstraint(fields=["unit", "period"], name="iku_org_predikat_unique"),
            models.CheckConstraint(
                condition=Q(status="proposed")
                | (~Q(predikat="") & Q(decided_on__isnull=False) & Q(decided_at__isnull=False)),
                name="iku_org_predikat_decided_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status="changed") | ~Q(reason=""),
                name="iku_org_predikat_change_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.period}: {self.predikat or self.proposed}"

    @property
    def is_decided(self) -> bool:
        return self.status != DecisionStatus.PROPOSED


class ResultsComputation(models.Model):
    """When the results of an agency's year were last computed and last asked for.

    `requested_at` is set when a change that affects capaian is committed (a verification, a
    correction) or when BKPSDM asks for a recompute; `computed_at` is the moment the last
    recompute read its data. A request after that moment is still pending.
    """

    performance_year = models.OneToOneField(
        "iku.PerformanceYear", on_delete=models.CASCADE, related_name="results_computation"
    )
    requested_at = models.DateTimeField(_("recompute requested"), null=True, blank=True)
    computed_at = models.DateTimeField(_("results computed"), null=True, blank=True)

    class Meta:
        verbose_name = _("results computation")
        verbose_name_plural = _("results computations")

    def __str__(self):
        return f"{self.performance_year}: {self.computed_at}"

    @property
    def is_pending(self) -> bool:
        if self.requested_at is None:
            return False
        return self.computed_at is None or self.requested_at > self.computed_at


def lkjip_default_bands_json() -> list[dict]:
    return bands_to_json(rules.PERMENDAGRI_86_2017_BANDS)


def lkjip_bands_from_json(data) -> tuple[rules.Band, ...]:
    """The LKjIP category table stored for a year (any labels; ValueError when invalid)."""
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
    return rules.validate_bands(bands)


class LkjipSettings(models.Model):
    """The category bands printed beside each capaian in the LKjIP of an agency's year.

    domain.md §2.3: the bands are local. Without a row the year uses the Permendagri 86/2017
    scale (`rules.PERMENDAGRI_86_2017_BANDS`).
    """

    performance_year = models.OneToOneField(
        "iku.PerformanceYear", on_delete=models.CASCADE, related_name="lkjip_settings"
    )
    category_bands = models.JSONField(_("LKjIP category bands"), default=lkjip_default_bands_json)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("LKjIP settings")
        verbose_name_plural = _("LKjIP settings")

    def __str__(self):
        return str(self.performance_year)

    @property
    def bands(self) -> tuple[rules.Band, ...]:
        return lkjip_bands_from_json(self.category_bands)
