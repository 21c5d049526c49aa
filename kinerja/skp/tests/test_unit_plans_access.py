"""A unit's plans as a whole: its alignment page and its SKP recap answer from one rule.

`permissions.can_read_unit_plans`: BKPSDM, pimpinan and auditors; the admins of the unit or of
a unit above it; the head of the unit or of a unit above it; and a leader who is not a unit
head (a coordinator with staff under their post) for the subtree of their own unit.
"""

import datetime

import pytest
from django.urls import reverse

from kinerja.accounts import services as accounts
from kinerja.accounts.viewer import build_viewer
from kinerja.org.tests import factories as f
from kinerja.org.tests.personas import PASSWORD
from kinerja.skp import permissions
from kinerja.skp.tests.factories import YEAR

pytestmark = pytest.mark.django_db
START = datetime.date(2020, 1, 1)


def _user(personas, key, position):
    employee = f.employee(personas.agency, key.title(), position=position, start=START)
    return accounts.user_create(
        actor=None,
        agency=personas.agency,
        username=key,
        password=PASSWORD,
        full_name=employee.full_name,
        employee=employee,
    )


@pytest.fixture
def coordinator(personas):
    """A fungsional coordinator in the Seksi Primer with one pelaksana under their post."""
    agency, primer = personas.agency, personas.units["primer"]
    post = f.position(
        agency,
        primer,
        "DINKES-06",
        "Pranata Komputer Ahli Muda",
        "fungsional",
        personas.positions["kasi"],
        jenjang="ahli_muda",
    )
    helper = f.position(agency, primer, "DINKES-07", "Operator Komputer", "pelaksana", post)
    _user(personas, "operator", helper)
    return _user(personas, "koordinator", post)


@pytest.fixture
def lone_head(personas):
    """The head of a new seksi whose only other post is vacant: a leader without staff."""
    agency = personas.agency
    seksi = f.unit(
        agency, "DINKES.YANKES.RUJUK", "Seksi Rujukan", "seksi", personas.units["yankes"]
    )
    head = f.position(
        agency, seksi, "DINKES-08", "Kepala Seksi Rujukan", "pengawas", None, head=True
    )
    f.position(agency, seksi, "DINKES-09", "Pengelola Rujukan", "pelaksana", head)
    return _user(personas, "kasirujuk", head), seksi


def _answers(client, user, unit) -> tuple[int, int]:
    client.force_login(user)
    page = reverse("skp:alignment_unit", args=[unit.pk]) + f"?year={YEAR}"
    recap = reverse("skp:unit_recap", args=[unit.pk]) + f"?year={YEAR}"
    return client.get(page).status_code, client.get(recap).status_code


def test_a_coordinator_reads_the_plans_of_their_unit_and_not_of_the_unit_above(
    client, personas, coordinator
):
    viewer = build_viewer(coordinator)
    assert viewer.is_atasan
    assert permissions.can_read_unit_plans(viewer, personas.units["primer"])
    assert _answers(client, coordinator, personas.units["primer"]) == (200, 200)
    assert _answers(client, coordinator, personas.units["yankes"]) == (403, 403)


def test_a_head_without_staff_reads_the_plans_of_their_unit(client, personas, lone_head):
    user, seksi = lone_head
    assert not build_viewer(user).is_atasan
    assert _answers(client, user, seksi) == (200, 200)
    assert _answers(client, user, personas.units["primer"]) == (403, 403)


def test_a_pegawai_without_staff_reads_no_unit(client, personas):
    for unit in ("primer", "pkm"):
        assert _answers(client, personas.users["dokter"], personas.units[unit]) == (403, 403)


def test_another_agencys_unit_is_read_by_nobody_here(personas):
    viewer = build_viewer(personas.users["bkpsdm"])
    assert not permissions.can_read_unit_plans(viewer, personas.units["other"])
