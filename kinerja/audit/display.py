"""Audit events in plain words: labels for actions and fields, names and links for objects,
values formatted the way the reader's language writes them.

A page of events is described in a fixed number of queries: one per kind of object on the page
and one per kind of record named in the changed fields.
"""

from __future__ import annotations

import datetime
import decimal
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from kinerja.core.audit_labels import ObjectKind, action_label, registry
from kinerja.core.models import AuditEvent


@dataclass
class Change:
    field: str  # the stored key, e.g. "unit_id"
    label: str
    before: str
    after: str


@dataclass
class EventRow:
    event: AuditEvent
    action_label: str
    object_name: str
    object_url: str | None
    changed_fields: list[str]
    changes: list[Change] | None = None

    @property
    def pk(self):
        return self.event.pk


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if key in (field.name, field.attname):
            return field
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def field_label(model, key: str) -> str:
    field = _field(model, key)
    if field is None or not getattr(field, "verbose_name", None):
        return key.replace("_", " ")
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def _objects(object_type: str, ids: set[str]) -> dict[str, models.Model]:
    model = _model(object_type)
    if model is None or not ids:
        return {}
    kind = registry.objects.get(object_type, ObjectKind())
    pk_field = model._meta.pk
    keys = []
    for value in ids:
        try:
            keys.append(pk_field.to_python(value))
        except Exception:  # an id written by an older version in another shape: name it as stored
            continue
    queryset = model._base_manager.filter(pk__in=keys)
    if kind.related:
        queryset = queryset.select_related(*kind.related)
    return {str(obj.pk): obj for obj in queryset}


def _describe(object_type: str, obj) -> tuple[str, str | None]:
    kind = registry.objects.get(object_type, ObjectKind())
    return str(kind.label(obj)), kind.link(obj)


def event_rows(events) -> list[EventRow]:
    """A page of events, each with its action label, object name and link, changed fields."""
    events = list(events)
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        wanted[event.object_type].add(event.object_id)
    found = {kind: _objects(kind, ids) for kind, ids in wanted.items()}
    rows = []
    for event in events:
        obj = found.get(event.object_type, {}).get(event.object_id)
        name, url = _describe(event.object_type, obj) if obj is not None else (None, None)
        model = _model(event.object_type)
        rows.append(
            EventRow(
                event=event,
                action_label=action_label(event.action),
                object_name=name or event.object_label,
                object_url=url,
                changed_fields=[field_label(model, key) for key, _b, _a in event.changes],
            )
        )
    return rows


def event_detail(event: AuditEvent) -> EventRow:
    """One event with its changes side by side, values in words."""
    row = event_rows([event])[0]
    model = _model(event.object_type)
    changes = event.changes
    references: dict[str, set[str]] = defaultdict(set)
    for key, before, after in changes:
        field = _field(model, key)
        if field is not None and field.is_relation and field.related_model is not None:
            for value in (before, after):
                if value not in (None, ""):
                    references[field.related_model._meta.label_lower].add(str(value))
    named = {kind: _objects(kind, ids) for kind, ids in references.items()}
    row.changes = [
        Change(
            field=key,
            label=field_label(model, key),
            before=format_value(_field(model, key), before, named),
            after=format_value(_field(model, key), after, named),
        )
        for key, before, after in changes
    ]
    return row


def format_value(field, value, named=None) -> str:
    """A stored before/after value as the reader would write it."""
    if value is None or value == "":
        return "—"
    if field is not None and field.is_relation and field.related_model is not None:
        kind = field.related_model._meta.label_lower
        obj = (named or {}).get(kind, {}).get(str(value))
        return _describe(kind, obj)[0] if obj is not None else f"#{value}"
    if field is not None and field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(value, bool) or isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(str(value))
        return formats.date_format(moment, "j F Y H:i") if moment else str(value)
    if isinstance(field, models.DateField):
        day = value if isinstance(value, datetime.date) else parse_date(str(value))
        return formats.date_format(day, "j F Y") if day else str(value)
    if isinstance(field, models.DecimalField | models.FloatField) or isinstance(value, float):
        try:
            number = decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            return str(value)
        return formats.number_format(number, use_l10n=True, force_grouping=True)
    if isinstance(value, list | dict):
        return ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)
