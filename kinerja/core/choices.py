"""Records that a request names by id: resolved against what the actor may choose.

A field that names another record (a leader's RHK, an organisation indicator, an employee, a
unit, a period…) is checked in the service against the set of records the actor may choose
there, never only in a form or a view. The answer is the same `ValidationError` on the field
whether the id names nothing, a record of another agency or one this actor may not choose, so
that the error tells nothing about which records exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.core.numbers import is_ascii_digits

M = TypeVar("M", bound=Model)

# Django's own message for a choice that is not offered (translated by Django's catalogue).
NOT_CHOOSABLE = _("Select a valid choice. That choice is not one of the available choices.")
# Ids are positive 64-bit integers: anything else names nothing (and must not reach the database).
_LARGEST_ID = 2**63 - 1


def _pk_of(model: type[Model], value) -> int | None:
    if isinstance(value, Model):
        return value.pk if isinstance(value, model) else None
    if isinstance(value, bool) or not is_ascii_digits(value):
        return None
    pk = int(str(value))
    return pk if 0 < pk <= _LARGEST_ID else None


def not_choosable(field: str, message=None) -> ValidationError:
    """The error of `choose` on `field`, for a check it cannot express as a queryset."""
    return ValidationError(
        {field: ValidationError(str(message or NOT_CHOOSABLE), code="invalid_choice")}
    )


def choose(choosable: QuerySet[M], value, *, field: str, message=None) -> M | None:
    """The record that `value` (an id or an instance) names among `choosable`, or None when
    no value is given; else the one error of `field`."""
    if value is None or value == "":
        return None
    pk = _pk_of(choosable.model, value)
    found = choosable.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise not_choosable(field, message)
    return found


def choose_many(choosable: QuerySet[M], values: Iterable, *, field: str, message=None) -> list[M]:
    """Every record named in `values` among `choosable`, in the order given (duplicates
    dropped); one error on `field` as soon as one of them is not choosable."""
    pks: list[int] = []
    for value in values or ():
        pk = _pk_of(choosable.model, value)
        if pk is None:
            raise not_choosable(field, message)
        if pk not in pks:
            pks.append(pk)
    found = {obj.pk: obj for obj in choosable.filter(pk__in=pks)} if pks else {}
    if len(found) != len(pks):
        raise not_choosable(field, message)
    return [found[pk] for pk in pks]
