"""Every decimal the parser accepts is read back unchanged from the database in use.

SQLite keeps a decimal column as a binary float (15 significant digits) and Django reads it
back through a 15-digit context; a value it cannot read back makes every page showing it fail.
These tests store values in a column of the very type of each model DecimalField, through the
ORM, on the current database (run them with DATABASE_URL set for PostgreSQL).
"""

from __future__ import annotations

import itertools
from decimal import Decimal, InvalidOperation

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import isolate_apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.core.numbers import (
    STORABLE_DIGITS,
    TARGET_DIGITS,
    DecimalBounds,
    parse_decimal,
    validate_storable_digits,
)

_tables = itertools.count()


def _decimal_fields():
    return [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.DecimalField)
    ]


def _name(field) -> str:
    return f"{field.model._meta.label}.{field.name}"


def _round_trip_model(field):
    """A throwaway model whose `value` column is declared exactly like `field`."""
    table = f"kinerja_round_trip_{next(_tables)}"
    with isolate_apps("kinerja.core"):
        clone = field.clone()
        clone.null, clone.validators = True, list(field.validators)
        model = type(
            "RoundTrip",
            (models.Model,),
            {
                "__module__": __name__,
                "value": clone,
                "Meta": type("Meta", (), {"app_label": "core", "db_table": table}),
            },
        )
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {table} (id integer PRIMARY KEY, value {clone.db_type(connection)})"
        )
    return model


def _read_back(model, values):
    for index, value in enumerate(values, start=1):
        model.objects.create(id=index, value=value)
    stored = dict(model.objects.values_list("id", "value"))
    return [stored[index] for index in range(1, len(values) + 1)]


def test_every_decimal_field_keeps_at_most_fifteen_digits():
    fields = _decimal_fields()
    assert len(fields) >= 10
    for field in fields:
        bounds = DecimalBounds.of(field.model, field.name)
        assert field.max_digits - field.decimal_places <= STORABLE_DIGITS, _name(field)
        if field.max_digits > STORABLE_DIGITS:
            assert validate_storable_digits in field.validators, _name(field)
        assert bounds.whole_digits + bounds.decimal_places >= bounds.total_digits


@pytest.mark.django_db
@pytest.mark.parametrize("field", _decimal_fields(), ids=_name)
def test_the_largest_and_smallest_values_of_every_decimal_field_read_back(field):
    bounds = DecimalBounds.of(field.model, field.name)
    whole = bounds.total_digits - bounds.decimal_places
    values = [
        bounds.largest,
        bounds.smallest,
        bounds.quantum,
        -bounds.quantum,
        Decimal(0),
        # As many digits as kept, with every decimal used: 11111111111.1111 for a target.
        Decimal("1" * whole + "." + "1" * bounds.decimal_places),
    ]
    values = [parse_decimal(value, bounds) for value in values]
    assert _read_back(_round_trip_model(field), values) == values


@pytest.mark.django_db
def test_a_value_beyond_the_bounds_is_what_breaks_sqlite():
    """Why the bounds exist: without them a 16-digit value changes or cannot be read."""
    model = _round_trip_model(models.DecimalField(max_digits=20, decimal_places=4))
    if connection.vendor != "sqlite":
        assert _read_back(model, [Decimal("1234567890123456")]) == [Decimal("1234567890123456")]
        return
    assert _read_back(model, [Decimal("1234567890123456")]) != [Decimal("1234567890123456")]
    model.objects.create(id=99, value=Decimal("9999999999999999"))
    with pytest.raises(InvalidOperation):  # raised by the backend's converter
        model.objects.get(id=99)


_TARGET_FIELD = models.DecimalField(**TARGET_DIGITS)
_TARGET_BOUNDS = DecimalBounds(TARGET_DIGITS["max_digits"], TARGET_DIGITS["decimal_places"])


@st.composite
def typed_numbers(draw):
    """Numbers as a person types them: digits, an optional sign and decimal comma or point."""
    whole = draw(st.text("0123456789", min_size=1, max_size=17))
    decimals = draw(st.text("0123456789", max_size=6))
    sign = draw(st.sampled_from(["", "-", "+"]))
    separator = draw(st.sampled_from([",", "."]))
    return f"{sign}{whole}{separator}{decimals}" if decimals else f"{sign}{whole}"


@pytest.fixture
def target_column(db):
    return _round_trip_model(_TARGET_FIELD)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            typed_numbers(),
            st.decimals(allow_nan=False, allow_infinity=False, places=4),
            st.integers(min_value=-(10**16), max_value=10**16),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_every_value_the_parser_accepts_reads_back_unchanged(target_column, typed):
    accepted = []
    for value in typed:
        try:
            number = parse_decimal(value, _TARGET_BOUNDS)
        except ValidationError:
            continue
        if number is not None:
            accepted.append(number)
    target_column.objects.all().delete()
    assert _read_back(target_column, accepted) == accepted
