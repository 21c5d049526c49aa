"""Django's database sessions, with the read that every request makes compiled once.

Set as SESSION_ENGINE. Everything else (saving, expiry, clearing) is Django's own.
"""

from __future__ import annotations

import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from kinerja.core.queries import Prepared

_live_session = Prepared(
    lambda session_key, now: Session.objects.filter(session_key=session_key, expire_date__gt=now)[
        :1
    ],
    session_key=str,
    now=datetime.datetime,
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        found = (
            _live_session(session_key=self.session_key, now=timezone.now())
            if self.session_key
            else []
        )
        if found:
            return found[0]
        self._session_key = None
        return None
