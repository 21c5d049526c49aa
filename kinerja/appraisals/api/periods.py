"""The agency's evaluation periods through the API, as on the periods page.

BKPSDM, pimpinan and auditors read each period's progress; others of the agency get 403, a
period of another agency 404. BKPSDM opens a period's evaluations: refused as the page refuses
(403, or 400 before the period's window starts), else queued as the same background task and
answered 202 with the period to follow.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kinerja.api.pagination import LimitOffset
from kinerja.api.schemas import responses
from kinerja.api.types import Id
from kinerja.appraisals import permissions, selectors, tasks
from kinerja.appraisals.models import EvaluationStatus

router = Router()

# --- shapes -----------------------------------------------------------------------------------


class AppraisalPeriodCountsOut(Schema):
    """How many of the period's evaluations stand at each step."""

    open: int = Field(description="To be rated.")
    rated: int = Field(description="Rated, not finalised yet.")
    finalised: int = Field(description="Finalised, not signed yet.")
    signed: int = Field(description="Signed and handed to the employee.")
    acknowledged: int = Field(description="Received by the employee.")
    completed: int = Field(description="Signed by the employee.")


class AppraisalPeriodOut(Schema):
    id: int = Field(alias="period.pk", description="Id of the period.")
    kind: str = Field(alias="period.kind", description="month, quarter or year.")
    number: int = Field(
        alias="period.number", description="1-12 for a month, 1-4 for a quarter, 1 for the year."
    )
    label: str = Field(alias="period.label", description="The period as written.")
    year: int = Field(alias="period.performance_year.year", description="The performance year.")
    is_annual: bool = Field(
        alias="period.is_annual", description="The annual evaluation (siklus penuh)."
    )
    start_date: datetime.date = Field(alias="period.start_date", description="First day.")
    end_date: datetime.date = Field(alias="period.end_date", description="Last day.")
    window_start: datetime.date = Field(
        description="First day on which BKPSDM may open the period's evaluations."
    )
    rater_deadline: datetime.date = Field(
        alias="deadlines.rater", description="Last day for the rater to evaluate."
    )
    superior_deadline: datetime.date = Field(
        alias="deadlines.superior",
        description="Last day for the rater's superior, who takes over after the rater's.",
    )
    opened: int = Field(description="Evaluations opened in the period, at any step.")
    counts: AppraisalPeriodCountsOut = Field(description="The opened evaluations per step.")
    keberatan_open: int = Field(description="Keberatan on the period's evaluations not decided.")
    may_open: bool = Field(description="The caller may open the period's evaluations today.")

    @staticmethod
    def resolve_counts(obj):
        return {status: obj.counts.get(status, 0) for status in EvaluationStatus.values}


class AppraisalPeriodOpeningOut(Schema):
    detail: str = Field(description="What was started, in the caller's language.")
    progress_url: str = Field(
        description="Where to follow the opening: the period, whose counts grow as it runs."
    )
    period: AppraisalPeriodOut = Field(description="The period as it stood when queued.")


# --- periods ----------------------------------------------------------------------------------


def _readable(viewer) -> None:
    if not permissions.can_read_periods(viewer):
        raise PermissionDenied(_("Only BKPSDM, pimpinan and auditors read the evaluation periods."))


@router.get(
    "/appraisals/periods",
    response=responses(list[AppraisalPeriodOut], 403),
    operation_id="appraisals_periods_list",
    summary="The agency's evaluation periods with their progress (BKPSDM, pimpinan, auditors)",
)
@paginate(LimitOffset)
def period_list(request):
    """The periods of the agency's latest two performance years, newest first, as on the
    periods page: the evaluations opened per step and the keberatan still to decide."""
    _readable(request.viewer)
    return selectors.periods_progress(request.viewer)


@router.get(
    "/appraisals/periods/{period_id}",
    response=responses(AppraisalPeriodOut, 403, 404),
    operation_id="appraisals_periods_detail",
    url_name="appraisals_periods_detail",
    summary="One evaluation period with its progress (BKPSDM, pimpinan, auditors)",
)
def period_detail(request, period_id: Id):
    viewer = request.viewer
    _readable(viewer)
    return selectors.period_progress(viewer, selectors.get_period(viewer, period_id))


@router.post(
    "/appraisals/periods/{period_id}/open",
    response=responses(AppraisalPeriodOpeningOut, 400, 403, 404, ok=202),
    operation_id="appraisals_periods_open",
    summary="Open a period's evaluations in the background (BKPSDM, from the period's window)",
)
def period_open(request, period_id: Id, response: HttpResponse):
    """For every employee with a plan in force, as the page's button does; running it again
    adds only the employees who came since. 202: follow `progress_url` (also the `Location`
    header) until the counts stop growing."""
    viewer = request.viewer
    period = tasks.period_open_start(
        actor=viewer,
        period=selectors.get_period(viewer, period_id),
        language=translation.get_language() or "",
    )
    url = reverse("api:appraisals_periods_detail", kwargs={"period_id": period.pk})
    response["Location"] = url
    message = _(
        "The evaluations of %(period)s are being opened in the background for every employee "
        "with a plan in force; the period's counts grow as they are written."
    ) % {"period": period.label}
    progress = selectors.period_progress(viewer, period)
    return Status(202, {"detail": message, "progress_url": url, "period": progress})
