"""Who acts in a service call: the one convention every app's services follow.

Services take `actor`: a Viewer (views and the API pass `request.viewer`), a User (turned into a
Viewer), or None for the system (imports, demo data, tasks), which skips permission checks.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kinerja.accounts.viewer import Viewer, build_viewer
from kinerja.core.errors import PermissionDeniedError


def as_viewer(actor) -> Viewer | None:
    """A Viewer for the actor; None for the system (imports, demo data, tasks)."""
    if actor is None or isinstance(actor, Viewer):
        return actor
    return build_viewer(actor)


def audit_actor(actor):
    """The user recorded in the audit trail (None for the system)."""
    viewer = as_viewer(actor)
    return None if viewer is None else viewer.user


def actor_user_id(actor) -> int | None:
    user = audit_actor(actor)
    return getattr(user, "pk", None)


def require(actor, allowed, message: str | None = None) -> Viewer | None:
    """Check a permission predicate unless the system acts; return the viewer.

    ``allowed`` is called with the viewer so that no query runs for the system.
    """
    viewer = as_viewer(actor)
    if viewer is not None and not allowed(viewer):
        raise PermissionDeniedError(message or _("You may not do this."))
    return viewer
