"""SKP: an employee's yearly performance plan, its RHK and indicators, and the leader's matrix.

Every SKP row is one *version* of a plan. Versions of the same plan share `series`; the newest
has `is_latest`. A set version is immutable: a change during the year is a new version with a
reason, and the earlier one stays readable. RHK and indicators carry a `key` that stays the same
from one version to the next, so that versions can be compared and matrices can find the RHK
they created.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.core.numbers import TARGET_DIGITS
from kinerja.skp import rules
from kinerja.skp.berakhlak import CoreValue


class SkpStatus(models.TextChoices):
    DRAFT = rules.DRAFT, _("Draft")
    DIALOGUE = rules.DIALOGUE, _("Performance dialogue")
    SUBMITTED = rules.SUBMITTED, _("Submitted")
    RETURNED = rules.RETURNED, _("Returned")
    SET = rules.SET, _("Set")
    SUPERSEDED = rules.SUPERSEDED, _("Superseded by a newer version")
    CLOSED = rules.CLOSED, _("Closed (new SKP after a change of post or rater)")


class SkpForm(models.TextChoices):
    JPT = rules.FORM_JPT, _("JPT and heads of independent units")
    NON_JPT = rules.FORM_NON_JPT, _("Administrators and functional staff")


class Approach(models.TextChoices):
    QUANTITATIVE = rules.QUANTITATIVE, _("Quantitative")
    QUALITATIVE = rules.QUALITATIVE, _("Qualitative")


class RevisionKind(models.TextChoices):
    """Grounds for changing a set SKP during the year (PermenPANRB 6/2022 Ps 11(2), 14(2))."""

    NEW_ASSIGNMENT = "new_assignment", _("New assignment")
    EXPECTATION = "expectation", _("Adjusted expectation")
    RESOURCES = "resources", _("Adjusted resources")
    TAKEN_OVER = "taken_over", _("RHK taken over by the leader")
    MUTATION = "mutation", _("Mutation to another post")
    RATER_CHANGE = "rater_change", _("Change of rater")
    OTHER = "other", _("Other")


NEW_SKP_REVISION_KINDS = {RevisionKind.MUTATION, RevisionKind.RATER_CHANGE}


class ResultKind(models.TextChoices):
    UTAMA = rules.UTAMA, _("Main (utama)")
    TAMBAHAN = rules.TAMBAHAN, _("Additional (tambahan)")


class Perspective(models.TextChoices):
    SERVICE_RECIPIENTS = "penerima_layanan", _("Service recipients (penerima layanan)")
    BUSINESS_PROCESS = "proses_bisnis", _("Business process (proses bisnis)")
    INTERNAL_STRENGTHENING = "penguatan_internal", _("Internal strengthening (penguatan internal)")
    BUDGET = "anggaran", _("Budget (anggaran)")


class Aspect(models.TextChoices):
    QUANTITY = "kuantitas", _("Quantity")
    QUALITY = "kualitas", _("Quality")
    TIME = "waktu", _("Time")
    COST = "biaya", _("Cost")


class ControlLevel(models.TextChoices):
    OUTCOME = "outcome", _("Outcome")
    INTERMEDIATE_OUTCOME = "outcome_antara", _("Intermediate outcome")
    OUTPUT_LOW = "output_rendah", _("Output, low control")
    OUTPUT_MEDIUM = "output_sedang", _("Output, medium control")
    OUTPUT_HIGH = "output_tinggi", _("Output, high control")


class ReportingPeriod(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMESTER = "semester", _("Semester")
    ANNUAL = "annual", _("Annual")


class RhkSource(models.TextChoices):
    MANUAL = "manual", _("Written by the employee")
    MATRIX = "matrix", _("From the leader's matrix")
    TEMPLATE = "template", _("From the position template")
    AGREEMENT = "agreement", _("From the Perjanjian Kinerja")
    ACTING = "acting", _("From an acting assignment (Plt./Plh.)")


class Skp(models.Model):
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="skps"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    series = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    is_latest = models.BooleanField(default=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SkpStatus.choices, default=SkpStatus.DRAFT
    )
    form = models.CharField(_("form"), max_length=10, choices=SkpForm.choices)
    approach = models.CharField(
        _("approach"), max_length=12, choices=Approach.choices, default=Approach.QUANTITATIVE
    )
    position = models.ForeignKey(
        "org.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField(_("valid from"))
    end_date = models.DateField(_("valid until"))

    rater = models.ForeignKey(
        "org.Employee",
        verbose_name=_("rater (pejabat penilai)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rater_position = models.ForeignKey(
        "org.Position", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rater_label = models.CharField(_("rater (pejabat penilai)"), max_length=300)
    rater_superior = models.ForeignKey(
        "org.Employee",
        verbose_name=_("rater's superior"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rater_superior_label = models.CharField(_("rater's superior"), max_length=300, blank=True)

    # Lampiran SKP, format A.1.8.
    resource_support = LimitedTextField(_("resource support (dukungan sumber daya)"), blank=True)
    accountability_scheme = LimitedTextField(
        _("accountability scheme (skema pertanggungjawaban)"), blank=True
    )
    consequences = LimitedTextField(_("consequences (konsekuensi)"), blank=True)

    revision_kind = models.CharField(
        _("reason for the change"), max_length=20, choices=RevisionKind.choices, blank=True
    )
    revision_reason = LimitedTextField(_("explanation of the change"), blank=True)

    dialogue_started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    set_at = models.DateTimeField(null=True, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_by_role = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-year", "employee_id", "start_date", "version"]
        constraints = [
            models.UniqueConstraint(fields=["series", "version"], name="skp_series_version"),
            models.UniqueConstraint(
                fields=["series"], condition=Q(is_latest=True), name="skp_one_latest_per_series"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="skp_version_positive"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="skp_dates_ordered"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "year", "is_latest", "status"]),
            models.Index(fields=["rater", "year", "is_latest"]),
            models.Index(fields=["employee", "year"]),
            # The plans in force of a year (alignment checks): the columns the checks join
            # on, so that they read this small index instead of the wide table.
            models.Index(
                fields=["agency", "year"],
                include=["id", "employee", "unit", "rater", "form"],
                condition=Q(is_latest=True)
                & ~Q(status__in=[SkpStatus.CLOSED, SkpStatus.SUPERSEDED]),
                name="skp_in_force",
            ),
            # The list of SKP counts the latest versions by year and unit (its sort order).
            models.Index(
                fields=["agency", "year", "unit", "status"],
                condition=Q(is_latest=True),
                name="skp_latest_by_unit",
            ),
            # "Has a set SKP for the year" (employees without a set plan): the year first,
            # so that the check reads only that year's set plans.
            models.Index(
                fields=["year", "employee"],
                condition=Q(status=SkpStatus.SET),
                name="skp_set_of_employee",
            ),
        ]

    def __str__(self):
        return f"SKP {self.year} {self.employee_id} v{self.version}"

    @property
    def is_editable(self) -> bool:
        return self.status in rules.EDITABLE_STATUSES

    @property
    def is_final(self) -> bool:
        return self.status in rules.FINAL_STATUSES

    @property
    def deadline(self):
        return rules.deadline(self.year, self.start_date, midyear_days=settings.SKP_MIDYEAR_DAYS)


class Rhk(models.Model):
    """A Rencana Hasil Kerja with its indicators (IKI)."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhks")
    key = models.UUIDField(default=uuid.uuid4)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ResultKind.choices, default=ResultKind.UTAMA
    )
    text = LimitedTextField(_("planned result (RHK)"))
    perspective = models.CharField(
        _("perspective"), max_length=20, choices=Perspective.choices, blank=True
    )
    control_level = models.CharField(
        _("quality and control level"), max_length=20, choices=ControlLevel.choices, blank=True
    )
    assigned_by_label = models.CharField(_("assigned by"), max_length=300, blank=True)
    intervened_rhk = models.ForeignKey(
        "self",
        verbose_name=_("leader's RHK intervened"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supporting_rhks",
    )
    intervened_indicator = models.ForeignKey(
        "RhkIndicator", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    iku_goal = models.ForeignKey(
        "iku.Goal",
        verbose_name=_("organisation goal intervened"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    iku_indicator = models.ForeignKey(
        "iku.Indicator",
        verbose_name=_("organisation indicator intervened"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source = models.CharField(
        max_length=10, choices=RhkSource.choices, default=RhkSource.MANUAL, editable=False
    )
    # The post held as Plt./Plh. whose duties this main result covers (Lampiran p.50).
    acting_position = models.ForeignKey(
        "org.Position",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["skp_id", "kind", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["skp", "key"], name="skp_rhk_key")]
        indexes = [
            # Main results that name no leader RHK, organisation goal or indicator: the few
            # RHK the "supports nothing" check starts from.
            models.Index(
                fields=["skp"],
                condition=Q(
                    kind=ResultKind.UTAMA,
                    intervened_rhk__isnull=True,
                    iku_indicator__isnull=True,
                    iku_goal__isnull=True,
                ),
                name="skp_rhk_no_link",
            ),
            # Which plans intervene in an organisation indicator, without reading the RHK.
            models.Index(
                fields=["iku_indicator", "skp"],
                condition=Q(iku_indicator__isnull=False),
                name="skp_rhk_iku_indicator",
            ),
        ]

    def __str__(self):
        return self.text[:120]

    @property
    def intervenes(self) -> bool:
        return bool(self.intervened_rhk_id or self.iku_indicator_id or self.iku_goal_id)


class RhkIndicator(models.Model):
    """An individual performance indicator (IKI) of an RHK, with its target and manual."""

    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="indicators")
    key = models.UUIDField(default=uuid.uuid4)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    aspect = models.CharField(_("aspect"), max_length=10, choices=Aspect.choices, blank=True)
    text = LimitedTextField(_("indicator (IKI)"))
    target_text = models.CharField(_("target"), max_length=500, blank=True)
    target_value = models.DecimalField(_("target value"), null=True, blank=True, **TARGET_DIGITS)
    target_high = models.DecimalField(
        _("upper target value"), null=True, blank=True, **TARGET_DIGITS
    )
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60, blank=True)
    # Manual Indikator Kinerja (format A.1.3), for indicators that are not self-explanatory.
    needs_manual = models.BooleanField(_("needs an indicator manual"), default=False)
    manual_purpose = LimitedTextField(_("purpose"), blank=True)
    manual_definition = LimitedTextField(_("definition"), blank=True)
    manual_formula = LimitedTextField(_("formula"), blank=True)
    manual_data_source = models.CharField(_("data source"), max_length=300, blank=True)
    manual_reporting_period = models.CharField(
        _("reporting period"), max_length=10, choices=ReportingPeriod.choices, blank=True
    )

    class Meta:
        ordering = ["rhk_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rhk", "key"], name="skp_indicator_key"),
            models.CheckConstraint(
                condition=Q(target_high__isnull=True)
                | Q(target_value__isnull=False, target_high__gte=models.F("target_value")),
                name="skp_indicator_range_ordered",
            ),
        ]

    def __str__(self):
        return self.text[:120]

    @property
    def target_display(self) -> str:
        if self.target_value is None:
            return self.target_text
        value = _format_number(self.target_value)
        if self.target_high is not None:
            value = f"{value} - {_format_number(self.target_high)}"
        return " ".join(part for part in (value, self.unit_of_measure) if part)


def _format_number(value) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


class ActionPlan(models.Model):
    """Rencana aksi: the planned step of an RHK in one evaluation period of the plan's year
    (a month or a quarter, as the agency evaluates: PermenPANRB 6/2022 Ps 16, 24(2)-(3))."""

    rhk = models.ForeignKey(Rhk, on_delete=models.CASCADE, related_name="action_plans")
    period = models.ForeignKey(
        "iku.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    text = LimitedTextField(_("planned action"))
    target = models.CharField(_("target of the period"), max_length=300, blank=True)

    class Meta:
        ordering = ["rhk_id", "period__start_date"]
        constraints = [
            models.UniqueConstraint(fields=["rhk", "period"], name="skp_action_period"),
        ]

    def __str__(self):
        return f"{self.period_id}: {self.text[:80]}"


class BehaviourExpectation(models.Model):
    """The leader's special expectation (ekspektasi khusus pimpinan) on one BerAKHLAK value."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="behaviours")
    value = models.CharField(_("core value"), max_length=30, choices=CoreValue.choices)
    special_expectation = LimitedTextField(_("leader's special expectation"), blank=True)

    class Meta:
        ordering = ["skp_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["skp", "value"], name="skp_behaviour_value"),
        ]

    def __str__(self):
        return self.get_value_display()


class CommentKind(models.TextChoices):
    DIALOGUE = "dialogue", _("Performance dialogue")
    RETURN = "return", _("Returned with comments")
    NOTE = "note", _("Note")


class SkpComment(models.Model):
    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="comments")
    rhk = models.ForeignKey(
        Rhk, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    author_label = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=CommentKind.choices, default=CommentKind.NOTE)
    text = LimitedTextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


# --- matriks peran hasil ----------------------------------------------------------------------


class MatrixLevels(models.IntegerChoices):
    ONE = 1, _("One level (no teams)")
    TWO = 2, _("Two levels (work teams with team leaders)")


class ResultMatrix(models.Model):
    """A leader's matriks pembagian peran dan hasil (format A.1.5) for a year."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    leader = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="+")
    leader_position = models.ForeignKey("org.Position", on_delete=models.PROTECT, related_name="+")
    levels = models.PositiveSmallIntegerField(
        _("alignment"), choices=MatrixLevels.choices, default=MatrixLevels.ONE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["leader", "leader_position", "year"], name="skp_matrix_leader_year"
            )
        ]

    def __str__(self):
        return f"{self.leader_id} {self.year}"


class WorkTeam(models.Model):
    """A work team under a leader, for two-level alignment: its leader has their own matrix."""

    matrix = models.ForeignKey(ResultMatrix, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("team name"), max_length=200)
    team_leader = models.ForeignKey(
        "org.Employee", verbose_name=_("team leader"), on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField("org.Employee", related_name="+", blank=True)

    class Meta:
        ordering = ["matrix_id", "name"]

    def __str__(self):
        return self.name


class MatrixCell(models.Model):
    """The role of one person in one of the leader's indicators, or no role."""

    matrix = models.ForeignKey(ResultMatrix, on_delete=models.CASCADE, related_name="cells")
    leader_indicator_key = models.UUIDField()
    employee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="+")
    role_text = LimitedTextField(_("role as a result"), blank=True)
    no_role = models.BooleanField(_("no role"), default=False)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ResultKind.choices, default=ResultKind.UTAMA
    )
    rhk_key = models.UUIDField(default=uuid.uuid4)
    pending_revision = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["matrix", "leader_indicator_key", "employee"], name="skp_matrix_cell"
            )
        ]

    def __str__(self):
        return self.role_text[:80] or "-"


class RhkTemplate(models.Model):
    """An RHK with one indicator that every holder of a position receives (bulk set-up)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    position = models.ForeignKey(
        "org.Position", verbose_name=_("position"), on_delete=models.PROTECT, related_name="+"
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ResultKind.choices, default=ResultKind.UTAMA
    )
    text = LimitedTextField(_("planned result (RHK)"))
    intervened_rhk_key = models.UUIDField(null=True, blank=True)
    iku_indicator = models.ForeignKey(
        "iku.Indicator", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aspect = models.CharField(_("aspect"), max_length=10, choices=Aspect.choices, blank=True)
    indicator_text = LimitedTextField(_("indicator (IKI)"))
    target_text = models.CharField(_("target"), max_length=500, blank=True)
    target_value = models.DecimalField(_("target value"), null=True, blank=True, **TARGET_DIGITS)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position_id", "pk"]

    def __str__(self):
        return self.text[:80]
