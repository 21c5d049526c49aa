"""Rate limits of the public complaint pages, as careful as the login's (accounts.throttle).

- filing: at most FILE_PER_ADDRESS complaints an hour from one client address (or IPv6 /64)
  and FILE_PER_DEVICE from one browser (a signed cookie given with the form; the public API,
  which has no form, starts the browser's counter with its first filing and gives the cookie
  with its answer), so that one person cannot flood a unit's inbox while an office sharing
  one address still can file;
- tracking: at most TRACK_FAILURES_PER_ADDRESS lookups of a code that names no case an hour
  from one address: the codes cannot be guessed (23^10 of them), and a citizen who mistypes
  theirs is not blocked by their successful lookups.

Counters are fixed one-hour windows keyed by HMACs under the secret key: the table holds no
address. `clock` is the time as the counters see it; tests replace it instead of sleeping.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from kinerja.complaints.models import PublicCounter
from kinerja.core.http import client_address

FILE_PER_ADDRESS = 10
FILE_PER_DEVICE = 3
TRACK_FAILURES_PER_ADDRESS = 20
WINDOW = datetime.timedelta(hours=1)
DEVICE_COOKIE = "kinerja_pengaduan"
_DEVICE_SALT = "kinerja.complaints.throttle.device"
_KEY_SALT = "kinerja.complaints.throttle.key"
_NEW_DEVICE = "complaints_new_device"  # the request attribute of a key given by start_device

clock = timezone.now


def _key(*parts: str) -> str:
    return salted_hmac(_KEY_SALT, "\x1f".join(parts), algorithm="sha256").hexdigest()


def _window() -> datetime.datetime:
    now = clock()
    return now.replace(minute=0, second=0, microsecond=0)


def _cookie_device(request) -> str | None:
    raw = request.COOKIES.get(DEVICE_COOKIE) if request is not None else None
    if not raw:
        return None
    try:
        value = signing.loads(raw, salt=_DEVICE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None


def device_of(request) -> str | None:
    """The browser's key: from its signed cookie, or the one `start_device` gave it now."""
    return _cookie_device(request) or getattr(request, _NEW_DEVICE, None)


def start_device(request) -> None:
    """Give a client without a device cookie its key now, so that this request counts on it
    (the API's first filing; the page gives the cookie with the form instead)."""
    if device_of(request) is None:
        setattr(request, _NEW_DEVICE, secrets.token_urlsafe(16))


def give_device_cookie(request, response) -> None:
    """The browser's own counter for filing: given with the form, kept for a day."""
    if _cookie_device(request) is not None:
        return
    device = getattr(request, _NEW_DEVICE, None) or secrets.token_urlsafe(16)
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(device, salt=_DEVICE_SALT),
        max_age=24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _keys(request, action: str) -> list[tuple[str, str, int]]:
    address = client_address(request)
    if action == "file":
        keys = [("file-address", _key("file-address", address), FILE_PER_ADDRESS)]
        device = device_of(request)
        if device is not None:
            keys.append(("file-device", _key("file-device", device), FILE_PER_DEVICE))
        return keys
    return [("track-address", _key("track-address", address), TRACK_FAILURES_PER_ADDRESS)]


def blocked(request, action: str) -> bool:
    """Whether this client used up its allowance of `action` ("file" or "track") this hour."""
    window = _window()
    for scope, key, limit in _keys(request, action):
        found = PublicCounter.objects.filter(scope=scope, key=key, window_start=window).first()
        if found is not None and found.count >= limit:
            return True
    return False


@transaction.atomic
def count(request, action: str) -> None:
    """Count one use of `action` by this client; old windows are forgotten."""
    window = _window()
    PublicCounter.objects.filter(window_start__lt=window - WINDOW).delete()
    for scope, key, _limit in _keys(request, action):
        row, created = PublicCounter.objects.get_or_create(
            scope=scope, key=key, window_start=window, defaults={"count": 1}
        )
        if not created:
            PublicCounter.objects.filter(pk=row.pk).update(count=F("count") + 1)
