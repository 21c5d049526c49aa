"""An SKP as PDF in the regulation's layout (PermenPANRB 6/2022, Lampiran formats A.1.1, A.1.2,
A.1.6, A.1.7 and the annex A.1.8), rendered offline by WeasyPrint like the reports.

The labels of the form stay in Indonesian: it is the regulation's form. The plan must be loaded
with `selectors_documents.document_plans` (RHK with `indicator_list`, `behaviour_list`).

A plan is printed for a viewer: the NIPs of the employee and the rater are printed in full only
where that viewer may see them (`kinerja.org.personal_data`), masked otherwise, as on the pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from kinerja.org.personal_data import PersonalData
from kinerja.reports.pdf import html_to_document
from kinerja.skp import rules
from kinerja.skp.berakhlak import BEHAVIOUR_GUIDES, CoreValue
from kinerja.skp.models import Skp

TEMPLATE = "skp/documents/skp.html"

FORM_NUMBERS = {
    (rules.FORM_JPT, rules.QUALITATIVE): "A.1.1",
    (rules.FORM_JPT, rules.QUANTITATIVE): "A.1.2",
    (rules.FORM_NON_JPT, rules.QUALITATIVE): "A.1.6",
    (rules.FORM_NON_JPT, rules.QUANTITATIVE): "A.1.7",
}
APPROACH_TITLES = {
    rules.QUALITATIVE: "PENDEKATAN HASIL KERJA KUALITATIF",
    rules.QUANTITATIVE: "PENDEKATAN HASIL KERJA KUANTITATIF",
}
FORM_SUBTITLES = {
    rules.FORM_JPT: "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
    rules.FORM_NON_JPT: "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
}
# The regulation's own words, independent of the interface language.
PERSPECTIVES = {
    "penerima_layanan": "Perspektif Penerima Layanan",
    "proses_bisnis": "Perspektif Proses Bisnis",
    "penguatan_internal": "Perspektif Penguatan Internal",
    "anggaran": "Perspektif Anggaran",
}
CONTROL_LEVELS = {
    "outcome": "Outcome",
    "outcome_antara": "Outcome antara",
    "output_rendah": "Output kendali rendah",
    "output_sedang": "Output kendali sedang",
    "output_tinggi": "Output kendali tinggi",
}
ASPECTS = {"kuantitas": "Kuantitas", "kualitas": "Kualitas", "waktu": "Waktu", "biaya": "Biaya"}
STATUSES = {
    rules.DRAFT: "Konsep",
    rules.DIALOGUE: "Dialog kinerja",
    rules.SUBMITTED: "Diajukan",
    rules.RETURNED: "Dikembalikan",
    rules.SET: "Ditetapkan",
    rules.SUPERSEDED: "Digantikan versi yang lebih baru",
    rules.CLOSED: "Ditutup",
}
# Who signs opposite the employee: the rater, or the rater's superior who set the plan because
# the rater was late (Lampiran p.65 item 5, p.90).
RATER_TITLE = "Pejabat Penilai Kinerja"
RATER_SUPERIOR_TITLE = "Atasan Pejabat Penilai Kinerja"
KIND_SECTIONS = ((rules.UTAMA, "A. UTAMA"), (rules.TAMBAHAN, "B. TAMBAHAN"))
# Plans that were never set print with a watermark: they are not (yet) the official SKP.
UNSET_STATUSES = frozenset({rules.DRAFT, rules.DIALOGUE, rules.SUBMITTED, rules.RETURNED})


@dataclass
class Party:
    """The identity block of the employee or of the rater."""

    name: str
    nip: str = ""
    grade: str = ""
    position: str = ""
    unit: str = ""
    title: str = ""  # the signature block's heading


@dataclass
class RhkRow:
    number: int
    rhk: object
    indicators: list
    intervened: str
    perspective: str
    control_level: str
    assigned_by: str = ""
    intervened_indicator: str = ""

    @property
    def span(self) -> int:
        return max(1, len(self.indicators))

    @property
    def first_indicator(self):
        return self.indicators[0] if self.indicators else None

    @property
    def other_indicators(self) -> list:
        return self.indicators[1:]


@dataclass
class Section:
    title: str
    rows: list[RhkRow] = field(default_factory=list)


def employee_party(skp: Skp, personal: PersonalData) -> Party:
    employee = skp.employee
    return Party(
        name=employee.full_name,
        nip=personal.nip(employee),
        grade=employee.get_grade_display(),
        position=skp.position.name,
        unit=skp.unit.name,
    )


def rater_party(skp: Skp, personal: PersonalData | None = None) -> Party:
    """The pejabat penilai; the regional head of a JPT has no NIP or rank on the form.

    Without `personal` (only the name is wanted) the NIP is left out."""
    if skp.rater is None:
        agency = skp.agency
        return Party(
            name=agency.head_name or skp.rater_label,
            position=agency.head_title,
            unit=agency.name,
        )
    position = skp.rater_position
    return Party(
        name=skp.rater.full_name,
        nip=personal.nip(skp.rater) if personal is not None else "",
        grade=skp.rater.get_grade_display(),
        position=position.name if position else skp.rater_label,
        unit=position.unit.name if position else "",
    )


def signer_party(skp: Skp, personal: PersonalData | None = None) -> Party:
    """Who signs the plan opposite the employee: whoever set it.

    Normally the rater; when the rater's superior set it once the rater was late, that
    superior, with the post held the day it was set (`superior_position`, loaded by
    `document_plans`)."""
    if skp.set_by_role != "rater_superior":
        party = rater_party(skp, personal)
        party.title = RATER_TITLE
        return party
    superior = skp.rater_superior
    if superior is None:  # the regional head, above a JPT's rater, is not an employee
        agency = skp.agency
        return Party(
            name=agency.head_name or skp.rater_superior_label,
            position=agency.head_title,
            unit=agency.name,
            title=RATER_SUPERIOR_TITLE,
        )
    position = getattr(skp, "superior_position", None)
    return Party(
        name=superior.full_name,
        nip=personal.nip(superior) if personal is not None else "",
        grade=superior.get_grade_display(),
        position=position.name if position else _post_in_label(skp.rater_superior_label),
        unit=position.unit.name if position else "",
        title=RATER_SUPERIOR_TITLE,
    )


def _post_in_label(label: str) -> str:
    """The post in a supervisor's label "Name (Post)", as the plan recorded it."""
    _name, opening, rest = label.partition(" (")
    return rest[:-1] if opening and rest.endswith(")") else ""


def intervened_text(rhk) -> str:
    """What the RHK contributes to: a leader's RHK, or the organisation's goal or indicator."""
    if rhk.intervened_rhk_id:
        return rhk.intervened_rhk.text
    if rhk.iku_indicator_id:
        return rhk.iku_indicator.name
    if rhk.iku_goal_id:
        return rhk.iku_goal.statement
    return ""


def intervened_indicator_text(rhk) -> str:
    """The leader's IKI the RHK contributes to, when one is named (Lampiran p.57-59)."""
    if rhk.intervened_rhk_id and rhk.intervened_indicator_id:
        return rhk.intervened_indicator.text
    return ""


def sections(skp: Skp) -> list[Section]:
    # A JPT's RHK come from the agreement with the leader who rates them (Lampiran p.28), so
    # the rater assigned an RHK unless another leader is named.
    default_assigner = rater_party(skp).name if skp.form == rules.FORM_JPT else ""
    result = []
    for kind, title in KIND_SECTIONS:
        section = Section(title)
        for number, rhk in enumerate((r for r in skp.rhk_list if r.kind == kind), start=1):
            section.rows.append(
                RhkRow(
                    number=number,
                    rhk=rhk,
                    indicators=[
                        (indicator, ASPECTS.get(indicator.aspect, ""))
                        for indicator in rhk.indicator_list
                    ],
                    intervened=intervened_text(rhk),
                    intervened_indicator=intervened_indicator_text(rhk),
                    perspective=PERSPECTIVES.get(rhk.perspective, ""),
                    control_level=CONTROL_LEVELS.get(rhk.control_level, ""),
                    assigned_by=rhk.assigned_by_label or default_assigner,
                )
            )
        result.append(section)
    return result


def behaviours(skp: Skp) -> list[dict]:
    """The seven BerAKHLAK values in the regulation's order, with their guides."""
    expectations = {b.value: b.special_expectation for b in skp.behaviour_list}
    return [
        {
            "number": number,
            "name": value.label,
            "guides": BEHAVIOUR_GUIDES[value],
            "expectation": expectations.get(value.value, ""),
        }
        for number, value in enumerate(CoreValue, start=1)
    ]


def annex_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def document_context(
    skp: Skp, *, personal: PersonalData, printed_on: datetime.date | None = None
) -> dict:
    """What the form prints, for the viewer whose `personal` data rule is given."""
    set_on = timezone.localdate(skp.set_at) if skp.set_at else None
    return {
        "skp": skp,
        "form_number": FORM_NUMBERS.get((skp.form, skp.approach), ""),
        "approach_title": APPROACH_TITLES.get(skp.approach, ""),
        "form_subtitle": FORM_SUBTITLES.get(skp.form, ""),
        "is_jpt": skp.form == rules.FORM_JPT,
        "status_label": STATUSES.get(skp.status, skp.status),
        "watermark": "KONSEP" if skp.status in UNSET_STATUSES else "",
        "employee": employee_party(skp, personal),
        "rater": rater_party(skp, personal),
        "signer": signer_party(skp, personal),
        "sections": sections(skp),
        "behaviours": behaviours(skp),
        "annex": {
            "resources": annex_lines(skp.resource_support),
            "accountability": annex_lines(skp.accountability_scheme),
            "consequences": annex_lines(skp.consequences),
        },
        "set_on": set_on,
        "place": skp.agency.region_name,
        "printed_on": printed_on,
    }


def render_html(skp: Skp, *, viewer, printed_on: datetime.date | None = None) -> str:
    personal = viewer if isinstance(viewer, PersonalData) else PersonalData(viewer)
    context = document_context(skp, personal=personal, printed_on=printed_on)
    return render_to_string(TEMPLATE, context)


def render_skp_pdf(skp: Skp, *, viewer, printed_on: datetime.date | None = None) -> bytes:
    """The plan's PDF as printed for `viewer` (a Viewer, or the `PersonalData` of one)."""
    return html_to_document(render_html(skp, viewer=viewer, printed_on=printed_on)).write_pdf()


def skp_filename(skp: Skp) -> str:
    """A file name without the NIP (it would end up in logs and browser histories)."""
    name = slugify(skp.employee.name)[:60] or "pegawai"
    return f"SKP-{skp.year}-{name}-{skp.pk}-v{skp.version}.pdf"
