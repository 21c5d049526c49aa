"""Every service write leaves one audit event in the same transaction, and the trail is final."""

import datetime

import pytest
from django.db import transaction

from kinerja.accounts import services as accounts
from kinerja.accounts.models import Role
from kinerja.core import audit
from kinerja.core.errors import ImmutableRecordError
from kinerja.core.models import AuditEvent
from kinerja.org import services as org
from kinerja.org.models import SupervisionRole
from kinerja.org.tests import factories as f

D = datetime.date


def _last(action):
    return AuditEvent.objects.filter(action=action).order_by("-id").first()


@pytest.fixture
def actor(personas):
    return personas.users["bkpsdm"]


def test_unit_create_and_update_are_recorded_with_before_and_after(personas, actor):
    unit = org.unit_create(
        actor=actor, agency=personas.agency, code="DISHUB", name="Dinas Perhubungan", kind="dinas"
    )
    created = _last("org.unit.created")
    assert created.actor == actor and created.object_id == str(unit.pk)
    assert created.after["name"] == "Dinas Perhubungan" and created.agency == personas.agency
    org.unit_update(actor=actor, unit=unit, name="Dinas Perhubungan dan Perhubungan Darat")
    updated = _last("org.unit.updated")
    assert updated.before["name"] == "Dinas Perhubungan"
    assert updated.after["name"] == "Dinas Perhubungan dan Perhubungan Darat"
    assert updated.changes == [
        ("name", "Dinas Perhubungan", "Dinas Perhubungan dan Perhubungan Darat")
    ]


def test_an_update_that_changes_nothing_records_nothing(personas, actor):
    before = AuditEvent.objects.count()
    org.unit_update(actor=actor, unit=personas.units["dinkes"], name="Dinas Kesehatan")
    assert AuditEvent.objects.count() == before


def test_moving_a_unit_rewrites_the_paths_of_its_subtree_and_is_recorded(personas, actor):
    u = personas.units
    org.unit_update(actor=actor, unit=u["yankes"], parent=u["bkpsdm"])
    u["primer"].refresh_from_db()
    assert u["primer"].path.startswith(u["bkpsdm"].path)
    assert u["primer"].depth == 2
    assert _last("org.unit.updated").after["parent_id"] == u["bkpsdm"].pk


def test_a_unit_cannot_move_under_its_own_subtree(personas, actor):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        org.unit_update(actor=actor, unit=personas.units["dinkes"], parent=personas.units["primer"])


def test_position_writes_are_recorded(personas, actor):
    position = org.position_create(
        actor=actor,
        agency=personas.agency,
        unit=personas.units["pkm"],
        code="PKM-02",
        name="Perawat Terampil",
        kind="fungsional",
        jenjang="terampil",
        parent=personas.positions["dokter"],
    )
    assert _last("org.position.created").after["code"] == "PKM-02"
    org.position_update(actor=actor, position=position, name="Perawat Mahir", jenjang="mahir")
    assert _last("org.position.updated").after["jenjang"] == "mahir"


def test_employee_and_assignment_writes_are_recorded(personas, actor):
    person = org.employee_create(
        actor=actor,
        agency=personas.agency,
        nip=f.make_nip(serial=500),
        name="Wulan Sari",
        status="pppk",
        grade="IX",
    )
    assert _last("org.employee.created").after["name"] == "Wulan Sari"
    org.employee_update(actor=actor, employee=person, grade="X")
    assert _last("org.employee.updated").before["grade"] == "IX"
    org.assignment_start(
        actor=actor, employee=person, position=personas.positions["staf"], start_date=D(2021, 1, 4)
    )
    org.assignment_start(
        actor=actor,
        employee=person,
        position=personas.positions["bkpsdm"],
        start_date=D(2023, 1, 2),
    )
    ended = _last("org.assignment.ended")
    assert ended.before["end_date"] is None and ended.after["end_date"] == "2023-01-01"
    assert AuditEvent.objects.filter(action="org.assignment.started").count() >= 2


def test_override_and_account_writes_are_recorded(personas, actor):
    e = personas.employees
    org.supervision_override_create(
        actor=actor,
        employee=e["staf"],
        supervisor=e["kabid"],
        role=SupervisionRole.RATER,
        start_date=D(2024, 1, 1),
        reason="Kepala seksi cuti panjang",
    )
    assert _last("org.supervision_override.created").after["supervisor_id"] == e["kabid"].pk
    user = accounts.user_create(actor=actor, agency=personas.agency, username="baru", password=None)
    assert _last("accounts.user.created").after["username"] == "baru"
    grant = accounts.role_grant(actor=actor, user=user, role=Role.PIMPINAN)
    assert _last("accounts.role.granted").after["role"] == "pimpinan"
    accounts.role_revoke(actor=actor, grant=grant)
    assert _last("accounts.role.revoked").before["role"] == "pimpinan"
    token, _key = accounts.api_token_create(actor=user, user=user, name="laporan")
    assert _last("accounts.api_token.created").after["prefix"] == token.prefix
    accounts.api_token_revoke(actor=user, token=token)
    assert _last("accounts.api_token.revoked") is not None


def test_a_failed_write_leaves_no_audit_event(personas, actor):
    from django.core.exceptions import ValidationError

    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        org.employee_create(
            actor=actor, agency=personas.agency, nip="123", name="X", status="pns", grade="III/a"
        )
    assert AuditEvent.objects.count() == count


def test_audit_events_cannot_be_changed_or_deleted(personas):
    event = AuditEvent.objects.first()
    event.action = "forged"
    with pytest.raises(ImmutableRecordError):
        event.save()
    with pytest.raises(ImmutableRecordError):
        event.delete()
    with pytest.raises(ImmutableRecordError):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(ImmutableRecordError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    agency = f.AgencyFactory()
    with pytest.raises(RuntimeError):
        audit.record(actor=None, action="x", obj=agency)
    with transaction.atomic():
        audit.record(actor=None, action="x.y", obj=agency)
    assert AuditEvent.objects.filter(action="x.y", agency=agency).count() == 1
