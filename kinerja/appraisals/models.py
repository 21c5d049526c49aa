"""Evaluation of employees (penilaian kinerja, PermenPANRB 6/2022 Ps 23-25; Lampiran p.90-103).

One `Evaluation` per employee and evaluation period of the year (a month or a quarter, the
`iku.Period` rows of `PerformanceYear.evaluation_period`) and one for the year itself. What the
evaluation rests on is frozen on it when it is opened: the plan in force at the period's end, its
rater (the rater of record) and the rater's superior, the unit, and the organisation's predikat
for the rater's unit (refreshed while it is undecided). Every change of a rating made after the
first one is kept as a `CalibrationChange` row with its reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.appraisals import rules
from kinerja.core.fields import LimitedTextField
from kinerja.skp.models import PrintJobStatus


class EvaluationRating(models.TextChoices):
    DIATAS = rules.Rating.DIATAS, _("Above expectation")
    SESUAI = rules.Rating.SESUAI, _("As expected")
    DIBAWAH = rules.Rating.DIBAWAH, _("Below expectation")


class EvaluationPredikat(models.TextChoices):
    SANGAT_BAIK = rules.Predikat.SANGAT_BAIK, "Sangat Baik"
    BAIK = rules.Predikat.BAIK, "Baik"
    BUTUH_PERBAIKAN = rules.Predikat.BUTUH_PERBAIKAN, "Butuh Perbaikan"
    KURANG = rules.Predikat.KURANG, "Kurang (Misconduct)"
    SANGAT_KURANG = rules.Predikat.SANGAT_KURANG, "Sangat Kurang"


class EvaluationOrgPredikat(models.TextChoices):
    ISTIMEWA = rules.OrgPredikat.ISTIMEWA, "Istimewa"
    BAIK = rules.OrgPredikat.BAIK, "Baik"
    BUTUH_PERBAIKAN = rules.OrgPredikat.BUTUH_PERBAIKAN, "Butuh Perbaikan"
    KURANG = rules.OrgPredikat.KURANG, "Kurang"
    SANGAT_KURANG = rules.OrgPredikat.SANGAT_KURANG, "Sangat Kurang"


class EvaluationStatus(models.TextChoices):
    OPEN = "open", _("To be rated")
    RATED = "rated", _("Rated")
    FINALISED = "finalised", _("Finalised")
    SIGNED = "signed", _("Signed and handed over")
    ACKNOWLEDGED = "acknowledged", _("Received by the employee")
    COMPLETED = "completed", _("Signed by the employee")


RATEABLE = (EvaluationStatus.OPEN, EvaluationStatus.RATED)
HANDED_OVER = (
    EvaluationStatus.SIGNED,
    EvaluationStatus.ACKNOWLEDGED,
    EvaluationStatus.COMPLETED,
)


class Evaluation(models.Model):
    """The evaluation of one employee for one period (or the year)."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.ForeignKey(
        "iku.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    is_annual = models.BooleanField(_("annual evaluation"), default=False)
    plan = models.ForeignKey(
        "skp.Skp", verbose_name=_("SKP"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    # The rater of record; empty when the plan names the regional head (the pimpinan acts).
    rater = models.ForeignKey(
        "org.Employee",
        verbose_name=_("rater (pejabat penilai)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
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
    # The unit whose organisation predikat applies: the one led by the rater (Lampiran p.94 g).
    org_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    org_predikat = models.CharField(
        _("organisation's achievement"),
        max_length=20,
        choices=EvaluationOrgPredikat.choices,
        blank=True,
    )
    org_predikat_year = models.PositiveSmallIntegerField(null=True, blank=True)
    is_head_of_organisation = models.BooleanField(default=False)
    hasil = models.CharField(
        _("rating of work results"), max_length=10, choices=EvaluationRating.choices, blank=True
    )
    hasil_justification = LimitedTextField(
        _("justification of the work results rating"), blank=True
    )
    perilaku = models.CharField(
        _("rating of work behaviour"), max_length=10, choices=EvaluationRating.choices, blank=True
    )
    perilaku_justification = LimitedTextField(
        _("justification of the work behaviour rating"), blank=True
    )
    predikat = models.CharField(
        _("predikat"), max_length=20, choices=EvaluationPredikat.choices, blank=True
    )
    # The annual evaluation's suggestion from the last period: shown, never copied silently.
    suggested_hasil = models.CharField(max_length=10, choices=EvaluationRating.choices, blank=True)
    suggested_perilaku = models.CharField(
        max_length=10, choices=EvaluationRating.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EvaluationStatus.choices, default=EvaluationStatus.OPEN
    )
    set_by_superior = models.BooleanField(_("set by the rater's superior (final)"), default=False)
    # Set when the rater's superior decided a keberatan: the result is final from then on.
    keberatan_decided = models.BooleanField(_("decided on a keberatan (final)"), default=False)
    distribution_warnings = models.JSONField(default=list, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField(_("signed and handed over on"), null=True, blank=True)
    acknowledged_on = models.DateField(_("received by the employee on"), null=True, blank=True)
    employee_signed_on = models.DateField(_("signed by the employee on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period__start_date", "employee_id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year", "period"], name="appraisals_evaluation_unique"
            ),
            models.CheckConstraint(
                condition=Q(status=EvaluationStatus.OPEN)
                | (~Q(hasil="") & ~Q(perilaku="") & ~Q(predikat="")),
                name="appraisals_evaluation_rated_has_ratings",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[s.value for s in HANDED_OVER])
                | Q(signed_on__isnull=False),
                name="appraisals_evaluation_signed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[EvaluationStatus.ACKNOWLEDGED, EvaluationStatus.COMPLETED])
                | Q(acknowledged_on__isnull=False),
                name="appraisals_evaluation_acknowledged_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=EvaluationStatus.COMPLETED)
                | Q(employee_signed_on__isnull=False),
                name="appraisals_evaluation_completed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["rater", "period"], name="appraisals_eval_rater"),
            models.Index(fields=["rater_superior", "period"], name="appraisals_eval_superior"),
            models.Index(fields=["agency", "period", "status"], name="appraisals_eval_agency"),
            models.Index(fields=["unit", "period"], name="appraisals_eval_unit"),
        ]

    def __str__(self):
        return f"{self.employee_id} {self.period_id}"

    @property
    def is_rateable(self) -> bool:
        return self.status in RATEABLE

    @property
    def keberatan_allowed(self) -> bool:
        """A handed-over document whose result is not final and not decided on a keberatan
        already (the superior's decision is final)."""
        return self.status in HANDED_OVER and not self.is_final and not self.keberatan_decided

    @property
    def is_final(self) -> bool:
        """A result that no keberatan can change: set by the rater's superior after the rater's
        deadline (Lampiran p.90), of the head of the organisation rated by the regional head
        (domain.md 1.1), or decided on a keberatan."""
        return self.set_by_superior or self.is_head_of_organisation or self.keberatan_decided

    @property
    def predikat_label(self) -> str:
        return rules.PREDIKAT_LABELS[rules.Predikat(self.predikat)] if self.predikat else ""


class CalibrationChange(models.Model):
    """A rating changed after it was first given: who, when, from what to what, and why."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="calibration_changes"
    )
    old_hasil = models.CharField(max_length=10, choices=EvaluationRating.choices)
    old_perilaku = models.CharField(max_length=10, choices=EvaluationRating.choices)
    old_predikat = models.CharField(max_length=20, choices=EvaluationPredikat.choices)
    new_hasil = models.CharField(max_length=10, choices=EvaluationRating.choices)
    new_perilaku = models.CharField(max_length=10, choices=EvaluationRating.choices)
    new_predikat = models.CharField(max_length=20, choices=EvaluationPredikat.choices)
    # The bands the team broke when the change was made (empty: no warning was shown).
    warnings = models.JSONField(default=list, blank=True)
    after_warning = models.BooleanField(default=False)
    reason = LimitedTextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        ordering = ["evaluation", "changed_at", "pk"]
        verbose_name = _("calibration change")
        verbose_name_plural = _("calibration changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(after_warning=False) | ~Q(reason=""),
                name="appraisals_change_after_warning_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.evaluation_id}: {self.old_predikat} -> {self.new_predikat}"

    @property
    def old_predikat_label(self) -> str:
        return rules.PREDIKAT_LABELS[rules.Predikat(self.old_predikat)]

    @property
    def new_predikat_label(self) -> str:
        return rules.PREDIKAT_LABELS[rules.Predikat(self.new_predikat)]


class KeberatanStatus(models.TextChoices):
    FILED = "filed", _("Filed")
    RATER_HEARD = "rater_heard", _("Rater heard")
    DECIDED = "decided", _("Decided")


class KeberatanDecision(models.TextChoices):
    CONFIRM = "confirm", _("Result confirmed")
    CHANGE = "change", _("Result changed")


class Keberatan(models.Model):
    """The employee's objection to an evaluation (keberatan, PermenPANRB 6/2022 Lampiran p.117,
    format D.1.3): the reasons, the rater's explanation heard by the rater's superior, and the
    superior's decision. It keeps the result before and after, so the old one stays readable."""

    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name=_("evaluation"),
        on_delete=models.PROTECT,
        related_name="keberatan",
    )
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    reasons = LimitedTextField(_("reasons for the keberatan"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_on = models.DateField(_("filed on"))
    filed_at = models.DateTimeField(_("filed"))
    status = models.CharField(
        _("status"), max_length=12, choices=KeberatanStatus.choices, default=KeberatanStatus.FILED
    )
    rater_explanation = LimitedTextField(_("rater's explanation"), blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    explained_on = models.DateField(_("explanation recorded on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=8, choices=KeberatanDecision.choices, blank=True
    )
    old_hasil = models.CharField(
        _("previous rating of work results"), max_length=10, choices=EvaluationRating.choices
    )
    old_perilaku = models.CharField(
        _("previous rating of work behaviour"), max_length=10, choices=EvaluationRating.choices
    )
    old_predikat = models.CharField(
        _("previous predikat"), max_length=20, choices=EvaluationPredikat.choices
    )
    new_hasil = models.CharField(
        _("new rating of work results"), max_length=10, choices=EvaluationRating.choices, blank=True
    )
    new_perilaku = models.CharField(
        _("new rating of work behaviour"),
        max_length=10,
        choices=EvaluationRating.choices,
        blank=True,
    )
    new_predikat = models.CharField(
        _("new predikat"), max_length=20, choices=EvaluationPredikat.choices, blank=True
    )
    recommendations = LimitedTextField(_("new recommendations"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "pk"]
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reasons=""), name="appraisals_keberatan_has_reasons"
            ),
            models.CheckConstraint(
                condition=Q(status=KeberatanStatus.FILED) | ~Q(rater_explanation=""),
                name="appraisals_keberatan_heard_has_explanation",
            ),
            models.CheckConstraint(
                condition=~Q(status=KeberatanStatus.DECIDED)
                | (~Q(decision="") & Q(decided_on__isnull=False)),
                name="appraisals_keberatan_decided_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(decision=KeberatanDecision.CHANGE)
                | (
                    ~Q(new_hasil="")
                    & ~Q(new_perilaku="")
                    & ~Q(new_predikat="")
                    & ~Q(recommendations="")
                ),
                name="appraisals_keberatan_change_is_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status"], name="appraisals_keberatan_status"),
        ]

    def __str__(self):
        return f"{self.evaluation_id}: {self.status}"

    @property
    def is_decided(self) -> bool:
        return self.status == KeberatanStatus.DECIDED

    @property
    def old_predikat_label(self) -> str:
        return rules.PREDIKAT_LABELS[rules.Predikat(self.old_predikat)]

    @property
    def new_predikat_label(self) -> str:
        return rules.PREDIKAT_LABELS[rules.Predikat(self.new_predikat)] if self.new_predikat else ""


class AppraisalSettings(models.Model):
    """An agency's settings of the evaluation."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="+")
    distribution_base = models.CharField(
        _("base of the distribution pattern"),
        max_length=10,
        choices=[
            (rules.DistributionBase.RATER.value, _("The employees evaluated by one rater")),
            (rules.DistributionBase.UNIT.value, _("Every employee of the unit kerja")),
        ],
        default=rules.DistributionBase.RATER.value,
        help_text=_(
            "The regulation counts the employees evaluated by one rater in the period; an agency "
            "may count the whole unit kerja (OPD) under the same organisation predikat instead."
        ),
    )

    class Meta:
        verbose_name = _("evaluation settings")
        verbose_name_plural = _("evaluation settings")

    def __str__(self):
        return f"{self.agency_id}: {self.distribution_base}"


class ReminderSent(models.Model):
    """The day's e-mail of deadlines sent to one address: at most one a day, whatever the
    number of times the reminders run."""

    agency = models.ForeignKey("org.Agency", on_delete=models.CASCADE, related_name="+")
    recipient = models.EmailField(_("recipient"))
    sent_on = models.DateField(_("sent on"))
    lines = models.PositiveSmallIntegerField(_("items"), default=0)

    class Meta:
        verbose_name = _("deadline reminder sent")
        verbose_name_plural = _("deadline reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "recipient", "sent_on"], name="appraisals_reminder_once_a_day"
            )
        ]

    def __str__(self):
        return f"{self.sent_on}: {self.lines}"


class EvaluationPrintJob(models.Model):
    """A batch print (cetak massal) of evaluation PDFs of a period and what became of it: the
    evaluations (finalised or later) in the recap scope of the user who asked, optionally of
    one unit's subtree. The ZIP is stored under MEDIA_ROOT, which is never served directly: it
    is downloaded through a view that checks the viewer again."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(
        "iku.Period", verbose_name=_("period"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PrintJobStatus.choices, default=PrintJobStatus.PENDING
    )
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="appraisals/cetak/%Y/%m/", blank=True)
    message = LimitedTextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evaluation batch print")
        verbose_name_plural = _("evaluation batch prints")
        indexes = [models.Index(fields=["agency", "-created_at"])]

    def __str__(self):
        return f"Evaluasi {self.period_id} {self.unit_id or '-'} #{self.pk}"

    @property
    def progress_percent(self) -> int:
        if not self.total:
            return 100 if self.status == PrintJobStatus.DONE else 0
        return min(100, round(100 * self.processed / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in {PrintJobStatus.DONE, PrintJobStatus.FAILED}
