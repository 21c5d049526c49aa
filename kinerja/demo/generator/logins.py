"""The demo logins: one person per role, chosen from the plan, created through the services.

bkpsdm     BKPSDM admin, an employee of the HR agency
pimpinan   the regional head's office, no employee record
auditor    auditor role, a functional auditor of the Inspektorat
adminunit  unit admin of Dinas Kesehatan, a staff member of its sekretariat
atasan     the head of Bidang Pelayanan Kesehatan, who has subordinates
pegawai    a staff member of a seksi under that bidang
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kinerja.accounts import services as accounts
from kinerja.accounts.models import Role, User
from kinerja.core.models import AuditEvent
from kinerja.demo.generator.plan import Plan, PostNode
from kinerja.org.models import Agency

DEMO_PASSWORD = "Kinerja-Demo-2026"
LOGIN_KEYS = ("bkpsdm", "pimpinan", "auditor", "adminunit", "atasan", "pegawai")
GRANTS = {
    "bkpsdm": Role.BKPSDM_ADMIN,
    "pimpinan": Role.PIMPINAN,
    "auditor": Role.AUDITOR,
    "adminunit": Role.ADMIN_UNIT,
}
HEALTH_CODE = "DINKES"
ATASAN_UNIT = "DINKES.YANKES"
ADMIN_STAFF_UNIT = "DINKES.SEKR.UMPEG"


@dataclass
class Anchors:
    """The posts whose first holders become the demo logins."""

    posts: dict[str, PostNode]
    admin_unit_code: str
    protected: set[PostNode] = field(default_factory=set)


@dataclass
class DemoLogin:
    key: str
    username: str
    user: User


def _staff_posts(plan: Plan, prefix: str) -> list[PostNode]:
    return [
        p
        for p in plan.posts
        if not p.is_unit_head
        and not p.is_structural
        and (p.unit.code == prefix or p.unit.code.startswith(prefix + "."))
    ]


def _first(posts: list[PostNode], name_start: str = "") -> PostNode:
    for post in posts:
        if post.name.startswith(name_start):
            return post
    return posts[0]


def find_anchors(plan: Plan, *, hr_code: str) -> Anchors:
    units = plan.units_by_code
    atasan = units[ATASAN_UNIT].head
    seksi = next(u for u in plan.units if u.parent is units[ATASAN_UNIT])
    # A post of its own: a colleague in the same post would count as a subordinate.
    candidates = _staff_posts(plan, seksi.code)
    pegawai = next((p for p in candidates if p.seats == 1), candidates[0])
    hr_staff = [p for p in _staff_posts(plan, hr_code) if ".SEKR" not in p.unit.code]
    posts = {
        "bkpsdm": _first(hr_staff or _staff_posts(plan, hr_code), "Analis Sumber Daya Manusia"),
        "auditor": _first(_staff_posts(plan, "INSP"), "Auditor"),
        "adminunit": _staff_posts(plan, ADMIN_STAFF_UNIT)[0],
        "atasan": atasan,
        "pegawai": pegawai,
    }
    protected = {atasan, seksi.head}
    node = atasan.parent
    while node is not None:
        protected.add(node)
        node = node.parent
    return Anchors(posts, HEALTH_CODE, protected)


def _free_username(key: str, agency: Agency) -> str:
    if not User.objects.filter(username=key).exists():
        return key
    return f"{key}.{agency.code}"


def create_logins(agency: Agency, plan: Plan, anchors: Anchors, staffing) -> list[DemoLogin]:
    admin_unit = plan.units_by_code[anchors.admin_unit_code].obj
    # One slow (Argon2) hash shared by the six logins instead of six.
    password_hash = make_password(DEMO_PASSWORD)
    result = []
    for key in LOGIN_KEYS:
        employee = None
        if key in anchors.posts:
            employee = staffing.holders[anchors.posts[key]][0].obj
        username = _free_username(key, agency)
        user = accounts.user_create(
            actor=None,
            agency=agency,
            username=username,
            password=None,
            full_name=employee.full_name if employee else agency.head_title,
            employee=employee,
        )
        user.password = password_hash
        user.save(update_fields=["password"])
        role = GRANTS.get(key)
        if role is not None:
            accounts.role_grant(
                actor=None,
                user=user,
                role=role,
                unit=admin_unit if role == Role.ADMIN_UNIT else None,
            )
        result.append(DemoLogin(key, username, user))
    return result


# --- listing ---------------------------------------------------------------------------------


@dataclass
class LoginRow:
    agency: str
    username: str
    nip: str
    role: str
    name: str
    unit: str


def existing_logins() -> list[LoginRow]:
    """The demo logins that still exist, per seeded agency, in the order they were made."""
    from kinerja.accounts.viewer import build_viewer
    from kinerja.org.selectors import primary_assignment

    today = timezone.localdate()
    rows: list[LoginRow] = []
    events = AuditEvent.objects.filter(action="demo.seeded").select_related("agency")
    for event in events.order_by("created_at", "id"):
        agency = event.agency
        usernames = (event.after or {}).get("logins", [])
        if agency is None or not usernames:
            continue
        users = {
            u.username: u
            for u in User.objects.filter(agency=agency, username__in=usernames).select_related(
                "employee"
            )
        }
        for username in usernames:
            user = users.get(username)
            if user is None:
                continue
            viewer = build_viewer(user, today=today)
            role = viewer.primary_role
            label = str(Role(role).label) if role else ""
            employee = user.employee
            unit = "(whole agency)"
            if employee is not None:
                current = primary_assignment(employee, today)
                unit = current.position.unit.name if current else ""
            rows.append(
                LoginRow(
                    agency.name,
                    username,
                    employee.nip if employee else "",
                    label,
                    user.full_name,
                    unit,
                )
            )
    return rows
