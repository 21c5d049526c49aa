"""The publishing side of the portal (login): the agency's periods and their state, publishing
a period after confirming, a publication's versions with the correction form and the PDF of
each version, and the agency's portal settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from kinerja.core.errors import SERVICE_ERRORS
from kinerja.core.forms import copy_errors
from kinerja.portal import documents, permissions
from kinerja.portal.forms import CorrectionForm, PublishForm, SettingsForm
from kinerja.portal.selectors import staff as selectors
from kinerja.portal.services import publishing
from kinerja.portal.services import settings as settings_services
from kinerja.portal.services.snapshot import portal_settings


def _require_publisher(viewer) -> None:
    if not permissions.can_publish(viewer):
        raise PermissionDenied


def _blocker_words(blockers) -> list[str]:
    return [str(publishing.BLOCKER_MESSAGES[b]) for b in blockers]


@login_required
def periods_view(request):
    viewer = request.viewer
    _require_publisher(viewer)
    states = selectors.period_states(viewer)
    for state in states:
        state.blocker_words = _blocker_words(state.blockers)
    context = {"states": states, "can_edit_settings": permissions.can_edit_settings(viewer)}
    return render(request, "portal/staff/periods.html", context)


@login_required
def publish_view(request, pk: int):
    """Confirm, then publish a period for the first time (irreversible)."""
    viewer = request.viewer
    period = selectors.get_period(viewer, pk)
    _require_publisher(viewer)
    publication = selectors.publication_of(period)
    if publication is not None:
        return redirect("portal_staff:publication", publication.pk)
    blockers = selectors.blockers_of(period)
    status = 200
    if request.method == "POST":
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                version = publishing.publication_publish(actor=viewer, period=period)
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The period's figures are published on the portal."))
                return redirect("portal_staff:publication", version.publication_id)
        status = 400
    else:
        form = PublishForm()
    context = {
        "period": period,
        "form": form,
        "blocker_words": _blocker_words(blockers),
        "minimum_group": portal_settings(period.performance_year.agency).minimum_group,
    }
    return render(request, "portal/staff/publish.html", context, status=status)


@login_required
def publication_view(request, pk: int):
    """A publication's versions, newest first, and the correction form."""
    viewer = request.viewer
    publication = selectors.get_publication(viewer, pk)
    if not permissions.can_read_publications(viewer):
        raise PermissionDenied
    versions = selectors.publication_versions(publication)
    current = versions[0]
    status = 200
    if request.method == "POST":
        _require_publisher(viewer)
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                publishing.publication_correct(
                    actor=viewer,
                    publication=publication,
                    reason=form.cleaned_data["reason"],
                    corrects=form.cleaned_data["corrects"],
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The correction is published as a new version."))
                return redirect("portal_staff:publication", publication.pk)
        status = 400
    else:
        form = CorrectionForm(initial={"corrects": current.version})
    context = {
        "publication": publication,
        "period": publication.period,
        "versions": versions,
        "current": current,
        "form": form,
        "can_publish": permissions.can_publish(viewer),
        "blocker_words": _blocker_words(selectors.blockers_of(publication.period)),
    }
    return render(request, "portal/staff/publication.html", context, status=status)


@login_required
def version_pdf_view(request, pk: int, version: int):
    viewer = request.viewer
    found = selectors.get_version(viewer, pk, version)
    if not permissions.can_read_publications(viewer):
        raise PermissionDenied
    return HttpResponse(
        documents.version_pdf(found),
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition_header(
                True, f"{documents.version_filename(found)}.pdf"
            ),
            "Cache-Control": "private, no-store",
        },
    )


@login_required
def settings_view(request):
    viewer = request.viewer
    if not permissions.can_edit_settings(viewer):
        raise PermissionDenied
    agency = viewer.user.agency
    current = portal_settings(agency)
    status = 200
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                settings_services.portal_settings_update(
                    actor=viewer, agency=agency, **form.cleaned_data
                )
            except SERVICE_ERRORS as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("The portal settings are saved."))
                return redirect("portal_staff:periods")
        status = 400
    else:
        form = SettingsForm(
            initial={
                "minimum_group": current.minimum_group,
                "show_signatory_names": current.show_signatory_names,
                "show_unit_predikat": current.show_unit_predikat,
            }
        )
    return render(request, "portal/staff/settings.html", {"form": form}, status=status)
