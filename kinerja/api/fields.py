"""Schema field types taken from model fields, so that the API and the forms share one limit.

`model_decimal(Realisation, "value")` reads a number with `numbers.parse_decimal` within the
model field's digits and documents the bounds in OpenAPI (minimum, maximum, multipleOf);
`model_text(Rhk, "text")` is a string with the model field's max_length. Each carries a
`ModelFieldRef`, through which the tests check that schema and model agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from kinerja.core import numbers


@dataclass(frozen=True)
class ModelFieldRef:
    """The model field a schema field was built from (metadata of the Annotated type)."""

    model: type
    name: str

    @property
    def field(self):
        return self.model._meta.get_field(self.name)


def model_decimal(model, name: str, *, min_value=None):
    """A Decimal schema field bounded like `model.name`; refusals are 422 naming the field."""
    bounds = numbers.DecimalBounds.of(model, name, min_value=min_value)
    label = model._meta.get_field(name).verbose_name

    def parse(value):
        try:
            number = numbers.parse_decimal(value, bounds, label=label)
        except ValidationError as error:
            raise PydanticCustomError(
                f"decimal_{error.code}", "{message}", {"message": str(error.messages[0])}
            ) from None
        if number is None:  # "" is not a number; null is handled by the Optional around it
            raise PydanticCustomError(
                "decimal_invalid", "{message}", {"message": str(error_text(label))}
            )
        return number

    # The bounds come first so that they apply to the number itself; the parser runs before
    # them. OpenAPI shows a number within minimum, maximum and multipleOf, or a string written
    # as the parser reads it (digits 0-9, a decimal point or comma).
    number = {
        "type": "number",
        "minimum": float(bounds.smallest),
        "maximum": float(bounds.largest),
        "multipleOf": float(bounds.quantum),
    }
    text = {"type": "string", "pattern": TYPED_NUMBER_PATTERN}
    return Annotated[
        Decimal,
        Field(ge=bounds.smallest, le=bounds.largest, multiple_of=bounds.quantum),
        BeforeValidator(parse),
        WithJsonSchema({"anyOf": [number, text]}),
        ModelFieldRef(model, name),
    ]


# The grammar of `numbers.parse_decimal` for typed text, as a JSON Schema (ECMA) pattern.
TYPED_NUMBER_PATTERN = r"^\s*[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)\s*$"


def error_text(label) -> str:
    return numbers.INVALID_MESSAGE % {"field": label}


def model_text(model, name: str):
    """A string schema field with the max_length of `model.name`."""
    return Annotated[
        str,
        Field(max_length=model._meta.get_field(name).max_length),
        ModelFieldRef(model, name),
    ]
