"""Data of the SKP browser journey: the set plans above the staff member, built through the
services, so that the head of the seksi has indicator columns in his matrix."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kinerja.skp.models import Rhk, Skp
from kinerja.skp.tests.factories import add_result, set_plan, start_skp

KABID_RHK = "Meningkatnya cakupan layanan kesehatan primer"
KASI_RHK = "Terlaksananya pembinaan puskesmas"


@dataclass
class LeaderPlans:
    year: int
    kabid: Skp
    kasi: Skp
    kasi_rhk: Rhk


def leader_plans(personas) -> LeaderPlans:
    """Set SKPs kadinkes -> kabid -> kasi of the current year (the live server's year), each
    RHK intervening in the leader's; the staff member has no plan yet."""
    year = timezone.localdate().year
    day = datetime.date(year, 1, 10)
    kadinkes = start_skp(personas, "kadinkes", year=year, day=day)
    top = add_result(kadinkes, "Meningkatnya mutu layanan kesehatan")
    set_plan(kadinkes)
    kabid = start_skp(personas, "kabid", year=year, day=day)
    middle = add_result(kabid, KABID_RHK, leader_rhk=top)
    kabid = set_plan(kabid)
    kasi = start_skp(personas, "kasi", year=year, day=day)
    low = add_result(kasi, KASI_RHK, leader_rhk=middle)
    kasi = set_plan(kasi)
    return LeaderPlans(year=year, kabid=kabid, kasi=kasi, kasi_rhk=low)
