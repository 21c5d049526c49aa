"""Publishing a period's figures on the portal, and correcting what was published.

A publication freezes the period's public figures (`services.snapshot`) in a version that never
changes. Only final figures are published (`rules.publication_blockers`): no recomputation
waiting, every realisation of the period verified, every organisation predikat decided. A
correction is the next version, with its reason; the earlier ones stay readable.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.accounts.actors import as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.fields import check_lengths
from kinerja.iku.models import Period
from kinerja.portal import permissions, rules
from kinerja.portal.models import Publication, PublicationVersion
from kinerja.portal.selectors.staff import blockers_of
from kinerja.portal.services.snapshot import build_snapshot, publisher_office

BLOCKER_MESSAGES = {
    rules.Blocker.RECOMPUTATIONS_PENDING: gettext_lazy(
        "The capaian of the year are waiting to be recomputed."
    ),
    rules.Blocker.REALISATIONS_UNVERIFIED: gettext_lazy(
        "Some realisations of the period are not verified yet."
    ),
    rules.Blocker.PREDIKAT_UNDECIDED: gettext_lazy(
        "Some organisation predikat of the period are not decided yet."
    ),
}

CORRECTION_MESSAGES = {
    rules.CorrectionProblem.NOTHING_PUBLISHED: gettext_lazy(
        "The period has not been published: there is nothing to correct."
    ),
    rules.CorrectionProblem.NOT_CURRENT: gettext_lazy(
        "Someone published a newer version meanwhile: look at it before correcting."
    ),
    rules.CorrectionProblem.REASON_REQUIRED: gettext_lazy(
        "Write why the published figures are corrected; the reason is published with them."
    ),
}

NOT_ALLOWED = gettext_lazy("Only BKPSDM and the planning agency may publish the portal's figures.")


def _refuse_blocked(period) -> None:
    blockers = blockers_of(period)
    if blockers:
        raise ValidationError(
            [ValidationError(str(BLOCKER_MESSAGES[b]), code=str(b)) for b in blockers]
        )


def _new_version(actor, publication, period, version: int, reason: str) -> PublicationVersion:
    viewer = as_viewer(actor)
    now = timezone.now()
    today = viewer.today if viewer is not None else timezone.localdate()
    made = PublicationVersion(
        publication=publication,
        version=version,
        reason=reason,
        snapshot=build_snapshot(period, actor=actor, today=today),
        published_at=now,
        published_by=audit_actor(actor),
        publisher_office=publisher_office(actor, period.performance_year.agency)[:255],
    )
    made.full_clean(exclude=["snapshot"])
    made.save()
    return made


def _audit(actor, action, version, reason=""):
    audit.record(
        actor=audit_actor(actor),
        action=action,
        obj=version.publication,
        agency=version.publication.agency,
        after={"version": version.version, "period": str(version.publication.period)},
        reason=reason,
    )


@transaction.atomic
def publication_publish(*, actor, period: Period | int) -> PublicationVersion:
    """Publish a period for the first time: its figures become public as version 1.

    Refused while a blocker stands (`rules.publication_blockers`), and for a period already
    published (a change is a correction, `publication_correct`).
    """
    period = (
        Period.objects.select_for_update()
        .select_related("performance_year__agency")
        .filter(pk=getattr(period, "pk", period))
        .first()
    )
    if period is None:
        raise ValidationError({"period": _("Choose a period of your agency.")})
    agency = period.performance_year.agency
    require(actor, lambda v: permissions.can_publish(v, agency.pk), str(NOT_ALLOWED))
    if Publication.objects.filter(period=period).exists():
        raise ImmutableRecordError(
            _("This period is already published; publish a correction with its reason instead.")
        )
    _refuse_blocked(period)
    publication = Publication.objects.create(agency=agency, period=period)
    version = _new_version(actor, publication, period, rules.FIRST_VERSION, "")
    _audit(actor, "portal.publication.published", version)
    return version


@transaction.atomic
def publication_correct(
    *, actor, publication: Publication | int, reason: str, corrects: int | None = None
) -> PublicationVersion:
    """Publish the next version of a published period with the reason for the correction.

    `corrects` is the version the person looked at (default: the current one): if another
    correction came first the request is refused, so nobody overwrites what they did not see.
    """
    publication = (
        Publication.objects.select_for_update()
        .select_related("period__performance_year__agency", "agency")
        .filter(pk=getattr(publication, "pk", publication))
        .first()
    )
    if publication is None:
        raise ValidationError({"publication": _("Choose a publication of your agency.")})
    require(actor, lambda v: permissions.can_publish(v, publication.agency_id), str(NOT_ALLOWED))
    reason = (reason or "").strip()
    published = list(publication.versions.values_list("version", flat=True))
    current = rules.current_version(published)
    problems = rules.correction_problems(published, corrects or current or 1, reason)
    if problems:
        field = {rules.CorrectionProblem.REASON_REQUIRED: "reason"}
        raise ValidationError(
            {
                field.get(p, "__all__"): ValidationError(str(CORRECTION_MESSAGES[p]), code=str(p))
                for p in problems
            }
        )
    check_lengths(PublicationVersion, reason=reason)
    _refuse_blocked(publication.period)
    version = _new_version(
        actor, publication, publication.period, rules.next_version(published), reason
    )
    _audit(actor, "portal.publication.corrected", version, reason=reason)
    return version
