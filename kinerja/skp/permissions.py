"""Who may do what with an SKP: predicates of a Viewer.

- the *owner* is the employee whose plan it is;
- the *rater* is the pejabat penilai recorded on the SKP; when the rater is the regional head
  (the plan of a JPT), a user with the pimpinan role acts for the regional head;
- the *rater's superior* may act once the rater has missed the deadline (Lampiran p.65);
- leaders above the post (holders of an ancestor position), the admins of the unit, BKPSDM,
  pimpinan and auditors may read it (its page and its PDF alike: `can_view`).

A unit's plans as a whole (the unit's alignment page and its recap in Excel) are read by the
same people through `can_read_unit_plans`.

`actor=None` in services means the system (imports, demo data, tasks) and is not checked here.
"""

from __future__ import annotations

import datetime

from kinerja.accounts.models import Role
from kinerja.org import permissions as org_permissions
from kinerja.skp import rules


def is_owner(viewer, skp) -> bool:
    return viewer.employee_id is not None and skp.employee_id == viewer.employee_id


def is_rater(viewer, skp) -> bool:
    if skp.rater_id is None:
        return viewer.agency_id == skp.agency_id and Role.PIMPINAN in viewer.granted_roles
    return viewer.employee_id is not None and skp.rater_id == viewer.employee_id


def is_rater_superior(viewer, skp) -> bool:
    if skp.rater_id is not None and skp.rater_superior_id is None and skp.rater_superior_label:
        return viewer.agency_id == skp.agency_id and Role.PIMPINAN in viewer.granted_roles
    return viewer.employee_id is not None and skp.rater_superior_id == viewer.employee_id


def is_overdue(skp, today: datetime.date) -> bool:
    return today > skp.deadline


def workflow_roles(viewer, skp) -> frozenset[str]:
    return rules.acting_roles(
        is_owner=is_owner(viewer, skp),
        is_rater=is_rater(viewer, skp),
        is_rater_superior=is_rater_superior(viewer, skp),
        overdue=is_overdue(skp, viewer.today),
    )


def allowed_actions(viewer, skp) -> list[str]:
    return rules.allowed_actions(skp.status, workflow_roles(viewer, skp))


def _leads_post(viewer, skp) -> bool:
    path = getattr(skp.position, "path", "")
    return any(path.startswith(p) and path != p for p in viewer.held_position_paths)


def _administers(viewer, skp) -> bool:
    path = getattr(skp.unit, "path", "")
    return any(path.startswith(p) for p in viewer.admin_unit_paths)


def can_view(viewer, skp) -> bool:
    if viewer.agency_id != skp.agency_id:
        return False
    return (
        viewer.sees_whole_agency
        or is_owner(viewer, skp)
        or is_rater(viewer, skp)
        or is_rater_superior(viewer, skp)
        or _administers(viewer, skp)
        or _leads_post(viewer, skp)
    )


def can_edit(viewer, skp) -> bool:
    """The owner drafts; the rater may classify RHK and write special expectations."""
    if not skp.is_editable or not skp.is_latest:
        return False
    return is_owner(viewer, skp) or is_rater(viewer, skp)


def can_create_for(viewer, employee) -> bool:
    """The employee starts their own SKP; BKPSDM may start plans for anyone in the agency."""
    if viewer.agency_id != employee.agency_id:
        return False
    return viewer.employee_id == employee.pk or viewer.is_bkpsdm_admin


def can_revise(viewer, skp) -> bool:
    """A set plan changes only through a new version, asked by the owner or the rater."""
    if skp.status != rules.SET or not skp.is_latest:
        return False
    return is_owner(viewer, skp) or is_rater(viewer, skp) or viewer.is_bkpsdm_admin


def can_restart(viewer, skp) -> bool:
    """After a mutation or a change of rater, the plan in force is closed and a new one starts
    (domain.md 1.5): asked by the owner, the rater or BKPSDM."""
    if not skp.is_latest or skp.status in {rules.CLOSED, rules.SUPERSEDED}:
        return False
    return is_owner(viewer, skp) or is_rater(viewer, skp) or viewer.is_bkpsdm_admin


def can_restart_for_new_rater(viewer, skp, change) -> bool:
    """The one-click restart of a plan the organisation data flag (`change`, from
    selectors.rater_change): whoever may restart it, and the new rater."""
    if change is None:
        return False
    return can_restart(viewer, skp) or viewer.employee_id == change.now.rater_employee_id


def can_comment(viewer, skp) -> bool:
    return (
        is_owner(viewer, skp)
        or is_rater(viewer, skp)
        or is_rater_superior(viewer, skp)
        or _leads_post(viewer, skp)
    )


# --- a unit's plans as a whole: the alignment page and the recap ------------------------------


def unit_plan_paths(viewer) -> tuple[str, ...] | None:
    """Paths of the unit subtrees whose plans the viewer reads as a whole; None: the agency.

    BKPSDM, pimpinan and auditors read the whole agency; the admins of a unit and its leaders
    (the head of a unit, and the holder of a post with somebody under it) read the subtrees of
    their units. An empty tuple: none (a pegawai without subordinates).
    """
    if not viewer.is_authenticated:
        return ()
    if viewer.sees_whole_agency:
        return None
    paths = set(viewer.admin_unit_paths)
    paths.update(unit.path for unit in org_permissions.headed_units(viewer))
    if viewer.is_atasan:
        paths.update(unit.path for unit in org_permissions.held_units(viewer))
    return tuple(sorted(paths))


def can_read_unit_plans(viewer, unit) -> bool:
    """The unit's alignment page and its SKP recap (Excel): one answer for both."""
    if not viewer.is_authenticated or viewer.agency_id != unit.agency_id:
        return False
    paths = unit_plan_paths(viewer)
    return paths is None or any(unit.path.startswith(path) for path in paths)


# --- exemptions from planning (models_exemptions) -------------------------------------------


def can_read_exemptions(viewer) -> bool:
    """BKPSDM, pimpinan and auditors read the agency's exemptions; unit admins their units'."""
    return viewer.is_authenticated and (viewer.sees_whole_agency or bool(viewer.admin_unit_paths))


def can_manage_exemptions(viewer) -> bool:
    """BKPSDM admins record for the whole agency, unit admins for their units' people.

    Whether a given employee is in a unit admin's units is asked of
    `selectors_exemptions.may_manage_exemption_of`."""
    return viewer.is_authenticated and (viewer.is_bkpsdm_admin or bool(viewer.admin_unit_paths))


def can_see_exemption_reason(viewer, employee_id: int) -> bool:
    """Why someone is not subject to planning (temporarily dismissed, unpaid leave...) is
    personal data: it is shown to readers of the exemptions and to the employee themself;
    anyone else (a leader, a colleague) only learns that they do not plan, and when."""
    return can_read_exemptions(viewer) or (
        viewer.employee_id is not None and viewer.employee_id == employee_id
    )


# --- RHK taken over by the leader (Ps 20; models.takeovers) -----------------------------------


def can_take_over_rhk(viewer, skp) -> bool:
    """The rater (the leader who gives the feedback) takes over an RHK of the set plan, on a day
    the plan is in force (a revision being drafted leaves the set version in force)."""
    return (
        skp.status == rules.SET
        and skp.start_date <= viewer.today <= skp.end_date
        and is_rater(viewer, skp)
    )


def can_withdraw_takeover(viewer, skp) -> bool:
    """A takeover recorded by mistake is withdrawn by the rater of the plan or by BKPSDM."""
    if viewer.agency_id != skp.agency_id:
        return False
    return is_rater(viewer, skp) or viewer.is_bkpsdm_admin
