"""Writes of the survey: one module per area, each service checking its permission, choosing
what it is given, validating, writing in one transaction and recording one audit event."""

from kinerja.surveys.services.responses import (
    PROFILE_CHOICES,
    SubmissionRefused,
    point_lookup,
    point_missed,
    response_submit,
)
from kinerja.surveys.services.setup import (
    point_create,
    point_update,
    service_create,
    service_update,
    service_users_import,
    service_users_set,
)

__all__ = [
    "PROFILE_CHOICES",
    "SubmissionRefused",
    "point_create",
    "point_lookup",
    "point_missed",
    "point_update",
    "response_submit",
    "service_create",
    "service_update",
    "service_users_import",
    "service_users_set",
]
