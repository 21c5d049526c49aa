"""A small performance plan on top of the personas, for the page tests and the browser journey.

Adds to Kabupaten Contoh: Bappeda (the planning unit) with a planner, ``perencana``; an OPD admin
without a position, ``admin_opd``, who administers Dinas Kesehatan; the year 2025 (quarterly);
a regional goal → a Dinkes strategic goal → a Yankes programme goal with the indicator
"Cakupan imunisasi" (target 100 a year, 25 a quarter).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kinerja.accounts import services as accounts
from kinerja.accounts.models import Role
from kinerja.iku.models import GoalLevel
from kinerja.iku.services import calendar as calendar_services
from kinerja.iku.services import realisation as realisation_services
from kinerja.iku.services import results as results_services
from kinerja.iku.services import tree as tree_services
from kinerja.iku.tests import factories as f
from kinerja.org.tests import factories as org
from kinerja.org.tests.personas import PASSWORD

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass
class Plan:
    personas: object
    year: object
    quarters: list
    annual: object
    regency_goal: object
    dinkes_goal: object
    yankes_goal: object
    indicator: object


def add_people(personas) -> None:
    agency = personas.agency
    bappeda = org.unit(agency, "BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan")
    personas.units["bappeda"] = bappeda
    position = org.position(agency, bappeda, "BAPPEDA-02", "Pengolah Data Perencanaan", "pelaksana")
    personas.positions["perencana"] = position
    person = org.employee(
        agency, "Rina Kartika", position=position, start=datetime.date(2020, 1, 1)
    )
    personas.employees["perencana"] = person
    personas.users["perencana"] = accounts.user_create(
        actor=None,
        agency=agency,
        username="perencana",
        password=PASSWORD,
        full_name=person.full_name,
        employee=person,
    )
    calendar_services.planning_unit_set(actor=None, agency=agency, unit=bappeda)
    personas.users["admin_opd"] = accounts.user_create(
        actor=None, agency=agency, username="admin_opd", password=PASSWORD, full_name="Admin OPD"
    )
    accounts.role_grant(
        actor=None,
        user=personas.users["admin_opd"],
        role=Role.ADMIN_UNIT,
        unit=personas.units["dinkes"],
    )


def build_plan(personas) -> Plan:
    add_people(personas)
    py = f.performance_year(personas.agency, 2025, "quarterly")
    quarters = [py.periods.get(kind="quarter", number=n) for n in (1, 2, 3, 4)]
    annual = py.periods.get(kind="year")
    regency = f.goal(
        personas, "bappeda", GoalLevel.TUJUAN_DAERAH, code="T1", statement="Masyarakat sehat"
    )
    dinkes = f.goal(
        personas,
        "dinkes",
        GoalLevel.SASARAN_STRATEGIS,
        parent=regency,
        code="S1",
        statement="Derajat kesehatan meningkat",
    )
    yankes = f.goal(
        personas,
        "yankes",
        GoalLevel.SASARAN_PROGRAM,
        parent=dinkes,
        code="P1",
        statement="Layanan kesehatan dasar merata",
    )
    indicator = f.indicator(
        yankes,
        "Cakupan imunisasi",
        code="IKU-1",
        is_iku=True,
        definition="Bayi yang mendapat imunisasi dasar lengkap",
        formula_text="Bayi diimunisasi / jumlah bayi x 100",
        data_source="Laporan puskesmas",
    )
    tree_services.target_set(actor=None, indicator=indicator, year=2025, value=100)
    for quarter in quarters:
        tree_services.target_set(actor=None, indicator=indicator, period=quarter, value=25)
    return Plan(personas, py, quarters, annual, regency, dinkes, yankes, indicator)


def add_indicators(plan: Plan, count: int, *, with_realisations=True) -> None:
    """More goals, indicators, verified realisations and evidence: pages must not grow queries."""
    base = plan.indicator.goal
    for n in range(count):
        goal = f.goal(
            plan.personas,
            "yankes",
            GoalLevel.SASARAN_KEGIATAN,
            parent=base,
            statement=f"Kegiatan {n}",
        )
        indicator = f.indicator(goal, f"Indikator tambahan {n}")
        tree_services.target_set(actor=None, indicator=indicator, year=2025, value=100)
        for quarter in plan.quarters:
            tree_services.target_set(actor=None, indicator=indicator, period=quarter, value=25)
        if with_realisations:
            verified(indicator, plan.quarters[0], 20 + n, evidence=True)
    results_services.capaian_recompute_year(actor=None, agency=plan.personas.agency, year=2025)


def pdf(name="bukti.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def submitted(indicator, period, value, *, evidence=False):
    realisation = realisation_services.realisation_enter(
        actor=None, indicator=indicator, period=period, value=value
    )
    if evidence:
        realisation_services.evidence_add(actor=None, realisation=realisation, uploaded_file=pdf())
    return realisation_services.realisation_submit(actor=None, realisation=realisation)


def verified(indicator, period, value, *, evidence=False):
    realisation = submitted(indicator, period, value, evidence=evidence)
    return realisation_services.realisation_verify(actor=None, realisation=realisation)


def recompute(plan: Plan) -> None:
    results_services.capaian_recompute_year(actor=None, agency=plan.personas.agency, year=2025)
