"""The unit's survey set-up: services, points and service users, with their permissions,
choices, validation and audit events."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from kinerja.core.models import AuditEvent
from kinerja.surveys import services
from kinerja.surveys.models import Service, ServiceUsers, SurveyPoint

pytestmark = pytest.mark.django_db


def _as(world, name):
    return world.users[name]


def test_the_units_admin_adds_a_service_and_it_is_audited(world):
    service = services.service_create(
        actor=_as(world, "staf"), unit=world.unit, name=" Poli  Gigi "
    )
    assert service.name == "Poli Gigi" and service.unit == world.unit
    event = AuditEvent.objects.get(action="surveys.service.created", object_id=str(service.pk))
    assert event.actor == _as(world, "staf")


def test_bkpsdm_manages_every_service_unit(world):
    point = services.point_create(actor=_as(world, "bkpsdm"), unit=world.unit, name="Loket 9")
    assert point.token and len(point.token) >= 12


@pytest.mark.parametrize("persona", ["pimpinan", "auditor"])
def test_readers_may_not_change_the_setup(world, persona):
    with pytest.raises(PermissionDenied):
        services.service_create(actor=_as(world, persona), unit=world.unit, name="Poli Gigi")


@pytest.mark.parametrize("persona", ["dokter", "kasi", "outsider"])
def test_a_unit_outside_the_scope_is_not_choosable(world, persona):
    with pytest.raises(ValidationError) as error:
        services.service_create(actor=_as(world, persona), unit=world.unit, name="Poli Gigi")
    assert "unit" in error.value.message_dict
    assert not Service.objects.filter(name="Poli Gigi").exists()


def test_a_name_is_unique_in_the_unit_whatever_its_case(world):
    with pytest.raises(ValidationError) as error:
        services.service_create(actor=None, unit=world.unit, name="poli umum")
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.point_create(actor=None, unit=world.unit, name="")


def test_a_service_is_renamed_and_deactivated(world):
    services.service_update(
        actor=_as(world, "staf"), service=world.poli, name="Poli Umum Dewasa", is_active=False
    )
    world.poli.refresh_from_db()
    assert world.poli.name == "Poli Umum Dewasa" and not world.poli.is_active
    assert AuditEvent.objects.filter(action="surveys.service.updated").count() == 1


def test_a_point_names_only_an_active_service_of_its_own_unit(world):
    other = Service.objects.create(unit=world.personas.units["dinkes"], name="Lain")
    with pytest.raises(ValidationError) as error:
        services.point_create(actor=None, unit=world.unit, name="Loket X", service=other.pk)
    assert "service" in error.value.message_dict
    point = services.point_create(
        actor=None, unit=world.unit, name="Loket X", service=world.poli.pk
    )
    assert point.service == world.poli


def test_a_point_is_renamed_moved_and_closed(world):
    point = services.point_update(
        actor=_as(world, "staf"),
        point=world.point,
        name="Loket 1",
        service=world.farmasi.pk,
        is_active=False,
    )
    point.refresh_from_db()
    assert (point.name, point.service, point.is_active) == ("Loket 1", world.farmasi, False)
    assert AuditEvent.objects.filter(action="surveys.point.updated").exists()


def test_service_users_are_set_and_replaced(world):
    services.service_users_set(
        actor=_as(world, "staf"), unit=world.unit, year=2026, kind="quarter", number=2, users=1200
    )
    services.service_users_set(
        actor=_as(world, "staf"), unit=world.unit, year=2026, kind="quarter", number=2, users=1300
    )
    assert (
        ServiceUsers.objects.get(unit=world.unit, year=2026, kind="quarter", number=2).users == 1300
    )
    assert AuditEvent.objects.filter(action="surveys.users.set").count() == 2


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"year": 1999, "kind": "year", "number": 1, "users": 5}, "year"),
        ({"year": 2026, "kind": "quarter", "number": 5, "users": 5}, "number"),
        ({"year": 2026, "kind": "week", "number": 1, "users": 5}, "kind"),
        ({"year": 2026, "kind": "month", "number": 1, "users": -1}, "users"),
    ],
)
def test_service_users_of_an_impossible_period_are_refused(world, values, field):
    with pytest.raises(ValidationError) as error:
        services.service_users_set(actor=None, unit=world.unit, **values)
    assert field in error.value.message_dict


CSV_OK = (
    "tahun;periode;nomor;pengguna;layanan\n"
    "2026;triwulan;1;900;\n"
    "2026;triwulan;1;300;Farmasi\n"
    "2026;tahun;;4000;\n"
)


def test_a_csv_file_sets_every_period_it_names(world):
    count = services.service_users_import(
        actor=_as(world, "staf"), unit=world.unit, data=CSV_OK.encode(), filename="pengguna.csv"
    )
    assert count == 3
    rows = ServiceUsers.objects.filter(unit=world.unit, year=2026)
    assert {(r.kind, r.number, r.service_id, r.users) for r in rows} == {
        ("quarter", 1, None, 900),
        ("quarter", 1, world.farmasi.pk, 300),
        ("year", 1, None, 4000),
    }
    assert AuditEvent.objects.filter(action="surveys.users.imported").count() == 3


def test_an_xlsx_file_is_read_too(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["Tahun", "Periode", "Nomor", "Pengguna"])
    sheet.append([2025, "semester", 2, 750])
    buffer = io.BytesIO()
    book.save(buffer)
    services.service_users_import(
        actor=None, unit=world.unit, data=buffer.getvalue(), filename="p.xlsx"
    )
    assert (
        ServiceUsers.objects.get(unit=world.unit, year=2025, kind="semester", number=2).users == 750
    )


def test_every_bad_row_is_reported_and_nothing_is_saved(world):
    data = (
        "tahun,periode,nomor,pengguna,layanan\n"
        "2026,triwulan,1,900,\n"
        "2026,triwulan,7,900,\n"
        "abc,bulan,1,10,\n"
        "2026,bulan,2,banyak,\n"
        "2026,bulan,3,10,Poli Mata\n"
        "2026,triwulan,1,950,\n"
    )
    with pytest.raises(ValidationError) as error:
        services.service_users_import(
            actor=None, unit=world.unit, data=data.encode(), filename="p.csv"
        )
    problems = error.value.message_dict["file"]
    assert len(problems) == 5
    assert any("3" in p and "nomor" in p for p in problems)
    assert any("4" in p and "tahun" in p for p in problems)
    assert any("5" in p and "pengguna" in p for p in problems)
    assert any("6" in p and "layanan" in p for p in problems)
    assert any("7" in p and "2" in p for p in problems)  # repeats row 2
    assert not ServiceUsers.objects.filter(unit=world.unit).exists()


def test_a_file_without_the_columns_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.service_users_import(
            actor=None, unit=world.unit, data=b"a,b\n1,2\n", filename="p.csv"
        )
    assert "tahun" in error.value.message_dict["file"][0]


def test_readers_may_not_import(world):
    with pytest.raises(PermissionDenied):
        services.service_users_import(
            actor=_as(world, "auditor"), unit=world.unit, data=CSV_OK.encode(), filename="p.csv"
        )
    assert not SurveyPoint.objects.filter(name="x").exists()
