"""Organisation services check their own permission, whoever calls them (page, API, import).

Units, positions and new employees: the agency's BKPSDM admins. An employee's data, posts and
supervision: BKPSDM admins and the admins of a unit where the employee works today. Nobody of
another agency. The system (actor None) is not checked.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from kinerja.accounts.viewer import build_viewer
from kinerja.org import permissions, services
from kinerja.org.imports import import_job_create
from kinerja.org.models import Assignment, AssignmentKind, ImportJob, SupervisionRole, Unit

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def _agency_writes(p, actor):
    return [
        lambda: services.unit_create(
            actor=actor, agency=p.agency, code="BARU", name="Unit baru", kind="bidang"
        ),
        lambda: services.unit_update(actor=actor, unit=p.units["primer"], name="Seksi baru"),
        lambda: services.position_create(
            actor=actor,
            agency=p.agency,
            unit=p.units["primer"],
            code="BARU-01",
            name="Jabatan baru",
            kind="pelaksana",
        ),
        lambda: services.position_update(actor=actor, position=p.positions["staf"], name="Baru"),
    ]


def _employee_writes(p, actor, employee):
    return [
        lambda: services.employee_update(actor=actor, employee=employee, phone="081234567890"),
        lambda: services.assignment_start(
            actor=actor,
            employee=employee,
            position=p.positions["kabid"],
            start_date=DAY,
            kind=AssignmentKind.PLT,
            end_date=DAY + datetime.timedelta(days=30),
        ),
        lambda: services.supervision_override_create(
            actor=actor,
            employee=employee,
            supervisor=p.employees["kadinkes"],
            role=SupervisionRole.RATER,
            start_date=DAY,
            reason="Atasan cuti panjang",
        ),
    ]


@pytest.mark.parametrize("who", ["staf", "kasi", "auditor", "pimpinan", "outsider"])
def test_only_the_agencys_bkpsdm_admins_change_units_and_positions(personas, who):
    actor = personas.users[who]
    for write in _agency_writes(personas, actor):
        with pytest.raises(PermissionDenied):
            write()
    assert not Unit.objects.filter(code="BARU").exists()


def test_the_bkpsdm_admin_changes_units_and_positions(personas):
    for write in _agency_writes(personas, personas.users["bkpsdm"]):
        write()
    assert Unit.objects.filter(code="BARU", agency=personas.agency).exists()


@pytest.mark.parametrize("who", ["kasi", "kabid", "auditor", "pimpinan", "outsider"])
def test_people_who_do_not_manage_the_employee_cannot_change_them(personas, who):
    employee = personas.employees["staf"]
    for write in _employee_writes(personas, personas.users[who], employee):
        with pytest.raises(PermissionDenied):
            write()
    assert not Assignment.objects.filter(employee=employee, kind=AssignmentKind.PLT).exists()


@pytest.mark.parametrize("who", ["bkpsdm", "staf"])
def test_bkpsdm_and_the_admin_of_the_employees_unit_change_them(personas, who):
    """`staf` administers Dinas Kesehatan, where the dokter works today."""
    employee = personas.employees["dokter"]
    for write in _employee_writes(personas, personas.users[who], employee):
        write()
    assert Assignment.objects.filter(employee=employee, kind=AssignmentKind.PLT).exists()


def test_a_unit_admin_cannot_change_someone_outside_their_units(personas):
    employee = personas.employees["auditor"]
    assert not permissions.can_manage_employee(build_viewer(personas.users["staf"]), employee)
    for write in _employee_writes(personas, personas.users["staf"], employee):
        with pytest.raises(PermissionDenied):
            write()


def test_only_a_superuser_creates_an_agency(personas):
    with pytest.raises(PermissionDenied):
        services.agency_create(
            actor=personas.users["bkpsdm"],
            code="baru",
            name="Pemerintah Kota Baru",
            kind="kota",
            region_name="Kota Baru",
            head_title="Wali Kota Baru",
        )


@pytest.mark.parametrize("who", ["staf", "auditor", "outsider"])
def test_only_the_agencys_bkpsdm_admins_start_an_import(personas, who):
    with pytest.raises(PermissionDenied):
        import_job_create(
            actor=personas.users[who],
            agency=personas.agency,
            data=b"kode,nama\n",
            filename="unit.csv",
            file_format="csv",
        )
    assert not ImportJob.objects.exists()
