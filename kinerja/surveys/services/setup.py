"""Writes of a service unit's survey set-up: its services (jenis layanan), its survey points
(one per counter, each with its public token) and the number of people it served per period.

The unit's admins, its head and the agency's BKPSDM admins may change them
(`permissions.can_manage_setup`); a unit outside the actor's scope is not choosable.
"""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kinerja.accounts.actors import as_viewer, audit_actor, require
from kinerja.core import audit
from kinerja.core.choices import choose
from kinerja.org.imports.reader import CSV, FileFormatError, decode_csv, sniff_format
from kinerja.surveys import permissions, selectors
from kinerja.surveys.models import PERIODS_IN_YEAR, PeriodKind, Service, ServiceUsers, SurveyPoint

YEARS = (2000, 2100)
MAX_USERS = 10_000_000
MAX_IMPORT_ROWS = 2_000
IMPORT_COLUMNS = ("tahun", "periode", "nomor", "pengguna", "layanan")
# The period's name in a file, in Indonesian or English.
PERIOD_WORDS = {
    "bulan": PeriodKind.MONTH,
    "month": PeriodKind.MONTH,
    "triwulan": PeriodKind.QUARTER,
    "quarter": PeriodKind.QUARTER,
    "semester": PeriodKind.SEMESTER,
    "tahun": PeriodKind.YEAR,
    "year": PeriodKind.YEAR,
}


def _unit(actor, unit):
    viewer = as_viewer(actor)
    found = choose(selectors.choosable_units(viewer), unit, field="unit")
    if found is None:
        raise ValidationError({"unit": [_("Choose the service unit.")]}, code="required")
    require(viewer, lambda v: permissions.can_manage_setup(v, found))
    return found


def _name(name, field: str, max_length: int) -> str:
    text = " ".join(str(name or "").split())
    if not text:
        raise ValidationError({field: [_("Write the name.")]}, code="required")
    if len(text) > max_length:
        raise ValidationError(
            {field: [_("At most %(count)s characters.") % {"count": max_length}]},
            code="max_length",
        )
    return text


def _unique(queryset, name: str, field: str) -> None:
    if queryset.filter(name__iexact=name).exists():
        raise ValidationError(
            {field: [_("The unit already has one with this name.")]}, code="unique"
        )


def service_create(*, actor, unit, name: str) -> Service:
    """A new service (jenis layanan) of the unit."""
    unit = _unit(actor, unit)
    name = _name(name, "name", 200)
    with transaction.atomic():
        _unique(Service.objects.filter(unit=unit), name, "name")
        service = Service.objects.create(unit=unit, name=name)
        audit.record(
            actor=audit_actor(actor),
            action="surveys.service.created",
            obj=service,
            after=audit.snapshot(service),
            agency=unit.agency,
        )
    return service


def service_update(*, actor, service, name: str, is_active: bool) -> Service:
    """Rename a service, or take it out of (or back into) the survey. Its answers stay."""
    viewer = as_viewer(actor)
    scope = Service.objects.filter(unit__in=selectors.choosable_units(viewer))
    service = choose(scope.select_related("unit__agency"), service, field="service")
    if service is None:
        raise ValidationError({"service": [_("Choose the service.")]}, code="required")
    require(viewer, lambda v: permissions.can_manage_setup(v, service.unit))
    name = _name(name, "name", 200)
    with transaction.atomic():
        _unique(Service.objects.filter(unit=service.unit).exclude(pk=service.pk), name, "name")
        before = audit.snapshot(service)
        service.name = name
        service.is_active = bool(is_active)
        service.save(update_fields=["name", "is_active"])
        audit.record(
            actor=audit_actor(actor),
            action="surveys.service.updated",
            obj=service,
            before=before,
            after=audit.snapshot(service),
            agency=service.unit.agency,
        )
    return service


def _point_service(unit, service):
    return choose(Service.objects.filter(unit=unit, is_active=True), service, field="service")


def point_create(*, actor, unit, name: str, service=None) -> SurveyPoint:
    """A new survey point (a counter) of the unit, with a fresh random token; `service` when
    the counter serves one service only."""
    unit = _unit(actor, unit)
    name = _name(name, "name", 120)
    service = _point_service(unit, service)
    with transaction.atomic():
        _unique(SurveyPoint.objects.filter(unit=unit), name, "name")
        point = SurveyPoint.objects.create(unit=unit, name=name, service=service)
        audit.record(
            actor=audit_actor(actor),
            action="surveys.point.created",
            obj=point,
            after=audit.snapshot(point, ["unit", "service", "name", "is_active"]),
            agency=unit.agency,
        )
    return point


def point_update(*, actor, point, name: str, service=None, is_active: bool = True) -> SurveyPoint:
    """Rename a point, change its service, or close (reopen) its survey address."""
    viewer = as_viewer(actor)
    scope = SurveyPoint.objects.filter(unit__in=selectors.choosable_units(viewer))
    point = choose(scope.select_related("unit__agency"), point, field="point")
    if point is None:
        raise ValidationError({"point": [_("Choose the survey point.")]}, code="required")
    require(viewer, lambda v: permissions.can_manage_setup(v, point.unit))
    name = _name(name, "name", 120)
    if service not in (None, "") and str(getattr(service, "pk", service)) == str(point.service_id):
        service = point.service  # an inactive service it already names may stay
    else:
        service = _point_service(point.unit, service)
    fields = ["unit", "service", "name", "is_active"]
    with transaction.atomic():
        _unique(SurveyPoint.objects.filter(unit=point.unit).exclude(pk=point.pk), name, "name")
        before = audit.snapshot(point, fields)
        point.name = name
        point.service = service
        point.is_active = bool(is_active)
        point.save(update_fields=["name", "service", "is_active"])
        audit.record(
            actor=audit_actor(actor),
            action="surveys.point.updated",
            obj=point,
            before=before,
            after=audit.snapshot(point, fields),
            agency=point.unit.agency,
        )
    return point


def _check_period(year, kind, number, users) -> dict:
    """The field errors of one period's figures (none when they are valid)."""
    errors: dict[str, list[str]] = {}
    if not isinstance(year, int) or not YEARS[0] <= year <= YEARS[1]:
        errors["year"] = [_("Write a year between 2000 and 2100.")]
    if kind not in PeriodKind.values:
        errors["kind"] = [_("Choose month, quarter, semester or year.")]
    elif not isinstance(number, int) or not 1 <= number <= PERIODS_IN_YEAR[kind]:
        errors["number"] = [
            _("The period number is 1 to %(count)s.") % {"count": PERIODS_IN_YEAR[kind]}
        ]
    if not isinstance(users, int) or isinstance(users, bool) or not 0 <= users <= MAX_USERS:
        errors["users"] = [_("Write a whole number from 0 to 10,000,000.")]
    return errors


def _save_users(unit, service, year, kind, number, users) -> tuple[ServiceUsers, dict | None]:
    row = ServiceUsers.objects.filter(
        unit=unit, service=service, year=year, kind=kind, number=number
    ).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        row = ServiceUsers(unit=unit, service=service, year=year, kind=kind, number=number)
    row.users = users
    row.save()
    return row, before


def service_users_set(
    *, actor, unit, year: int, kind: str, number: int, users: int, service=None
) -> ServiceUsers:
    """How many people the unit (or one of its services) served in a period: the population
    of the minimum sample. Setting it again replaces the figure."""
    unit = _unit(actor, unit)
    errors = _check_period(year, kind, number, users)
    if errors:
        raise ValidationError(errors, code="invalid")
    service = choose(Service.objects.filter(unit=unit), service, field="service")
    with transaction.atomic():
        row, before = _save_users(unit, service, year, kind, number, users)
        audit.record(
            actor=audit_actor(actor),
            action="surveys.users.set",
            obj=row,
            before=before,
            after=audit.snapshot(row),
            agency=unit.agency,
        )
    return row


def _file_rows(data: bytes, filename: str):
    """(row number, {column: value}) of the file's first sheet; row 1 is the header."""
    if sniff_format(data, filename) == CSV:
        text = decode_csv(data)
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text else csv.excel
        except csv.Error:
            dialect = csv.excel
        rows = iter(csv.reader(io.StringIO(text), dialect))
    else:
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
            raise FileFormatError(_("The Excel workbook is damaged and cannot be read.")) from error
        rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = [str(cell or "").strip().lower() for cell in next(rows, [])]
    missing = [column for column in IMPORT_COLUMNS[:4] if column not in header]
    if missing:
        raise FileFormatError(
            _("The first row names the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    for number, values in enumerate(rows, start=2):
        if not any(value not in (None, "") for value in values):
            continue
        if number - 1 > MAX_IMPORT_ROWS:
            raise FileFormatError(_("The file has too many rows; split it into several files."))
        yield number, dict(zip(header, values, strict=False))


def _whole(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value if value is not None else "").strip().replace(".", "").replace(",", "")
    return int(text) if text.isascii() and text.isdigit() else None


COLUMN_OF_FIELD = {"year": "tahun", "kind": "periode", "number": "nomor", "users": "pengguna"}


def service_users_import(*, actor, unit, data: bytes, filename: str) -> int:
    """The service users of several periods from a CSV or XLSX file with the columns `tahun`,
    `periode` (bulan, triwulan, semester, tahun), `nomor`, `pengguna` and, optionally,
    `layanan` (a service's name). Every bad row is reported (a ValidationError on `file`
    naming the row and the column) and nothing is written unless the whole file is valid."""
    unit = _unit(actor, unit)
    services = {s.name.casefold(): s for s in Service.objects.filter(unit=unit)}
    problems: list[str] = []
    parsed: dict[tuple, tuple] = {}
    try:
        for number, row in _file_rows(data, filename):
            kind_word = str(row.get("periode") or "").strip().lower()
            kind = PERIOD_WORDS.get(kind_word, kind_word)
            year, period, users = _whole(row.get("tahun")), _whole(row.get("nomor")), None
            if kind == PeriodKind.YEAR and row.get("nomor") in (None, ""):
                period = 1
            users = _whole(row.get("pengguna"))
            errors = _check_period(year, kind, period, users)
            service_name = str(row.get("layanan") or "").strip()
            service = services.get(service_name.casefold()) if service_name else None
            if service_name and service is None:
                errors["service"] = [_("The unit has no service with this name.")]
            for field, messages in errors.items():
                column = COLUMN_OF_FIELD.get(field, "layanan")
                problems.append(
                    _("Row %(row)s, column %(column)s: %(message)s")
                    % {"row": number, "column": column, "message": messages[0]}
                )
            if errors:
                continue
            key = (service.pk if service else None, year, kind, period)
            if key in parsed:
                problems.append(
                    _("Row %(row)s repeats the period of row %(first)s.")
                    % {"row": number, "first": parsed[key][0]}
                )
                continue
            parsed[key] = (number, service, users)
    except FileFormatError as error:
        raise ValidationError({"file": [str(error)]}, code="file_format") from None
    if problems:
        raise ValidationError({"file": problems}, code="invalid_rows")
    if not parsed:
        raise ValidationError({"file": [_("The file has no rows.")]}, code="empty")
    with transaction.atomic():
        events = []
        for (_service_id, year, kind, period), (_row, service, users) in parsed.items():
            row, before = _save_users(unit, service, year, kind, period, users)
            events.append(
                audit.build_event(
                    actor=audit_actor(actor),
                    action="surveys.users.imported",
                    obj=row,
                    before=before,
                    after=audit.snapshot(row),
                    agency=unit.agency,
                )
            )
        audit.record_many(events)
    return len(parsed)
