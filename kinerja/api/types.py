"""Bounded types of the values a client sends, shared by every API module.

Every number has a documented range, so that no value reaches the database unbounded (an
integer past 64 bits is a crash in SQLite and PostgreSQL alike) and the OpenAPI schema says
exactly what the API accepts: a value inside the range is never refused as malformed (422),
one outside it always is.
"""

import datetime
import re
from typing import Annotated

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

# The largest value of a BigAutoField (a signed 64-bit integer in every supported database).
MAX_ID = 2**63 - 1
# An offset past the number of rows answers an empty page; past this one it is refused.
MAX_OFFSET = MAX_ID

Id = Annotated[int, Field(ge=1, le=MAX_ID, description="An id (1 to 2^63 - 1).")]
"""The id of a record, in a path, a filter or a body."""

IdKey = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,17}$")]
"""An id as the key of a JSON object, where keys are text: 1 to 18 digits, no leading zero.

A JSON schema can bound a key only by a pattern, and 18 digits stay below MAX_ID."""

PeriodNumber = Annotated[
    int, Field(ge=1, le=12, description="1-12 for a month, 1-4 for a quarter.")
]
"""The number of an evaluation period in the year: a month (1-12) or a quarter (1-4)."""

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value):
    """Only a day written YYYY-MM-DD, as the schema says (`format: date`): pydantic alone would
    also read a number as seconds since 1970, which the schema does not allow."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return value
    raise PydanticCustomError("date_format", "Input should be a date written YYYY-MM-DD")


Day = Annotated[datetime.date, BeforeValidator(_iso_day)]
"""A calendar day, written YYYY-MM-DD."""
