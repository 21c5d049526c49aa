"""Shapes shared by every API module: request bodies, the error answers and their OpenAPI
documentation."""

import types
import typing
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from ninja import Field, Schema
from pydantic import field_validator, model_validator
from pydantic_core import PydanticCustomError


def _scalar_kind(annotation) -> type | None:
    """`int` or `bool` when a field holds that JSON type (perhaps or null), else None."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _scalar_kind(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kinds = {_scalar_kind(arg) for arg in typing.get_args(annotation) if arg is not type(None)}
        return kinds.pop() if len(kinds) == 1 else None
    return annotation if annotation in (int, bool) else None


def _has_null_character(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_null_character(v) for v in (*value.keys(), *value.values()))
    if isinstance(value, list | tuple):
        return any(_has_null_character(v) for v in value)
    return False


def _holds_text(annotation) -> bool:
    """Whether a field holds free text (`str`, perhaps inside a union, a list or a dict)."""
    if annotation is str:
        return True
    return any(_holds_text(arg) for arg in typing.get_args(annotation))


class InputSchema(Schema):
    """The base of what a client sends (filters and bodies): text without NUL characters.

    PostgreSQL cannot store or compare a NUL character, so free text holding one is refused as
    Django's forms refuse it: 400 with the field's name and Django's own message. (A NUL in a
    number, a day or a choice is simply not one: 422.)
    """

    @classmethod
    @cache
    def _text_fields(cls) -> frozenset[str]:
        return frozenset(n for n, f in cls.model_fields.items() if _holds_text(f.annotation))

    @field_validator("*", mode="before")
    @classmethod
    def _no_null_characters(cls, value, info):
        if info.field_name in cls._text_fields() and _has_null_character(value):
            message = ProhibitNullCharactersValidator.message
            raise ValidationError({info.field_name: [message]}, code="null_characters_not_allowed")
        return value


class BodyIn(InputSchema):
    """The base of every request body: a JSON object whose values have the JSON types that the
    schema names.

    django-ninja reads an answer's fields from any object's attributes, so a body schema whose
    fields all have defaults would otherwise take `[]` or `[null, null]` for an empty object;
    and pydantic, reading Python values, would take `true` for the integer 1, `"12"` for 12 or
    `1` for true, which the schema forbids.
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

    @classmethod
    @cache
    def _scalar_kinds(cls) -> dict[str, type]:
        kinds = {name: _scalar_kind(field.annotation) for name, field in cls.model_fields.items()}
        return {name: kind for name, kind in kinds.items() if kind is not None}

    @field_validator("*", mode="before")
    @classmethod
    def _json_scalar_type(cls, value, info):
        kind = cls._scalar_kinds().get(info.field_name)
        if value is None or kind is None:
            return value
        if kind is bool and not isinstance(value, bool):
            raise PydanticCustomError("bool_type", "Input should be a valid boolean")
        if kind is int and (
            isinstance(value, bool) or not isinstance(value, int | float | Decimal)
        ):
            raise PydanticCustomError("int_type", "Input should be a valid integer")
        return value


class ErrorOut(Schema):
    """An error answer: 400 invalid request, 401 not logged in, 403 forbidden, 404 not found."""

    detail: str | dict[str, list[str]] = Field(
        description=(
            "What went wrong: a sentence, or for 400 a map from the field name to its messages "
            '("__all__" for the request as a whole).'
        ),
        examples=["Not found.", {"unit": ["There is no unit with this id."]}],
    )


class MessageOut(Schema):
    """The answer of a removal: what was done, in the caller's language."""

    detail: str = Field(description="What was done.")


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(
        description='Where the problem is: the source and the parameter, e.g. ["query", "limit"].'
    )
    msg: str = Field(description="What is wrong with the value, in English.")
    type: str = Field(description="A stable machine-readable code, e.g. int_parsing.")


class ValidationErrorOut(Schema):
    """422: a parameter has the wrong type or is out of range."""

    detail: list[FieldErrorOut] = Field(description="One entry per invalid parameter.")


def responses(ok_schema, *error_codes: int, ok: int = 200) -> dict:
    """The response map of an operation: `ok` (200, or 202 for work queued in the background)
    with `ok_schema`, 401, 422 and `error_codes`.

    Read operations name 400 (a filter names something the caller cannot see) or 404 (the
    object does not exist or is outside the caller's scope).
    """
    codes: dict[int, type[Schema]] = {ok: ok_schema, 401: ErrorOut, 422: ValidationErrorOut}
    for code in error_codes:
        codes[code] = ErrorOut
    return codes


def write_responses(ok_schema) -> dict:
    """The response map of a write on a record that can be final: 400 invalid (or a body that
    is not JSON), 403 not allowed (or a session write without its CSRF token), 404 outside the
    caller's scope, 409 final and immutable."""
    return responses(ok_schema, 400, 403, 404, 409)


def public_responses(ok_schema, *error_codes: int, ok: int = 200) -> dict:
    """The response map of an operation open without a login (under `/public/`): `ok` (200, or
    201 for a citizen's filing) with `ok_schema`, 404 (nothing public has that id or code), 422
    and `error_codes`: 400 for a body the rules refuse, 429 where a rate limit applies (the
    citizen's writes and look-ups by a secret code or token). No 401 nor 403: nobody logs in.
    """
    codes: dict[int, type[Schema]] = {ok: ok_schema, 404: ErrorOut, 422: ValidationErrorOut}
    for code in error_codes:
        codes[code] = ErrorOut
    return codes
