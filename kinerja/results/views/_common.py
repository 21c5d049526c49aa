"""Helpers shared by the pages of the results app."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render

from kinerja.core.files import clean_filename
from kinerja.results import selectors
from kinerja.results.forms import RealisationForm, SemesterForm


def error_text(error) -> str:
    messages_ = getattr(error, "messages", None)
    return " ".join(messages_) if messages_ else str(error)


def plain(value) -> str:
    """A stored number as the employee typed it: no trailing zeros, a decimal comma."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


def period_page(request, employee, period, *, bound=None, study_form=None, status=200):
    viewer = request.viewer
    page = selectors.period_page(viewer, employee, period)
    if page.study is not None:
        page.study.form = study_form or SemesterForm(
            initial={"semester": page.study.next_semester}, auto_id="id_study_%s"
        )
    for row in page.rows:
        key = row.indicator.key
        if bound is not None and bound.data.get("indicator_key") == str(key):
            row.form = bound
        else:
            r = row.realisation
            initial = {"indicator_key": key}
            if r is not None:
                initial.update(value=plain(r.value), text=r.text)
            row.form = RealisationForm(initial=initial, auto_id=f"id_{key}_%s")
    return render(request, "results/realisations/period.html", {"page": page}, status=status)


def file_response(evidence):
    if not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=clean_filename(evidence.original_name),
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
