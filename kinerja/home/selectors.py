"""What each role sees first after logging in, and the supervisor's team page."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count

from kinerja.accounts.models import Role
from kinerja.audit.display import event_rows
from kinerja.audit.selectors import audit_events_visible_to
from kinerja.core.team import sections_for as team_sections_for
from kinerja.core.todo import items_for
from kinerja.iku import selectors as iku
from kinerja.org import selectors as org
from kinerja.org.models import (
    RATER_KINDS,
    Agency,
    Assignment,
    AssignmentKind,
    Employee,
    EmployeeStatus,
    ImportJob,
    Position,
    Unit,
)
from kinerja.skp.selectors import team


def _agency_figures(viewer) -> dict:
    day = viewer.today
    employees = Employee.objects.filter(agency_id=viewer.agency_id, is_active=True)
    by_status = dict(employees.values_list("status").annotate(n=Count("pk")))
    structural = Position.objects.filter(agency_id=viewer.agency_id, kind__in=RATER_KINDS)
    vacant = structural.exclude(
        pk__in=Assignment.objects.filter(org.active_on(day)).values("position_id")
    )
    return {
        "unit_count": Unit.objects.filter(agency_id=viewer.agency_id, depth=0).count(),
        "all_unit_count": Unit.objects.filter(agency_id=viewer.agency_id).count(),
        "employee_count": sum(by_status.values()),
        "pns_count": by_status.get(EmployeeStatus.PNS, 0),
        "pppk_count": by_status.get(EmployeeStatus.PPPK, 0),
        "position_count": Position.objects.filter(agency_id=viewer.agency_id).count(),
        "vacant_structural_count": vacant.count(),
        "acting_count": Assignment.objects.filter(
            org.active_on(day),
            position__agency_id=viewer.agency_id,
            kind__in=[AssignmentKind.PLT, AssignmentKind.PLH],
        ).count(),
    }


def _opd_table(viewer) -> list[dict]:
    """Top-level units with their headcount today, biggest first."""
    day = viewer.today
    units = dict(Unit.objects.filter(agency_id=viewer.agency_id).values_list("pk", "path"))
    tops = {
        u.pk: {"pk": u.pk, "name": u.name, "headcount": 0}
        for u in Unit.objects.filter(agency_id=viewer.agency_id, depth=0)
    }
    per_unit = (
        Assignment.objects.filter(
            org.active_on(day),
            kind=AssignmentKind.DEFINITIVE,
            position__agency_id=viewer.agency_id,
        )
        .values_list("position__unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for unit_id, n in per_unit:
        top_id = int(units[unit_id].split("/")[1])
        tops[top_id]["headcount"] += n
    return sorted(tops.values(), key=lambda row: (-row["headcount"], row["name"]))


# The to-do items whose work is in the SKP inbox: their total is shown on the inbox button.
INBOX_ITEMS = ("skp.to_review", "skp.escalated")

# The agency-wide figures scan every assignment; at province size that costs a few hundred
# milliseconds, so they are computed at most once a minute per agency and day.
FIGURES_SECONDS = 60


def _cached(viewer, name: str, compute):
    key = f"home:{name}:{viewer.agency_id}:{viewer.today.isoformat()}"
    return cache.get_or_set(key, lambda: compute(viewer), FIGURES_SECONDS)


def welcome_context() -> dict:
    """What a visitor without an account sees: the governments this installation serves."""
    return {"agencies": list(Agency.objects.order_by("name").values("name", "region_name"))}


def home_context(viewer) -> dict:
    context: dict = {"viewer": viewer}
    employee = None
    if viewer.employee_id:
        employee = Employee.objects.select_related("agency").get(pk=viewer.employee_id)
        context["me"] = employee
        context["my_assignments"] = [
            a for a in org.assignment_history(employee) if a.covers(viewer.today)
        ]
        viewer.remember_positions(a.position for a in context["my_assignments"])
        context["chain"] = org.supervision_chain(
            employee, viewer.today, running=context["my_assignments"]
        )
    if viewer.has(Role.ATASAN) and employee is not None:
        context["subordinates"] = org.direct_subordinates(viewer, employee)
    if viewer.sees_whole_agency:
        context["figures"] = _cached(viewer, "figures", _agency_figures)
        context["opd_table"] = _cached(viewer, "opd_table", _opd_table)
    if viewer.has(Role.PIMPINAN):
        context["glance"] = _cached(viewer, "glance", iku.agency_glance)
    if viewer.is_admin_unit:
        context["admin_units"] = [
            (unit, org.unit_headcount(viewer, unit))
            for unit in Unit.objects.filter(pk__in=viewer.admin_unit_ids).order_by("name")
        ]
    if viewer.can_import:
        context["recent_imports"] = ImportJob.objects.filter(agency_id=viewer.agency_id)[:5]
    if viewer.can_view_audit:
        context["recent_events"] = event_rows(audit_events_visible_to(viewer)[:8])
    context["todos"] = items_for(viewer)
    context["inbox_count"] = sum(
        item.count or 0 for item in context["todos"] if item.key in INBOX_ITEMS
    )
    return context


@dataclass
class TeamMember:
    employee: Employee
    position: str
    cells: list = field(default_factory=list)  # (section, [TeamCell]) in the sections' order


@dataclass
class TeamPage:
    sections: list
    members: list[TeamMember]


def team_members(viewer, day) -> list[Employee]:
    """The people the viewer leads (see skp.selectors.team), by name."""
    ids = team.team_ids(viewer, day.year)
    if not ids:
        return []
    return list(Employee.objects.filter(pk__in=ids).order_by("name", "pk"))


def team_page(viewer, members: list[Employee]) -> TeamPage:
    """The supervisor's team page: each app's section (kinerja.core.team) and per member the
    post held today and every section's cells. A fixed number of queries per section."""
    day = viewer.today
    positions: dict[int, str] = {}
    for employee_id, name in (
        Assignment.objects.filter(org.active_on(day), employee_id__in=[m.pk for m in members])
        .order_by("employee_id", "kind", "pk")
        .values_list("employee_id", "position__name")
    ):
        positions.setdefault(employee_id, name)
    sections = team_sections_for(viewer, members, day)
    rows = [
        TeamMember(
            member,
            positions.get(member.pk, ""),
            [(section, section.cells.get(member.pk, [])) for section in sections],
        )
        for member in members
    ]
    return TeamPage(sections, rows)
