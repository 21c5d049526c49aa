"""Keeping the list of a user's signed-in browsers up to date.

The login page records the session it opens (`record_signed_in_session`); after that the
session's row is touched at most every few minutes, so that most requests write nothing.
"""

from __future__ import annotations

import time

from kinerja.accounts import services
from kinerja.core.http import client_address

TOUCH_EVERY_SECONDS = 300
SEEN_KEY = "_kinerja_seen"


def record_signed_in_session(request) -> None:
    """Called by the login view once the user is signed in and the session key is new."""
    request.session.save()  # the key exists only once the session is saved
    _touch(request, request.user)


def _touch(request, user) -> None:
    services.user_session_touch(
        user=user,
        session_key=request.session.session_key,
        ip_address=client_address(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    request.session[SEEN_KEY] = [request.session.session_key, time.time()]


class SessionTrackingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is None or user is None or not user.is_authenticated:
            return response
        seen = session.get(SEEN_KEY)
        if (
            isinstance(seen, list)
            and seen[0] == session.session_key
            and time.time() - seen[1] > TOUCH_EVERY_SECONDS
        ):
            _touch(request, user)
        return response
