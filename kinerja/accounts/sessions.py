"""Keeping the list of a user's signed-in browsers up to date.

The row of a session is written when the session first carries a signed-in user and touched at
most every few minutes after that, so that most requests write nothing.
"""

from __future__ import annotations

import time

from kinerja.accounts import services
from kinerja.core.http import client_address

TOUCH_EVERY_SECONDS = 300
SEEN_KEY = "_kinerja_seen"


class SessionTrackingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or session is None or not user.is_authenticated:
            return response
        now = time.time()
        seen = session.get(SEEN_KEY)
        key = session.session_key
        if key and (
            not isinstance(seen, list) or seen[0] != key or now - seen[1] > TOUCH_EVERY_SECONDS
        ):
            services.user_session_touch(
                user=user,
                session_key=key,
                ip_address=client_address(request),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
            session[SEEN_KEY] = [key, now]
        return response
