"""Shapes of the organisation API: the caller, units, positions and employees.

`UnitRef` and `PositionRef` are the short references the other apps' schemas embed.
"""

import datetime
from typing import Literal

from ninja import Field, Schema

from kinerja.accounts.models import Role
from kinerja.api.schemas import InputSchema
from kinerja.api.types import Day, Id
from kinerja.org import personal_data
from kinerja.org.models import (
    AgencyKind,
    AssignmentKind,
    AssignmentReason,
    EmployeeStatus,
    PositionKind,
    Sex,
    UnitKind,
)

_KIND_ORDER = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.PLT: 1, AssignmentKind.PLH: 2}


# --- shared pieces ----------------------------------------------------------------------------


class AgencyOut(Schema):
    id: int = Field(description="Agency id.")
    code: str = Field(description="Short code of the regional government (pemda).")
    name: str = Field(description='Official name, e.g. "Pemerintah Kabupaten Contoh".')
    kind: AgencyKind = Field(description="kabupaten (regency), kota (city) or provinsi.")
    region_name: str = Field(description='The region, e.g. "Kabupaten Contoh".')


class UnitRef(Schema):
    id: int = Field(description="Unit id.")
    code: str = Field(description="Unit code, unique in the agency.")
    name: str = Field(description="Unit name (nama unit kerja).")


class PositionRef(Schema):
    id: int = Field(description="Position id.")
    code: str = Field(description="Position code, unique in the agency.")
    name: str = Field(description="Position name (nama jabatan).")


# --- units ------------------------------------------------------------------------------------


class UnitOut(Schema):
    """A unit of the organisation tree (perangkat daerah, bidang, seksi, UPT, Puskesmas...)."""

    id: int = Field(description="Unit id.")
    code: str = Field(description="Unit code, unique in the agency.")
    name: str = Field(description="Unit name (nama unit kerja).")
    short_name: str = Field(description="Short name (singkatan), may be empty.")
    kind: UnitKind = Field(description="Type of unit (dinas, badan, bidang, seksi, puskesmas...).")
    kind_label: str = Field(description="The type in the caller's language.")
    parent_id: int | None = Field(description="The unit directly above; null for a top unit (OPD).")
    depth: int = Field(description="0 for a top unit, 1 for its sub-units, and so on.")
    is_service_unit: bool = Field(
        description="A public service unit (unit layanan), surveyed by SKM."
    )
    is_active: bool = Field(description="False for a unit dissolved in a restructuring.")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())


class UnitDetailOut(UnitOut):
    ancestor_ids: list[int] = Field(description="Ids of the units above, from the top down.")
    children_ids: list[int] = Field(description="Ids of the direct sub-units, by code.")
    headcount: int = Field(
        description="People in a definitive post today in this unit and all its sub-units."
    )


class UnitFilters(InputSchema):
    parent: Id | None = Field(None, description="Only the direct sub-units of this unit id.")
    kind: UnitKind | None = Field(None, description="Only units of this type.")
    q: str = Field(
        "",
        max_length=100,
        description="Part of the name or short name, or the beginning of the code.",
    )


# --- positions --------------------------------------------------------------------------------


class PositionOut(Schema):
    """A post (jabatan). The supervision chain follows `parent_id`."""

    id: int = Field(description="Position id.")
    code: str = Field(description="Position code, unique in the agency.")
    name: str = Field(description="Position name (nama jabatan).")
    kind: PositionKind = Field(
        description="Type: JPT (utama, madya, pratama), administrator, pengawas, pelaksana or "
        "fungsional."
    )
    kind_label: str = Field(description="The type in the caller's language.")
    jenjang: str | None = Field(description="Level (jenjang) of a functional post, else null.")
    is_unit_head: bool = Field(description="The head of its unit (kepala unit).")
    is_active: bool = Field(description="False for a post abolished in a restructuring.")
    unit: UnitRef = Field(description="The unit the post belongs to.")
    parent_id: int | None = Field(description="The post directly above (atasan langsung).")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_jenjang(obj) -> str | None:
        return obj.jenjang or None


class HolderOut(Schema):
    employee_id: int = Field(description="The holder's employee id.")
    name: str = Field(description="Full name with academic titles.")
    assignment_kind: AssignmentKind = Field(
        description="definitive, plt (acting) or plh (daily acting)."
    )
    start_date: datetime.date = Field(description="First day in the post (TMT).")
    end_date: datetime.date | None = Field(description="Planned end, if any.")


class PositionDetailOut(PositionOut):
    parent: PositionRef | None = Field(description="The post directly above, if any.")
    holders: list[HolderOut] = Field(
        description="Who holds the post today, definitive first, as far as the caller may see."
    )

    @staticmethod
    def resolve_holders(obj) -> list[dict]:
        return [
            {
                "employee_id": a.employee_id,
                "name": a.employee.full_name,
                "assignment_kind": a.kind,
                "start_date": a.start_date,
                "end_date": a.end_date,
            }
            for a in sorted(obj.current_holders, key=lambda a: _KIND_ORDER[a.kind])
        ]


class PositionFilters(InputSchema):
    unit: Id | None = Field(None, description="Only posts of this unit id.")
    include_subunits: bool = Field(
        False, description="With `unit`: also the posts of all its sub-units."
    )
    kind: PositionKind | None = Field(None, description="Only posts of this type.")
    q: str = Field(
        "", max_length=100, description="Part of the name, or the beginning of the code."
    )


# --- employees --------------------------------------------------------------------------------


def _primary(assignments):
    """The definitive post, or failing that an acting one (as `selectors.primary_assignment`)."""
    if not assignments:
        return None
    return min(assignments, key=lambda a: (_KIND_ORDER[a.kind], a.start_date, a.pk))


class EmployeeOut(Schema):
    """A civil servant (pegawai ASN: PNS or PPPK) with the post held today."""

    id: int = Field(description="Employee id.")
    nip: str = Field(
        description="NIP (18 digits). Masked as 1992************01 unless the caller may see "
        "personal data: the employee, BKPSDM, auditors and admins of the employee's unit."
    )
    nip_masked: bool = Field(description="True when `nip` is masked.")
    name: str = Field(description="Name without academic titles.")
    full_name: str = Field(description='Name with titles, as printed: "dr. Siti Aminah, M.Kes.".')
    front_title: str = Field(description="Titles before the name (gelar depan), may be empty.")
    back_title: str = Field(description="Titles after the name (gelar belakang), may be empty.")
    status: EmployeeStatus = Field(description="pns or pppk.")
    grade: str = Field(description="Rank (pangkat/golongan, e.g. III/a) or PPPK grade (e.g. IX).")
    is_active: bool = Field(description="False once the employee has left the service.")
    position: PositionRef | None = Field(
        description="The post held today: the definitive one, else an acting (Plt./Plh.) one."
    )
    unit: UnitRef | None = Field(description="The unit of that post.")
    assignment_kind: AssignmentKind | None = Field(
        description="How that post is held: definitive, plt or plh."
    )

    @staticmethod
    def resolve_nip(obj) -> str:
        return personal_data.shown_nip(obj, obj.personal_data_visible)

    @staticmethod
    def resolve_nip_masked(obj) -> bool:
        return not obj.personal_data_visible

    @staticmethod
    def resolve_full_name(obj) -> str:
        return obj.full_name

    @staticmethod
    def resolve_position(obj):
        primary = _primary(obj.current_assignments)
        return primary.position if primary else None

    @staticmethod
    def resolve_unit(obj):
        primary = _primary(obj.current_assignments)
        return primary.position.unit if primary else None

    @staticmethod
    def resolve_assignment_kind(obj):
        primary = _primary(obj.current_assignments)
        return primary.kind if primary else None


class AssignmentOut(Schema):
    """One period in a post: the history of every move (riwayat jabatan)."""

    id: int = Field(description="Assignment id.")
    position: PositionRef = Field(description="The post held.")
    unit: UnitRef = Field(description="The unit of that post.")
    kind: AssignmentKind = Field(description="definitive, plt (acting) or plh (daily acting).")
    reason: AssignmentReason = Field(
        description="Why: appointment, transfer (mutasi), promotion, acting..."
    )
    start_date: datetime.date = Field(description="First day in the post (TMT).")
    end_date: datetime.date | None = Field(description="Last day in the post; null if running.")
    decree_number: str = Field(description="Number of the decree (nomor SK), may be empty.")

    @staticmethod
    def resolve_unit(obj):
        return obj.position.unit


SupervisorSource = Literal["position", "acting", "override", "regional_head"]


class SupervisorOut(Schema):
    employee_id: int | None = Field(
        description="The supervisor's employee id; null for the regional head, who is no employee."
    )
    name: str = Field(description='Full name, or the title of the regional head ("Bupati ...").')
    position: PositionRef | None = Field(
        description="The post through which this person supervises; null for a delegation "
        "(override) and for the regional head."
    )
    source: SupervisorSource = Field(
        description="position: the definitive holder of a post above; acting: a Plt./Plh. "
        "holder; override: a delegation recorded by BKPSDM; regional_head: above the top of "
        "the tree."
    )


class SupervisionChainOut(Schema):
    date: datetime.date = Field(description="The day the chain is worked out for.")
    atasan: SupervisorOut | None = Field(description="Direct superior (atasan langsung).")
    rater: SupervisorOut | None = Field(
        description="Rater (pejabat penilai kinerja): the nearest holder above who is at least "
        "pengawas (PermenPANRB 6/2022)."
    )
    rater_superior: SupervisorOut | None = Field(
        description="The rater's superior (atasan pejabat penilai kinerja)."
    )


class EmployeeDetailOut(EmployeeOut):
    email: str | None = Field(description="Only with the right to see personal data, else null.")
    phone: str | None = Field(description="Only with the right to see personal data, else null.")
    birth_date: datetime.date | None = Field(
        description="From the NIP; only with the right to see personal data, else null."
    )
    sex: Sex | None = Field(
        description="L (male) or P (female), from the NIP; only with the right to see personal "
        "data, else null."
    )
    assignments: list[AssignmentOut] = Field(description="Every post held, newest first.")
    supervision: SupervisionChainOut = Field(
        description="Atasan, rater and rater's superior on the requested day."
    )

    @staticmethod
    def resolve_email(obj) -> str | None:
        return obj.email if obj.personal_data_visible else None

    @staticmethod
    def resolve_phone(obj) -> str | None:
        return obj.phone if obj.personal_data_visible else None

    @staticmethod
    def resolve_birth_date(obj) -> datetime.date | None:
        return obj.birth_date if obj.personal_data_visible else None

    @staticmethod
    def resolve_sex(obj) -> str | None:
        return obj.sex if obj.personal_data_visible else None

    @staticmethod
    def resolve_assignments(obj):
        return obj.assignment_history


class EmployeeFilters(InputSchema):
    q: str = Field(
        "",
        max_length=100,
        description="Part of the name, or the beginning of the NIP (digits only). Digits the "
        "masked NIP hides match only employees whose personal data the caller may see.",
    )
    unit: Id | None = Field(
        None, description="Only employees posted today in this unit id or any of its sub-units."
    )
    status: EmployeeStatus | None = Field(None, description="Only pns or only pppk.")


class ChainDay(InputSchema):
    date: Day | None = Field(
        None, description="Work out the supervision chain for this day (YYYY-MM-DD); default today."
    )


# --- the caller -------------------------------------------------------------------------------


class MeOut(Schema):
    username: str = Field(description="The login name.")
    full_name: str = Field(description="The login's display name.")
    roles: list[Role] = Field(
        description="Roles held now: pegawai and atasan follow from posts; admin_unit, "
        "bkpsdm_admin, pimpinan and auditor are granted."
    )
    primary_role: Role | None = Field(description="The role whose home page the caller sees first.")
    admin_unit_ids: list[int] = Field(description="Units the caller administers (admin unit).")
    agency: AgencyOut | None = Field(description="The caller's regional government.")
    employee: EmployeeOut | None = Field(
        description="The caller's own employee record with full NIP; null for logins without one "
        "(e.g. the regional head's office)."
    )
