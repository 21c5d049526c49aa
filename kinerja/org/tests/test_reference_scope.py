"""Fields of the organisation and account services that name another record accept only what
the actor may choose: a record of another agency (or one not on offer) and an id that names
nothing get one and the same error on the field, and nothing is stored."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kinerja.accounts import services as accounts
from kinerja.accounts.models import Role, User
from kinerja.org import services
from kinerja.org.models import Assignment, Position, SupervisionOverride, Unit

pytestmark = pytest.mark.django_db

MISSING = 987654321
DAY = datetime.date(2026, 2, 2)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _one_error(attempts, field):
    messages = []
    for attempt in attempts:
        with pytest.raises(ValidationError) as error:
            attempt()
        messages.append(error.value.message_dict)
    assert all(m == messages[0] for m in messages), messages
    assert list(messages[0]) == [field]


def test_a_unit_is_placed_only_under_a_unit_of_its_agency(personas):
    count = Unit.objects.count()
    _one_error(
        [
            lambda pk=pk: services.unit_create(
                actor=None,
                agency=personas.agency,
                code="BARU",
                name="Unit baru",
                kind="bidang",
                parent=pk,
            )
            for pk in (personas.units["other"].pk, MISSING)
        ],
        "parent",
    )
    assert Unit.objects.count() == count
    _one_error(
        [
            lambda pk=pk: services.unit_update(actor=None, unit=personas.units["primer"], parent=pk)
            for pk in (personas.units["other"], MISSING)
        ],
        "parent",
    )


@pytest.mark.parametrize("field", ["unit", "parent"])
def test_a_position_names_a_unit_and_a_superior_of_its_agency(personas, field):
    foreign = {"unit": personas.units["other"], "parent": personas.positions["other"]}[field]
    count = Position.objects.count()

    def create(value):
        fields = {"unit": personas.units["primer"], field: value}
        return services.position_create(
            actor=None, agency=personas.agency, code="BARU", name="Baru", kind="pelaksana", **fields
        )

    _one_error([lambda: create(foreign.pk), lambda: create(MISSING)], field)
    assert Position.objects.count() == count
    _one_error(
        [
            lambda value=value: services.position_update(
                actor=None, position=personas.positions["staf"], **{field: value}
            )
            for value in (foreign, MISSING)
        ],
        field,
    )


def test_an_acting_post_is_a_position_of_the_employee_agency(personas):
    count = Assignment.objects.count()
    _one_error(
        [
            lambda pk=pk: services.assignment_start(
                actor=None,
                employee=personas.employees["staf"],
                position=pk,
                start_date=DAY,
                kind="plt",
                reason="acting",
            )
            for pk in (personas.positions["other"].pk, MISSING)
        ],
        "position",
    )
    assert Assignment.objects.count() == count


def test_a_rating_is_delegated_only_to_an_official_the_admin_sees(personas):
    """The staf administers Dinas Kesehatan: the BKPSDM employee is no choice for them."""
    staf = personas.users["staf"]
    _one_error(
        [
            lambda pk=pk: services.supervision_override_create(
                actor=staf,
                employee=personas.employees["dokter"],
                supervisor=pk,
                role="rater",
                start_date=DAY,
                reason="Cuti",
            )
            for pk in (
                personas.employees["bkpsdm"].pk,
                personas.employees["outsider"].pk,
                MISSING,
            )
        ],
        "supervisor",
    )
    assert not SupervisionOverride.objects.exists()
    override = services.supervision_override_create(
        actor=staf,
        employee=personas.employees["dokter"],
        supervisor=personas.employees["kasi"],
        role="rater",
        start_date=DAY,
        reason="Cuti",
    )
    assert override.supervisor == personas.employees["kasi"]


def test_a_user_and_a_role_name_an_employee_and_a_unit_of_their_agency(personas):
    count = User.objects.count()
    _one_error(
        [
            lambda pk=pk: accounts.user_create(
                actor=None, agency=personas.agency, username="baru", password=None, employee=pk
            )
            for pk in (personas.employees["outsider"].pk, MISSING)
        ],
        "employee",
    )
    assert User.objects.count() == count
    _one_error(
        [
            lambda pk=pk: accounts.role_grant(
                actor=None, user=personas.users["kasi"], role=Role.ADMIN_UNIT, unit=pk
            )
            for pk in (personas.units["other"].pk, MISSING)
        ],
        "unit",
    )
