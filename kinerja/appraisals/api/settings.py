"""The agency's evaluation settings through the API, as on the settings page: whose
evaluations the distribution pattern counts. BKPSDM's alone (others 403), read and changed
through the audited service.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from kinerja.api.schemas import BodyIn, responses
from kinerja.appraisals import permissions, selectors, services
from kinerja.appraisals.rules import DistributionBase

router = Router()


class AppraisalSettingsOut(Schema):
    distribution_base: DistributionBase = Field(
        description=(
            "Whose evaluations the distribution pattern counts: rater (those of one rater in "
            "the period, as the regulation says) or unit (every employee of the unit kerja "
            "under the same organisation predikat)."
        )
    )


class AppraisalSettingsIn(BodyIn):
    distribution_base: DistributionBase = Field(
        description="rater (one rater's evaluations) or unit (the whole unit kerja)."
    )


class AppraisalSettingsPatchIn(BodyIn):
    distribution_base: DistributionBase | None = Field(
        None, description="rater or unit; left out: unchanged."
    )


def _settings_keeper(viewer) -> None:
    if not permissions.can_open_evaluations(viewer, viewer.agency_id):
        raise PermissionDenied(_("Only BKPSDM keeps the agency's evaluation settings."))


def _settings(viewer) -> dict:
    return {"distribution_base": selectors.distribution_base(viewer.agency_id)}


def _update(viewer, distribution_base: str) -> dict:
    services.appraisal_settings_update(
        actor=viewer, agency_id=viewer.agency_id, distribution_base=distribution_base
    )
    return _settings(viewer)


@router.get(
    "/appraisals/settings",
    response=responses(AppraisalSettingsOut, 403),
    operation_id="appraisals_settings_detail",
    summary="The agency's evaluation settings (BKPSDM)",
)
def settings_detail(request):
    _settings_keeper(request.viewer)
    return _settings(request.viewer)


@router.put(
    "/appraisals/settings",
    response=responses(AppraisalSettingsOut, 400, 403),
    operation_id="appraisals_settings_replace",
    summary="Set the agency's evaluation settings (BKPSDM; audited)",
)
def settings_replace(request, payload: AppraisalSettingsIn):
    """Warnings already recorded on finalised evaluations stay as they were; the desk and new
    ratings count the new way."""
    return _update(request.viewer, payload.distribution_base)


@router.patch(
    "/appraisals/settings",
    response=responses(AppraisalSettingsOut, 400, 403),
    operation_id="appraisals_settings_update",
    summary="Change some of the agency's evaluation settings (BKPSDM; audited)",
)
def settings_update(request, payload: AppraisalSettingsPatchIn):
    viewer = request.viewer
    if payload.distribution_base is None:
        _settings_keeper(viewer)
        return _settings(viewer)
    return _update(viewer, payload.distribution_base)
