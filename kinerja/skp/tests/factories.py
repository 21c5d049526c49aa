"""Builders of SKP test data on top of the personas."""

from __future__ import annotations

import datetime
from decimal import Decimal

from kinerja.skp import services
from kinerja.skp.models import Skp, SkpStatus

YEAR = 2026
PLANNING_DAY = datetime.date(YEAR, 1, 10)


def start_skp(personas, key: str, *, year: int = YEAR, day=PLANNING_DAY) -> Skp:
    return services.skp_create(actor=None, employee=personas.employees[key], year=year, day=day)


def add_result(skp: Skp, text: str = "Laporan layanan tersusun", *, leader_rhk=None, **rhk_fields):
    """A complete RHK with one quantitative indicator."""
    if skp.form == "jpt":
        rhk_fields.setdefault("perspective", "anggaran")
    rhk = services.rhk_add(actor=None, skp=skp, text=text, intervened_rhk=leader_rhk, **rhk_fields)
    services.indicator_add(
        actor=None,
        rhk=rhk,
        text=f"Jumlah {text.lower()}",
        aspect="kuantitas",
        target_value=Decimal("12"),
        unit_of_measure="laporan",
    )
    return rhk


def set_plan(skp: Skp) -> Skp:
    """Walk the plan through dialogue and submission to set, as the system."""
    if skp.status == SkpStatus.DRAFT:
        skp = services.skp_start_dialogue(actor=None, skp=skp)
    skp = services.skp_submit(actor=None, skp=skp)
    return services.skp_set(actor=None, skp=skp)


def chain_of_plans(personas, *, year: int = YEAR):
    """Set SKPs for kadinkes -> kabid -> kasi, each intervening in the leader's RHK, and a
    draft for staf intervening in the kasi's RHK."""
    kadinkes = start_skp(personas, "kadinkes", year=year)
    top = add_result(kadinkes, "Meningkatnya mutu layanan kesehatan")
    kadinkes = set_plan(kadinkes)
    kabid = start_skp(personas, "kabid", year=year)
    middle = add_result(kabid, "Meningkatnya cakupan layanan kesehatan primer", leader_rhk=top)
    kabid = set_plan(kabid)
    kasi = start_skp(personas, "kasi", year=year)
    low = add_result(kasi, "Terlaksananya pembinaan puskesmas", leader_rhk=middle)
    kasi = set_plan(kasi)
    staf = start_skp(personas, "staf", year=year)
    add_result(staf, "Tersusunnya laporan pembinaan", leader_rhk=low)
    return {"kadinkes": kadinkes, "kabid": kabid, "kasi": kasi, "staf": staf, "rhk": low}


def action_period(skp: Skp, number: int = 1, evaluation_period: str = "quarterly"):
    """The evaluation period `number` (a quarter, or a month) of the plan's year, opening the
    year with `evaluation_period` when it is not configured."""
    from kinerja.iku.models import PerformanceYear, Period
    from kinerja.iku.services.calendar import performance_year_create

    if not PerformanceYear.objects.filter(agency_id=skp.agency_id, year=skp.year).exists():
        performance_year_create(
            actor=None, agency=skp.agency, year=skp.year, evaluation_period=evaluation_period
        )
    return Period.objects.get(
        performance_year__agency_id=skp.agency_id,
        performance_year__year=skp.year,
        kind__in=["month", "quarter"],
        number=number,
    )


def editor_url(skp: Skp, rhk=None, *, new_rhk: bool = False) -> str:
    """The SKP editor with the card of `rhk` open (or the form of a new RHK)."""
    from django.urls import reverse

    url = reverse("skp:edit", args=[skp.pk])
    if new_rhk:
        return f"{url}?buka=baru"
    return f"{url}?buka=rhk-{rhk.pk}" if rhk is not None else url
