"""Reads of import jobs, scoped to the viewer: only the agency's BKPSDM admins see them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kinerja.org.models import ImportJob


def import_jobs_visible_to(viewer) -> QuerySet[ImportJob]:
    if not viewer.is_authenticated or not viewer.can_import:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(agency_id=viewer.agency_id).select_related("created_by")


def get_import_job(viewer, pk: int) -> ImportJob:
    job = import_jobs_visible_to(viewer).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job
