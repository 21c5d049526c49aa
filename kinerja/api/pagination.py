"""Limit/offset pagination: `?limit=50&offset=100` answers `{"count": ..., "items": [...]}`."""

from typing import Any

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from kinerja.api.types import MAX_OFFSET


class LimitOffset(PaginationBase):
    """`count` is the number of rows matching the filters; `items` is one page of them.

    A `limit` above NINJA_PAGINATION_MAX_LIMIT is refused with 422, so that a client never
    believes it has every row when it has not; so is an `offset` above MAX_OFFSET (2^63 - 1),
    which no database can skip. An offset past the last row answers an empty page.
    """

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=settings.NINJA_PAGINATION_MAX_LIMIT,
            description="How many items to return (page size).",
        )
        offset: int = Field(
            0, ge=0, le=MAX_OFFSET, description="How many items to skip from the start."
        )

    class Output(Schema):
        count: int = Field(description="How many items match the filters, over all pages.")
        items: list[Any]

    items_attribute = "items"

    def paginate_queryset(self, queryset, pagination: Input, request, **params):
        # Re-read the maximum so that a settings override applies without a restart.
        limit = min(pagination.limit, settings.NINJA_PAGINATION_MAX_LIMIT)
        offset = pagination.offset
        return {
            "count": self._items_count(queryset),
            "items": list(queryset[offset : offset + limit]),
        }
