"""Who may do what in organisation performance: predicates of a Viewer.

Scopes used here (the organisation ones live in `kinerja.org.permissions`):

- *staff of a unit*: people holding a position today in the unit or one of its sub-units;
- *head of a unit*: the holder today of a position with ``is_unit_head`` in the unit itself, or
  in an ancestor unit (a kepala dinas may act for a seksi of the dinas);
- *planning staff*: staff of the agency's planning unit (Bappeda), designated in
  IkuAgencySettings: they oversee performance agency-wide like BKPSDM;
- *performance overseers*: planning staff plus the viewers who see the whole agency (BKPSDM
  admin, pimpinan, auditor).

Reading is decided once per object, for its page and its documents alike: a unit's performance
(the unit dashboard and the unit's LKjIP) with `can_see_unit_performance`, the regency's (its
dashboard and LKjIP) with `oversees_performance`, a PK (its page and its PDF) with
`can_read_agreement`.

`actor=None` in services means the system (imports, demo data, tasks) and is not checked here.
"""

from __future__ import annotations

from kinerja.accounts.models import Role
from kinerja.core.queries import Prepared
from kinerja.org.permissions import administers, held_units, is_head_of, is_staff_of


def _cache(viewer) -> dict:
    return viewer.__dict__.setdefault("_iku_cache", {})


def _planning_settings(agency_id: int):
    from kinerja.iku.models import IkuAgencySettings

    return (
        IkuAgencySettings.objects.filter(agency_id=agency_id)
        .select_related("planning_unit")
        .order_by("pk")[:1]
    )


# The menu asks it on every page (may the viewer publish?): compiled once.
_planning = Prepared(_planning_settings, agency_id=int)


def planning_unit(agency_id):
    """The agency's designated planning unit (Bappeda), or None."""
    rows = _planning(agency_id=agency_id)
    return rows[0].planning_unit if rows else None


def is_planning_staff(viewer) -> bool:
    if not viewer.is_authenticated or not viewer.held_positions:
        return False
    cache = _cache(viewer)
    if "planning" not in cache:
        unit = planning_unit(viewer.agency_id)
        cache["planning"] = unit is not None and any(
            u.path.startswith(unit.path) for u in held_units(viewer)
        )
    return cache["planning"]


def oversees_performance(viewer) -> bool:
    """Sees every unit's performance data: BKPSDM, pimpinan, auditors and planning staff."""
    return viewer.is_authenticated and (viewer.sees_whole_agency or is_planning_staff(viewer))


def _same_agency(viewer, agency_id) -> bool:
    return viewer.is_authenticated and viewer.agency_id == agency_id


# --- configuration --------------------------------------------------------------------------------


def can_edit_calendar(viewer, agency) -> bool:
    return _same_agency(viewer, agency.pk) and viewer.is_bkpsdm_admin


def can_configure_year(viewer, agency) -> bool:
    """Performance years and their settings: BKPSDM admins and planning staff."""
    return _same_agency(viewer, agency.pk) and (viewer.is_bkpsdm_admin or is_planning_staff(viewer))


def can_recompute(viewer, agency) -> bool:
    return can_configure_year(viewer, agency)


# --- planning: goals, indicators, targets, PK -----------------------------------------------------


def can_plan_for_unit(viewer, unit) -> bool:
    """Goals, indicators, targets and PK lines of a unit."""
    if not _same_agency(viewer, unit.agency_id):
        return False
    return (
        viewer.is_bkpsdm_admin
        or is_planning_staff(viewer)
        or administers(viewer, unit)
        or is_head_of(viewer, unit)
    )


def can_manage_goal(viewer, *, level: str, owner_unit) -> bool:
    from kinerja.iku.models import REGENCY_LEVELS

    if level in REGENCY_LEVELS:
        return _same_agency(viewer, owner_unit.agency_id) and (
            viewer.is_bkpsdm_admin or is_planning_staff(viewer)
        )
    return can_plan_for_unit(viewer, owner_unit)


def can_manage_indicator(viewer, indicator) -> bool:
    goal = indicator.goal
    return can_manage_goal(viewer, level=goal.level, owner_unit=goal.owner_unit)


def can_sign_agreement(viewer, agreement, party: str) -> bool:
    """A party signs for themselves; the regional head's signature is recorded by pimpinan.

    BKPSDM admins and the unit's admins may record a signature made on paper.
    """
    from kinerja.iku.models import AgreementParty

    if not _same_agency(viewer, agreement.agency_id):
        return False
    if viewer.is_bkpsdm_admin or administers(viewer, agreement.unit):
        return True
    if party == AgreementParty.FIRST:
        return viewer.employee_id == agreement.first_party_employee_id
    if agreement.second_party_employee_id is None:
        return Role.PIMPINAN in viewer.granted_roles
    return viewer.employee_id == agreement.second_party_employee_id


# --- realisations ---------------------------------------------------------------------------------


def can_enter_realisation(viewer, indicator) -> bool:
    """The responsible unit enters: its staff, the person responsible and its admins."""
    unit = indicator.goal.owner_unit
    if not _same_agency(viewer, unit.agency_id):
        return False
    if indicator.responsible_position_id and any(
        p.pk == indicator.responsible_position_id for p in viewer.held_positions
    ):
        return True
    return is_staff_of(viewer, unit) or is_head_of(viewer, unit) or administers(viewer, unit)


def can_verify(viewer, realisation) -> bool:
    """The head of the indicator's owner unit (or of a unit above it) verifies or returns."""
    unit = realisation.indicator.goal.owner_unit
    return _same_agency(viewer, unit.agency_id) and is_head_of(viewer, unit)


def can_see_unit_performance(viewer, unit) -> bool:
    """The unit's dashboard and its LKjIP: the overseers, the unit's people (staff of the unit or
    of a unit below it), its leaders (the head of the unit or of a unit above it) and its admins."""
    if not _same_agency(viewer, unit.agency_id):
        return False
    return (
        oversees_performance(viewer)
        or is_staff_of(viewer, unit)
        or is_head_of(viewer, unit)
        or administers(viewer, unit)
    )


def can_read_agreement(viewer, agreement) -> bool:
    """A PK, its page and its PDF: its two parties and whoever may see its unit's performance.

    A PK is an accountability document of SAKIP, but with its budget lines it is read inside the
    unit's line of responsibility, not by every employee of the agency: a pegawai of another
    unit is refused, as the PDF always refused them.
    """
    if not _same_agency(viewer, agreement.agency_id):
        return False
    if viewer.employee_id is not None and viewer.employee_id in (
        agreement.first_party_employee_id,
        agreement.second_party_employee_id,
    ):
        return True
    return can_see_unit_performance(viewer, agreement.unit)


# --- organisation predikat ------------------------------------------------------------------------


def can_decide_org_predikat(viewer, unit, *, leader_position_id: int | None) -> bool:
    """The next-higher leader: the holder of the position above the unit head's position.

    ``leader_position_id`` None means the unit head reports to the regional head, whose
    decision is recorded by the pimpinan login.
    """
    if not _same_agency(viewer, unit.agency_id):
        return False
    if leader_position_id is None:
        return Role.PIMPINAN in viewer.granted_roles
    return any(p.pk == leader_position_id for p in viewer.held_positions)
