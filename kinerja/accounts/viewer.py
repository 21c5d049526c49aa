"""Who is looking: the roles and scopes of the logged-in user, computed once per request."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from kinerja.accounts.models import Role, RoleGrant
from kinerja.core.queries import Prepared

WHOLE_AGENCY_ROLES = frozenset({Role.BKPSDM_ADMIN, Role.PIMPINAN, Role.AUDITOR})


class PositionSource(Protocol):
    """Where a viewer's posts come from: the organisation app registers itself when it loads,
    so that accounts, which lies below it, never imports it."""

    def positions_held_by(self, employee_id: int, day: datetime.date) -> list: ...

    def has_subordinates(
        self, employee_id: int, position_paths: tuple[str, ...], day: datetime.date
    ) -> bool: ...


_position_source: PositionSource | None = None


def register_position_source(source: PositionSource) -> None:
    global _position_source
    _position_source = source


def _positions() -> PositionSource:
    if _position_source is None:
        raise RuntimeError("No position source registered: is kinerja.org installed?")
    return _position_source


@dataclass
class Viewer:
    user: object
    agency_id: int | None
    employee_id: int | None
    granted_roles: frozenset[str] = frozenset()
    admin_unit_paths: tuple[str, ...] = ()
    admin_unit_ids: tuple[int, ...] = ()
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False)) and self.agency_id is not None

    @cached_property
    def held_positions(self) -> list:
        """Positions the viewer holds today, definitive or acting."""
        if self.employee_id is None:
            return []
        return _positions().positions_held_by(self.employee_id, self.today)

    def remember_positions(self, positions) -> None:
        """Take the posts held today from a caller that has read today's assignments already,
        so that they are not read twice."""
        if "held_positions" not in self.__dict__:
            unique = {p.pk: p for p in positions}.values()
            self.__dict__["held_positions"] = sorted(unique, key=lambda p: p.path)

    @property
    def held_position_paths(self) -> tuple[str, ...]:
        return tuple(p.path for p in self.held_positions)

    @cached_property
    def is_atasan(self) -> bool:
        held = self.held_positions
        if not held:
            return False
        # Posts read by `positions_held_by` say whether they lead someone; posts a caller
        # remembered from its own read do not, and the question is asked then.
        leads = [getattr(p, "leads_someone", None) for p in held]
        if None not in leads:
            return any(leads)
        return _positions().has_subordinates(self.employee_id, self.held_position_paths, self.today)

    @cached_property
    def roles(self) -> frozenset[str]:
        roles = set(self.granted_roles)
        if self.employee_id is not None:
            roles.add(Role.PEGAWAI)
            if self.is_atasan:
                roles.add(Role.ATASAN)
        return frozenset(roles)

    def has(self, role: str) -> bool:
        return role in self.roles

    @property
    def sees_whole_agency(self) -> bool:
        return bool(self.granted_roles & WHOLE_AGENCY_ROLES)

    @property
    def is_bkpsdm_admin(self) -> bool:
        return Role.BKPSDM_ADMIN in self.granted_roles

    @property
    def acts_for_regional_head(self) -> bool:
        """The pimpinan role rates, and leads, those whose plan names the regional head."""
        return Role.PIMPINAN in self.granted_roles

    @property
    def is_admin_unit(self) -> bool:
        return Role.ADMIN_UNIT in self.granted_roles

    @property
    def can_import(self) -> bool:
        return self.is_bkpsdm_admin

    @property
    def can_view_audit(self) -> bool:
        return bool(self.granted_roles & {Role.AUDITOR, Role.BKPSDM_ADMIN})

    @property
    def primary_role(self) -> str:
        """The role whose home page the viewer sees first."""
        for role in (
            Role.BKPSDM_ADMIN,
            Role.PIMPINAN,
            Role.AUDITOR,
            Role.ADMIN_UNIT,
            Role.ATASAN,
            Role.PEGAWAI,
        ):
            if role in self.roles:
                return role
        return ""

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in Role.values if r in self.roles]


ANONYMOUS = Viewer(user=None, agency_id=None, employee_id=None)


# Read on every signed-in request: compiled once.
_grants = Prepared(
    lambda user_id, agency_id: RoleGrant.objects.select_related("unit").filter(
        user_id=user_id, agency_id=agency_id
    ),
    user_id=int,
    agency_id=int,
)


def build_viewer(user, *, today: datetime.date | None = None) -> Viewer:
    if user is None or not user.is_authenticated or user.agency_id is None:
        return Viewer(user=user, agency_id=None, employee_id=None)
    grants = _grants(user_id=user.pk, agency_id=user.agency_id)
    admin_units = [g.unit for g in grants if g.role == Role.ADMIN_UNIT and g.unit is not None]
    return Viewer(
        user=user,
        agency_id=user.agency_id,
        employee_id=user.employee_id,
        granted_roles=frozenset(g.role for g in grants),
        admin_unit_paths=tuple(u.path for u in admin_units),
        admin_unit_ids=tuple(u.pk for u in admin_units),
        today=today or timezone.localdate(),
    )


class ViewerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.viewer = SimpleLazyObject(lambda: build_viewer(request.user))
        return self.get_response(request)
