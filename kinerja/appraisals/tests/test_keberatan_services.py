"""The keberatan: filed by the employee, the rater heard, decided by the rater's superior."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kinerja.appraisals import selectors, services
from kinerja.appraisals.models import Evaluation, Keberatan
from kinerja.appraisals.tests.data import Q1_END, opened_q1, rate, viewer
from kinerja.core.errors import PermissionDeniedError
from kinerja.core.models import AuditEvent
from kinerja.org.tests.personas import build_personas

pytestmark = pytest.mark.django_db
ONE_DAY = datetime.timedelta(days=1)
RECEIVED = datetime.date(2026, 4, 2)  # a Thursday
REASONS = "Capaian saya melampaui target triwulan; bukti sudah diunggah."


@pytest.fixture
def personas():
    return build_personas()


def received(personas, key="staf", rater="kasi"):
    """The employee's Q1 evaluation rated Baik, signed on the quarter's end and received."""
    _chain, q1, _due = opened_q1(personas)
    evaluation = Evaluation.objects.get(employee=personas.employees[key], period=q1)
    evaluation = rate(personas, evaluation, rater, Q1_END)
    by_rater = viewer(personas, rater, Q1_END)
    evaluation = services.evaluation_finalise(actor=by_rater, evaluation=evaluation)
    evaluation = services.evaluation_sign(actor=by_rater, evaluation=evaluation)
    return services.evaluation_acknowledge(
        actor=viewer(personas, key, RECEIVED), evaluation=evaluation
    )


def filed(personas, today=RECEIVED):
    evaluation = received(personas)
    return services.keberatan_file(
        actor=viewer(personas, "staf", today), evaluation=evaluation, reasons=REASONS
    )


def heard(personas, today=RECEIVED):
    keberatan = filed(personas, today)
    return services.keberatan_hear_rater(
        actor=viewer(personas, "kasi", today),
        keberatan=keberatan,
        explanation="Dua indikator belum tercapai.",
    )


def test_the_employee_files_with_reasons_and_the_previous_result_is_kept(personas):
    keberatan = filed(personas)
    assert (keberatan.status, keberatan.filed_on) == ("filed", RECEIVED)
    assert (keberatan.old_hasil, keberatan.old_perilaku, keberatan.old_predikat) == (
        "sesuai",
        "sesuai",
        "baik",
    )
    assert AuditEvent.objects.filter(action="appraisals.keberatan.filed").count() == 1


@pytest.mark.parametrize("who", ["kasi", "kabid", "bkpsdm", "auditor"])
def test_only_the_employee_files_a_keberatan(personas, who):
    evaluation = received(personas)
    with pytest.raises(PermissionDeniedError):
        services.keberatan_file(
            actor=viewer(personas, who, RECEIVED), evaluation=evaluation, reasons=REASONS
        )


def test_reasons_are_required(personas):
    evaluation = received(personas)
    with pytest.raises(ValidationError) as error:
        services.keberatan_file(
            actor=viewer(personas, "staf", RECEIVED), evaluation=evaluation, reasons="  "
        )
    assert "reasons" in error.value.message_dict


def test_the_deadline_day_is_on_time_and_the_day_after_is_refused(personas):
    evaluation = received(personas)
    deadline = selectors.keberatan_filing_deadline(evaluation)
    assert deadline >= datetime.date(2026, 4, 22)
    with pytest.raises(ValidationError) as error:
        services.keberatan_file(
            actor=viewer(personas, "staf", deadline + ONE_DAY),
            evaluation=evaluation,
            reasons=REASONS,
        )
    assert "filed_on" in error.value.message_dict
    keberatan = services.keberatan_file(
        actor=viewer(personas, "staf", deadline), evaluation=evaluation, reasons=REASONS
    )
    assert keberatan.filed_on == deadline


def test_a_second_keberatan_is_refused_and_the_database_allows_only_one(personas):
    keberatan = filed(personas)
    with pytest.raises(ValidationError) as error:
        services.keberatan_file(
            actor=viewer(personas, "staf", RECEIVED),
            evaluation=keberatan.evaluation,
            reasons=REASONS,
        )
    assert "evaluation" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Keberatan.objects.create(
            evaluation=keberatan.evaluation,
            agency=keberatan.agency,
            reasons="x",
            filed_on=RECEIVED,
            filed_at=keberatan.filed_at,
            old_hasil="sesuai",
            old_perilaku="sesuai",
            old_predikat="baik",
        )


def test_no_keberatan_on_a_result_set_by_the_superior_after_the_rater_missed_the_deadline(
    personas,
):
    evaluation = received(personas)
    Evaluation.objects.filter(pk=evaluation.pk).update(set_by_superior=True)
    evaluation.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.keberatan_file(
            actor=viewer(personas, "staf", RECEIVED), evaluation=evaluation, reasons=REASONS
        )
    assert "evaluation" in error.value.message_dict


def test_no_keberatan_on_the_head_rated_by_the_regional_head(personas):
    evaluation = received(personas)
    Evaluation.objects.filter(pk=evaluation.pk).update(is_head_of_organisation=True)
    evaluation.refresh_from_db()
    assert not evaluation.keberatan_allowed
    with pytest.raises(ValidationError):
        services.keberatan_file(
            actor=viewer(personas, "staf", RECEIVED), evaluation=evaluation, reasons=REASONS
        )


@pytest.mark.parametrize("who", ["staf", "bkpsdm", "kadinkes"])
def test_only_the_rater_or_the_superior_records_the_explanation(personas, who):
    keberatan = filed(personas)
    with pytest.raises(PermissionDeniedError):
        services.keberatan_hear_rater(
            actor=viewer(personas, who, RECEIVED), keberatan=keberatan, explanation="x"
        )


def test_the_superior_may_record_the_rater_s_explanation_which_is_required(personas):
    keberatan = filed(personas)
    kabid = viewer(personas, "kabid", RECEIVED)
    with pytest.raises(ValidationError) as error:
        services.keberatan_hear_rater(actor=kabid, keberatan=keberatan, explanation=" ")
    assert "rater_explanation" in error.value.message_dict
    keberatan = services.keberatan_hear_rater(
        actor=kabid, keberatan=keberatan, explanation="Penjelasan lisan kepala seksi."
    )
    assert keberatan.status == "rater_heard"


def test_the_superior_cannot_decide_before_the_rater_is_heard(personas):
    keberatan = filed(personas)
    with pytest.raises(ValidationError) as error:
        services.keberatan_decide(
            actor=viewer(personas, "kabid", RECEIVED), keberatan=keberatan, decision="confirm"
        )
    assert "status" in error.value.message_dict


@pytest.mark.parametrize("who", ["kasi", "staf", "bkpsdm", "kadinkes"])
def test_only_the_rater_s_superior_of_record_decides(personas, who):
    keberatan = heard(personas)
    with pytest.raises(PermissionDeniedError):
        services.keberatan_decide(
            actor=viewer(personas, who, RECEIVED), keberatan=keberatan, decision="confirm"
        )


def test_a_change_needs_both_ratings_and_recommendations(personas):
    keberatan = heard(personas)
    kabid = viewer(personas, "kabid", RECEIVED)
    with pytest.raises(ValidationError) as error:
        services.keberatan_decide(
            actor=kabid, keberatan=keberatan, decision="change", hasil="diatas"
        )
    assert {"perilaku", "recommendations"} <= set(error.value.message_dict)


def test_a_confirmed_result_stays_and_becomes_final(personas):
    keberatan = heard(personas)
    keberatan = services.keberatan_decide(
        actor=viewer(personas, "kabid", RECEIVED), keberatan=keberatan, decision="confirm"
    )
    evaluation = Evaluation.objects.get(pk=keberatan.evaluation_id)
    assert (keberatan.status, keberatan.decision) == ("decided", "confirm")
    assert evaluation.predikat == "baik"
    assert evaluation.is_final and not evaluation.keberatan_allowed


def test_a_changed_result_updates_the_evaluation_keeps_the_old_one_and_is_audited(personas):
    keberatan = heard(personas)
    kabid = viewer(personas, "kabid", RECEIVED)
    keberatan = services.keberatan_decide(
        actor=kabid,
        keberatan=keberatan,
        decision="change",
        hasil="diatas",
        perilaku="diatas",
        recommendations="Pertahankan capaian; ikut pelatihan kepemimpinan.",
    )
    evaluation = Evaluation.objects.get(pk=keberatan.evaluation_id)
    assert (evaluation.hasil, evaluation.perilaku, evaluation.predikat) == (
        "diatas",
        "diatas",
        "sangat_baik",
    )
    assert (keberatan.old_predikat, keberatan.new_predikat) == ("baik", "sangat_baik")
    with pytest.raises(ValidationError):
        services.keberatan_decide(actor=kabid, keberatan=keberatan, decision="confirm")
    with pytest.raises(ValidationError):
        services.keberatan_file(
            actor=viewer(personas, "staf", RECEIVED), evaluation=evaluation, reasons=REASONS
        )
    actions = list(
        AuditEvent.objects.filter(object_type="appraisals.keberatan")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "appraisals.keberatan.filed",
        "appraisals.keberatan.rater_heard",
        "appraisals.keberatan.decided",
    ]


def test_the_decision_is_due_7_working_days_after_filing(personas):
    keberatan = filed(personas)
    assert selectors.keberatan_decision_deadline(keberatan) >= datetime.date(2026, 4, 13)


# Filed on Thursday 2 April 2026: the 7th working day after is Monday 13 April.
Q_DUE = datetime.date(2026, 4, 13)


@pytest.mark.parametrize(
    ("decided_on", "days_late"),
    [
        (datetime.date(2026, 4, 13), 0),
        (datetime.date(2026, 4, 14), 1),
        (datetime.date(2026, 4, 18), 4),  # a Saturday counts no working day
        (datetime.date(2026, 4, 20), 5),
    ],
)
def test_a_late_decision_is_recorded_with_the_working_days_it_came_late(
    personas, decided_on, days_late
):
    keberatan = heard(personas)
    assert selectors.keberatan_decision_deadline(keberatan) == datetime.date(2026, 4, 13)
    services.keberatan_decide(
        actor=viewer(personas, "kabid", decided_on), keberatan=keberatan, decision="confirm"
    )
    shown = selectors.get_keberatan(viewer(personas, "staf", decided_on), keberatan.evaluation_id)
    assert (shown.decided_on, shown.decided_days_late) == (decided_on, days_late)


def _keberatan_page(personas, rf, evaluation_id, key, today):
    from kinerja.appraisals import views

    request = rf.get("/")
    request.user = personas.users[key]
    request.viewer = viewer(personas, key, today)
    request.session = {}
    request._messages = []
    return views.keberatan_view(request, pk=evaluation_id).content.decode()


def test_the_keberatan_page_counts_down_then_says_the_decision_is_overdue(personas, rf):
    keberatan = heard(personas)
    on_the_day = _keberatan_page(personas, rf, keberatan.evaluation_id, "kabid", Q_DUE)
    assert "decision-overdue" not in on_the_day
    assert "13-04-2026" in on_the_day
    late = _keberatan_page(personas, rf, keberatan.evaluation_id, "kabid", Q_DUE + ONE_DAY)
    assert 'data-testid="decision-overdue"' in late


def test_the_summary_shows_a_late_decision_to_the_employee(personas, rf):
    keberatan = heard(personas)
    services.keberatan_decide(
        actor=viewer(personas, "kabid", Q_DUE + ONE_DAY), keberatan=keberatan, decision="confirm"
    )
    page = _keberatan_page(personas, rf, keberatan.evaluation_id, "staf", Q_DUE + ONE_DAY)
    assert 'data-testid="decided-late"' in page
