"""Opening a period, rating, calibration, finalising, signing and the employee's receipt."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kinerja.appraisals import services
from kinerja.appraisals.models import CalibrationChange, Evaluation
from kinerja.appraisals.tests.data import Q1_END, opened_q1, rate, viewer
from kinerja.core.errors import ImmutableRecordError, PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.org.tests.personas import build_personas

pytestmark = pytest.mark.django_db
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def personas():
    return build_personas()


def _of(personas, key, period):
    return Evaluation.objects.get(employee=personas.employees[key], period=period)


def test_opening_a_period_freezes_the_rater_unit_and_org_predikat_of_every_planned_employee(
    personas,
):
    _chain, q1, _due = opened_q1(personas)
    opened = {e.employee_id: e for e in Evaluation.objects.filter(period=q1)}
    keys = {k for k, e in personas.employees.items() if e.pk in opened}
    assert keys == {"kadinkes", "kabid", "kasi", "staf"}
    staf = opened[personas.employees["staf"].pk]
    assert staf.rater_id == personas.employees["kasi"].pk
    assert staf.rater_superior_id == personas.employees["kabid"].pk
    assert staf.org_predikat == "baik"  # from Dinas Kesehatan, up the unit tree
    assert (staf.status, staf.hasil, staf.predikat) == ("open", "", "")
    head = opened[personas.employees["kadinkes"].pk]
    assert head.rater_id is None and head.is_head_of_organisation
    assert head.suggested_hasil == "sesuai"  # the unit's Baik, a suggestion only
    assert head.hasil == ""
    assert AuditEvent.objects.filter(action="appraisals.evaluation.opened").count() == 4


def test_opening_again_adds_nobody_twice_and_only_bkpsdm_opens(personas):
    _chain, q1, _due = opened_q1(personas)
    assert services.evaluations_open(actor=None, period=q1) == 0
    with pytest.raises(PermissionDeniedError):
        services.evaluations_open(actor=viewer(personas, "kasi", Q1_END), period=q1)


def test_opening_runs_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    from kinerja.results.tests.data import plans, quarter

    plans(personas)
    q1 = quarter(personas, 1)
    with django_assert_max_num_queries(40):
        services.evaluations_open(actor=None, period=q1)


def test_the_rater_rates_with_justifications_and_the_quadrant_gives_the_predikat(personas):
    _chain, q1, _due = opened_q1(personas)
    evaluation = _of(personas, "staf", q1)
    with pytest.raises(ValidationError) as error:
        services.evaluation_rate(
            actor=viewer(personas, "kasi", Q1_END),
            evaluation=evaluation,
            hasil="diatas",
            hasil_justification="",
            perilaku="dibawah",
            perilaku_justification=" ",
        )
    assert {"hasil_justification", "perilaku_justification"} <= set(error.value.message_dict)
    rated = rate(personas, evaluation, "kasi", Q1_END, hasil="diatas", perilaku="dibawah")
    assert (rated.status, rated.predikat, rated.set_by_superior) == ("rated", "kurang", False)
    assert AuditEvent.objects.filter(action="appraisals.evaluation.rated").count() == 1


@pytest.mark.parametrize("who", ["staf", "kabid", "dokter", "bkpsdm", "pimpinan", "auditor"])
def test_only_the_rater_of_record_rates_before_the_deadline(personas, who):
    _chain, q1, due = opened_q1(personas)
    with pytest.raises(PermissionDeniedError):
        rate(personas, _of(personas, "staf", q1), who, due.rater)


def test_on_the_deadline_day_the_rater_rates_and_the_day_after_only_the_superior(personas):
    _chain, q1, due = opened_q1(personas)
    evaluation = _of(personas, "staf", q1)
    with pytest.raises(PermissionDeniedError):
        rate(personas, evaluation, "kabid", due.rater)
    assert rate(personas, evaluation, "kasi", due.rater).set_by_superior is False
    with pytest.raises(PermissionDeniedError):
        rate(personas, evaluation, "kasi", due.rater + ONE_DAY)
    by_superior = rate(
        personas, evaluation, "kabid", due.rater + ONE_DAY, hasil="diatas", reason="Ditinjau ulang"
    )
    assert by_superior.set_by_superior and by_superior.is_final
    assert not by_superior.keberatan_allowed


def test_the_pimpinan_rates_the_head_rated_by_the_regional_head(personas):
    _chain, q1, _due = opened_q1(personas)
    rated = rate(personas, _of(personas, "kadinkes", q1), "pimpinan", Q1_END)
    assert rated.predikat == "baik"


def test_a_change_while_the_team_breaks_the_pattern_needs_a_reason_and_is_kept(personas):
    _chain, q1, _due = opened_q1(personas)
    evaluation = _of(personas, "staf", q1)
    # one employee rated Baik in a Baik unit: "some Butuh Perbaikan or Kurang" is broken
    rate(personas, evaluation, "kasi", Q1_END)
    with pytest.raises(ValidationError) as error:
        rate(personas, evaluation, "kasi", Q1_END, hasil="diatas", perilaku="diatas")
    assert "reason" in error.value.message_dict
    changed = rate(
        personas,
        evaluation,
        "kasi",
        Q1_END,
        hasil="diatas",
        perilaku="diatas",
        reason="Laporan pembinaan diselesaikan jauh sebelum tenggat",
    )
    assert changed.predikat == "sangat_baik"
    change = CalibrationChange.objects.get(evaluation=evaluation)
    assert (change.old_predikat, change.new_predikat) == ("baik", "sangat_baik")
    assert change.after_warning and change.warnings
    event = AuditEvent.objects.get(action="appraisals.evaluation.calibrated")
    assert event.reason.startswith("Laporan pembinaan")


def test_finalising_warns_but_never_blocks_and_then_nothing_changes(personas):
    _chain, q1, _due = opened_q1(personas)
    evaluation = rate(personas, _of(personas, "staf", q1), "kasi", Q1_END)
    final = services.evaluation_finalise(
        actor=viewer(personas, "kasi", Q1_END), evaluation=evaluation
    )
    assert final.status == "finalised"
    assert final.distribution_warnings == ["baik_at_most_70", "some_butuh_perbaikan_or_kurang"]
    with pytest.raises(ImmutableRecordError):
        rate(personas, final, "kasi", Q1_END, hasil="diatas")


def test_with_the_org_predikat_undecided_the_rater_rates_and_the_check_waits(personas):
    _chain, q1, _due = opened_q1(personas, org_predikat=None)
    evaluation = rate(personas, _of(personas, "staf", q1), "kasi", Q1_END)
    assert evaluation.org_predikat == ""
    final = services.evaluation_finalise(
        actor=viewer(personas, "kasi", Q1_END), evaluation=evaluation
    )
    assert final.distribution_warnings == []


def test_sign_hand_over_acknowledge_and_sign_as_the_employee(personas):
    _chain, q1, _due = opened_q1(personas)
    kasi = viewer(personas, "kasi", Q1_END)
    evaluation = rate(personas, _of(personas, "staf", q1), "kasi", Q1_END)
    evaluation = services.evaluation_finalise(actor=kasi, evaluation=evaluation)
    with pytest.raises(PermissionDeniedError):
        services.evaluation_sign(actor=viewer(personas, "staf", Q1_END), evaluation=evaluation)
    evaluation = services.evaluation_sign(actor=kasi, evaluation=evaluation)
    assert (evaluation.status, evaluation.signed_on) == ("signed", Q1_END)
    assert evaluation.keberatan_allowed
    with pytest.raises(PermissionDeniedError):
        services.evaluation_acknowledge(actor=kasi, evaluation=evaluation)
    receipt_day = Q1_END + datetime.timedelta(days=2)
    staf = viewer(personas, "staf", receipt_day)
    with pytest.raises(ValidationError):
        services.evaluation_sign_as_employee(actor=staf, evaluation=evaluation)
    evaluation = services.evaluation_acknowledge(actor=staf, evaluation=evaluation)
    assert (evaluation.status, evaluation.acknowledged_on) == ("acknowledged", receipt_day)
    evaluation = services.evaluation_sign_as_employee(actor=staf, evaluation=evaluation)
    assert evaluation.status == "completed"
    actions = list(
        AuditEvent.objects.filter(object_id=str(evaluation.pk), object_type="appraisals.evaluation")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "appraisals.evaluation.opened",
        "appraisals.evaluation.rated",
        "appraisals.evaluation.finalised",
        "appraisals.evaluation.signed",
        "appraisals.evaluation.acknowledged",
        "appraisals.evaluation.employee_signed",
    ]


def test_the_superior_signs_what_the_rater_left_unsigned_and_it_becomes_final(personas):
    _chain, q1, due = opened_q1(personas)
    evaluation = rate(personas, _of(personas, "staf", q1), "kasi", due.rater)
    evaluation = services.evaluation_finalise(
        actor=viewer(personas, "kasi", due.rater), evaluation=evaluation
    )
    late = due.rater + ONE_DAY
    with pytest.raises(PermissionDeniedError):
        services.evaluation_sign(actor=viewer(personas, "kasi", late), evaluation=evaluation)
    signed = services.evaluation_sign(actor=viewer(personas, "kabid", late), evaluation=evaluation)
    assert signed.set_by_superior and not signed.keberatan_allowed


def test_the_annual_evaluation_is_suggested_from_the_last_period_never_copied(personas):
    from kinerja.iku.models import Period
    from kinerja.results.tests.data import quarter

    _chain, _q1, _due = opened_q1(personas)
    q4 = quarter(personas, 4)
    year = Period.objects.get(performance_year=q4.performance_year, kind="year")
    december = datetime.date(2026, 12, 31)
    services.evaluations_open(actor=None, period=q4)
    rate(personas, _of(personas, "staf", q4), "kasi", december, hasil="diatas")
    services.evaluations_open(actor=viewer(personas, "bkpsdm", december), period=year)
    annual = _of(personas, "staf", year)
    assert annual.is_annual
    assert (annual.suggested_hasil, annual.suggested_perilaku) == ("diatas", "sesuai")
    assert (annual.status, annual.hasil, annual.predikat) == ("open", "", "")


def test_the_command_and_the_task_open_a_period(personas, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from kinerja.appraisals.tasks import open_period_evaluations
    from kinerja.results.tests.data import plans, quarter
    from kinerja.skp.tests.review_data import freeze_today

    freeze_today(monkeypatch, Q1_END)
    plans(personas)
    out = StringIO()
    call_command("open_evaluations", agency="contoh", year=2026, period="quarter:1", stdout=out)
    assert out.getvalue().startswith("4 evaluations opened")
    q2 = quarter(personas, 2)
    freeze_today(monkeypatch, q2.end_date)
    result = open_period_evaluations.enqueue(q2.pk, personas.users["bkpsdm"].pk)
    assert result.return_value == 4
