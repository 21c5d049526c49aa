"""Publications built by hand for the public side's tests: snapshots written out in the shape of
`kinerja.portal.snapshot`, stored as published versions, without the publishing services.

`world(personas)` publishes two quarters of the personas' agency (the first corrected once), with
a Puskesmas whose satisfaction and complaints are partly withheld for small groups, and one
quarter of the other agency.
"""

from __future__ import annotations

import copy
import datetime

from django.utils import timezone

from kinerja.iku.tests import factories as iku_factories
from kinerja.portal import rules
from kinerja.portal.models import Publication, PublicationVersion
from kinerja.portal.snapshot import SCHEMA_VERSION

BANDS = [
    {"label": "Kurang", "lower": "0", "lower_inclusive": True},
    {"label": "Cukup", "lower": "50", "lower_inclusive": False},
    {"label": "Baik", "lower": "75", "lower_inclusive": False},
    {"label": "Sangat Baik", "lower": "90", "lower_inclusive": False},
]


def trend(kind: str, values: list[tuple[int, int, str | None]]) -> list[dict]:
    short = {"quarter": "TW", "month": "Bln", "year": ""}[kind]
    return [
        {
            "label": f"{year} {short}{number}",
            "kind": kind,
            "number": number,
            "year": year,
            "value": v,
        }
        for year, number, v in values
    ]


def snapshot(agency, *, kind="quarter", number=1, year=2026, units=None, **parts) -> dict:
    """A snapshot of `agency` for one period: the given parts, else empty lists."""
    start, end = rules.period_span(kind, number, year)
    return {
        "schema": SCHEMA_VERSION,
        "agency": {"code": agency.code, "name": agency.name, "region_name": agency.region_name},
        "period": {
            "kind": kind,
            "number": number,
            "year": year,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
        "minimum_group": parts.pop("minimum_group", rules.DEFAULT_MINIMUM_GROUP),
        "category_bands": BANDS,
        "signatory": {"office": "Kepala Badan Perencanaan Pembangunan Daerah", "name": None},
        "capaian": parts.pop("capaian", None),
        "units": units or [],
        "goals": parts.pop("goals", []),
        "indicators": parts.pop("indicators", []),
        "satisfaction": parts.pop("satisfaction", []),
        "complaints": parts.pop("complaints", []),
        "forums": parts.pop("forums", []),
    }


def unit_part(unit, *, capaian=None, parent=None, service=False, head="Kepala") -> dict:
    return {
        "id": unit.pk,
        "name": unit.name,
        "parent_id": parent.pk if parent else None,
        "is_service_unit": service,
        "head_office": f"{head} {unit.name}",
        "capaian": capaian,
        "predikat": None,
    }


def publish(agency, period, data: dict, *, version=1, reason="", published_at=None):
    """A published version of the period's publication (the publication made when missing)."""
    publication, _created = Publication.objects.get_or_create(agency=agency, period=period)
    return PublicationVersion.objects.create(
        publication=publication,
        version=version,
        reason=reason,
        snapshot=data,
        published_at=published_at or timezone.now() - datetime.timedelta(days=1),
        publisher_office="Badan Perencanaan Pembangunan Daerah",
    )


def contoh_snapshot(personas, *, number=1, capaian="88.40", ikm="82.15") -> dict:
    """The personas' agency: Dinas Kesehatan with a goal and two indicators, the Puskesmas (a
    service unit) with an indicator, its IKM (one service withheld), and complaint figures."""
    u = personas.units
    dinkes, pkm, yankes = u["dinkes"], u["pkm"], u["yankes"]
    goal_id, pkm_goal_id = 9001, 9002
    return snapshot(
        personas.agency,
        number=number,
        capaian=capaian,
        units=[
            unit_part(dinkes, capaian=capaian),
            unit_part(yankes, capaian="91.00", parent=dinkes),
            unit_part(pkm, capaian="79.50", parent=dinkes, service=True),
        ],
        goals=[
            {
                "id": goal_id,
                "unit_id": dinkes.pk,
                "name": "Meningkatnya derajat kesehatan",
                "capaian": capaian,
            },
            {
                "id": pkm_goal_id,
                "unit_id": pkm.pk,
                "name": "Meningkatnya mutu layanan Puskesmas",
                "capaian": "79.50",
            },
        ],
        indicators=[
            {
                "id": 7001,
                "unit_id": dinkes.pk,
                "goal_id": goal_id,
                "name": "Angka harapan hidup",
                "unit_of_measure": "tahun",
                "polarity": "higher",
                "target": "72.00",
                "target_high": None,
                "realisation": "71.20",
                "capaian": "98.89",
                "trend": [],
            },
            {
                "id": 7002,
                "unit_id": pkm.pk,
                "goal_id": pkm_goal_id,
                "name": "Cakupan imunisasi dasar lengkap",
                "unit_of_measure": "%",
                "polarity": "higher",
                "target": "95.00",
                "target_high": None,
                "realisation": "75.50",
                "capaian": "79.47",
                "trend": trend("quarter", [(2025, 3, "70.00"), (2025, 4, "74.25")]),
            },
        ],
        satisfaction=[
            {
                "unit_id": pkm.pk,
                "service_id": None,
                "service_name": "Seluruh layanan",
                "respondents": 120,
                "ikm": ikm,
                "grade": "B",
                "weakest": ["waktu", "sarana"],
                "suppressed": None,
                "trend": trend("quarter", [(2025, 3, "78.00"), (2025, 4, "80.10")]),
            },
            {
                "unit_id": pkm.pk,
                "service_id": 501,
                "service_name": "Poli gigi",
                "respondents": None,
                "ikm": None,
                "grade": None,
                "weakest": [],
                "suppressed": rules.Reason.SMALL_GROUP.value,
                "trend": [],
            },
        ],
        complaints=[
            {
                "unit_id": None,
                "received": 40,
                "answered": 36,
                "answered_on_time": 30,
                "median_days": "4.0",
                "suppressed": None,
            },
            {
                "unit_id": pkm.pk,
                "received": None,
                "answered": None,
                "answered_on_time": None,
                "median_days": None,
                "suppressed": rules.Reason.SMALL_GROUP.value,
            },
        ],
        forums=[
            {"unit_id": pkm.pk, "forums": 2, "commitments": 5, "done": 3, "done_on_time": 2},
        ],
    )


def periods(agency, year=2026):
    performance_year = iku_factories.performance_year(agency, year, "quarterly")
    return {p.number: p for p in performance_year.periods.filter(kind="quarter")}


def world(personas) -> dict:
    """Two published quarters of the personas' agency, the first corrected once; one quarter of
    the other agency; and an unpublished (future) version that must never show."""
    quarters = periods(personas.agency)
    first = contoh_snapshot(personas, number=1, capaian="80.00")
    q1v1 = publish(
        personas.agency,
        quarters[1],
        first,
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    corrected = copy.deepcopy(first)
    corrected["capaian"] = "81.25"
    q1v2 = publish(
        personas.agency,
        quarters[1],
        corrected,
        version=2,
        reason="Realisasi Puskesmas diperbaiki setelah verifikasi ulang",
        published_at=timezone.now() - datetime.timedelta(days=20),
    )
    q2 = publish(personas.agency, quarters[2], contoh_snapshot(personas, number=2))
    future = copy.deepcopy(contoh_snapshot(personas, number=2))
    future["capaian"] = "11.11"
    draft = publish(
        personas.agency,
        quarters[2],
        future,
        version=2,
        reason="Belum terbit",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    other_quarters = periods(personas.other_agency)
    other = publish(
        personas.other_agency,
        other_quarters[1],
        snapshot(personas.other_agency, capaian="70.00"),
    )
    return {
        "q1v1": q1v1,
        "q1v2": q1v2,
        "q2": q2,
        "draft": draft,
        "other": other,
    }
