"""What signing a Perjanjian Kinerja does to the JPT plans of its unit.

A JPT plan takes the PK targets as mandatory main results (PermenPANRB 6/2022 Lampiran p.28),
from the draft PK while none is signed. Once the PK is signed, the plans of its unit and year
that can still change (draft, dialogue, returned) gain the indicators they do not have yet; a
submitted or set plan is never touched (it changes through a new version). Registered with
the iku sign service in SkpConfig.ready().
"""

from __future__ import annotations

from kinerja.accounts.actors import audit_actor
from kinerja.core import audit
from kinerja.skp import rules
from kinerja.skp.models import Skp
from kinerja.skp.services.plan import _agreement_rhks


def plans_follow_signed_agreement(*, agreement, actor) -> list[Skp]:
    """Add the signed PK's missing indicators to the open JPT plans of its unit and year;
    one audit event per plan changed. Runs in the sign service's transaction."""
    plans = (
        Skp.objects.select_for_update()
        .filter(
            unit_id=agreement.unit_id,
            year=agreement.year,
            form=rules.FORM_JPT,
            is_latest=True,
            status__in=rules.EDITABLE_STATUSES,
        )
        .select_related("agency")
        .order_by("pk")
    )
    changed = []
    for skp in plans:
        added = _agreement_rhks(skp, agreement)
        if not added:
            continue
        audit.record(
            actor=audit_actor(actor),
            action="skp.plan.agreement_applied",
            obj=skp,
            after={
                "agreement": agreement.pk,
                "agreement_version": agreement.version,
                "rhk_added": [{"id": rhk.pk, "text": rhk.text} for rhk in added],
            },
            agency=skp.agency,
        )
        changed.append(skp)
    return changed
