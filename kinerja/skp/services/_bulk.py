"""Bulk helpers of the matrix and template services: system drafts, chains, fast updates."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import Max, Q

from kinerja.core import audit
from kinerja.skp import rules
from kinerja.skp.models import BehaviourExpectation, Rhk, Skp
from kinerja.skp.selectors.exemptions import first_plan_start, planning_resumes_on
from kinerja.skp.services._common import SKP_FIELDS
from kinerja.skp.services.plan import chain_fields

# --- drafts created by the system -------------------------------------------------------------


def create_drafts(user, agency, employees, year: int, day: datetime.date, reason: str):
    """Draft plans for employees who have none, as skp_create would start them (posts and
    raters of the day, the seven BerAKHLAK expectations, PK targets for JPT; a first plan
    starts after an exemption that ended during the year). Bulk inserts;
    answers ({employee_id: Skp}, audit events)."""
    from kinerja.skp.services.plan import _agreement_rhks

    employees = list(employees)
    if not employees:
        return {}, []
    earlier = set(
        Skp.objects.filter(employee_id__in=[e.pk for e in employees], year=year).values_list(
            "employee_id", flat=True
        )
    )
    chains = chain_fields_bulk(employees, day)
    resumes = planning_resumes_on([e.pk for e in employees if e.pk not in earlier], year, day)
    drafts = []
    for employee in employees:
        first_start = first_plan_start(year, resumes.get(employee.pk))
        skp = Skp(
            agency_id=employee.agency_id,
            employee=employee,
            year=year,
            start_date=day if employee.pk in earlier else first_start,
            end_date=datetime.date(year, 12, 31),
            **chains[employee.pk],
        )
        # The related rows come from the database: validating them would cost a query each.
        skp.clean_fields(exclude=SKP_RELATIONS)
        drafts.append(skp)
    Skp.objects.bulk_create(drafts, batch_size=500)
    BehaviourExpectation.objects.bulk_create(_behaviour_rows(drafts), batch_size=1000)
    for skp in drafts:
        if skp.form == rules.FORM_JPT:
            _agreement_rhks(skp)
    events = [
        _plan_event(user, skp, "skp.plan.created", audit.snapshot(skp, SKP_FIELDS), reason, agency)
        for skp in drafts
    ]
    return {skp.employee_id: skp for skp in drafts}, events


SKP_RELATIONS = [
    "agency",
    "employee",
    "position",
    "unit",
    "rater",
    "rater_position",
    "rater_superior",
    "previous",
    "set_by",
]


def chain_fields_bulk(employees, day) -> dict[int, dict]:
    """`chain_fields` of many employees. People who hold one post and have no delegation
    override share the chain of that post, so it is computed once per post."""
    from kinerja.org.models import Assignment, SupervisionOverride
    from kinerja.org.selectors import active_on

    ids = [e.pk for e in employees]
    posts: dict[int, list[int]] = {}
    for employee_id, position_id in Assignment.objects.filter(
        active_on(day), employee_id__in=ids
    ).values_list("employee_id", "position_id"):
        posts.setdefault(employee_id, []).append(position_id)
    overridden = set(
        SupervisionOverride.objects.filter(active_on(day), employee_id__in=ids).values_list(
            "employee_id", flat=True
        )
    )
    by_post: dict[int, dict] = {}
    result = {}
    for employee in employees:
        held = posts.get(employee.pk, [])
        if len(held) != 1 or employee.pk in overridden:
            result[employee.pk] = chain_fields(employee, day)
            continue
        if held[0] not in by_post:
            by_post[held[0]] = chain_fields(employee, day)
        result[employee.pk] = dict(by_post[held[0]])
    return result


def _update_from_values() -> bool:
    if connection.vendor == "postgresql":
        return True
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version_info >= (3, 33, 0)
    return False


def bulk_set(model, objs, fields: list[str], batch_size: int = 1000) -> None:
    """`bulk_update` that stays fast for thousands of rows.

    Django's bulk_update writes one CASE branch per row and field, which databases plan
    slowly; UPDATE ... FROM (VALUES ...) does the same in one pass (PostgreSQL, SQLite 3.33+).
    """
    objs = list(objs)
    if not objs:
        return
    if not _update_from_values():
        model.objects.bulk_update(objs, fields, batch_size=200)
        return
    quote = connection.ops.quote_name
    meta = model._meta
    concrete = [meta.get_field(name) for name in fields]
    columns = [meta.pk, *concrete]
    if connection.vendor == "postgresql":
        row_sql = "(" + ", ".join(f"%s::{f.db_type(connection)}" for f in columns) + ")"
        alias = "v(" + ", ".join(quote(f.column) for f in columns) + ")"
        names = [f"v.{quote(f.column)}" for f in columns]
    else:  # SQLite names the columns of VALUES column1, column2, ...
        row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
        alias = "v"
        names = [f"v.column{n}" for n in range(1, len(columns) + 1)]
    assignments = ", ".join(
        f"{quote(f.column)} = {name}" for f, name in zip(concrete, names[1:], strict=True)
    )
    table, key = quote(meta.db_table), quote(meta.pk.column)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            params = []
            for obj in batch:
                params.append(obj.pk)
                for field in concrete:
                    params.append(field.get_db_prep_save(getattr(obj, field.attname), connection))
            values = ", ".join([row_sql] * len(batch))
            cursor.execute(
                f"UPDATE {table} AS t SET {assignments} FROM (VALUES {values}) AS {alias} "
                f"WHERE t.{key} = {names[0]}",
                params,
            )


def _behaviour_rows(drafts):
    from kinerja.skp.berakhlak import CoreValue

    return [BehaviourExpectation(skp=skp, value=value) for skp in drafts for value in CoreValue]


def next_orders(plan_ids) -> dict[int, int]:
    rows = (
        Rhk.objects.filter(skp_id__in=list(plan_ids))
        .values("skp_id")
        .annotate(last=Max("order"))
        .values_list("skp_id", "last")
    )
    return {skp_id: last or 0 for skp_id, last in rows}


def supported_rhk_ids(rhk_ids) -> set[int]:
    """RHK in which somebody else's RHK intervenes (in the RHK or one of its indicators): they
    must not be removed."""
    ids = list(rhk_ids)
    if not ids:
        return set()
    rows = Rhk.objects.filter(
        Q(intervened_rhk_id__in=ids) | Q(intervened_indicator__rhk_id__in=ids)
    ).values_list("intervened_rhk_id", "intervened_indicator__rhk_id")
    wanted = set(ids)
    return {pk for pair in rows for pk in pair if pk in wanted}


def _plan_event(user, plan: Skp, action: str, after: dict, reason: str, agency):
    return audit.build_event(
        actor=user, action=action, obj=plan, after=after, reason=reason, agency=agency
    )
