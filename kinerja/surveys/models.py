"""Public satisfaction surveys (Survei Kepuasan Masyarakat, PermenPANRB 14/2017; domain.md 3).

A service unit (`Unit.is_service_unit`) offers named services (jenis layanan) and has survey
points: one per counter, each with a random public token that attributes every answer given
through it to the unit (and to the counter's service, when it serves one) without the citizen
choosing. The unit records how many people it served per period, the population of the minimum
sample. A response holds the nine element scores as nine columns, so that the database sums and
counts a period's answers in one aggregate (`rules.Tally`), and the respondent profile; it never
holds a name, NIK or phone number.
"""

from __future__ import annotations

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.fields import LimitedTextField
from kinerja.surveys import rules

SUGGESTION_MAX = 2000
TOKEN_BYTES = 9  # 12 URL-safe characters: short enough for a QR code a phone reads at a glance


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Weight(models.TextChoices):
    EXACT = "exact", _("Exact 1/9")
    W0111 = "0.111", _("0.111 (most applications)")
    W011 = "0.11", _("0.11 (as printed in the regulation)")


class SurveySettings(models.Model):
    """An agency's survey settings: the weight of each element in the index (domain.md 3)."""

    agency = models.OneToOneField("org.Agency", on_delete=models.CASCADE, related_name="+")
    weight = models.CharField(
        _("element weight"), max_length=8, choices=Weight.choices, default=Weight.EXACT
    )

    class Meta:
        verbose_name = _("survey settings")
        verbose_name_plural = _("survey settings")

    def __str__(self):
        return f"{self.agency_id}: {self.weight}"


class Service(models.Model):
    """A named service (jenis layanan) that a service unit offers."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="services")
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = _("service (jenis layanan)")
        verbose_name_plural = _("services (jenis layanan)")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="survey_service_unique_in_unit")
        ]

    def __str__(self):
        return self.name


class SurveyPoint(models.Model):
    """A counter's survey address: the token in its QR code names the unit and the service."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="survey_points")
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="points",
        help_text=_("Leave empty when the counter serves every service of the unit."),
    )
    name = models.CharField(_("counter"), max_length=120)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "name"]
        verbose_name = _("survey point")
        verbose_name_plural = _("survey points")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="survey_point_unique_in_unit")
        ]

    def __str__(self):
        return self.name


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    SEMESTER = "semester", _("Semester")
    YEAR = "year", _("Year")


PERIODS_IN_YEAR = {
    PeriodKind.MONTH: 12,
    PeriodKind.QUARTER: 4,
    PeriodKind.SEMESTER: 2,
    PeriodKind.YEAR: 1,
}


class ServiceUsers(models.Model):
    """How many people a unit (or one of its services) served in a period: the population N
    of the minimum sample (Krejcie and Morgan)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("period number"), default=1)
    users = models.PositiveIntegerField(_("service users"))

    class Meta:
        verbose_name = _("service users of a period")
        verbose_name_plural = _("service users of periods")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "service", "year", "kind", "number"],
                name="survey_users_unique_period",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=12), name="survey_users_period_number"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.kind} {self.number}: {self.users}"


class Channel(models.TextChoices):
    QR = "qr", _("Counter QR code")
    KIOSK = "kiosk", _("Kiosk tablet at the counter")
    WEB = "web", _("Survey page")
    PAPER = "paper", _("Paper form entered by staff")


class AgeBand(models.TextChoices):
    UNDER_20 = "lt20", _("Under 20")
    FROM_20 = "20_29", _("20 to 29")
    FROM_30 = "30_39", _("30 to 39")
    FROM_40 = "40_49", _("40 to 49")
    FROM_50 = "50_59", _("50 to 59")
    FROM_60 = "60plus", _("60 and over")


class Sex(models.TextChoices):
    MALE = "m", _("Male")
    FEMALE = "f", _("Female")


class Education(models.TextChoices):
    SD = "sd", _("Primary school (SD) or lower")
    SMP = "smp", _("Junior high school (SMP)")
    SMA = "sma", _("Senior high school (SMA/SMK)")
    D3 = "d3", _("Diploma (D1-D3)")
    S1 = "s1", _("Bachelor (D4/S1)")
    S2 = "s2", _("Master or doctorate (S2/S3)")


class Occupation(models.TextChoices):
    ASN = "asn", _("Civil servant (PNS/PPPK)")
    TNI_POLRI = "tni_polri", _("Military or police (TNI/Polri)")
    PRIVATE = "private", _("Private employee")
    SELF = "self", _("Self-employed")
    FARMER = "farmer", _("Farmer or fisher")
    STUDENT = "student", _("Student")
    HOME = "home", _("Homemaker")
    OTHER = "other", _("Other")


SCORE = [MinValueValidator(1), MaxValueValidator(4)]


def _score_field():
    return models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE)


class Response(models.Model):
    """One respondent's answers. The nine columns are named after `rules.Element`; an element
    left unanswered is NULL and left out of that element's mean.

    Answers arrive by the hundred a second when a unit is in the news: each index is one more
    write per answer, so the agency and the unit are indexed only with the day (which also
    answers a look-up by either alone), and the fingerprint only for equality."""

    agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", db_index=False)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    point = models.ForeignKey(
        SurveyPoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.QR)
    submitted_at = models.DateTimeField()
    day = models.DateField(help_text=_("The day of service, in the agency's time zone."))

    persyaratan = _score_field()
    prosedur = _score_field()
    waktu = _score_field()
    biaya = _score_field()
    produk = _score_field()
    kompetensi = _score_field()
    perilaku = _score_field()
    pengaduan = _score_field()
    sarana = _score_field()

    age_band = models.CharField(_("age"), max_length=8, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    education = models.CharField(
        _("education"), max_length=8, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("occupation"), max_length=12, choices=Occupation.choices, blank=True
    )
    suggestion = LimitedTextField(_("suggestion"), max_length=SUGGESTION_MAX, blank=True)
    # Keyed hashes (HMAC under the secret key) of the answers and of the submitting device,
    # to refuse the same form sent twice; neither can be turned back into an address.
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [
            models.Index(fields=["unit", "day"], name="survey_response_unit_day"),
            models.Index(fields=["agency", "day"], name="survey_response_agency_day"),
            models.Index(fields=["fingerprint"], name="survey_response_fingerprint"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{element}__isnull": True})
                | Q(**{f"{element}__gte": 1, f"{element}__lte": 4}),
                name=f"survey_response_{element}_1_to_4",
            )
            for element in rules.ELEMENTS
        ]

    def __str__(self):
        return f"{self.unit_id} {self.day}"

    def scores(self) -> tuple[int | None, ...]:
        return tuple(getattr(self, element) for element in rules.ELEMENTS)


class SubmissionCount(models.Model):
    """How many answers a device or an address sent to a point in a window (a day, an hour),
    and how many tokens naming no open point an address tried in an hour: the counters of the
    submission limits (`services.responses`). The key is an HMAC under the secret key of the
    point, the scope and the device or address: the table holds no address and no cookie, and
    a key cannot be turned back into one."""

    class Scope(models.TextChoices):
        DEVICE = "device", _("Device per day")
        ADDRESS = "address", _("Address per hour")
        LOOKUP = "lookup", _("Unknown tokens per address and hour")

    scope = models.CharField(max_length=8, choices=Scope.choices)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("survey submission count")
        verbose_name_plural = _("survey submission counts")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="survey_count_unique_window"
            )
        ]
        indexes = [models.Index(fields=["window_start"], name="survey_count_window")]

    def __str__(self):
        return f"{self.scope} {self.key[:8]}… {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


# --- the follow-up plan (rencana tindak lanjut) ---------------------------------------------

ELEMENT_CHOICES = [(str(element), name) for element, name in rules.ELEMENT_NAMES.items()]
ACTION_MAX = 2000
NOTE_MAX = 2000


class FollowupStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (FollowupStatus.PLANNED, FollowupStatus.IN_PROGRESS)


class FollowupAction(models.Model):
    """One action a service unit takes on an element of a period's results: what, who (a post
    of the unit or a described owner, never a person), by when, and how it ended."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("period number"), default=1)
    element = models.CharField(_("element"), max_length=16, choices=ELEMENT_CHOICES)
    action = LimitedTextField(_("action"), max_length=ACTION_MAX)
    owner_position = models.ForeignKey(
        "org.Position",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner (post)"),
    )
    owner_text = models.CharField(_("owner (described)"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=FollowupStatus.choices,
        default=FollowupStatus.PLANNED,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    drop_reason = LimitedTextField(_("reason for dropping"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "year", "kind", "number", "due_date", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        indexes = [
            models.Index(fields=["unit", "year", "kind", "number"], name="survey_followup_period"),
            models.Index(fields=["agency", "status", "due_date"], name="survey_followup_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=12), name="survey_followup_period_number"
            ),
            models.CheckConstraint(
                condition=(Q(owner_position__isnull=False) & Q(owner_text=""))
                | (Q(owner_position__isnull=True) & ~Q(owner_text="")),
                name="survey_followup_one_owner",
            ),
            models.CheckConstraint(
                condition=(Q(status=FollowupStatus.DONE) & Q(done_on__isnull=False))
                | (~Q(status=FollowupStatus.DONE) & Q(done_on__isnull=True)),
                name="survey_followup_done_on_when_done",
            ),
            models.CheckConstraint(
                condition=(Q(status=FollowupStatus.DROPPED) & ~Q(drop_reason=""))
                | (~Q(status=FollowupStatus.DROPPED) & Q(drop_reason="")),
                name="survey_followup_reason_when_dropped",
            ),
        ]

    def __str__(self):
        return f"{rules.ELEMENT_NAMES.get(self.element, self.element)}: {self.action[:80]}"

    @property
    def element_name(self) -> str:
        return rules.ELEMENT_NAMES.get(self.element, self.element)

    @property
    def owner_label(self) -> str:
        return self.owner_position.name if self.owner_position_id else self.owner_text

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_date < today


class FollowupProgress(models.Model):
    """A dated note on how a follow-up action is going."""

    followup = models.ForeignKey(FollowupAction, on_delete=models.CASCADE, related_name="notes")
    day = models.DateField(_("date"))
    note = LimitedTextField(_("progress"), max_length=NOTE_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["followup", "day", "pk"]
        verbose_name = _("follow-up progress")
        verbose_name_plural = _("follow-up progress notes")

    def __str__(self):
        return f"{self.day}: {self.note[:80]}"


# --- the SKM report -------------------------------------------------------------------------


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SkmReport(models.Model):
    """A unit's SKM report of a period. The unit's handlers draft it; the holder of the unit's
    head post approves it, which freezes its figures in `snapshot` and publishes it. A published
    report never changes: a correction is a new version, with its reason, and the earlier
    version stays."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("period number"), default=1)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    summary = LimitedTextField(_("analysis and conclusion"), blank=True)
    correction_reason = LimitedTextField(_("reason for the correction"), blank=True)
    drafted_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approver_name = models.CharField(max_length=255, blank=True)
    approver_post = models.CharField(max_length=255, blank=True)
    snapshot = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["unit", "-year", "kind", "-number", "-version"]
        verbose_name = _("SKM report")
        verbose_name_plural = _("SKM reports")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "number", "version"],
                name="survey_report_unique_version",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "number"],
                condition=Q(status=ReportStatus.DRAFT),
                name="survey_report_one_draft",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=ReportStatus.PUBLISHED)
                    & Q(snapshot__isnull=False)
                    & Q(approved_at__isnull=False)
                )
                | (Q(status=ReportStatus.DRAFT) & Q(snapshot__isnull=True)),
                name="survey_report_snapshot_when_published",
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(correction_reason=""),
                name="survey_report_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=12), name="survey_report_period_number"
            ),
        ]

    def __str__(self):
        return f"SKM {self.unit_id} {self.year} {self.kind} {self.number} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED
