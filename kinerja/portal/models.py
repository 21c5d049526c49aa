"""The portal's records: an agency's settings for what it publishes, and its publications.

A publication is one performance period of one agency (a month where the agency reports
monthly, a quarter, a year: the `iku` calendar's Period). Each time BKPSDM or Bappeda publish it,
a new version freezes the public figures (`snapshot`, whose shape `kinerja.portal.snapshot`
describes); a published version never changes. A correction is the next version, with its
reason, and the portal shows the latest version and the whole history.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import LimitedTextField
from kinerja.portal import rules

MINIMUM_GROUP_RANGE = (2, 100)


class PortalSettings(models.Model):
    """What an agency chooses to show on its portal; the defaults protect people most."""

    agency = models.OneToOneField(
        "org.Agency", on_delete=models.CASCADE, related_name="portal_settings"
    )
    minimum_group = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=rules.DEFAULT_MINIMUM_GROUP,
        validators=[
            MinValueValidator(MINIMUM_GROUP_RANGE[0]),
            MaxValueValidator(MINIMUM_GROUP_RANGE[1]),
        ],
        help_text=_("A figure from fewer people than this is not shown (suppressed)."),
    )
    show_signatory_names = models.BooleanField(
        _("show signatories' names on published documents"),
        default=False,
        help_text=_("Officials always appear by their office; never with their NIP."),
    )
    show_unit_predikat = models.BooleanField(
        _("show the units' performance predikat"),
        default=False,
        help_text=_("The organisation predikat of each unit, where its group is large enough."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("portal settings")
        verbose_name_plural = _("portal settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_group__gte=MINIMUM_GROUP_RANGE[0])
                & Q(minimum_group__lte=MINIMUM_GROUP_RANGE[1]),
                name="portal_settings_minimum_group_range",
            ),
        ]

    def __str__(self):
        return f"{self.agency} portal"


class Publication(models.Model):
    """One period of one agency on the portal; its versions hold what was published."""

    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    period = models.OneToOneField(
        "iku.Period", on_delete=models.PROTECT, related_name="publication"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "-period__end_date", "period__kind"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return f"{self.agency} {self.period}"


class PublicationVersion(models.Model):
    """A published version: the frozen public figures, who published it (by office) and why a
    correction was needed. Never changed nor deleted once saved."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"), default=rules.FIRST_VERSION)
    reason = LimitedTextField(_("reason for the correction"), blank=True)
    snapshot = models.JSONField(_("published figures"), editable=False)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publisher_office = models.CharField(_("published by (office)"), max_length=255)

    class Meta:
        ordering = ["publication", "-version"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "version"], name="portal_publication_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=rules.FIRST_VERSION), name="portal_version_from_one"
            ),
            models.CheckConstraint(
                condition=Q(version=rules.FIRST_VERSION) | ~Q(reason=""),
                name="portal_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.publication} v{self.version}"

    def save(self, *args, **kwargs):
        # A published version is what the public saw: a correction is a new version.
        if self.pk is not None or kwargs.get("force_update"):
            raise ImmutableRecordError("A published version never changes; publish a correction.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("A published version is never deleted.")

    @property
    def is_correction(self) -> bool:
        return rules.is_correction(self.version)
