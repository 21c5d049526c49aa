"""Helpers shared by the SKP plan pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from kinerja.skp import permissions, rules

STATUS_BADGES = {
    rules.DRAFT: "badge-muted",
    rules.DIALOGUE: "",
    rules.SUBMITTED: "badge-warn",
    rules.RETURNED: "badge-danger",
    rules.SET: "badge-ok",
    rules.SUPERSEDED: "badge-muted",
    rules.CLOSED: "badge-muted",
}


def error_messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


def deadline_facts(skp, today) -> dict:
    """The deadline to set the plan and the days left, while it is not set yet."""
    if skp.is_final:
        return {"deadline": None, "days_left": None, "days_late": None}
    left = rules.days_left(today, skp.deadline)
    return {"deadline": skp.deadline, "days_left": left, "days_late": -left if left < 0 else 0}


def refuse_change(request, skp):
    """403 for a plan the viewer may read but not change, saying why and where to go."""
    viewer = request.viewer
    if not (permissions.is_owner(viewer, skp) or permissions.is_rater(viewer, skp)):
        raise PermissionDenied(_("You may not change this SKP."))
    if skp.is_final or not skp.is_latest:
        reason = _("This SKP has been set and cannot be changed; start a new version instead.")
    else:
        reason = _("This SKP is waiting for the rater's decision and cannot be changed now.")
    context = {
        "skp": skp,
        "reason": reason,
        "can_revise": permissions.can_revise(viewer, skp),
    }
    return render(request, "skp/plan/not_editable.html", context, status=403)
