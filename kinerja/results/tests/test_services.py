import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.iku.models import GoalLevel
from kinerja.iku.services import realisation as org_services
from kinerja.iku.tests import factories as iku_factories
from kinerja.results import selectors, services
from kinerja.results.models import Realisation
from kinerja.results.tests.data import IN_MAY, D, indicator_of, plans, quarter, set_on, viewer
from kinerja.skp import services as skp_services
from kinerja.skp.models import PlanExemption, Rhk, RhkIndicator
from kinerja.skp.tests.factories import YEAR, set_plan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def world(personas):
    return personas, plans(personas)


def _enter(personas, chain, period, value="5", text="", today=IN_MAY, **extra):
    return services.realisation_save(
        actor=viewer(personas, "staf", today),
        employee=personas.employees["staf"],
        period=period,
        indicator_key=indicator_of(chain["staf"]).key,
        value=value,
        text=text,
        **extra,
    )


def test_the_employee_enters_submits_and_the_rater_verifies(world):
    personas, chain = world
    q1 = quarter(personas, 1)
    realisation = _enter(personas, chain, q1, value="7,5", submit=True, today=D(YEAR, 4, 10))
    assert realisation.value == Decimal("7.5")
    assert realisation.status == "submitted"
    assert realisation.rater_id == personas.employees["kasi"].pk
    assert not realisation.is_late
    verified = services.realisation_verify(actor=viewer(personas, "kasi"), realisation=realisation)
    assert verified.status == "verified" and verified.version == 1
    assert verified.versions.get().kind == "verified"
    actions = list(
        AuditEvent.objects.filter(object_type="results.realisation").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == [
        "results.realisation.entered",
        "results.realisation.submitted",
        "results.realisation.verified",
    ]


def test_a_realisation_survives_a_revision_and_shows_against_the_version_of_its_period(world):
    personas, chain = world
    q1, q2 = quarter(personas, 1), quarter(personas, 2)
    first = _enter(personas, chain, q1, value="3", submit=True)
    services.realisation_verify(actor=viewer(personas, "kasi"), realisation=first)
    old_indicator = indicator_of(chain["staf"])
    # Mid-year the plan is revised: the RHK and its indicator are reworded, the target raised.
    revised = skp_services.skp_revise(
        actor=None, skp=chain["staf"], kind="expectation", reason="Target dinaikkan"
    )
    rhk = revised.rhks.get(key=old_indicator.rhk.key)
    skp_services.rhk_update(actor=None, rhk=rhk, text="Tersusunnya laporan pembinaan terpadu")
    new_indicator = rhk.indicators.get(key=old_indicator.key)
    skp_services.indicator_update(actor=None, indicator=new_indicator, target_value="20")
    revised = set_on(set_plan(revised), D(YEAR, 5, 2))
    assert revised.pk != chain["staf"].pk

    staf = viewer(personas, "staf")
    employee = personas.employees["staf"]
    q1_page = selectors.period_page(staf, employee, q1)
    assert q1_page.plan.pk == chain["staf"].pk
    (row,) = q1_page.rows
    assert row.realisation.pk == first.pk
    assert row.rhk.text == "Tersusunnya laporan pembinaan"
    assert row.indicator.target_value == Decimal("12")

    q2_page = selectors.period_page(staf, employee, q2)
    assert q2_page.plan.pk == revised.pk
    (row,) = q2_page.rows
    assert row.realisation is None
    assert row.rhk.text == "Tersusunnya laporan pembinaan terpadu"
    assert row.indicator.target_value == Decimal("20")
    # The verified Q1 realisation is still read against its own version on the detail page.
    (shown,) = selectors.with_plan_content([Realisation.objects.get(pk=first.pk)])
    assert shown.indicator.rhk.skp_id == chain["staf"].pk
    # And a Q2 realisation is keyed the same, written against the revised version.
    second = _enter(personas, chain, q2, value="9")
    assert second.indicator_key == first.indicator_key == new_indicator.key


def test_a_jpt_result_linked_to_an_organisation_indicator_reads_its_verified_realisation(world):
    personas, chain = world
    goal = iku_factories.goal(personas, "dinkes", GoalLevel.SASARAN_STRATEGIS)
    org_indicator = iku_factories.indicator(goal, "Indeks kepuasan layanan")
    q1 = quarter(personas, 1)
    plan = chain["kadinkes"]
    assert plan.form == "jpt"
    rhk = Rhk.objects.create(
        skp=plan, text=goal.statement, iku_goal=goal, iku_indicator=org_indicator, order=9
    )
    RhkIndicator.objects.create(rhk=rhk, text=org_indicator.name, target_value=Decimal("80"))
    kadinkes = viewer(personas, "kadinkes")
    employee = personas.employees["kadinkes"]

    page = selectors.period_page(kadinkes, employee, q1)
    row = next(r for r in page.rows if r.rhk.pk == rhk.pk)
    assert row.org_linked and row.org_realisation is None

    org = org_services.realisation_enter(
        actor=None, indicator=org_indicator, period=q1, value="83.5"
    )
    org = org_services.realisation_submit(actor=None, realisation=org)
    org_services.realisation_verify(actor=None, realisation=org)
    page = selectors.period_page(kadinkes, employee, q1)
    row = next(r for r in page.rows if r.rhk.pk == rhk.pk)
    assert row.org_realisation.value == Decimal("83.5")

    with pytest.raises(ValidationError) as error:
        services.realisation_enter(
            actor=kadinkes,
            employee=employee,
            period=q1,
            indicator_key=row.indicator.key,
            value="90",
        )
    assert "indicator_key" in error.value.message_dict


def test_a_submission_after_the_deadline_is_accepted_and_recorded_late(world):
    personas, chain = world
    q1 = quarter(personas, 1)
    due = selectors.due_date(q1)
    on_time = _enter(personas, chain, q1, today=due, submit=True)
    assert not on_time.is_late
    assert due == on_time.due_date
    q2 = quarter(personas, 2)
    late_day = selectors.due_date(q2) + datetime.timedelta(days=1)
    late = _enter(personas, chain, q2, today=late_day, submit=True)
    assert late.is_late


def test_the_reporting_deadline_counts_working_days_after_the_period(world):
    personas, _chain = world
    q1 = quarter(personas, 1)
    # 31 March 2026 is a Tuesday: ten working days later is Tuesday 14 April.
    assert selectors.due_date(q1) == D(YEAR, 4, 14)


def test_only_the_employee_enters_their_realisation(world):
    personas, chain = world
    with pytest.raises(PermissionDeniedError):
        services.realisation_enter(
            actor=viewer(personas, "kasi"),
            employee=personas.employees["staf"],
            period=quarter(personas, 1),
            indicator_key=indicator_of(chain["staf"]).key,
            value="1",
        )


@pytest.mark.parametrize("key", ["dokter", "kabid", "staf", "bkpsdm", "auditor", "outsider"])
def test_only_the_rater_verifies(world, key):
    personas, chain = world
    realisation = _enter(personas, chain, quarter(personas, 1), submit=True)
    with pytest.raises(PermissionDeniedError):
        services.realisation_verify(actor=viewer(personas, key), realisation=realisation)
    with pytest.raises(PermissionDeniedError):
        services.realisation_return(
            actor=viewer(personas, key), realisation=realisation, comment="Perbaiki"
        )


def test_a_return_needs_a_comment_and_the_employee_can_fix_it(world):
    personas, chain = world
    q1 = quarter(personas, 1)
    realisation = _enter(personas, chain, q1, submit=True)
    kasi = viewer(personas, "kasi")
    with pytest.raises(ValidationError):
        services.realisation_return(actor=kasi, realisation=realisation, comment="  ")
    returned = services.realisation_return(actor=kasi, realisation=realisation, comment="Bukti?")
    assert returned.status == "returned" and returned.return_comment == "Bukti?"
    fixed = _enter(personas, chain, q1, value="6", submit=True)
    assert fixed.pk == realisation.pk and fixed.status == "submitted"


def test_a_verified_realisation_changes_only_through_a_correction_with_a_reason(world):
    personas, chain = world
    q1 = quarter(personas, 1)
    realisation = _enter(personas, chain, q1, submit=True)
    kasi = viewer(personas, "kasi")
    services.realisation_verify(actor=kasi, realisation=realisation)
    with pytest.raises(ImmutableRecordError):
        _enter(personas, chain, q1, value="8")
    with pytest.raises(ValidationError):
        services.realisation_correct(actor=kasi, realisation=realisation, value="8", reason="")
    with pytest.raises(PermissionDeniedError):
        services.realisation_correct(
            actor=viewer(personas, "staf"), realisation=realisation, value="8", reason="Salah"
        )
    corrected = services.realisation_correct(
        actor=kasi, realisation=realisation, value="8", reason="Salah ketik"
    )
    assert corrected.version == 2 and corrected.value == Decimal("8")
    assert [v.kind for v in corrected.versions.order_by("version")] == ["verified", "corrected"]


def test_an_exempt_period_records_nothing(world):
    personas, chain = world
    PlanExemption.objects.create(
        agency=personas.agency,
        employee=personas.employees["staf"],
        reason="cltn",
        start_date=D(YEAR, 4, 1),
        end_date=D(YEAR, 6, 30),
    )
    with pytest.raises(ValidationError) as error:
        _enter(personas, chain, quarter(personas, 2))
    assert "period" in error.value.message_dict
    assert _enter(personas, chain, quarter(personas, 1)).pk


def test_a_period_not_started_takes_no_realisation(world):
    personas, chain = world
    with pytest.raises(ValidationError):
        _enter(personas, chain, quarter(personas, 3))


def test_a_bad_number_is_a_field_error(world):
    personas, chain = world
    with pytest.raises(ValidationError) as error:
        _enter(personas, chain, quarter(personas, 1), value="dua belas")
    assert "value" in error.value.message_dict


def test_the_same_evidence_for_another_period_or_employee_is_flagged_not_refused(world):
    personas, chain = world
    q1, q2 = quarter(personas, 1), quarter(personas, 2)
    first = _enter(personas, chain, q1, evidence_text="Laporan  Pembinaan Triwulan")
    second = _enter(personas, chain, q2, evidence_text="laporan pembinaan triwulan")
    file_one = _enter(
        personas, chain, q1, evidence_file=SimpleUploadedFile("a.pdf", PDF, "application/pdf")
    )
    assert file_one.pk == first.pk
    kasi_realisation = services.realisation_save(
        actor=viewer(personas, "kasi"),
        employee=personas.employees["kasi"],
        period=q1,
        indicator_key=indicator_of(chain["kasi"]).key,
        value="1",
        evidence_file=SimpleUploadedFile("b.pdf", PDF, "application/pdf"),
    )
    rows = [Realisation.objects.get(pk=pk) for pk in (first.pk, second.pk, kasi_realisation.pk)]
    selectors.evidence_with_reuses(rows)
    text_one = next(e for e in rows[0].evidence_list if e.kind == "text")
    assert [(u.period_label, u.same_employee) for u in text_one.reuses] == [(q2.label, True)]
    file_of_kasi = rows[2].evidence_list[0]
    assert [u.employee_name for u in file_of_kasi.reuses] == [personas.employees["staf"].full_name]


def test_evidence_takes_one_kind_and_checks_files_and_links(world):
    personas, chain = world
    realisation = _enter(personas, chain, quarter(personas, 1))
    staf = viewer(personas, "staf")
    with pytest.raises(ValidationError):
        services.evidence_add(actor=staf, realisation=realisation)
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=staf,
            realisation=realisation,
            uploaded_file=SimpleUploadedFile("x.pdf", b"<html>", "application/pdf"),
        )
    with pytest.raises(ValidationError) as error:
        services.evidence_add(actor=staf, realisation=realisation, url="javascript:alert(1)")
    assert "url" in error.value.message_dict
    link = services.evidence_add(actor=staf, realisation=realisation, url="https://contoh.go.id/a")
    assert link.kind == "link" and len(link.sha256) == 64
    with pytest.raises(PermissionDeniedError):
        services.evidence_remove(actor=viewer(personas, "kasi"), evidence=link)
    services.evidence_remove(actor=staf, evidence=link)


def test_the_rater_verifies_several_at_once_only_among_their_own(world):
    personas, chain = world
    one = _enter(personas, chain, quarter(personas, 1), submit=True)
    two = _enter(personas, chain, quarter(personas, 2), submit=True)
    with pytest.raises(ValidationError):
        services.realisation_verify_many(actor=viewer(personas, "kabid"), realisations=[one.pk])
    done = services.realisation_verify_many(
        actor=viewer(personas, "kasi"), realisations=[one.pk, str(two.pk)]
    )
    assert {r.status for r in done} == {"verified"}
