"""A page and the document of the same object answer the same way, for every persona.

Each pair below is one object seen two ways: the page that shows it and the PDF or Excel file
that prints it. Both ask the same permission predicate, so for every persona they give the same
answer: both 200, both refused (403, or 404 outside the agency), both the login page. A page
that shows what its document refuses (or the other way round) is the defect this test pins.

- the PK: `/kinerja/pk/<id>/` and `/laporan/pk/<id>/` (`iku.permissions.can_read_agreement`);
- a unit's performance: `/kinerja/unit/<id>/` and its LKjIP, PDF and Excel
  (`iku.permissions.can_see_unit_performance`);
- the regency's performance: `/kinerja/kabupaten/` and the regency LKjIP
  (`iku.permissions.oversees_performance`);
- an SKP: `/skp/<id>/` and its PDF (`skp.permissions.can_view`);
- a unit's plans: the alignment page of the unit and its SKP recap
  (`skp.permissions.can_read_unit_plans`);
- an evaluation: `/penilaian/<id>/` and its PDF (`appraisals.selectors.get_evaluation`), and a
  keberatan: its page and its PDF (the same selector);
- a unit's attendance in a month: `/absensi/?unit=<id>` and its Excel export
  (`activities.permissions.can_read_summaries` and `selectors.get_summary_unit`).
"""

import datetime

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from kinerja.appraisals import services as appraisal_services
from kinerja.appraisals.models import Evaluation
from kinerja.appraisals.tests.data import Q1_END, opened_q1, rate
from kinerja.appraisals.tests.data import viewer as appraisal_viewer
from kinerja.iku.services import agreement as agreement_services
from kinerja.iku.tests import factories as iku_factories
from kinerja.iku.tests import view_data
from kinerja.skp.tests.factories import YEAR
from kinerja.skp.tests.review_data import freeze_today

pytestmark = pytest.mark.django_db

RECEIVED = datetime.date(2026, 4, 2)
PERSONAS = [
    "anonymous",
    "dokter",
    "staf",
    "kasi",
    "kabid",
    "kadinkes",
    "admin_opd",
    "bkpsdm",
    "pimpinan",
    "auditor",
    "perencana",
    "outsider",
]
UNITS = ["dinkes", "yankes", "primer", "pkm", "bkpsdm", "bappeda"]


@pytest.fixture
def world(personas):
    """The performance plan of 2025 with a PK of the Bidang Yankes and of the Dinas Kesehatan,
    the SKPs of 2026, and a year 2025 for the other agency too (so that the outsider's
    regency report is refused or given for the right reason, not for a missing year)."""
    plan = view_data.build_plan(personas)
    iku_factories.performance_year(personas.other_agency, 2025, "quarterly")
    agreements = {}
    for unit in ("yankes", "dinkes"):
        agreement = agreement_services.agreement_create(
            actor=None, unit=personas.units[unit], year=2025
        )
        agreements[unit] = agreement
    agreement_services.agreement_line_add(
        actor=None, agreement=agreements["yankes"], indicator=plan.indicator
    )
    with pytest.MonkeyPatch.context() as patch:  # evaluated in Q1, received on 2 April
        freeze_today(patch, RECEIVED)
        plans, q1, _due = opened_q1(personas)  # the SKPs of 2026 and their Q1 evaluations
        staf = Evaluation.objects.get(period=q1, employee=personas.employees["staf"])
        staf = rate(personas, staf, "kasi", Q1_END)
        for step in ("evaluation_finalise", "evaluation_sign"):
            staf = getattr(appraisal_services, step)(actor=None, evaluation=staf)
        by_staf = appraisal_viewer(personas, "staf", RECEIVED)
        staf = appraisal_services.evaluation_acknowledge(actor=by_staf, evaluation=staf)
        appraisal_services.keberatan_file(actor=by_staf, evaluation=staf, reasons="Bukti baru.")
    evaluations = list(Evaluation.objects.filter(period=q1).order_by("pk"))
    return {
        "personas": personas,
        "agreements": agreements,
        "plans": plans,
        "evaluations": evaluations,
        "keberatan_of": staf,
    }


def _pairs(world) -> list[tuple[str, str]]:
    personas, units = world["personas"], world["personas"].units
    pairs = []
    for agreement in world["agreements"].values():
        pairs.append(
            (
                reverse("iku:agreement", args=[agreement.pk]),
                reverse("reports:pk_pdf", args=[agreement.pk]),
            )
        )
    for key in UNITS:
        page = reverse("iku:unit", args=[units[key].pk]) + "?year=2025"
        document = reverse("reports:lkjip_unit", args=[units[key].pk, 2025])
        pairs.append((page, document + "?format=xlsx"))
    pairs.append(
        (
            reverse("iku:unit", args=[units["yankes"].pk]) + "?year=2025",
            reverse("reports:lkjip_unit", args=[units["yankes"].pk, 2025]) + "?format=pdf",
        )
    )
    for fmt in ("xlsx", "pdf"):
        pairs.append(
            (
                reverse("iku:regency") + "?year=2025",
                reverse("reports:lkjip_regency", args=[2025]) + f"?format={fmt}",
            )
        )
    for key in ("kadinkes", "kabid", "kasi", "staf"):
        skp = world["plans"][key]
        pairs.append((reverse("skp:detail", args=[skp.pk]), reverse("skp:pdf", args=[skp.pk])))
    for key in UNITS:
        unit = personas.units[key]
        pairs.append(
            (
                reverse("skp:alignment_unit", args=[unit.pk]) + f"?year={YEAR}",
                reverse("skp:unit_recap", args=[unit.pk]) + f"?year={YEAR}",
            )
        )
    for evaluation in world["evaluations"]:
        pairs.append(
            (
                reverse("appraisals:detail", args=[evaluation.pk]),
                reverse("appraisals:document_pdf", args=[evaluation.pk]),
            )
        )
    for key in UNITS:
        query = f"?unit={personas.units[key].pk}&bulan=2026-03"
        pairs.append(
            (reverse("activities:attendance") + query, reverse("activities:export") + query)
        )
    keberatan_of = world["keberatan_of"].pk
    pairs.append(
        (
            reverse("appraisals:keberatan", args=[keberatan_of]),
            reverse("appraisals:keberatan_pdf", args=[keberatan_of]),
        )
    )
    return pairs


def _answer(client, url) -> str:
    response = client.get(url)
    status = response.status_code
    if status == 302:
        # The login page, or another page instead of this one (a pegawai's own attendance
        # instead of a unit's): the object is not shown either way.
        return "login" if response.url.startswith(resolve_url(settings.LOGIN_URL)) else "refused"
    return {200: "shown", 403: "refused", 404: "refused"}.get(status, str(status))


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_page_and_its_document_give_the_same_answer(client, world, persona):
    if persona != "anonymous":
        client.force_login(world["personas"].users[persona])
    disagreements = []
    answers = set()
    for page, document in _pairs(world):
        on_page, in_document = _answer(client, page), _answer(client, document)
        answers.add(on_page)
        if on_page != in_document:
            disagreements.append(f"{page}: {on_page}, {document}: {in_document}")
    assert disagreements == [], "\n".join(disagreements)
    if persona not in ("anonymous", "outsider"):
        assert "shown" in answers  # every persona of the agency reads at least one pair


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("dokter", "refused"),  # a pegawai of another unit
        ("kasi", "shown"),  # works in a unit below the Bidang
        ("kabid", "shown"),  # first party
        ("kadinkes", "shown"),  # second party, head of the unit above
        ("admin_opd", "shown"),
        ("perencana", "shown"),
        ("pimpinan", "shown"),
        ("auditor", "shown"),
        ("outsider", "refused"),
    ],
)
def test_the_pk_of_a_unit_is_read_by_its_people_leaders_admins_and_overseers(
    client, world, persona, expected
):
    client.force_login(world["personas"].users[persona])
    agreement = world["agreements"]["yankes"]
    assert _answer(client, reverse("iku:agreement", args=[agreement.pk])) == expected
    assert _answer(client, reverse("reports:pk_pdf", args=[agreement.pk])) == expected


@pytest.mark.parametrize(
    ("persona", "unit", "expected"),
    [
        ("kadinkes", "pkm", "shown"),  # head of the Dinas above the Puskesmas
        ("kabid", "primer", "shown"),  # head of the Bidang above the Seksi
        ("kasi", "pkm", "refused"),  # head of a Seksi in another branch
        ("dokter", "yankes", "refused"),  # a pegawai of another unit
        ("dokter", "dinkes", "shown"),  # staff of a unit below the Dinas
    ],
)
def test_a_units_performance_is_read_by_its_leaders_up_the_chain(
    client, world, persona, unit, expected
):
    personas = world["personas"]
    client.force_login(personas.users[persona])
    unit_pk = personas.units[unit].pk
    page = reverse("iku:unit", args=[unit_pk]) + "?year=2025"
    document = reverse("reports:lkjip_unit", args=[unit_pk, 2025]) + "?format=xlsx"
    assert (_answer(client, page), _answer(client, document)) == (expected, expected)
