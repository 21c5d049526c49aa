"""Test data of the realisations: the personas' chain of plans, set, in a quarterly year."""

from __future__ import annotations

import datetime

from django.utils import timezone

from kinerja.accounts.viewer import build_viewer
from kinerja.iku.models import Period
from kinerja.skp.models import Skp
from kinerja.skp.tests.factories import YEAR, action_period, chain_of_plans, set_plan

D = datetime.date
IN_MAY = D(YEAR, 5, 4)


def viewer(personas, key, today=IN_MAY):
    return build_viewer(personas.users[key], today=today)


def set_on(skp: Skp, day: datetime.date) -> Skp:
    """Record that the version was set on `day` (the services stamp the real time)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Skp.objects.filter(pk=skp.pk).update(set_at=moment)
    skp.refresh_from_db()
    return skp


def plans(personas) -> dict:
    """Set plans for kadinkes, kabid, kasi and staf (staf's rated by kasi), all set in January,
    and the quarterly performance year 2026."""
    chain = chain_of_plans(personas)
    chain["staf"] = set_plan(chain["staf"])
    for key in ("kadinkes", "kabid", "kasi", "staf"):
        chain[key] = set_on(chain[key], D(YEAR, 1, 15))
    action_period(chain["staf"], 1, "quarterly")
    return chain


def quarter(personas, number: int) -> Period:
    return Period.objects.get(
        performance_year__agency=personas.agency,
        performance_year__year=YEAR,
        kind="quarter",
        number=number,
    )


def indicator_of(skp: Skp):
    return skp.rhks.order_by("pk").first().indicators.order_by("pk").first()
