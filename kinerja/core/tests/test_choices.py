"""The one way a service resolves a record named by id: among what the actor may choose."""

import pytest
from django.core.exceptions import ValidationError

from kinerja.core.choices import NOT_CHOOSABLE, choose, choose_many
from kinerja.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(personas):
    """The units of the agency are the choices; those of another agency are not."""
    return Unit.objects.filter(agency=personas.agency)


def _error(callable_):
    with pytest.raises(ValidationError) as error:
        callable_()
    assert error.value.error_dict["unit"][0].code == "invalid_choice"
    return error.value.message_dict


def test_an_id_or_an_instance_on_offer_is_resolved(personas, units):
    dinkes = personas.units["dinkes"]
    assert choose(units, dinkes.pk, field="unit") == dinkes
    assert choose(units, str(dinkes.pk), field="unit") == dinkes
    assert choose(units, dinkes, field="unit") == dinkes
    assert choose(units, None, field="unit") is None
    assert choose(units, "", field="unit") is None


NAMED = {
    "a unit of another agency": lambda p: p.units["other"].pk,
    "an id that names nothing": lambda p: 987654321,
    "a record of another model": lambda p: p.positions["kadinkes"],
}


@pytest.mark.parametrize(
    "value",
    [*NAMED, 0, -1, 2**63, 10**30, "²", "١٢", "1.0", True, [1]],
)
def test_anything_else_gets_one_and_the_same_error(personas, units, value):
    value = NAMED[value](personas) if isinstance(value, str) and value in NAMED else value
    assert _error(lambda: choose(units, value, field="unit")) == {"unit": [str(NOT_CHOOSABLE)]}


def test_a_message_of_the_field_replaces_the_default(personas, units):
    messages = _error(
        lambda: choose(units, personas.units["other"], field="unit", message="Choose a unit.")
    )
    assert messages == {"unit": ["Choose a unit."]}


def test_many_are_resolved_in_order_or_refused_together(personas, units):
    dinkes, yankes = personas.units["dinkes"], personas.units["yankes"]
    assert choose_many(units, [yankes.pk, dinkes, str(yankes.pk)], field="unit") == [
        yankes,
        dinkes,
    ]
    assert choose_many(units, [], field="unit") == []
    for bad in ([dinkes.pk, personas.units["other"].pk], [dinkes.pk, 987654321], ["x"]):
        assert _error(lambda bad=bad: choose_many(units, bad, field="unit")) == {
            "unit": [str(NOT_CHOOSABLE)]
        }
