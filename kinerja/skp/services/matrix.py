"""Writes of the matriks peran hasil: saving a leader's cells, propagating them as RHK into the
subordinates' plans, and the work teams of a two-level alignment.

Every cell with a role becomes an RHK (key = cell.rhk_key) in the person's plan of the year,
intervening in the leader's RHK and indicator of its column (PermenPANRB 6/2022, Lampiran
p.46-49 and format A.1.6/A.1.7). A plan that is submitted or set is never touched: the cell is
marked `pending_revision` and the leader is sent to the plan's revision.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.actors import audit_actor, require
from kinerja.core import audit
from kinerja.core.errors import ValidationError
from kinerja.core.fields import check_lengths
from kinerja.skp.models import (
    MatrixCell,
    MatrixLevels,
    ResultKind,
    ResultMatrix,
    Rhk,
    RhkSource,
    Skp,
    WorkTeam,
)
from kinerja.skp.selectors.matrix import (
    can_edit_matrix,
    column_names,
    current_plans,
    exemptions_by_employee,
    leader_columns,
    matrix_day,
    matrix_people,
    subtree_employee_ids,
    teams_led_by,
)
from kinerja.skp.services._bulk import (
    _plan_event,
    bulk_set,
    create_drafts,
    next_orders,
    supported_rhk_ids,
)
from kinerja.skp.services._common import today_of

CELL_FIELDS = ["leader_indicator_key", "employee", "role_text", "no_role", "kind", "rhk_key"]


# --- matrix save ----------------------------------------------------------------------------


@dataclass
class PlanChange:
    employee_id: int
    employee_label: str
    plan_id: int | None
    column_label: str = ""
    status: str = ""
    reason: str = ""  # why a person not subject to planning was left out


@dataclass
class MatrixSaveResult:
    matrix: ResultMatrix | None = None
    cells_changed: int = 0
    drafts_created: list[PlanChange] = field(default_factory=list)
    created: list[PlanChange] = field(default_factory=list)
    updated: list[PlanChange] = field(default_factory=list)
    removed: list[PlanChange] = field(default_factory=list)
    kept: list[PlanChange] = field(default_factory=list)  # supported by others' RHK
    skipped: list[PlanChange] = field(default_factory=list)  # plan submitted or set
    exempt: list[PlanChange] = field(default_factory=list)  # not subject to planning

    def summary(self) -> dict:
        return {
            "cells_changed": self.cells_changed,
            "drafts_created": len(self.drafts_created),
            "rhk_created": len(self.created),
            "rhk_updated": len(self.updated),
            "rhk_removed": len(self.removed),
            "rhk_kept": len(self.kept),
            "plans_skipped": sorted({c.plan_id for c in self.skipped if c.plan_id}),
            "not_subject_to_planning": sorted(c.employee_id for c in self.exempt),
        }


@dataclass
class _Wanted:
    key: uuid.UUID
    employee_id: int
    role_text: str
    no_role: bool
    kind: str

    @property
    def has_role(self) -> bool:
        return bool(self.role_text) and not self.no_role

    @property
    def is_empty(self) -> bool:
        return not self.role_text and not self.no_role


NO_ROLE_WITH_TEXT = "no_role_with_text"


def _parse_cells(cells, names: dict, people: dict) -> list[_Wanted]:
    """The cells asked for, or ValidationError on "cells" listing every bad one. A cell marked
    "no role" with a role written in it is refused (code NO_ROLE_WITH_TEXT, naming the person
    and the column): the leader chooses, nothing is dropped."""
    column_keys, row_ids = set(names), set(people)
    wanted, errors, seen = [], [], set()
    for raw in cells:
        try:
            key = uuid.UUID(str(raw["leader_indicator_key"]))
            employee_id = int(raw["employee_id"])
        except (KeyError, TypeError, ValueError):
            errors.append(_("A cell names no indicator or person."))
            continue
        if key not in column_keys:
            errors.append(_("A cell names an indicator that is not in the leader's SKP."))
            continue
        if employee_id not in row_ids:
            errors.append(_("A cell names a person who has no row in this matrix."))
            continue
        if (key, employee_id) in seen:
            continue
        seen.add((key, employee_id))
        kind = raw.get("kind") or ResultKind.UTAMA
        if kind not in ResultKind.values:
            errors.append(_("Choose main or additional for every role."))
            continue
        no_role = bool(raw.get("no_role"))
        text = str(raw.get("role_text") or "").strip()
        if no_role and text:
            errors.append(
                ValidationError(
                    _(
                        "%(person)s, %(column)s: “No role” is ticked but a role is written. "
                        "Untick “No role” to keep the role, or clear the text."
                    ),
                    code=NO_ROLE_WITH_TEXT,
                    params={
                        "person": str(people[employee_id]),
                        "column": names[key],
                        "leader_indicator_key": key,
                        "employee_id": employee_id,
                    },
                )
            )
            continue
        try:
            check_lengths(MatrixCell, role_text=text)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        wanted.append(_Wanted(key, employee_id, text, no_role, kind))
    if errors:
        raise ValidationError({"cells": list(dict.fromkeys(errors))}, code="invalid_cell")
    return wanted


def _lock_matrix(leader, leader_plan: Skp, year: int) -> ResultMatrix:
    matrix, _created = ResultMatrix.objects.get_or_create(
        leader=leader,
        leader_position=leader_plan.position,
        year=year,
        defaults={"agency_id": leader.agency_id},
    )
    return ResultMatrix.objects.select_for_update().get(pk=matrix.pk)


def _leader_plan(leader, year):
    plan = current_plans([leader.pk], year).get(leader.pk)
    if plan is None:
        raise ValidationError(
            _("%(name)s has no SKP for %(year)s: start it before dividing roles.")
            % {"name": leader, "year": year},
            code="no_leader_plan",
        )
    return plan


@transaction.atomic
def matrix_save(*, actor, leader, year: int, cells: list[dict], levels=None) -> MatrixSaveResult:
    """Save the cells of a leader's matrix at once and carry them into the people's plans."""
    require(
        actor,
        lambda v: can_edit_matrix(v, leader),
        _("Only the leader or a BKPSDM admin may change this matrix."),
    )
    day = matrix_day(year, today_of(actor))
    leader_plan = _leader_plan(leader, year)
    matrix = _lock_matrix(leader, leader_plan, year)
    if levels is not None:
        if int(levels) not in MatrixLevels.values:
            raise ValidationError({"levels": _("Choose one or two levels.")}, code="invalid")
        if matrix.levels != int(levels):
            matrix.levels = int(levels)
            matrix.save(update_fields=["levels", "updated_at"])
    groups = leader_columns(leader_plan)
    columns = {ind.key: (group.rhk, ind) for group in groups for ind in group.indicators}
    teams = list(matrix.teams.prefetch_related("members"))
    rows = matrix_people(leader, matrix.levels, teams, teams_led_by(leader.pk, year), day)
    people = {row.employee.pk: row.employee for row in rows}
    wanted = _parse_cells(cells, column_names(groups), people)
    result = MatrixSaveResult(matrix=matrix)
    wanted = _leave_out_exempt(wanted, people, day, result)

    existing = {
        (c.leader_indicator_key, c.employee_id): c
        for c in MatrixCell.objects.select_for_update().filter(
            matrix=matrix, employee_id__in={w.employee_id for w in wanted}
        )
    }
    work: list[tuple[MatrixCell, _Wanted]] = []
    for want in wanted:
        cell = existing.get((want.key, want.employee_id))
        if cell is None:
            if want.is_empty:
                continue
            cell = MatrixCell(
                matrix=matrix, leader_indicator_key=want.key, employee_id=want.employee_id
            )
        elif (cell.role_text, cell.no_role, cell.kind) == (
            want.role_text,
            want.no_role,
            want.kind,
        ) and not cell.pending_revision:
            continue
        if (cell.role_text, cell.no_role, cell.kind) != (want.role_text, want.no_role, want.kind):
            result.cells_changed += 1
        cell.role_text, cell.no_role, cell.kind = want.role_text, want.no_role, want.kind
        cell.clean_fields(exclude=["matrix", "employee"])
        work.append((cell, want))
    if not work:
        _record_summary(actor, matrix, result, leader)
        return result

    _propagate(actor, leader, leader_plan, year, day, columns, people, work, result)

    now = timezone.now()
    new_cells = [c for c, w in work if c.pk is None]
    drop = [c.pk for c, w in work if c.pk and w.is_empty and not c.pending_revision]
    keep = [c for c, w in work if c.pk and c.pk not in drop]
    for cell in keep:
        cell.updated_at = now
    MatrixCell.objects.bulk_create(new_cells, batch_size=1000)
    bulk_set(MatrixCell, keep, ["role_text", "no_role", "kind", "pending_revision", "updated_at"])
    if drop:
        MatrixCell.objects.filter(pk__in=drop).delete()
    ResultMatrix.objects.filter(pk=matrix.pk).update(updated_at=now)
    _record_summary(actor, matrix, result, leader)
    return result


def _leave_out_exempt(wanted: list[_Wanted], people, day, result) -> list[_Wanted]:
    """Drop the cells of people not subject to planning on the day: neither their cells nor
    their plans change, and they are reported."""
    exemptions = exemptions_by_employee({w.employee_id for w in wanted}, day)
    if not exemptions:
        return wanted
    for employee_id in sorted(exemptions, key=lambda pk: str(people[pk])):
        result.exempt.append(
            PlanChange(
                employee_id,
                str(people[employee_id]),
                None,
                reason=exemptions[employee_id].get_reason_display(),
            )
        )
    return [w for w in wanted if w.employee_id not in exemptions]


def _record_summary(actor, matrix, result, leader) -> None:
    if not result.cells_changed and not any(
        (result.created, result.updated, result.removed, result.skipped, result.exempt)
    ):
        return
    audit.record(
        actor=audit_actor(actor),
        action="skp.matrix.saved",
        obj=matrix,
        after={"levels": matrix.levels, **result.summary()},
        agency=matrix.agency,
        reason=str(leader),
    )


def _propagate(actor, leader, leader_plan, year, day, columns, people, work, result) -> None:
    """Create, update or remove the RHK of each changed cell in bulk."""
    employee_ids = {cell.employee_id for cell, _w in work}
    plans = current_plans(employee_ids, year, lock=True)
    need_draft = [
        people[pk]
        for pk in sorted({c.employee_id for c, w in work if w.has_role})
        if pk not in plans
    ]
    reason = _("Started by the matriks peran hasil of %(leader)s") % {"leader": leader}
    user = audit_actor(actor)
    agency = leader.agency
    drafts, events = create_drafts(user, agency, need_draft, year, day, reason)
    plans.update(drafts)
    for pk, plan in drafts.items():
        result.drafts_created.append(PlanChange(pk, str(people[pk]), plan.pk, status=plan.status))
    rhks = {
        (r.skp_id, r.key): r
        for r in Rhk.objects.filter(
            skp_id__in=[p.pk for p in plans.values()], key__in=[c.rhk_key for c, _w in work]
        )
    }
    orders = next_orders(p.pk for p in plans.values() if p.is_editable)
    assigned_by = f"{leader.full_name} ({leader_plan.position.name})"[:300]
    to_create, to_update, to_delete = [], [], []
    touched: dict[int, dict[str, list[str]]] = {}

    def note(bucket, cell, plan, rhk_text):
        change = PlanChange(
            cell.employee_id, str(people[cell.employee_id]), plan.pk if plan else None, rhk_text
        )
        change.status = plan.status if plan else ""
        bucket.append(change)
        return change

    for cell, want in work:
        plan = plans.get(cell.employee_id)
        leader_rhk, leader_indicator = columns[cell.leader_indicator_key]
        label = leader_indicator.text
        rhk = rhks.get((plan.pk, cell.rhk_key)) if plan else None
        editable = plan is not None and plan.is_editable and plan.is_latest
        if want.has_role:
            desired = {
                "text": want.role_text,
                "kind": want.kind,
                "intervened_rhk_id": leader_rhk.pk,
                "intervened_indicator_id": leader_indicator.pk,
            }
            if rhk is not None and all(getattr(rhk, k) == v for k, v in desired.items()):
                cell.pending_revision = False
                continue
            if not editable:
                cell.pending_revision = True
                note(result.skipped, cell, plan, label)
                continue
            if rhk is None:
                orders[plan.pk] = orders.get(plan.pk, 0) + 1
                rhk = Rhk(
                    skp=plan,
                    key=cell.rhk_key,
                    order=orders[plan.pk],
                    assigned_by_label=assigned_by,
                    source=RhkSource.MATRIX,
                    **desired,
                )
                rhk.clean_fields(exclude=["skp", "intervened_rhk", "intervened_indicator"])
                to_create.append(rhk)
                note(result.created, cell, plan, label)
                touched.setdefault(plan.pk, {}).setdefault("created", []).append(str(rhk.key))
            else:
                for name, value in desired.items():
                    setattr(rhk, name, value)
                rhk.source = RhkSource.MATRIX
                rhk.clean_fields(exclude=["skp", "intervened_rhk", "intervened_indicator"])
                to_update.append(rhk)
                note(result.updated, cell, plan, label)
                touched.setdefault(plan.pk, {}).setdefault("updated", []).append(str(rhk.key))
            cell.pending_revision = False
        else:
            if rhk is None:
                cell.pending_revision = False
                continue
            if not editable:
                cell.pending_revision = True
                note(result.skipped, cell, plan, label)
                continue
            to_delete.append((cell, plan, rhk, label))
            cell.pending_revision = False

    supported = supported_rhk_ids(rhk.pk for _c, _p, rhk, _l in to_delete)
    removable = []
    for cell, plan, rhk, label in to_delete:
        if rhk.pk in supported:
            note(result.kept, cell, plan, label)
            continue
        removable.append(rhk.pk)
        note(result.removed, cell, plan, label)
        touched.setdefault(plan.pk, {}).setdefault("removed", []).append(str(rhk.key))

    Rhk.objects.bulk_create(to_create, batch_size=1000)
    bulk_set(Rhk, to_update, ["text", "kind", "intervened_rhk", "intervened_indicator", "source"])
    if removable:
        Rhk.objects.filter(pk__in=removable).delete()
    if touched:
        Skp.objects.filter(pk__in=list(touched)).update(updated_at=timezone.now())
    by_pk = {plan.pk: plan for plan in plans.values()}
    events += [
        _plan_event(user, by_pk[pk], "skp.plan.matrix_applied", changes, str(leader), agency)
        for pk, changes in touched.items()
    ]
    audit.record_many(events)


# --- work teams -----------------------------------------------------------------------------


def _check_team(leader, year: int, day, name: str, team_leader, members) -> list:
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Give the team a name.")
    allowed = subtree_employee_ids(leader.pk, day)
    if team_leader is None or team_leader.pk not in allowed:
        errors["team_leader"] = _("Choose the team leader among your subordinates.")
    members = [m for m in members if team_leader is None or m.pk != team_leader.pk]
    if any(m.pk not in allowed for m in members):
        errors["members"] = _("Choose the members among your subordinates.")
    if errors:
        raise ValidationError(errors, code="invalid_team")
    return members


def _team_matrix(leader, year: int) -> ResultMatrix:
    leader_plan = current_plans([leader.pk], year).get(leader.pk)
    if leader_plan is not None:
        return _lock_matrix(leader, leader_plan, year)
    from kinerja.org.selectors import primary_assignment

    assignment = primary_assignment(leader, matrix_day(year, timezone.localdate()))
    if assignment is None:
        raise ValidationError(_("%(name)s holds no post.") % {"name": leader}, code="no_post")
    matrix, _created = ResultMatrix.objects.get_or_create(
        leader=leader,
        leader_position=assignment.position,
        year=year,
        defaults={"agency_id": leader.agency_id},
    )
    return matrix


def _team_snapshot(team: WorkTeam, members) -> dict:
    return {
        "name": team.name,
        "team_leader": team.team_leader_id,
        "members": sorted(m.pk for m in members),
    }


@transaction.atomic
def work_team_create(*, actor, leader, year: int, name: str, team_leader, members=()) -> WorkTeam:
    require(
        actor,
        lambda v: can_edit_matrix(v, leader),
        _("Only the leader or a BKPSDM admin may change the work teams."),
    )
    day = matrix_day(year, today_of(actor))
    members = _check_team(leader, year, day, name, team_leader, list(members))
    matrix = _team_matrix(leader, year)
    team = WorkTeam(matrix=matrix, name=name.strip(), team_leader=team_leader)
    team.full_clean()
    team.save()
    team.members.set(members)
    audit.record(
        actor=audit_actor(actor),
        action="skp.team.created",
        obj=team,
        after=_team_snapshot(team, members),
        agency=matrix.agency,
    )
    return team


@transaction.atomic
def work_team_update(*, actor, team: WorkTeam, name: str, team_leader, members=()) -> WorkTeam:
    team = WorkTeam.objects.select_for_update().select_related("matrix__leader").get(pk=team.pk)
    leader, year = team.matrix.leader, team.matrix.year
    require(
        actor,
        lambda v: can_edit_matrix(v, leader),
        _("Only the leader or a BKPSDM admin may change the work teams."),
    )
    day = matrix_day(year, today_of(actor))
    members = _check_team(leader, year, day, name, team_leader, list(members))
    before = _team_snapshot(team, team.members.all())
    team.name, team.team_leader = name.strip(), team_leader
    team.full_clean()
    team.save()
    team.members.set(members)
    after = _team_snapshot(team, members)
    if before != after:
        audit.record(
            actor=audit_actor(actor),
            action="skp.team.updated",
            obj=team,
            before=before,
            after=after,
            agency=team.matrix.agency,
        )
    return team


@transaction.atomic
def work_team_delete(*, actor, team: WorkTeam) -> None:
    team = WorkTeam.objects.select_for_update().select_related("matrix__leader").get(pk=team.pk)
    leader = team.matrix.leader
    require(
        actor,
        lambda v: can_edit_matrix(v, leader),
        _("Only the leader or a BKPSDM admin may change the work teams."),
    )
    audit.record(
        actor=audit_actor(actor),
        action="skp.team.deleted",
        obj=team,
        before=_team_snapshot(team, team.members.all()),
        agency=team.matrix.agency,
    )
    team.delete()
