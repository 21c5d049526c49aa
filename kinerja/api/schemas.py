"""Shapes shared by every API module: the error answers and their OpenAPI documentation."""

from ninja import Field, Schema


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
