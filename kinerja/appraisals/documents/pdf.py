"""An evaluation as PDF in the regulation's layouts (PermenPANRB 6/2022, Lampiran formats C.1.x
and D.1.x), rendered offline by WeasyPrint like the SKP.

`dokumen.pdf` prints two documents on separate pages:

- the evaluation form, chosen by the plan the evaluation rests on: C.1.1 for a qualitative plan
  (per RHK: the indicators with target and realisation as a text), C.1.2 for a quantitative JPT
  plan (RHK, IKI, target, realisation, perspective) and C.1.3 for a quantitative plan of an
  administrator or functional official (the leader's RHK it intervenes in, RHK, aspect, IKI,
  target, realisation). Each has the organisation's achievement and its distribution pattern,
  the feedback count per RHK, both ratings with their justifications, the BerAKHLAK values with
  the feedback count per value, and the predikat. The ratings themselves are qualitative in
  Kinerja for every plan: the quantitative forms add the numbers, not a formula. For the head
  of the organisation the form says the rating of work results follows the unit's achievement
  (SE MenPANRB 3/2023);
- the summary document: D.1.1, signed by the rater, or D.1.2 when the rater's superior
  evaluated after the rater's deadline (`set_by_superior`, Lampiran p.90 item 11 and p.115).

`keberatan.pdf` is D.1.3: the keberatan, the rater's explanation and the superior's decision.

A document is printed for a viewer: NIPs are full only where that viewer may see them
(`kinerja.org.personal_data`), as on the pages. Labels are translatable; Indonesian by default.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kinerja.appraisals import selectors
from kinerja.appraisals.models import HANDED_OVER, Evaluation, Keberatan
from kinerja.org.personal_data import PersonalData
from kinerja.reports.pdf import html_to_document
from kinerja.skp import rules as skp_rules
from kinerja.skp.berakhlak import CoreValue
from kinerja.skp.documents.pdf import Party, behaviours, employee_party, sections

EVALUATION_TEMPLATE = "appraisals/documents/evaluation.html"
KEBERATAN_TEMPLATE = "appraisals/documents/keberatan.html"

QUALITATIVE_FORM, JPT_FORM, NON_JPT_FORM = "C.1.1", "C.1.2", "C.1.3"
FORM_TITLES = {
    QUALITATIVE_FORM: _("WORK RESULTS, QUALITATIVE APPROACH"),
    JPT_FORM: _("WORK RESULTS, QUANTITATIVE APPROACH, FOR HIGH LEADERSHIP OFFICIALS"),
    NON_JPT_FORM: _(
        "WORK RESULTS, QUANTITATIVE APPROACH, FOR ADMINISTRATORS AND FUNCTIONAL OFFICIALS"
    ),
}
SUMMARY_BY_RATER, SUMMARY_BY_SUPERIOR, KEBERATAN_FORM = "D.1.1", "D.1.2", "D.1.3"


def evaluation_form(plan) -> str:
    """C.1.1 for a qualitative plan; C.1.2 (JPT) or C.1.3 (others) for a quantitative one."""
    if plan.approach == skp_rules.QUALITATIVE:
        return QUALITATIVE_FORM
    return JPT_FORM if plan.form == skp_rules.FORM_JPT else NON_JPT_FORM


def summary_form(evaluation: Evaluation) -> str:
    return SUMMARY_BY_SUPERIOR if evaluation.set_by_superior else SUMMARY_BY_RATER


def _post_in_label(label: str) -> str:
    """The post in a label "Name (Post)", as the evaluation froze it."""
    _name, opening, rest = label.partition(" (")
    return rest[:-1] if opening and rest.endswith(")") else ""


def _name_in_label(label: str) -> str:
    return label.partition(" (")[0]


def _official(employee, label: str, agency, personal: PersonalData, title) -> Party:
    """The rater or the rater's superior of record; the regional head when none is named."""
    if employee is None:
        return Party(
            name=agency.head_name or _name_in_label(label) or agency.head_title,
            position=agency.head_title,
            unit=agency.name,
            title=title,
        )
    return Party(
        name=employee.full_name,
        nip=personal.nip(employee),
        grade=employee.get_grade_display(),
        position=_post_in_label(label),
        title=title,
    )


def parties(evaluation: Evaluation, plan, personal: PersonalData) -> dict[str, Party]:
    personal.preload([evaluation.employee, evaluation.rater, evaluation.rater_superior])
    rater = _official(evaluation.rater, evaluation.rater_label, plan.agency, personal, _("Rater"))
    if evaluation.rater is not None and plan.rater_id == evaluation.rater_id:
        position = plan.rater_position
        rater.position = position.name if position else rater.position
        rater.unit = position.unit.name if position else ""
    superior = _official(
        evaluation.rater_superior,
        evaluation.rater_superior_label,
        plan.agency,
        personal,
        _("Rater's superior"),
    )
    employee = employee_party(plan, personal)
    employee.title = _("Employee evaluated")
    return {
        "employee": employee,
        "rater": rater,
        "superior": superior,
        "signer": superior if evaluation.set_by_superior else rater,
    }


def result_sections(document: selectors.EvaluationDocument) -> list:
    """The plan's RHK (main first) with each indicator's realisation and the feedback count."""
    result = sections(document.plan)
    for section in result:
        for row in section.rows:
            row.lines = [
                (indicator, aspect, document.realisations.get(indicator.key))
                for indicator, aspect in row.indicators
            ]
            row.feedback = document.feedback_per_rhk.get(row.rhk.key, 0)
    return result


def behaviour_rows(document: selectors.EvaluationDocument) -> list[dict]:
    rows = behaviours(document.plan)
    for row, value in zip(rows, CoreValue, strict=True):
        row["feedback"] = document.feedback_per_value.get(value.value, 0)
    return rows


def _common(evaluation: Evaluation, plan, personal, printed_on) -> dict:
    return {
        "evaluation": evaluation,
        "plan": plan,
        "agency": plan.agency,
        "place": plan.agency.region_name,
        "printed_on": printed_on,
        **parties(evaluation, plan, personal),
    }


def evaluation_context(
    document: selectors.EvaluationDocument,
    *,
    personal: PersonalData,
    printed_on: datetime.date | None = None,
) -> dict:
    evaluation, plan = document.evaluation, document.plan
    form = evaluation_form(plan)
    keberatan = document.keberatan
    return {
        **_common(evaluation, plan, personal, printed_on),
        "form_number": form,
        "form_title": FORM_TITLES[form],
        "quantitative": form != QUALITATIVE_FORM,
        "is_jpt_form": form == JPT_FORM,
        "summary_number": summary_form(evaluation),
        "sections": result_sections(document),
        "behaviours": behaviour_rows(document),
        "pattern": selectors.pattern_of(evaluation.org_predikat),
        "draft": evaluation.status not in HANDED_OVER,
        "recommendations": keberatan.recommendations
        if keberatan is not None and keberatan.is_decided
        else "",
    }


def keberatan_context(
    keberatan: Keberatan, *, personal: PersonalData, printed_on: datetime.date | None = None
) -> dict:
    from kinerja.skp.selectors.documents import document_plan

    evaluation = keberatan.evaluation
    plan = document_plan(evaluation.plan)
    return {
        **_common(evaluation, plan, personal, printed_on),
        "form_number": KEBERATAN_FORM,
        "keberatan": keberatan,
        "changed": keberatan.decision == "change",
        "draft": not keberatan.is_decided,
    }


def _personal(viewer) -> PersonalData:
    return viewer if isinstance(viewer, PersonalData) else PersonalData(viewer)


def render_evaluation_html(document, *, viewer, printed_on=None) -> str:
    context = evaluation_context(document, personal=_personal(viewer), printed_on=printed_on)
    return render_to_string(EVALUATION_TEMPLATE, context)


def render_keberatan_html(keberatan, *, viewer, printed_on=None) -> str:
    context = keberatan_context(keberatan, personal=_personal(viewer), printed_on=printed_on)
    return render_to_string(KEBERATAN_TEMPLATE, context)


def render_evaluation_pdf(document, *, viewer, printed_on=None) -> bytes:
    html = render_evaluation_html(document, viewer=viewer, printed_on=printed_on)
    return html_to_document(html).write_pdf()


def render_keberatan_pdf(keberatan, *, viewer, printed_on=None) -> bytes:
    html = render_keberatan_html(keberatan, viewer=viewer, printed_on=printed_on)
    return html_to_document(html).write_pdf()


def evaluation_filename(evaluation: Evaluation, prefix: str = "Evaluasi") -> str:
    """A file name without the NIP (it would end up in logs and browser histories)."""
    name = slugify(evaluation.employee.name)[:60] or "pegawai"
    period = slugify(evaluation.period.label)[:30] or str(evaluation.period_id)
    return f"{prefix}-{evaluation.year}-{period}-{name}-{evaluation.pk}.pdf"
