"""Test data of the survey: services, service users and responses, created in bulk."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence

from django.utils import timezone

from kinerja.surveys.models import Response, Service, ServiceUsers
from kinerja.surveys.rules import ELEMENTS

_names = itertools.count(1)


def service(unit, name: str | None = None, *, is_active: bool = True) -> Service:
    return Service.objects.create(
        unit=unit, name=name or f"Layanan {next(_names)}", is_active=is_active
    )


def service_users(unit, year: int, kind: str, number: int, users: int, *, service=None):
    return ServiceUsers.objects.create(
        unit=unit, service=service, year=year, kind=kind, number=number, users=users
    )


def responses(
    unit,
    day: datetime.date,
    answers: Iterable[Sequence[int | None]],
    *,
    service=None,
    suggestion: str = "",
    **profile,
) -> list[Response]:
    """One response per answer (nine scores in the order of the elements), on `day`."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    made = []
    for answer in answers:
        assert len(answer) == len(ELEMENTS)
        made.append(
            Response(
                agency_id=unit.agency_id,
                unit=unit,
                service=service,
                day=day,
                submitted_at=moment,
                suggestion=suggestion,
                **dict(zip(ELEMENTS, answer, strict=True)),
                **profile,
            )
        )
    return Response.objects.bulk_create(made)


def same(score: int | None, count: int) -> list[list[int | None]]:
    """`count` answers giving every element the same score."""
    return [[score] * len(ELEMENTS) for _ in range(count)]
