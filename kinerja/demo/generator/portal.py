"""The demo regency's publications on the public transparency portal.

BKPSDM published every month or quarter (the agency's evaluation period) and every year of the
last two years whose figures were final, through the publishing service as a real admin would:
a period with a recomputation waiting, an unverified realisation or an undecided predikat is
left unpublished (the staff page says why). The first published quarter or month was corrected
once, with its reason.
"""

from __future__ import annotations

import datetime

from kinerja.accounts.models import Role, RoleGrant
from kinerja.accounts.viewer import build_viewer
from kinerja.iku.models import Period
from kinerja.portal.selectors.staff import blocker_counts
from kinerja.portal.services.publishing import publication_correct, publication_publish

CORRECTION_REASON = (
    "Realisasi salah satu indikator dikoreksi setelah verifikasi ulang bukti dukung; "
    "angka periode ini diterbitkan ulang."
)


def seed_portal(agency, *, today: datetime.date) -> dict:
    grant = (
        RoleGrant.objects.filter(agency=agency, role=Role.BKPSDM_ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    actor = build_viewer(grant.user, today=today) if grant is not None else None
    periods = list(
        Period.objects.filter(
            performance_year__agency=agency,
            performance_year__year__gte=today.year - 2,
            end_date__lt=today,
        )
        .select_related("performance_year")
        .order_by("end_date", "kind")
    )
    counts = blocker_counts(periods)
    published = []
    for period in periods:
        if counts[period.pk].blockers:
            continue
        published.append(publication_publish(actor=actor, period=period))
    corrected = 0
    first = next((v for v in published if not v.publication.period.is_annual), None)
    if first is not None:
        publication_correct(actor=actor, publication=first.publication, reason=CORRECTION_REASON)
        corrected = 1
    return {
        "published": len(published),
        "annual": sum(1 for v in published if v.publication.period.is_annual),
        "corrected": corrected,
        "not_final": len(periods) - len(published),
    }
