"""The demo generator at its small size: shape, validity, logins, determinism and the commands."""

import datetime

import pytest
from django.contrib.auth import authenticate
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from kinerja.accounts.models import Role, User
from kinerja.accounts.viewer import build_viewer
from kinerja.core.models import AuditEvent
from kinerja.demo import generator
from kinerja.demo.tests import checks
from kinerja.org.models import (
    RATER_KINDS,
    Assignment,
    AssignmentKind,
    Employee,
    EmployeeStatus,
    Position,
    PositionKind,
    SupervisionOverride,
    Unit,
    UnitKind,
)
from kinerja.org.selectors import active_on, primary_assignment, supervision_chain

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as the root conftest.py sets


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One small demo regency shared by the read-only tests of this module, rolled back after."""
    fast_hashing = override_settings(PASSWORD_HASHERS=FAST_HASHERS)
    with django_db_blocker.unblock(), transaction.atomic(), fast_hashing:
        yield generator.seed(size="small", seed=2026)
        transaction.set_rollback(True)


@pytest.fixture
def agency(demo, db):
    return demo.agency


@pytest.fixture
def today():
    return timezone.localdate()


def _user(agency, key):
    return User.objects.select_related("employee").get(agency=agency, username=key)


# --- shape ---------------------------------------------------------------------------------


def test_the_small_size_has_about_300_employees(agency):
    assert 250 <= Employee.objects.filter(agency=agency).count() <= 350
    assert agency.name == "Pemerintah Kabupaten Sukamaju"
    assert agency.head_title == "Bupati Sukamaju"


def test_the_units_citizens_meet_are_all_there(agency):
    kinds = set(Unit.objects.filter(agency=agency).values_list("kind", flat=True))
    for kind in (
        UnitKind.SEKRETARIAT_DAERAH,
        UnitKind.SEKRETARIAT_DPRD,
        UnitKind.INSPEKTORAT,
        UnitKind.DINAS,
        UnitKind.BADAN,
        UnitKind.KECAMATAN,
        UnitKind.KELURAHAN,
        UnitKind.SEKRETARIAT,
        UnitKind.BIDANG,
        UnitKind.SEKSI,
        UnitKind.PUSKESMAS,
        UnitKind.RUMAH_SAKIT,
        UnitKind.SEKOLAH,
        UnitKind.LOKET,
        UnitKind.UPT,
    ):
        assert kind in kinds, kind
    roots = set(Unit.objects.filter(agency=agency, parent=None).values_list("name", flat=True))
    for name in (
        "Dinas Kesehatan",
        "Dinas Pendidikan",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas Perhubungan",
        "Inspektorat Daerah",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Badan Perencanaan Pembangunan Daerah",
        "Sekretariat Daerah",
    ):
        assert name in roots, name


def test_every_unit_and_position_path_follows_its_parent_chain(agency):
    assert checks.path_problems(agency) == []


def test_positions_form_full_trees_under_the_heads_of_the_units(agency):
    units = {u.pk: u for u in Unit.objects.filter(agency=agency)}
    positions = {p.pk: p for p in Position.objects.filter(agency=agency)}
    heads = {p.unit_id for p in positions.values() if p.is_unit_head}
    for unit in units.values():
        if unit.kind != UnitKind.LOKET:  # a counter is staffed from its bidang, it has no head
            assert unit.pk in heads, unit.name
    for position in positions.values():
        if position.parent_id is None:
            assert position.is_unit_head and units[position.unit_id].parent_id is None
            continue
        parent = positions[position.parent_id]
        # Within one OPD; a school reports to its bidang although the unit hangs under the dinas.
        own, superior = units[position.unit_id], units[parent.unit_id]
        assert own.path.split("/")[1] == superior.path.split("/")[1], position.name
        if position.unit_id != parent.unit_id:
            assert position.is_unit_head or own.kind == UnitKind.LOKET, position.name
        if position.kind == PositionKind.FUNGSIONAL:
            assert position.jenjang


def test_every_row_passes_model_validation(agency):
    for unit in Unit.objects.filter(agency=agency):
        unit.full_clean(exclude=["path", "depth"])
    for position in Position.objects.filter(agency=agency):
        position.full_clean(exclude=["path"])
    for employee in Employee.objects.filter(agency=agency):
        employee.full_clean()
    for assignment in Assignment.objects.filter(employee__agency=agency):
        assignment.full_clean()


# --- people --------------------------------------------------------------------------------


def test_every_nip_is_valid_unique_and_gives_the_birth_date_and_sex(agency):
    assert checks.nip_problems(agency) == []


def test_every_employee_has_exactly_one_running_definitive_post(agency, today):
    assert checks.assignment_problems(agency, today) == []


def test_some_people_moved_and_some_posts_are_run_by_a_plt(agency, today):
    assignments = Assignment.objects.filter(employee__agency=agency)
    assert assignments.filter(end_date__isnull=False).exists()
    acting = assignments.filter(kind=AssignmentKind.PLT)
    assert acting.exists()
    for plt in acting:
        holders = Assignment.objects.filter(
            active_on(today), position=plt.position, kind=AssignmentKind.DEFINITIVE
        )
        assert not holders.exists(), plt.position.name
        assert plt.position.kind in RATER_KINDS


def test_pppk_hold_only_functional_posts_and_ranks_fit_the_status(agency, today):
    employees = Employee.objects.filter(agency=agency)
    assert employees.filter(status=EmployeeStatus.PPPK).exists()
    for assignment in Assignment.objects.filter(
        active_on(today), employee__agency=agency, employee__status=EmployeeStatus.PPPK
    ):
        assert assignment.position.kind == PositionKind.FUNGSIONAL
    for assignment in Assignment.objects.filter(
        active_on(today), employee__agency=agency, position__kind__in=RATER_KINDS
    ).select_related("employee"):
        assert assignment.employee.status == EmployeeStatus.PNS
        assert assignment.employee.grade >= "III/b"


def test_titles_match_the_job(agency, today):
    doctors = Assignment.objects.filter(
        active_on(today), employee__agency=agency, position__name__startswith="Dokter Ahli"
    ).select_related("employee")
    assert doctors and all(a.employee.front_title == "dr." for a in doctors)
    teachers = Assignment.objects.filter(
        active_on(today), employee__agency=agency, position__name__startswith="Guru Kelas"
    ).select_related("employee")
    assert teachers and all(
        a.employee.back_title.startswith("S.") or a.employee.front_title for a in teachers
    )


# --- logins and supervision ------------------------------------------------------------------


def test_demo_logins_have_the_roles_they_demonstrate(agency, today):
    dinkes = Unit.objects.get(agency=agency, code="DINKES")
    expected = {
        "bkpsdm": Role.BKPSDM_ADMIN,
        "pimpinan": Role.PIMPINAN,
        "auditor": Role.AUDITOR,
        "adminunit": Role.ADMIN_UNIT,
        "atasan": Role.ATASAN,
        "pegawai": Role.PEGAWAI,
    }
    for key, role in expected.items():
        viewer = build_viewer(_user(agency, key), today=today)
        assert role in viewer.roles, key
        assert viewer.primary_role == role, key
    assert _user(agency, "pimpinan").employee is None
    assert build_viewer(_user(agency, "adminunit")).admin_unit_ids == (dinkes.pk,)
    assert build_viewer(_user(agency, "pegawai"), today=today).roles == {Role.PEGAWAI}
    units = {
        key: primary_assignment(_user(agency, key).employee, today).position.unit.path
        for key in ("bkpsdm", "auditor", "adminunit", "atasan", "pegawai")
    }
    bkpsdm = Unit.objects.get(agency=agency, code="BKPSDM")
    inspektorat = Unit.objects.get(agency=agency, code="INSP")
    assert units["bkpsdm"].startswith(bkpsdm.path)
    assert units["auditor"].startswith(inspektorat.path)
    for key in ("adminunit", "atasan", "pegawai"):
        assert units[key].startswith(dinkes.path), key


def test_atasan_heads_a_bidang_of_dinas_kesehatan_with_people_under_them(agency, today):
    atasan = _user(agency, "atasan").employee
    post = primary_assignment(atasan, today).position
    assert post.kind == PositionKind.ADMINISTRATOR and post.is_unit_head
    assert post.unit.kind == UnitKind.BIDANG
    below = Assignment.objects.filter(active_on(today), position__path__startswith=post.path)
    assert below.exclude(employee=atasan).count() >= 2


def test_pegawai_is_rated_by_the_head_of_seksi_whose_superior_is_atasan(agency, today):
    pegawai = _user(agency, "pegawai").employee
    atasan = _user(agency, "atasan").employee
    chain = supervision_chain(pegawai, today)
    assert chain.rater.source == "position"
    assert chain.rater.position.kind == PositionKind.PENGAWAS
    assert chain.atasan.employee == chain.rater.employee
    assert chain.rater_superior.employee == atasan


def test_demo_users_log_in_by_name_and_by_nip(agency):
    pegawai = _user(agency, "pegawai")
    assert authenticate(username="pegawai", password=generator.DEMO_PASSWORD) == pegawai
    assert authenticate(username=pegawai.employee.nip, password=generator.DEMO_PASSWORD) == pegawai
    assert authenticate(username="pimpinan", password="salah") is None


def test_a_school_principal_is_the_delegated_rater_of_the_teachers(agency, today):
    override = (
        SupervisionOverride.objects.filter(agency=agency)
        .select_related("employee", "supervisor")
        .first()
    )
    assert override is not None
    principal_post = primary_assignment(override.supervisor, today).position
    assert principal_post.unit.kind == UnitKind.SEKOLAH and principal_post.is_unit_head
    assert principal_post.kind == PositionKind.FUNGSIONAL
    chain = supervision_chain(override.employee, today)
    assert chain.rater.source == "override"
    assert chain.rater.employee == override.supervisor


def test_seeding_records_one_demo_seeded_audit_event(agency):
    event = AuditEvent.objects.get(action="demo.seeded", agency=agency)
    assert event.after["employees"] == Employee.objects.filter(agency=agency).count()
    assert event.after["logins"] == list(generator.LOGIN_KEYS)


# --- daily activity log ----------------------------------------------------------------------


def test_daily_activities_cover_everyone_recently_and_the_demo_people_all_year(agency, today):
    from kinerja.activities import rules as activity_rules
    from kinerja.activities import selectors as activity_selectors
    from kinerja.activities.models import Activity

    entries = Activity.objects.filter(agency=agency)
    people = entries.values("employee_id").distinct().count()
    assert people >= 0.9 * Employee.objects.filter(agency=agency).count()
    pegawai = _user(agency, "pegawai").employee
    months = {d.month for d in entries.filter(employee=pegawai).values_list("date", flat=True)}
    assert len(months) >= min(today.month, 10)
    assert entries.filter(status="verified").exists() and entries.filter(status="returned").exists()
    assert entries.filter(is_repeat=True).exists()
    flagged = activity_selectors.with_flags(
        agency.pk, list(entries.filter(date__gte=today.replace(day=1)).order_by("pk")[:3000])
    )
    kinds = {flag for entry in flagged for flag in entry.flags}
    assert {activity_rules.FLAG_COPIED_DAYS, activity_rules.FLAG_COPIED_PEOPLE} <= kinds


def test_a_few_keberatan_are_confirmed_changed_and_one_waits_for_the_superior(agency):
    from kinerja.appraisals.models import Keberatan

    found = list(Keberatan.objects.filter(agency=agency).select_related("evaluation"))
    decisions = sorted(k.decision for k in found)
    assert decisions == ["", "change", "change", "confirm", "confirm"]
    for k in found:
        k.full_clean()
        assert k.evaluation.predikat == (k.new_predikat or k.old_predikat)
        assert k.evaluation.keberatan_decided == k.is_decided


def test_last_years_annual_evaluation_is_complete_once_its_window_has_closed(agency, today):
    from kinerja.appraisals import rules
    from kinerja.appraisals.models import HANDED_OVER, Evaluation, EvaluationStatus

    annual = Evaluation.objects.filter(agency=agency, is_annual=True, year=today.year - 1)
    end = datetime.date(today.year - 1, 12, 31)
    due = rules.deadlines(end)
    assert annual.exists()
    if due.superior >= today:
        assert not annual.exclude(status=EvaluationStatus.OPEN).exists()
        return
    assert not annual.filter(status=EvaluationStatus.OPEN).exists()
    assert not annual.filter(predikat="").exists()
    signed = annual.filter(status__in=HANDED_OVER)
    assert signed.count() >= annual.count() * 0.8
    assert not signed.filter(signed_on__lte=end).exists()
    assert not signed.filter(signed_on__gt=due.rater).exists()


def test_the_demo_evaluations_and_keberatan_have_their_steps_in_the_audit_trail(agency):
    from kinerja.appraisals.models import CalibrationChange, Evaluation, Keberatan

    def actions_of(obj):
        return set(
            AuditEvent.objects.filter(
                object_type=obj._meta.label_lower, object_id=str(obj.pk)
            ).values_list("action", flat=True)
        )

    completed = Evaluation.objects.filter(
        agency=agency, status="completed", employee__user__isnull=False
    ).first()
    assert {
        "appraisals.evaluation.opened",
        "appraisals.evaluation.rated",
        "appraisals.evaluation.finalised",
        "appraisals.evaluation.signed",
        "appraisals.evaluation.acknowledged",
        "appraisals.evaluation.employee_signed",
    } <= actions_of(completed)
    signer = AuditEvent.objects.get(
        object_id=str(completed.pk), action="appraisals.evaluation.employee_signed"
    )
    assert signer.actor.employee_id == completed.employee_id
    change = CalibrationChange.objects.filter(evaluation__agency=agency).first()
    assert "appraisals.evaluation.calibrated" in actions_of(change.evaluation)
    for k in Keberatan.objects.filter(agency=agency):
        expected = {"appraisals.keberatan.filed", "appraisals.keberatan.rater_heard"}
        if k.is_decided:
            expected.add("appraisals.keberatan.decided")
        assert actions_of(k) == expected


# --- public complaints ----------------------------------------------------------------------


def test_two_years_of_complaints_through_every_channel_and_category(agency, today):
    from kinerja.complaints import rules
    from kinerja.complaints.models import Complainant, Complaint, ComplaintEvent

    cases = list(Complaint.objects.filter(agency=agency).select_related("unit"))
    assert len(cases) >= 200
    assert {c.channel for c in cases} == set(rules.Channel)
    assert {c.category for c in cases} == set(rules.Category)
    assert min(c.received_on for c in cases) <= today - datetime.timedelta(days=700)
    kinds = {c.unit.kind for c in cases if c.unit}
    assert {UnitKind.PUSKESMAS, UnitKind.SEKOLAH, UnitKind.KELURAHAN} <= kinds
    assert any("Kependudukan" in c.unit.name for c in cases if c.unit)
    answered = [c for c in cases if c.first_answered_on]
    late = [c for c in answered if c.first_answered_on > c.due_on]
    assert 0 < len(late) < 0.25 * len(answered)  # most on time, some late
    overdue = [c for c in cases if c.is_open and c.due_on < today]
    assert 1 <= len(overdue) <= 10 and all(c.escalated_on for c in overdue)
    assert any(c.unit is None and c.status == "received" for c in cases)
    assert any(c.is_open and c.due_on >= today and c.unit for c in cases)
    reopened = ComplaintEvent.objects.filter(complaint__agency=agency, kind="reopened")
    assert reopened.exists()
    contacts = Complainant.objects.filter(complaint__agency=agency).count()
    assert 0 < contacts < 0.3 * len(cases)
    assert all(c.source_reference for c in cases if c.channel in ("lapor", "surat"))


def test_each_demo_complaint_has_its_steps_in_order(agency):
    from kinerja.complaints.models import Complaint, ComplaintEvent

    events = {}
    for complaint_id, kind, day in ComplaintEvent.objects.filter(
        complaint__agency=agency
    ).values_list("complaint_id", "kind", "day"):
        events.setdefault(complaint_id, []).append((kind, day))
    for complaint in Complaint.objects.filter(agency=agency):
        steps = events[complaint.pk]
        assert steps[0] == ("filed", complaint.received_on)
        assert [day for _kind, day in steps] == sorted(day for _kind, day in steps)
        responses = [day for kind, day in steps if kind == "response"]
        if complaint.status in ("answered", "closed"):
            assert responses and responses[-1] == complaint.answered_on
            assert responses[0] == complaint.first_answered_on
        if complaint.status == "closed":
            assert steps[-1] == ("closed", complaint.closed_on)
