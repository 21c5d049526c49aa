"""Writes a demo agency: plan and staff it in memory, then bulk-insert it in one transaction.

The per-row services would take minutes for a province; here rows are built in memory and
inserted in batches, level by level where a row needs its parent's id. The materialised paths
are computed exactly as `kinerja.org.services` computes them. The agency and the demo logins
still go through the services, and one `demo.seeded` audit event records what was built.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kinerja.core import audit
from kinerja.demo.generator import (
    appraisals,
    attendance,
    complaints,
    feedback,
    forums,
    iku,
    logins,
    names,
    portal,
    results,
    skp,
    study,
    surveys,
    worklog,
)
from kinerja.demo.generator.catalogue import SIZES
from kinerja.demo.generator.figures import BATCH
from kinerja.demo.generator.people import PeopleFactory
from kinerja.demo.generator.plan import Plan, PostNode, UnitNode, build_plan
from kinerja.demo.generator.staffing import Staffing, staff_plan
from kinerja.org import services as org_services
from kinerja.org.models import (
    Agency,
    AgencyKind,
    Assignment,
    Employee,
    Position,
    SupervisionOverride,
    SupervisionRole,
    Unit,
)

DEFAULT_AGENCY_CODE = "sukamaju"
DEFAULT_PROVINCE_CODE = "nusantara-raya"


@dataclass(frozen=True)
class AgencySpec:
    name: str
    kind: str
    region_name: str
    region: str  # the bare name used in unit names ("RSUD Sukamaju")
    head_title: str
    hr_code: str  # code of the HR agency in the catalogue, also used in decree numbers


REGENCY = AgencySpec(
    "Pemerintah Kabupaten Sukamaju",
    AgencyKind.KABUPATEN,
    "Kabupaten Sukamaju",
    "Sukamaju",
    "Bupati Sukamaju",
    "BKPSDM",
)
PROVINCE = AgencySpec(
    "Pemerintah Provinsi Nusantara Raya",
    AgencyKind.PROVINSI,
    "Provinsi Nusantara Raya",
    "Nusantara Raya",
    "Gubernur Nusantara Raya",
    "BKD",
)


@dataclass
class SeedResult:
    agency: Agency
    counts: dict
    logins: list[logins.DemoLogin]


def default_agency_code(size: str) -> str:
    return DEFAULT_PROVINCE_CODE if SIZES[size].province else DEFAULT_AGENCY_CODE


@dataclass(frozen=True)
class Blueprint:
    """What a seed decides before anything is written: the agency, its units and posts, who
    holds them. Pure: the same size and seed give the same blueprint."""

    spec: AgencySpec
    head_name: str
    plan: Plan
    anchors: logins.Anchors
    staffing: Staffing


def blueprint(*, size: str = "small", seed: int = 2026) -> Blueprint:
    spec = PROVINCE if SIZES[size].province else REGENCY
    rng = random.Random(seed)
    head_name = _regional_head_name(rng, province=spec.kind == AgencyKind.PROVINSI)
    plan = build_plan(rng, SIZES[size], region=spec.region)
    people = PeopleFactory(rng, province=spec.kind == AgencyKind.PROVINSI)
    anchors = logins.find_anchors(plan, hr_code=spec.hr_code)
    staffing = staff_plan(
        rng,
        plan,
        people,
        hr_code=spec.hr_code,
        vacancies=SIZES[size].vacancies,
        protected=anchors.protected,
    )
    return Blueprint(spec, head_name, plan, anchors, staffing)


def seed(
    *,
    size: str = "small",
    seed: int = 2026,
    agency_code: str | None = None,
    today: datetime.date | None = None,
) -> SeedResult:
    """Build the demo agency of `size`; the same seed, size and day give the same data.

    `today` (default: today) places the five performance years and decides which periods
    already have realisations.
    """
    today = today or timezone.localdate()
    code = agency_code or default_agency_code(size)
    planned = blueprint(size=size, seed=seed)
    spec, head_name, plan = planned.spec, planned.head_name, planned.plan
    anchors, staffing = planned.anchors, planned.staffing
    with transaction.atomic():
        agency = org_services.agency_create(
            actor=None,
            code=code,
            name=spec.name,
            kind=spec.kind,
            region_name=spec.region_name,
            head_title=spec.head_title,
            head_name=head_name,
        )
        _write_units(agency, plan)
        _write_positions(agency, plan)
        _write_employees(agency, staffing)
        assignments = _write_assignments(staffing)
        overrides = _write_overrides(agency, staffing)
        demo_logins = logins.create_logins(agency, plan, anchors, staffing)
        performance = iku.seed_iku(agency, plan, seed=seed, today=today, size=size)
        plans = skp.seed_skp(
            agency, plan, staffing, anchors, seed=seed, today=today, without_plan=size != "small"
        )
        presence = attendance.seed_attendance(agency, staffing, anchors, seed=seed, today=today)
        realised = results.seed_results(agency, seed=seed, today=today)
        feedback_counts = feedback.seed_feedback(agency, demo_logins, seed=seed, today=today)
        forum_counts = forums.seed_forums(agency, seed=seed, today=today)
        activities = worklog.seed_worklog(agency, demo_logins, seed=seed, today=today)
        evaluations = appraisals.seed_appraisals(agency, seed=seed, today=today)
        studying = study.seed_study(agency, demo_logins, seed=seed, today=today)
        satisfaction = surveys.seed_surveys(agency, seed=seed, today=today)
        complained = complaints.seed_complaints(agency, seed=seed, today=today)
        publications = portal.seed_portal(agency, today=today)
        counts = {
            "size": size,
            "seed": seed,
            "units": len(plan.units),
            "positions": len(plan.posts),
            "employees": len(staffing.members),
            "assignments": assignments,
            "acting_assignments": sum(len(m.acting) for m in staffing.members),
            "vacant_positions": len(staffing.vacant),
            "supervision_overrides": overrides,
            "pppk": sum(1 for m in staffing.members if m.person.status == "pppk"),
            "logins": [login.username for login in demo_logins],
            "performance": performance,
            "skp": plans,
            "attendance": presence,
            "results": realised,
            "feedback": feedback_counts,
            "forums": forum_counts,
            "activities": activities,
            "evaluations": evaluations,
            "study": studying,
            "surveys": satisfaction,
            "complaints": complained,
            "portal": publications,
        }
        audit.record(actor=None, action="demo.seeded", obj=agency, agency=agency, after=counts)
    _refresh_planner_statistics()
    return SeedResult(agency, counts, demo_logins)


def _refresh_planner_statistics() -> None:
    """Bulk loading leaves the query planner's statistics stale until autovacuum runs; without
    them the first pages on a fresh province pick plans that take seconds."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _regional_head_name(rng: random.Random, *, province: bool) -> str:
    name = names.person_name(rng, sex="L", birth_year=1968, province=province)
    return f"H. {name}, S.H., M.H." if rng.random() < 0.5 else f"{name}, S.E., M.M."


def _by_depth(nodes):
    levels = defaultdict(list)
    for node in nodes:
        levels[node.depth].append(node)
    return [levels[depth] for depth in sorted(levels)]


def _write_units(agency: Agency, plan: Plan) -> None:
    for level in _by_depth(plan.units):
        rows = [_unit_row(agency, node) for node in level]
        Unit.objects.bulk_create(rows, batch_size=BATCH)
        for node, row in zip(level, rows, strict=True):
            parent_path = node.parent.obj.path if node.parent else "/"
            row.path = f"{parent_path}{row.pk}/"
            row.depth = row.path.count("/") - 2
            node.obj = row
        Unit.objects.bulk_update(rows, ["path", "depth"], batch_size=BATCH)


def _unit_row(agency: Agency, node: UnitNode) -> Unit:
    return Unit(
        agency=agency,
        parent=node.parent.obj if node.parent else None,
        code=node.code,
        name=node.name,
        short_name=node.short_name,
        kind=node.kind,
        is_service_unit=node.is_service_unit,
    )


def _write_positions(agency: Agency, plan: Plan) -> None:
    for level in _by_depth(plan.posts):
        rows = [_position_row(agency, node) for node in level]
        Position.objects.bulk_create(rows, batch_size=BATCH)
        for node, row in zip(level, rows, strict=True):
            parent_path = node.parent.obj.path if node.parent else "/"
            row.path = f"{parent_path}{row.pk}/"
            node.obj = row
        Position.objects.bulk_update(rows, ["path"], batch_size=BATCH)


def _position_row(agency: Agency, node: PostNode) -> Position:
    return Position(
        agency=agency,
        unit=node.unit.obj,
        parent=node.parent.obj if node.parent else None,
        code=node.code,
        name=node.name,
        kind=node.kind,
        jenjang=node.jenjang,
        is_unit_head=node.is_unit_head,
    )


def _write_employees(agency: Agency, staffing: Staffing) -> None:
    rows = []
    for member in staffing.members:
        person = member.person
        member.obj = Employee(
            agency=agency,
            nip=person.nip,
            name=person.name,
            front_title=person.front_title,
            back_title=person.back_title,
            status=person.status,
            grade=person.grade,
            birth_date=person.birth_date,
            sex=person.sex,
        )
        rows.append(member.obj)
    Employee.objects.bulk_create(rows, batch_size=BATCH)


def _write_assignments(staffing: Staffing) -> int:
    rows = []
    for member in staffing.members:
        for stint in (*member.earlier, member.current, *member.acting):
            rows.append(
                Assignment(
                    employee=member.obj,
                    position=stint.post.obj,
                    kind=stint.kind,
                    reason=stint.reason,
                    start_date=stint.start,
                    end_date=stint.end,
                    decree_number=stint.decree,
                )
            )
    Assignment.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _write_overrides(agency: Agency, staffing: Staffing) -> int:
    rows = [
        SupervisionOverride(
            agency=agency,
            employee=d.employee.obj,
            supervisor=d.supervisor.obj,
            role=SupervisionRole.RATER,
            start_date=d.start,
            reason=d.reason,
        )
        for d in staffing.delegations
    ]
    SupervisionOverride.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


__all__ = ["DEFAULT_AGENCY_CODE", "SeedResult", "default_agency_code", "seed"]
