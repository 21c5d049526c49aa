"""Shapes shared by every API module: request bodies, the error answers and their OpenAPI
documentation."""

from ninja import Field, Schema
from pydantic import model_validator
from pydantic_core import PydanticCustomError


class BodyIn(Schema):
    """The base of every request body: a JSON object, never a list or a bare value.

    django-ninja reads an answer's fields from any object's attributes, so a body schema whose
    fields all have defaults would otherwise take `[]` or `[null, null]` for an empty object.
    """

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values, handler, info):
        # Replaces ninja's attribute reader: a body is parsed JSON, so only a dict (or an
        # already validated instance) is a valid input.
        if isinstance(values, cls):
            return values
        if not isinstance(values, dict):
            raise PydanticCustomError("object_type", "Input should be a JSON object")
        return handler(values)


class ErrorOut(Schema):
    """An error answer: 400 invalid request, 401 not logged in, 403 forbidden, 404 not found."""

    detail: str | dict[str, list[str]] = Field(
        description=(
            "What went wrong: a sentence, or for 400 a map from the field name to its messages "
            '("__all__" for the request as a whole).'
        ),
        examples=["Not found.", {"unit": ["There is no unit with this id."]}],
    )


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(
        description='Where the problem is: the source and the parameter, e.g. ["query", "limit"].'
    )
    msg: str = Field(description="What is wrong with the value, in English.")
    type: str = Field(description="A stable machine-readable code, e.g. int_parsing.")


class ValidationErrorOut(Schema):
    """422: a parameter has the wrong type or is out of range."""

    detail: list[FieldErrorOut] = Field(description="One entry per invalid parameter.")


def responses(ok_schema, *error_codes: int) -> dict:
    """The response map of an operation: 200 with `ok_schema`, 401, 422 and `error_codes`.

    Read operations name 400 (a filter names something the caller cannot see) or 404 (the
    object does not exist or is outside the caller's scope).
    """
    codes: dict[int, type[Schema]] = {200: ok_schema, 401: ErrorOut, 422: ValidationErrorOut}
    for code in error_codes:
        codes[code] = ErrorOut
    return codes


def write_responses(ok_schema) -> dict:
    """The response map of a write on a record that can be final: 400 invalid (or a body that
    is not JSON), 403 not allowed (or a session write without its CSRF token), 404 outside the
    caller's scope, 409 final and immutable."""
    return responses(ok_schema, 400, 403, 404, 409)
